/**
 * Properties of the whole run, over thousands of generated environments: requests running and
 * waiting, cancels that take effect late or never, unknown state names, faults, a lookup that
 * does not know requests. Each run goes through run() on the fake clock against a model of the
 * environment whose true end of every request is known, and is checked against it.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { run } from '../../src/main.ts'
import { FakeClock, FakeIO } from '../../__fixtures__/fakes.ts'
import { type EnvironmentPlan, type ModelFault, QueueModel, type RequestPlan } from '../../__fixtures__/queue-model.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'
import { isKnownEnd } from '../../src/rules/deployment-request.ts'

const TOKEN = 'qov_property_secret_value'
const RUNS = Number(process.env.FC_RUNS ?? 1_000)
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const UNKNOWN_REQUEST = 'ffffffff-0000-4000-8000-000000000000'

/**
 * Each kind of request: the states it goes through (EXECUTING and MIGRATING, a state the action
 * does not know, leave the kind open), and how it ends (ARCHIVED: a state the action does not know).
 */
const KINDS = {
  DEPLOY: { states: ['BUILDING', 'DEPLOYING', 'EXECUTING', 'MIGRATING'], ends: ['DEPLOYED', 'DEPLOYMENT_ERROR', 'ARCHIVED'] },
  RESTART: { states: ['RESTARTING'], ends: ['RESTARTED', 'RESTART_ERROR'] },
  STOP: { states: ['STOPPING', 'EXECUTING'], ends: ['STOPPED', 'STOP_ERROR'] },
  DELETE: { states: ['DELETING', 'EXECUTING'], ends: ['DELETED', 'DELETE_ERROR'] },
  UNKNOWN: { states: ['EXECUTING', 'MIGRATING'], ends: ['DEPLOYED', 'ARCHIVED'] }
} as const
const FAMILIES: Record<string, string> = { DEPLOY: 'deploy', RESTART: 'restart', STOP: 'stop', DELETE: 'delete' }

const request = (n: number): fc.Arbitrary<RequestPlan> =>
  fc
    .constantFrom('DEPLOY', 'DEPLOY', 'DEPLOY', 'RESTART', 'STOP', 'DELETE', 'UNKNOWN')
    .chain((action) => {
      const kind = KINDS[action as keyof typeof KINDS]
      return fc.record({
        action: fc.constant(action),
        phases: fc.array(fc.record({ state: fc.constantFrom(...kind.states), ms: fc.integer({ min: 100, max: 20_000 }) }), {
          minLength: 1,
          maxLength: 3
        }),
        end: fc.constantFrom(...kind.ends),
        cancelLagMs: fc.integer({ min: 0, max: 8_000 }),
        cancelingMs: fc.integer({ min: 0, max: 30_000 }),
        afterCancel: fc.constantFrom('CANCELED', 'CANCELED', 'CANCELED', kind.ends[1] ?? 'DEPLOYMENT_ERROR')
      })
    })
    .map((plan) => ({ id: id(n), ...plan }))

const fault: fc.Arbitrary<ModelFault | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<ModelFault>(
      { kind: 'http', status: 502 },
      { kind: 'http', status: 429, retryAfter: '3' },
      { kind: 'timeout' },
      { kind: 'cancel-then-502' }
    )
  }
)

