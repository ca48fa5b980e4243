/**
 * The action, in process with its real HTTP client, against Qovery's OpenAPI spec served by
 * Prism, which nobody here wrote: every
 * request the action sends must be one the spec allows (Prism answers a violation with an error),
 * and the action must hold whatever spec-valid answer Prism makes up. The scripted front only
 * chooses among Prism's answers; every body the action receives comes from Prism.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { SERVICE_LISTS } from '../../src/qovery/bodies.ts'
import { QoveryClient } from '../../src/qovery/client.ts'
import { dispatcherFor } from '../../src/runtime.ts'
import { isRunningState } from '../../src/rules/deployment-request.ts'
import { describeWithSpec, SPEC } from '../../test-support/openapi-spec.ts'
import { type Choice, type Exchange, type Kind, PrismFront, type PrismServer, startPrism } from '../../test-support/prism.ts'
import { expectNothingAfterDeadline } from '../../test-support/assertions.ts'
import { type InProcessRun as ActionRun, runInProcess } from '../../test-support/run-in-process.ts'
import { OUTCOMES } from '../../src/report/outcome-words.ts'
import type { Outcome } from '../../src/rules/outcome.ts'
import { familyOf } from '../../src/rules/request-kind.ts'

const TOKEN = 'qov_prism_contract_secret'
/** The spec's examples, as Prism serves them without `dynamic=true`. */
const EXAMPLE_ENVIRONMENT = '497f6eca-6276-4993-bfeb-53cbbbba6f08'
const EXAMPLE_REQUEST = '148a3057-2743-4d03-aa98-0cf25e555a2b'
const STATIC: Choice = { prefer: 'dynamic=false' }
const DYNAMIC: Choice = { prefer: 'dynamic=true' }
const HISTORY: Choice = { ...DYNAMIC, want: ({ status }) => status === 200 }

const state = (body: unknown): unknown => (body as { state?: unknown } | undefined)?.state
/** The status names a request other than the example's: the queue has moved on. */
const nextRequest = (body: unknown): boolean => {
  const id = (body as { deployment_request_id?: unknown } | undefined)?.deployment_request_id
  return typeof id === 'string' && id !== EXAMPLE_REQUEST
}
const lookupStatus = (body: unknown): unknown => (body as { status?: unknown } | undefined)?.status

const tally = { runs: 0, validated: 0, outcomes: {} as Record<string, number> }