const scenario = fc
  .record({
    running: fc.option(request(1), { nil: undefined }),
    queue: fc.integer({ min: 0, max: 3 }).chain((length) => fc.tuple(...Array.from({ length }, (_, index) => request(index + 2)))),
    lastState: fc.constantFrom('DEPLOYED', 'CANCELED', 'STOPPED'),
    queueStartsAfterMs: fc.integer({ min: 0, max: 15_000 }),
    waitingShows: fc.constantFrom<EnvironmentPlan['waitingShows']>('DEPLOYMENT_QUEUED', 'stale'),
    lookupUnknown: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    noRequestId: fc.boolean(),
    conflictFirst: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    cancelBody: fc.constantFrom<EnvironmentPlan['cancelBody']>('status', 'empty'),
    faults: fc.array(fault, { maxLength: 40 }),
    queued: fc.constantFrom('keep', 'cancel'),
    wait: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
    force: fc.boolean(),
    timeoutMs: fc.constantFrom(2_000, 10_000, 60_000, 600_000),
    pollIntervalMs: fc.constantFrom(1_000, 5_000, 20_000),
    requestTimeoutMs: fc.constantFrom(5_000, 30_000),
    onTimeout: fc.constantFrom('fail', 'warn'),
    actions: fc.constantFrom('deploy', 'deploy', 'deploy, stop', 'delete', 'all'),
    wanted: fc.constantFrom('none', 'none', 'none', 'running', 'waiting', 'last', 'unknown')
  })
  .map((generated) => {
    const plan: EnvironmentPlan = {
      ...(generated.running === undefined ? {} : { running: generated.running }),
      last: { id: id(0), state: generated.lastState },
      queue: generated.queue,
      queueStartsAfterMs: generated.queueStartsAfterMs,
      waitingShows: generated.waitingShows,
      lookupUnknown: generated.lookupUnknown,
      // The state rule is the fallback for a status without ids: it cannot follow a queue.
      noRequestId: generated.noRequestId && generated.queue.length === 0 && generated.wanted === 'none',
      conflictFirst: generated.conflictFirst,
      cancelBody: generated.cancelBody,
      faults: generated.faults
    }
    const wanted = {
      none: undefined,
      running: generated.running?.id,
      waiting: generated.queue[0]?.id,
      last: id(0),
      unknown: UNKNOWN_REQUEST
    }[generated.wanted]
    const inputs: Record<string, string> = {
      'environment-id': ENV_ID,
      token: TOKEN,
      queued: wanted === undefined ? generated.queued : 'keep',
      wait: String(generated.wait),
      force: String(generated.force),
      timeout: `${generated.timeoutMs}ms`,
      // While waiting, a poll-interval longer than the timeout is an input error (settings.test).
      'poll-interval': `${generated.wait ? Math.min(generated.pollIntervalMs, generated.timeoutMs) : generated.pollIntervalMs}ms`,
      'request-timeout': `${generated.requestTimeoutMs}ms`,
      'on-timeout': generated.onTimeout,
      actions: generated.actions,
      ...(wanted === undefined ? {} : { 'deployment-request-id': wanted })
    }
    return { plan, inputs, requestTimeoutMs: generated.requestTimeoutMs }
  })

const tally: Record<string, number> = {}
afterAll(() => {
  process.stdout.write(
    `\nFlow properties: ${Object.values(tally).reduce((sum, count) => sum + count, 0)} generated runs, outcomes ${JSON.stringify(tally)}.\n`
  )
})

describe('the run, against a model of the environment', () => {
  it(`keeps its promises over ${RUNS} generated runs`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ plan, inputs, requestTimeoutMs }) => {
        const clock = new FakeClock()
        const model = new QueueModel(clock, plan, requestTimeoutMs)
        const io = new FakeIO(inputs)
        let deadline = Number.NaN
        await run({
          io,
          clock,
          signal: new AbortController().signal,
          random: () => 0.5,
          createApi: (_settings, runDeadline) => {
            deadline = runDeadline
            model.deadline = runDeadline
            return model
          }
        })
        const outcome = io.outputs.outcome ?? 'none'
        tally[outcome] = (tally[outcome] ?? 0) + 1
        // When the action decided: its last answered read before any cancel (the reads go side by
        // side, and one retried later can be the one that tells).
        const firstCancel = model.calls.findIndex((call) => call.what === 'cancel' || call.what === 'cancel-request')
        const decidedAt =
          (firstCancel < 0 ? model.calls : model.calls.slice(0, firstCancel))
            .filter((call) => !call.failed && call.what !== 'environment')
            .at(-1)?.at ?? clock.now()

        // No request after the deadline; the run ends by the timeout plus one request timeout.
        expect(model.calls.every((call) => call.at < deadline)).toBe(true)
        expect(clock.now()).toBeLessThanOrEqual(deadline + requestTimeoutMs)

        // After a 2xx to a cancel, that cancel is never sent again.
        model.calls.forEach((call, index) => {
          if (!call.accepted) return
          const again = model.calls.slice(index + 1).filter((later) => later.what === call.what && later.id === call.id)
          expect(again).toEqual([])
        })

        // canceled if and only if the targeted request ended CANCELED, for a run that saw it end;
        // unknown only when Qovery did not say how, or said it in a state the action does not know.
        const target = io.outputs['deployment-request-id'] || plan.running?.id
        const truth = target === undefined ? undefined : model.finalState(target)
        if (['canceled', 'finished', 'unknown'].includes(outcome) && !plan.lookupUnknown) {
          expect(outcome === 'canceled').toBe(truth === 'CANCELED')
          if (outcome === 'unknown') expect(truth === undefined || !isKnownEnd(truth)).toBe(true)
        }
        // Without the lookup, what was seen is the evidence: CANCELING, or a waiting request the
        // accepted cancel took out of the queue.
        if (outcome === 'canceled' && plan.lookupUnknown) {
          expect(truth === 'CANCELED' || model.showedCanceling(target!, clock.now())).toBe(true)
        }
        // Only a request of a kind actions allows is ever canceled: the one running when the
        // environment cancel is sent, the one a per-request cancel names.
        const allowed = (request: string): boolean => {
          const family = FAMILIES[model.actionOf(request) ?? '']
          return inputs.actions === 'all' || (family !== undefined && inputs.actions!.split(/[,\s]+/).includes(family))
        }
        for (const call of model.calls) {
          const canceled = call.what === 'cancel' || call.what === 'cancel-request' ? call.id : undefined
          if (canceled !== undefined)
            expect([call.what, canceled, model.actionOf(canceled), allowed(canceled)]).toEqual([
              call.what,
              canceled,
              model.actionOf(canceled),
              true
            ])
        }
        // nothing-to-cancel only when nothing of a kind actions allows ran or waited (or the
        // request asked for had ended, or is of another kind), or when the running request's
        // state left its kind open and Qovery did not say it (never a guess).
        if (outcome === 'nothing-to-cancel') {
          const wanted = inputs['deployment-request-id']
          const running = model.runningAt(decidedAt)
          const unsaid = io.of('info').some((line) => line.startsWith('Qovery did not say what the request in state'))
          // Qovery did not say only when its history failed, or names the kind UNKNOWN.
          const unknownKinds = [plan.running, ...plan.queue].some((request) => request?.action === 'UNKNOWN')
          if (unsaid) expect(model.calls.some((call) => call.what === 'history' && call.failed) || unknownKinds).toBe(true)
          const missed = model.busyRequestsAt(decidedAt).filter((request) => allowed(request) && !(unsaid && request === running))
          expect(wanted === undefined ? missed : model.finalState(wanted, decidedAt) !== undefined || !allowed(wanted) || unsaid).toEqual(
            wanted === undefined ? [] : true
          )
          expect(model.calls.some((call) => call.what === 'cancel' || call.what === 'cancel-request')).toBe(false)
        }
        // A request that started next is one that did not run when the action started.
        for (const warning of io.of('warning')) {
          const next = /^Deployment request (\S+) started once the one canceled had ended\.$/.exec(warning)?.[1]
          if (next !== undefined) expect([next, plan.running?.id === next || next === target]).toEqual([next, false])
        }
        // Every JSON output holds JSON; canceled never beside an empty list of canceled requests.
        for (const name of ['canceled-request-ids', 'waiting-request-ids', 'status-json', 'services'])
          expect(() => JSON.parse(io.outputs[name]!)).not.toThrow()
        if (outcome === 'canceled') expect(io.outputs['canceled-request-ids']).not.toBe('[]')
        // Whether the target was canceled is not known: neither is the list of canceled requests.
        if (outcome === 'unknown') expect(io.outputs['canceled-request-ids']).toBe('null')
        // timed-out only when the deadline passed first.
        if (outcome === 'timed-out') expect(clock.now()).toBeGreaterThanOrEqual(deadline)

        // The token appears in no log line, output or summary.
        expect(JSON.stringify([io.lines, io.outputs, io.summary, io.failed])).not.toContain(TOKEN)

        // The step fails as the outcome table and on-timeout say.
        const failing = outcome === 'failed' || outcome === 'interrupted' || (outcome === 'timed-out' && inputs['on-timeout'] === 'fail')
        expect(io.failed !== undefined).toBe(failing)
        expect(io.outputs.canceled).toBe(String(outcome === 'canceled'))
      }),
      { numRuns: RUNS, ...(process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) }) }
    )
  }, 60_000)
})