describeWithSpec("the action against Prism serving Qovery's spec", () => {
  let prism: PrismServer
  beforeAll(async () => {
    prism = await startPrism(SPEC)
  }, 90_000)
  afterAll(async () => {
    await prism?.stop()
    process.stdout.write(
      `\nPrism: ${tally.runs} runs, ${tally.validated} requests validated against the spec, outcomes ${JSON.stringify(tally.outcomes)}.\n`
    )
  })

  /** Runs the action through a front that answers with `choose`; checks what holds for every run. */
  async function through(
    choose: (kind: Kind, seen: number, exchanges: Exchange[]) => Choice,
    inputs: Record<string, string>
  ): Promise<{ run: ActionRun; exchanges: Exchange[] }> {
    // Prism's examples and most of its made-up histories fail its own check (see the reads test
    // below): a history is asked for until Prism answers 200, mostly with no entry.
    const front = await new PrismFront(prism.url, (kind, seen, exchanges) =>
      kind === 'history' ? HISTORY : choose(kind, seen, exchanges)
    ).start()
    const run = await runInProcess({
      token: TOKEN,
      'api-url': front.url,
      'poll-interval': '50ms',
      timeout: '20s',
      'request-timeout': '10s',
      ...inputs
    })
    await front.stop()
    const exchanges = front.exchanges
    tally.runs += 1
    tally.validated += exchanges.length
    tally.outcomes[run.outputs.outcome ?? 'none'] = (tally.outcomes[run.outputs.outcome ?? 'none'] ?? 0) + 1
    // Prism accepted every request: no error of its own, and the credential on each.
    expect(
      exchanges
        .filter((exchange) => exchange.prismError !== undefined)
        .map((exchange) => `${exchange.method} ${exchange.path}${exchange.search}: ${exchange.prismError}`)
    ).toEqual([])
    expect(exchanges.every((exchange) => exchange.authorization === `Token ${TOKEN}`)).toBe(true)
    expect(exchanges.some((exchange) => exchange.kind === 'other')).toBe(false)
    expectNoToken(run)
    return { run, exchanges }
  }

  const kinds = (exchanges: Exchange[]) => exchanges.map((exchange) => exchange.kind)

  it('by id: reads side by side, cancels through the environment, and follows the request to its end', async () => {
    const { run, exchanges } = await through(
      // The reads after the cancel's answer find the request canceled; any before it, the example's.
      (kind, _seen, sofar) =>
        kind === 'status' && sofar.some((exchange) => exchange.kind === 'cancel')
          ? { ...DYNAMIC, want: ({ body }) => state(body) === 'CANCELED' && nextRequest(body) }
          : kind === 'lookup'
            ? { ...DYNAMIC, want: ({ body }) => lookupStatus(body) === 'CANCELED' }
            : STATIC,
      { 'environment-id': EXAMPLE_ENVIRONMENT }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': EXAMPLE_REQUEST })
    // The status and the queue, with the records of what runs (its services, its history), side by side; then the cancel.
    const arrived = kinds([...exchanges].sort((one, other) => one.arrival - other.arrival))
    expect(arrived.slice(0, 4).sort()).toEqual(['history', 'queue', 'status', 'statuses'])
    // Prism validates every exchange: on a loaded machine the status may be over 2 s old by the time
    // the slowest read answers, and is then read once more before the cancel leaves on its word.
    expect(['', 'status']).toContain(arrived.slice(4, arrived.indexOf('cancel')).join(' '))
    expect(kinds(exchanges)).toEqual(expect.arrayContaining(['lookup']))
    const cancel = exchanges.find((exchange) => exchange.kind === 'cancel')!
    expect(JSON.parse(cancel.requestBody)).toEqual({ force_cancel: false })
    expect(exchanges.find((exchange) => exchange.kind === 'lookup')!.search).toBe(`?deploymentRequestId=${EXAMPLE_REQUEST}`)
  }, 30_000)

  it('with force and wait: false, sends force_cancel: true and stops once accepted', async () => {
    const { run, exchanges } = await through(() => STATIC, { 'environment-id': EXAMPLE_ENVIRONMENT, force: 'true', wait: 'false' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('requested')
    expect(JSON.parse(exchanges.find((exchange) => exchange.kind === 'cancel')!.requestBody)).toEqual({ force_cancel: true })
  }, 30_000)

  it('by names: walks the organization, project and environment lists', async () => {
    const { run, exchanges } = await through(() => STATIC, {
      organization: 'string',
      project: 'string',
      environment: 'string',
      wait: 'false'
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'requested', 'environment-id': EXAMPLE_ENVIRONMENT })
    expect(kinds(exchanges).slice(0, 3)).toEqual(['list', 'list', 'list'])
  }, 30_000)

  it('with deployment-request-id of a waiting request: the per-request cancel, then the lookup', async () => {
    // Waiting: the status shows another request running, the lookup says it is queued; once canceled, CANCELED.
    const { run, exchanges } = await through(
      (kind, seen) =>
        kind === 'status'
          ? { ...DYNAMIC, want: ({ body }) => nextRequest(body) && isRunningState(String(state(body))) }
          : kind === 'lookup'
            ? {
                ...DYNAMIC,
                want: ({ body }) => (seen === 0 ? /QUEUED$/.test(String(lookupStatus(body))) : lookupStatus(body) === 'CANCELED')
              }
            : STATIC,
      {
        'environment-id': EXAMPLE_ENVIRONMENT,
        'deployment-request-id': EXAMPLE_REQUEST
      }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      'deployment-request-id': EXAMPLE_REQUEST,
      'canceled-request-ids': JSON.stringify([EXAMPLE_REQUEST])
    })
    const cancel = exchanges.find((exchange) => exchange.kind === 'cancel-request')!
    expect(cancel.path).toBe(`/deploymentQueue/${EXAMPLE_REQUEST}/cancelDeployment`)
    expect(JSON.parse(cancel.requestBody)).toEqual({})
    expect(exchanges.some((exchange) => exchange.kind === 'cancel')).toBe(false)
  }, 30_000)

  it('with queued: cancel, cancels each waiting request, then the running one', async () => {
    const { run, exchanges } = await through(
      (kind, seen) =>
        kind === 'queue' && seen === 0
          ? {
              ...DYNAMIC,
              want: ({ body }) =>
                ((body as { results?: Array<{ identifier: { deployment_request_id: string } }> })?.results ?? []).filter(
                  (item) => item.identifier.deployment_request_id !== EXAMPLE_REQUEST
                ).length >= 2
            }
          : STATIC,
      { 'environment-id': EXAMPLE_ENVIRONMENT, queued: 'cancel', wait: 'false', actions: 'all' }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('requested')
    const posts = kinds(exchanges).filter((kind) => kind === 'cancel' || kind === 'cancel-request')
    expect(posts.at(-1)).toBe('cancel')
    expect(posts.filter((kind) => kind === 'cancel-request').length).toBeGreaterThanOrEqual(2)
  }, 30_000)

  it('with a 409 and wait: false, reports the refusal, not an accepted cancel', async () => {
    const { run } = await through((kind) => (kind === 'cancel' ? { prefer: 'code=409' } : STATIC), {
      'environment-id': EXAMPLE_ENVIRONMENT,
      wait: 'false'
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'conflict', canceled: 'false' })
  }, 30_000)

  it("reads the environment, its services' statuses and its deployments as the spec allows, and parses any answer", async () => {
    const dispatcher = dispatcherFor({ route: 'direct' }, () => {})
    const never = new AbortController().signal
    // Prism's own check rejects every history entry with stages it makes up (it writes no
    // `format: duration`, and the details' oneOf admits no application's details, the helm
    // variant requiring nothing): it is asked again until it answers 200, which it does with
    // what it can (mostly no entries). The request is checked all the same.
    const read = async (choice: Choice, rounds: number) => {
      const front = await new PrismFront(prism.url, (kind) => (kind === 'history' ? HISTORY : choice)).start()
      const api = new QoveryClient({
        baseUrl: new URL(front.url),
        authorization: `Token ${TOKEN}`,
        requestTimeoutMs: 10_000,
        deadline: Date.now() + 60_000,
        dispatcher,
        userAgent: 'prism-contract',
        debug: () => undefined,
        now: Date.now
      })
      try {
        const answers = []
        for (let round = 0; round < rounds; round += 1) {
          answers.push(
            await Promise.all([
              api.getEnvironment(EXAMPLE_ENVIRONMENT, never),
              api.getServiceStatuses(EXAMPLE_ENVIRONMENT, never),
              api.getDeploymentHistory(EXAMPLE_ENVIRONMENT, 10, never)
            ])
          )
        }
        return answers
      } finally {
        await front.stop()
        tally.validated += front.exchanges.length
        expect(front.exchanges.filter((exchange) => exchange.prismError !== undefined).map((exchange) => exchange.prismError)).toEqual([])
        expect(front.exchanges.every((exchange) => exchange.status === 200 && exchange.authorization === `Token ${TOKEN}`)).toBe(true)
        expect(front.exchanges.map((exchange) => `${exchange.kind} ${exchange.path}${exchange.search}`).sort()).toEqual(
          Array.from({ length: rounds }, () => [
            `environment /environment/${EXAMPLE_ENVIRONMENT}`,
            `history /environment/${EXAMPLE_ENVIRONMENT}/deploymentHistoryV2?pageSize=10`,
            `statuses /environment/${EXAMPLE_ENVIRONMENT}/statuses`
          ])
            .flat()
            .sort()
        )
      }
    }
    try {
      const [[environment, statuses]] = (await read(STATIC, 1)) as [Awaited<ReturnType<typeof read>>[number]]
      expect(environment).toEqual({
        id: EXAMPLE_ENVIRONMENT,
        name: 'string',
        organizationId: EXAMPLE_ENVIRONMENT,
        projectId: EXAMPLE_ENVIRONMENT,
        mode: 'DEVELOPMENT',
        clusterName: 'string'
      })
      expect(statuses.map((status) => status.type)).toEqual(Object.values(SERVICE_LISTS))
      expect(statuses[0]).toEqual({
        id: EXAMPLE_ENVIRONMENT,
        type: 'APPLICATION',
        state: 'BUILDING',
        action: 'DEPLOY',
        deploymentRequestId: EXAMPLE_REQUEST,
        executionId: 'string',
        isPartOfLastDeployment: true
      })
      // Random spec-valid bodies: every one parsed, into the shapes the action uses.
      for (const [environment, statuses, history] of await read(DYNAMIC, 10)) {
        expect(environment.id).toBe(environment.id.toLowerCase())
        expect(statuses.every((status) => (Object.values(SERVICE_LISTS) as string[]).includes(status.type))).toBe(true)
        expect(history.every((entry) => typeof entry.executionId === 'string' && Array.isArray(entry.stages))).toBe(true)
      }
    } finally {
      await dispatcher.close()
    }
  }, 60_000)

  it('holds whatever spec-valid answers Prism makes up, over 24 dynamic runs', async () => {
    const random = seeded(Number(process.env.PRISM_SEED ?? 20261128))
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const runs = Array.from({ length: 24 }, () => ({
      'environment-id': EXAMPLE_ENVIRONMENT,
      queued: pick(['keep', 'cancel']),
      wait: pick(['true', 'true', 'false']),
      force: pick(['true', 'false']),
      'on-timeout': pick(['fail', 'warn']),
      actions: pick(['deploy', 'deploy, stop', 'all']),
      timeout: '1500ms'
    }))
    for (let batch = 0; batch < runs.length; batch += 8) {
      await Promise.all(
        runs.slice(batch, batch + 8).map(async (inputs) => {
          const { run, exchanges } = await through(() => DYNAMIC, inputs)
          expectDocumentedRule(run, exchanges, inputs)
        })
      )
    }
  }, 120_000)
})

/**
 * The outcome follows the documented rule for what the run saw; the outputs agree with each
 * other; no request went out after the deadline.
 */
function expectDocumentedRule(run: ActionRun, exchanges: Exchange[], inputs: Record<string, string>): void {
  const outcome = run.outputs.outcome as Outcome
  const context = JSON.stringify({
    inputs,
    outcome,
    exit: run.exitCode,
    annotations: run.stdout.split('\n').filter((line) => /^::(error|warning)/.test(line))
  })
  expect([context, Object.keys(OUTCOMES).includes(outcome)]).toEqual([context, true])
  expect(run.stderr).not.toMatch(/Unexpected error|TypeError|ReferenceError/)
  const failing = outcome === 'failed' || outcome === 'interrupted' || (outcome === 'timed-out' && inputs['on-timeout'] === 'fail')
  expect([context, run.exitCode]).toEqual([context, failing ? 1 : 0])
  expect(run.outputs.canceled).toBe(String(outcome === 'canceled'))
  const status = JSON.parse(run.outputs['status-json']!) as unknown
  if (status !== null) expect(state(status)).toBe(run.outputs.state)
  for (const name of ['canceled-request-ids', 'waiting-request-ids', 'services']) expect(() => JSON.parse(run.outputs[name]!)).not.toThrow()
  if (outcome === 'canceled') expect(run.outputs['canceled-request-ids']).not.toBe('[]')
  const posts = exchanges.filter((exchange) => exchange.kind === 'cancel' || exchange.kind === 'cancel-request')
  // A waiting request is canceled only when actions allows its kind, as its queue row names it.
  for (const post of posts.filter((exchange) => exchange.kind === 'cancel-request')) {
    const id = post.path.split('/')[2]
    const row = exchanges
      .filter((exchange) => exchange.kind === 'queue')
      .flatMap(
        (exchange) =>
          (exchange.body as { results?: Array<{ identifier: { deployment_request_id: string }; trigger_action?: string }> })?.results ?? []
      )
      .find((candidate) => candidate.identifier.deployment_request_id.toLowerCase() === id)
    const allowed =
      inputs.actions === 'all' ||
      (row?.trigger_action !== undefined &&
        familyOf(row.trigger_action) !== undefined &&
        inputs.actions!.includes(familyOf(row.trigger_action)!))
    expect([context, id, row?.trigger_action, allowed]).toEqual([context, id, row?.trigger_action, true])
  }
  if (outcome === 'nothing-to-cancel') expect([context, posts]).toEqual([context, []])
  if (outcome === 'requested') expect(posts.some((exchange) => exchange.status >= 200 && exchange.status < 300)).toBe(true)
  if (outcome === 'canceled') {
    const sawCanceled = exchanges.some(
      (exchange) => state(exchange.body) === 'CANCELED' || lookupStatus(exchange.body) === 'CANCELED' || exchange.kind === 'cancel-request'
    )
    expect([context, sawCanceled]).toEqual([context, true])
  }
  expectNothingAfterDeadline(run, inputs.timeout as string)
}

function expectNoToken(run: ActionRun): void {
  const shown = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  for (const where of [shown, run.stderr, JSON.stringify(run.outputs), run.summary]) expect(where).not.toContain(TOKEN)
}

/** A small seeded generator (mulberry32): the same runs every time, another seed on demand. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
