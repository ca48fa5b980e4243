import { describe, expect, it } from '@jest/globals'
import { cancelAndWait } from '../../src/flow/cancel-flow.ts'
import { readSettings, type Settings } from '../../src/inputs/settings.ts'
import { stillWaiting } from '../../src/report/report-views.ts'
import { MAX_TIMELINE } from '../../src/rules/timeline.ts'
import { Interrupted } from '../../src/util/interrupted.ts'
import type { CancelAnswer } from '../../src/qovery/client.ts'
import type { EnvironmentStatus } from '../../src/rules/qovery-records.ts'
import { type Catalog, FakeApi, FakeClock, type Scripted, status } from '../../__fixtures__/fakes.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

/** The settings of a run: by id, every second, for a minute at most. */
const options: Settings = readSettings(
  (name) => ({ 'environment-id': ENV_ID, token: 'qov_unit_test', 'poll-interval': '1s', timeout: '60s' })[name] ?? '',
  {}
)
type FlowOptions = Settings

function flow(
  statuses: Array<Scripted<EnvironmentStatus>>,
  cancels?: Array<Scripted<CancelAnswer>>,
  overrides: Partial<FlowOptions> = {},
  controller = new AbortController(),
  catalog?: Catalog,
  setup?: (api: FakeApi, clock: FakeClock) => void
) {
  const clock = new FakeClock()
  const api = new FakeApi(clock, statuses, cancels)
  if (catalog) api.catalog = catalog
  setup?.(api, clock)
  const log: string[] = []
  const started = clock.now()
  const result = cancelAndWait({ ...options, ...overrides }, started + (overrides.timeoutMs ?? options.timeoutMs), {
    api,
    clock,
    signal: controller.signal,
    random: () => 1,
    log: (line) => log.push(line),
    group: (name, lines) => log.push(name, ...lines)
  })
  return { clock, api, log, started, result }
}

/** The calls the run needs; the reads that only add to the report (names, services) aside. */
const runCalls = (api: FakeApi) => api.calls.filter((call) => !['environment', 'history', 'statuses'].includes(call.what))
/** What each of those calls was, in order, in one line: `status queue cancel ...`. */
const callSequence = (api: FakeApi) =>
  runCalls(api)
    .map((call) => call.what)
    .join(' ')

const accepted = (state = 'DEPLOYING'): CancelAnswer => ({ accepted: true, httpStatus: 202, status: status(state) })

describe('cancelAndWait', () => {
  it('sends nothing when the state is already final', async () => {
    const { api, result } = flow([status('DEPLOYED')])
    const report = await result
    expect(report.outcome).toBe('nothing-to-cancel')
    expect(report.status?.state).toBe('DEPLOYED')
    expect(callSequence(api)).toBe('status queue')
  })

  it('waits through the old state shown after the 202 until CANCELED', async () => {
    const { api, clock, log, started, result } = flow(
      [status('DEPLOYING'), status('DEPLOYING'), status('CANCELING'), status('CANCELING'), status('CANCELED')],
      [accepted('DEPLOYING')]
    )
    const report = await result
    expect(report.outcome).toBe('canceled')
    // The 202's body is not taken for the request's state: the first read comes a poll-interval later.
    expect(callSequence(api)).toBe('status queue cancel lookup status status status status queue')
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_000, 1_000])
    expect(report.timeline.map((sighting) => sighting.state)).toEqual(['DEPLOYING', 'CANCELING', 'CANCELED'])
    expect(report.timeline.map((sighting) => sighting.at - started)).toEqual([0, 2_000, 4_000])
    expect(report.cancel?.sentAt).toBe(started)
    expect(report.settledAt).toBe(started + 4_000)
    // And after the cancel, side by side: the environment's name, its deployment history and services.
    expect(report.apiCalls).toBe(14)
    expect(log.join('\n')).toContain('DEPLOYING -> CANCELING (after 2s)')
  })

  it('sends force_cancel as asked', async () => {
    const { api, result } = flow([status('DEPLOYING'), status('CANCELED')], undefined, { force: true })
    await result
    expect(api.calls.find((call) => call.what === 'cancel')?.force).toBe(true)
  })

  it('reports a deployment that finished before the cancel took effect', async () => {
    const report = await flow([status('DEPLOYING'), status('DEPLOYING'), status('DEPLOYED')]).result
    expect(report.outcome).toBe('finished')
    expect(report.status?.state).toBe('DEPLOYED')
  })

  it('treats a 409 as a cancel already under way and keeps waiting', async () => {
    const { api, result } = flow(
      [status('DEPLOYING'), status('CANCELING'), status('CANCELED')],
      [{ accepted: false, detail: 'already cancelled' }]
    )
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(report.cancel?.conflict).toBe('already cancelled')
    expect(callSequence(api)).toBe('status queue cancel lookup status status queue')
  })

  it('settles at once when the status after a 409 is final', async () => {
    const report = await flow([status('DEPLOYING'), status('DEPLOYMENT_ERROR')], [{ accepted: false }]).result
    expect(report.outcome).toBe('finished')
    expect(report.status?.state).toBe('DEPLOYMENT_ERROR')
  })

  it('does not wait with wait: false', async () => {
    const { api, result } = flow([status('DEPLOYING')], [accepted('CANCELING')], { wait: false })
    const report = await result
    expect(report.outcome).toBe('requested')
    // The 202's body is a state of the moment, not taken for the request's: the status read before stands.
    expect(report.status?.state).toBe('DEPLOYING')
    expect(callSequence(api)).toBe('status queue cancel lookup')
  })

  it('times out at the deadline and sends nothing after it', async () => {
    const { api, clock, started, result } = flow([status('DEPLOYING'), status('CANCELING')], undefined, { timeoutMs: 3_500 })
    const report = await result
    expect(report.outcome).toBe('timed-out')
    expect(report.reason).toBe('Timed out after 3.5s while the deploy was still canceling.')
    expect(Math.max(...api.calls.map((call) => call.at))).toBeLessThan(started + 3_500)
    expect(clock.now()).toBe(started + 3_500)
    // The last read as late as the deadline allows (100 ms before it), however that stretches its wait.
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_400, 100])
  })

  it("leaves the last read a margin of the cancel's round trip, twice, before any read of the wait is timed", async () => {
    // The cancel takes 800 ms: the last read leaves 1 s (1.6 s, capped) before the deadline, not 100 ms.
    const slowCancel = (api: FakeApi, clock: FakeClock) => {
      const send = api.cancelDeployment.bind(api)
      api.cancelDeployment = async (...args) => {
        const answer = await send(...args)
        clock.time += 800
        return answer
      }
    }
    const { clock, result } = flow(
      [status('DEPLOYING'), status('CANCELING')],
      undefined,
      { timeoutMs: 3_500 },
      undefined,
      undefined,
      slowCancel
    )
    expect((await result).outcome).toBe('timed-out')
    expect(clock.sleeps[0]).toBe(1_700)
  })

  it('retries transient faults and resets the budget after a success', async () => {
    const fault = { kind: 'http' as const, status: 502 }
    const statuses: Array<Scripted<EnvironmentStatus>> = [
      fault,
      status('DEPLOYING'),
      // A read had to be retried: the status is read once more before deciding.
      status('DEPLOYING'),
      ...Array(9).fill(fault),
      status('CANCELING'),
      ...Array(9).fill(fault),
      status('CANCELED')
    ]
    const { log, result } = flow(statuses, undefined, { timeoutMs: 3_600_000 })
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(log.filter((line) => line.includes('HTTP 502 Bad Gateway')).length).toBe(19)
    expect(log.join('\n')).toContain('attempt 9 of 10; retrying in')
  })

  it('ends the wait after 10 failed reads in a row, naming the last fault', async () => {
    const statuses: Array<Scripted<EnvironmentStatus>> = [
      status('DEPLOYING'),
      ...Array(9).fill({ kind: 'http', status: 500 }),
      { kind: 'timeout', afterMs: 30_000 }
    ]
    const { api, result } = flow(statuses, undefined, { timeoutMs: 3_600_000 })
    const report = await result
    expect(report.outcome).toBe('failed')
    expect(report.reason).toContain('failed 10 times in a row')
    expect(report.reason).toContain('no complete answer within 30000ms')
    expect(report.status?.state).toBe('DEPLOYING')
    expect(api.calls.filter((call) => call.what === 'status')).toHaveLength(11)
  })

  it('backs off from the poll interval while waiting', async () => {
    const fault = { kind: 'network' as const, code: 'ECONNRESET', message: 'socket hang up' }
    const { clock, result } = flow([status('DEPLOYING'), fault, fault, fault, status('CANCELED')], undefined, { pollIntervalMs: 1_000 })
    await result
    expect(clock.sleeps).toEqual([1_000, 1_000, 2_000, 4_000])
  })

  it('follows Retry-After, cut at the deadline', async () => {
    const { clock, api, result } = flow([status('DEPLOYING'), { kind: 'http', status: 429, retryAfter: '7' }, status('CANCELED')])
    await result
    expect(clock.sleeps).toEqual([1_000, 7_000])
    const late = flow([status('DEPLOYING'), { kind: 'http', status: 503, retryAfter: '120' }, status('CANCELED')], undefined, {
      timeoutMs: 10_000
    })
    const report = await late.result
    expect(report.outcome).toBe('timed-out')
    expect(report.reason).toContain('the last request failed with HTTP 503')
    expect(late.clock.sleeps).toEqual([1_000, 9_000])
    expect(callSequence(late.api)).toBe('status queue cancel lookup status')
    expect(callSequence(api)).toBe('status queue cancel lookup status status queue')
  })

  it('retries the cancel request a bounded number of times', async () => {
    const { api, result } = flow([status('DEPLOYING')], [{ kind: 'http', status: 502 }])
    const report = await result
    expect(report.outcome).toBe('failed')
    expect(report.reason).toContain('The cancel request failed 5 times in a row')
    expect(api.calls.filter((call) => call.what === 'cancel')).toHaveLength(5)
  })

  it('recovers when a retried cancel answers 409 after the first one got through', async () => {
    const { api, result } = flow(
      [status('DEPLOYING'), status('DEPLOYING'), status('CANCELED')],
      [{ kind: 'http', status: 504 }, { accepted: false }]
    )
    const report = await result
    expect(report.outcome).toBe('canceled')
    // Before the cancel is sent again, a read makes sure the request it targets is still the one running.
    // The status after the 409 shows it CANCELED: its lookup and its history entry are read beside, to confirm.
    expect(callSequence(api)).toBe('status queue cancel lookup status cancel status lookup queue')
  })

  it('never sends the cancel again once the status shows the request canceling, its answer lost', async () => {
    const { api, log, result } = flow(
      [status('DEPLOYING'), status('CANCELING'), status('CANCELED')],
      [{ kind: 'http', status: 504 }, { accepted: false }]
    )
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(callSequence(api)).toBe('status queue cancel lookup status status queue')
    expect(report.cancel).toMatchObject({ lastAnswer: 'HTTP 504 Gateway Timeout' })
    expect(report.cancel?.acceptedWith).toBeUndefined()
    expect(log).toContain(
      "The deployment request r-1 (DEPLOY) shows CANCELING: a cancel is under way (the one sent, its answer lost, or another's). It is not sent again, so that no other request is canceled"
    )
  })

  it("takes a final status that names neither the request nor its deployment only with the request's own records beside it", async () => {
    const unnamed = status('CANCELED', { deployment_request_id: null, last_deployment_id: null })
    const { api, result } = flow([status('DEPLOYING'), unnamed])
    ;(api.lookups as Record<string, unknown[]>)['r-1'] = [{ found: true, state: 'DEPLOYED' }]
    const report = await result
    // The lookup says DEPLOYED, read again: the records disagree, and the outcome says it does not know.
    expect(report.outcome).toBe('unknown')
    expect(runCalls(api).filter((call) => call.what === 'lookup').length).toBeGreaterThan(1)
  })

  it('never sends the environment cancel again once the request it targets has ended: it would cancel the next one', async () => {
    const { api, log, result } = flow(
      [status('DEPLOYING'), status('DEPLOYING', { deployment_request_id: 'r-2' }), status('DEPLOYING', { deployment_request_id: 'r-2' })],
      [{ kind: 'http', status: 502 }],
      { wait: false }
    )
    ;(api.lookups as Record<string, unknown[]>)['r-1'] = [{ found: true, state: 'DEPLOYED' }]
    // Once the first request ended, the services say they are part of the next one.
    api.serviceStatuses = [
      [],
      [{ id: 's-1', type: 'APPLICATION', state: 'DEPLOYING', deploymentRequestId: 'r-2', isPartOfLastDeployment: true }]
    ]
    const report = await result
    expect(runCalls(api).filter((call) => call.what === 'cancel')).toHaveLength(1)
    expect(log).toContain(
      'The deployment request r-1 (DEPLOY) has ended before the cancel could be sent again: it is not sent, so that no other request is canceled'
    )
    // Followed to its end even without wait: what became of it is what the run reports.
    expect(report.outcome).toBe('finished')
    expect(report.target?.fate).toEqual({ state: 'DEPLOYED', basis: "Qovery's lookup of the request says DEPLOYED" })
    expect(report.startedNext).toBe('r-2')
  })

  it.each([
    [401, "Qovery did not accept the token (HTTP 401 when reading the environment's status)"],
    [403, "Qovery refused the token access (HTTP 403 when reading the environment's status)"],
    [404, "The environment was not found (HTTP 404 when reading the environment's status)"]
  ])('fails at once on HTTP %d', async (code, message) => {
    const { api, result } = flow([{ kind: 'http', status: code, detail: 'from the API' }])
    const report = await result
    expect(report.outcome).toBe('failed')
    expect(report.reason).toContain(message)
    expect(report.reason).toContain('Qovery said: "from the API."')
    expect(report.status).toBeUndefined()
    expect(callSequence(api)).toBe('status queue')
  })

  it('keeps the status read before a 403 on the cancel', async () => {
    const report = await flow([status('DEPLOYING')], [{ kind: 'http', status: 403 }]).result
    expect(report.outcome).toBe('failed')
    expect(report.status?.state).toBe('DEPLOYING')
  })

  it('fails clearly when the host does not resolve before any answer, after a few tries', async () => {
    const unresolved = {
      kind: 'network' as const,
      code: 'ENOTFOUND',
      message: 'getaddrinfo ENOTFOUND api.qovery.com',
      beforeAnyAnswer: true as const
    }
    const { api, clock, log, result } = flow([unresolved, unresolved, unresolved, status('DEPLOYING')])
    const report = await result
    expect(report.outcome).toBe('failed')
    expect(report.reason).toBe(
      "Reading the environment's status failed: the host could not be resolved (getaddrinfo ENOTFOUND api.qovery.com). Check api-url."
    )
    expect(api.calls.filter((call) => call.what === 'status')).toHaveLength(3)
    expect(clock.sleeps).toEqual([1_000, 2_000])
    expect(
      log.filter((line) => line.startsWith('Reading the environment status failed')).map((line) => /attempt \d of \d/.exec(line)?.[0])
    ).toEqual(['attempt 1 of 3', 'attempt 2 of 3'])
  })

  it('retries a host that does not resolve while waiting, as a refused connection', async () => {
    const unresolved = { kind: 'network' as const, code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND api.qovery.com' }
    const { api, result } = flow([status('DEPLOYING'), unresolved, unresolved, unresolved, unresolved, status('CANCELED')], [accepted()])
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(runCalls(api).filter((call) => call.what === 'status')).toHaveLength(6)
  })

  it('stops at once when interrupted during a sleep, keeping the last status', async () => {
    const controller = new AbortController()
    const { clock, api, result } = flow([status('DEPLOYING'), status('CANCELING')], undefined, {}, controller)
    clock.onSleep = () => {
      // Once the first read after the cancel (and the lookup beside it) showed CANCELING.
      if (runCalls(api).length === 5) controller.abort(new Interrupted('SIGINT'))
    }
    const report = await result
    expect(report.outcome).toBe('interrupted')
    expect(report.reason).toContain('interrupted by SIGINT')
    expect(report.reason).toContain('last seen canceling')
    expect(report.reason).toContain('Qovery had accepted the cancel request sent at 12:00:00Z.')
    expect(runCalls(api)).toHaveLength(5)
  })

  it('stops at once when interrupted during a request', async () => {
    const controller = new AbortController()
    const hanging = (signal: AbortSignal) =>
      new Promise<EnvironmentStatus>((_, reject) => {
        signal.addEventListener('abort', () => reject(new Interrupted('SIGTERM')))
        controller.abort(new Interrupted('SIGTERM'))
      })
    const report = await flow([status('DEPLOYING'), hanging], undefined, {}, controller).result
    expect(report.outcome).toBe('interrupted')
    expect(report.reason).toContain('SIGTERM')
  })

  it('reads the history entry again, within the report budget, while it lags behind the end', async () => {
    const entry = (state: string) => [{ executionId: 'd-1', state, action: 'DEPLOY', stages: [] }]
    // One read beside the first status; after the end, twice still canceling, then canceled.
    const lagging = (api: FakeApi) => void (api.histories = [entry('DEPLOYING'), entry('CANCELING'), entry('CANCELING'), entry('CANCELED')])
    const { api, clock, result } = flow([status('DEPLOYING'), status('CANCELED')], undefined, {}, undefined, undefined, lagging)
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(report.deployment?.entry).toEqual({ value: entry('CANCELED')[0] })
    expect(api.calls.filter((call) => call.what === 'history')).toHaveLength(4)
    // Read again every poll-interval (1s here), within the report budget.
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_000])
    // A budget too short to read it again: the entry stays as read, for the report to say what it cannot tell.
    const short = flow([status('DEPLOYING'), status('CANCELED')], undefined, { requestTimeoutMs: 1_000 }, undefined, undefined, lagging)
    expect((await short.result).deployment?.entry).toEqual({ value: entry('CANCELING')[0] })
    expect(short.api.calls.filter((call) => call.what === 'history')).toHaveLength(2)
  })

  it('handles states it has never heard of, and never guesses what they mean', async () => {
    // No record says what the request in a state never heard of does: with deploys only, nothing
    // is sent on a guess, and the run says so rather than "nothing to cancel".
    const noRecords = (api: FakeApi) => void (api.histories = [[]])
    const left = await flow([status('MIGRATING')], undefined, {}, undefined, undefined, noRecords).result
    expect(left.outcome).toBe('failed')
    expect(left.failure).toEqual({ kind: 'records-unclear' })
    expect(left.passedOver).toEqual([{ id: 'r-1', via: 'environment', executionId: 'd-1' }])
    // actions: all cancels it whatever it is; it then ends in a state the action does not know.
    const any = await flow([status('MIGRATING'), status('ARCHIVED')], undefined, { actions: 'all' }).result
    expect(any.outcome).toBe('unknown')
    expect(any.status?.state).toBe('ARCHIVED')
  })
})

describe('cancelAndWait with names', () => {
  const org = { id: 'o-1', name: 'Acme' }
  const project = { id: 'p-1', name: 'shop' }
  const environment = { id: ENV_ID, name: 'pr-42' }

  function named(
    names = { organization: 'acme', project: ' SHOP ', environment: 'PR-42' },
    organizations: Array<Scripted<Array<{ id: string; name: string }>>> = [[org, { id: 'o-2', name: 'Other' }]]
  ) {
    const catalog = { organizations, projects: { 'o-1': [project] }, environments: { 'p-1': [environment, { id: 'e-2', name: 'pr-43' }] } }
    return flow([status('DEPLOYING'), status('CANCELED')], undefined, { target: { names } }, new AbortController(), catalog)
  }

  it('resolves the names level by level, then cancels the environment found', async () => {
    const { api, log, result } = named()
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(report.environmentId).toBe(ENV_ID)
    expect(report.resolved).toEqual({ organization: org, project, environment })
    expect(runCalls(api).map((call) => `${call.what} ${call.id}`)).toEqual([
      'list organizations',
      'list o-1',
      'list p-1',
      `status ${ENV_ID}`,
      `queue ${ENV_ID}`,
      `cancel ${ENV_ID}`,
      'lookup r-1',
      `status ${ENV_ID}`,
      `queue ${ENV_ID}`
    ])
    expect(log).toContain(`environment: pr-42 (${ENV_ID})`)
  })

  it('fails before any cancel when a name matches nothing', async () => {
    const { api, result } = named({ organization: 'acme', project: 'shop', environment: 'pr-99' })
    const report = await result
    expect(report.outcome).toBe('failed')
    expect(report.reason).toBe(
      'No environment named "pr-99" in project "shop". The environments there are: "pr-42", "pr-43". No cancel was sent.'
    )
    expect(report.environmentId).toBeUndefined()
    expect(api.calls.some((call) => call.what === 'cancel' || call.what === 'status')).toBe(false)
  })

  it('retries a list call that fails transiently', async () => {
    const { api, result } = named(undefined, [{ kind: 'http', status: 503 }, [org]])
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(api.calls.filter((call) => call.id === 'organizations')).toHaveLength(2)
  })
})

describe('cancelAndWait with deployment requests', () => {
  const R1 = 'a1a1a1a1-1111-4111-8111-111111111111'
  const R2 = 'a2a2a2a2-2222-4222-8222-222222222222'
  const R3 = 'a3a3a3a3-3333-4333-8333-333333333333'
  const of = (state: string, request: string) => status(state, { deployment_request_id: request, last_deployment_id: `e-${request}` })

  function queued(statuses: Array<Scripted<EnvironmentStatus>>, setup: (api: FakeApi) => void, overrides: Partial<FlowOptions> = {}) {
    const clock = new FakeClock()
    const api = new FakeApi(clock, statuses, [{ accepted: true, httpStatus: 202, status: statuses[0] as EnvironmentStatus }])
    setup(api)
    const log: string[] = []
    const result = cancelAndWait({ ...options, ...overrides }, clock.now() + (overrides.timeoutMs ?? options.timeoutMs), {
      api,
      clock,
      signal: new AbortController().signal,
      random: () => 1,
      log: (line) => log.push(line),
      group: () => undefined
    })
    return { api, clock, log, result }
  }

  it.each([
    ['a fast poll sees CANCELING, then the next request', [of('DEPLOYING', R1), of('CANCELING', R1), of('DEPLOYING', R2)]],
    ['a slow poll sees only the next request', [of('DEPLOYING', R1), of('DEPLOYING', R2)]]
  ])('ends canceled when the queue advances: %s', async (_, statuses) => {
    const { api, result } = queued(statuses, (fake) => {
      fake.queues = [[{ id: R2, action: 'DEPLOY' }], []]
      fake.lookups = { [R1]: [{ found: true, state: 'CANCELED' }] }
    })
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(report.canceledRequests).toEqual([R1])
    expect(report.startedNext).toBe(R2)
    expect(stillWaiting(report)).toEqual([])
    expect(api.calls.filter((call) => call.what === 'cancel' || call.what === 'cancel-request')).toEqual([
      expect.objectContaining({ what: 'cancel' })
    ])
    expect(api.calls.filter((call) => call.what === 'queue')).toHaveLength(2)
  })

  it('asks the lookup when the old request id shows a queued state', async () => {
    const { result } = queued([of('DEPLOYING', R1), of('DEPLOYMENT_QUEUED', R1)], (fake) => {
      fake.queues = [[{ id: R2, action: 'DEPLOY' }]]
      fake.lookups = { [R1]: [{ found: true, state: 'CANCELED' }] }
    })
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(report.startedNext).toBeUndefined()
    expect(stillWaiting(report)).toEqual([{ id: R2, action: 'DEPLOY' }])
  })

  it('cancels the waiting requests before the running one with queued: cancel', async () => {
    // Once the waiting requests are canceled, a read makes sure R1 still runs before the environment cancel.
    const { api, result } = queued(
      [of('DEPLOYING', R1), of('DEPLOYING', R1), of('CANCELED', R1)],
      (fake) => {
        fake.queues = [
          [
            { id: R2, action: 'DEPLOY' },
            { id: R3, action: 'DEPLOY' }
          ],
          []
        ]
      },
      { queued: 'cancel' }
    )
    const report = await result
    expect(api.calls.filter((call) => call.what.startsWith('cancel')).map((call) => `${call.what} ${call.id}`)).toEqual([
      `cancel-request ${R2}`,
      `cancel-request ${R3}`,
      `cancel ${ENV_ID}`
    ])
    expect(report.canceledRequests).toEqual([R1, R2, R3])
    expect(stillWaiting(report)).toEqual([])
  })

  it('lists what still waits after queued: cancel, and does not count it canceled', async () => {
    const { result } = queued(
      [of('DEPLOYING', R1), of('DEPLOYING', R1), of('CANCELED', R1)],
      (fake) => {
        fake.queues = [
          [{ id: R2, action: 'DEPLOY' }],
          [
            { id: R2, action: 'DEPLOY' },
            { id: R3, action: 'DEPLOY' }
          ]
        ]
        fake.requestCancels = [{ accepted: false, detail: 'already cancelled or an operation is in progress' }]
      },
      { queued: 'cancel' }
    )
    const report = await result
    expect(report.canceledRequests).toEqual([R1])
    expect(stillWaiting(report)).toEqual([
      { id: R2, action: 'DEPLOY' },
      { id: R3, action: 'DEPLOY' }
    ])
  })

  it('follows a waiting target through the lookup, and cancels it through the environment if it starts anyway', async () => {
    const { api, result } = queued([of('DEPLOYED', 'r-0'), of('DEPLOYING', R2), of('CANCELED', R2)], (fake) => {
      fake.queues = [[{ id: R2, action: 'DEPLOY' }], []]
      fake.lookups = {
        [R2]: [
          { found: true, state: 'DEPLOYMENT_QUEUED' },
          { found: true, state: 'DEPLOYING' },
          { found: true, state: 'CANCELED' }
        ]
      }
      fake.cancels = [{ accepted: true, httpStatus: 202 }]
    })
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(api.calls.filter((call) => call.what.startsWith('cancel')).map((call) => call.what)).toEqual(['cancel-request', 'cancel'])
    expect(report.target).toMatchObject({ id: R2, via: 'environment' })
  })

  it('looks again for a request Qovery knows but shows nowhere, then gives up without canceling anything', async () => {
    const { api, clock, result } = queued(
      [of('DEPLOYING', R1)],
      (fake) => {
        fake.lookups = { [R2]: [{ found: true, state: 'DEPLOYING' }] }
      },
      { deploymentRequestId: R2 }
    )
    const report = await result
    expect(report.outcome).toBe('failed')
    // Looked for as long as a request just triggered may take to show, then not a guess.
    expect(report.reason).toContain(
      'Qovery reports the deployment request given in deployment-request-id deploying, but for 9s it was neither running nor waiting'
    )
    expect(report.failure).toEqual({ kind: 'request-unlocated', id: R2, environmentId: ENV_ID })
    expect(api.calls.some((call) => call.what.startsWith('cancel'))).toBe(false)
    expect(clock.sleeps).toEqual(Array.from({ length: 9 }, () => 1_000))
  })

  it('reads the status again before "nothing to cancel" when the queue answered only on a retry', async () => {
    // The old status (DEPLOYED) was read before R2 left the queue; the queue, retried, after.
    const { api, result } = queued([of('DEPLOYED', R1), of('DEPLOYING', R2), of('CANCELED', R2)], (fake) => {
      fake.queues = [{ kind: 'http', status: 502 }, []]
      fake.lookups = { [R2]: [{ found: true, state: 'CANCELED' }] }
    })
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(report.target?.id).toBe(R2)
    // The queue answered on its second try: the status (and the records of what runs) read again after it.
    const calls = runCalls(api).map((call) => call.what)
    expect(calls.slice(0, 4)).toEqual(['status', 'queue', 'queue', 'status'])
  })

  it('stops the other reads at once when one of them fails for good', async () => {
    let queueSignal: AbortSignal | undefined
    const { result } = queued([{ kind: 'http', status: 401 }], (fake) => {
      fake.queues = [
        (signal) => {
          queueSignal = signal
          return new Promise(() => undefined)
        }
      ]
    })
    const report = await result
    expect(report.outcome).toBe('failed')
    expect(queueSignal?.aborted).toBe(true)
  })

  it('never sends the cancel again after a 2xx, whatever its body', async () => {
    const { api, result } = queued([of('DEPLOYING', R1), of('CANCELED', R1)], (fake) => {
      fake.cancels = [
        { accepted: true, httpStatus: 204 },
        { kind: 'http', status: 500 }
      ]
    })
    const report = await result
    expect(report.outcome).toBe('canceled')
    expect(api.calls.filter((call) => call.what === 'cancel')).toHaveLength(1)
  })
})

describe('cancelAndWait: what it says', () => {
  it('asks for the right to read on a 403 to a read, and to deploy on a 403 to the cancel', async () => {
    const read = await flow([{ kind: 'http', status: 403 }]).result
    expect(read.reason).toContain("A 403 without a reason usually means the token's role may not read this environment.")
    expect(read.failure).toEqual({ kind: 'read-forbidden' })
    const cancel = await flow([status('DEPLOYING')], [{ kind: 'http', status: 403 }]).result
    expect(cancel.reason).toBe(
      'Qovery refused the cancel request (HTTP 403 Forbidden). A 403 without a reason usually means the token lacks the right to deploy this environment, which a cancel needs. Nothing was canceled.'
    )
    expect(cancel.failure).toEqual({ kind: 'cancel-refused', status: 403 })
    // Refused, not under way: nothing says a cancel was sent or goes on.
    expect(cancel.reason).not.toMatch(/sent at|goes on/)
  })

  it('quotes Qovery first on a refused cancel, and names no likely cause that its words do not give', async () => {
    const detail = 'Managed database deployments cannot be cancelled'
    const report = await flow([status('DEPLOYING')], [{ kind: 'http', status: 403, detail }]).result
    expect(report.reason).toBe(`Qovery refused the cancel request (HTTP 403 Forbidden). Qovery said: "${detail}." Nothing was canceled.`)
    expect(report.reason).not.toMatch(/right to deploy|usually/)
    expect(report.failure).toEqual({ kind: 'cancel-refused', status: 403, detail })
  })

  it('says the environment or the request is gone on a 404 once the cancel was accepted, not to check environment-id', async () => {
    const report = await flow([status('DEPLOYING'), { kind: 'http', status: 404, detail: 'Environment not found' }]).result
    expect(report.outcome).toBe('failed')
    expect(report.cancel?.acceptedWith).toBe(202)
    expect(report.reason).toContain(
      'Qovery had accepted the cancel, then answered not found (HTTP 404 when reading the environment\'s status). Qovery said: "Environment not found." The environment or the request is gone: most likely deleted meanwhile.'
    )
    expect(report.reason).not.toContain('environment-id')
    expect(report.failure).toEqual({ kind: 'not-found', afterAccepted: true })
  })

  it('points at api-url when a 404 may come from a wrong path prefix', async () => {
    const prefixed = await flow([{ kind: 'http', status: 404, detail: 'Environment not found' }], undefined, {
      apiUrl: new URL('https://qovery.example.com/api/')
    }).result
    expect(prefixed.reason).toContain('Check api-url too (https://qovery.example.com/api/): a wrong path prefix answers 404 as well.')
    const silent = await flow([{ kind: 'http', status: 404 }]).result
    expect(silent.reason).toContain('Check api-url too')
    const qovery = await flow([{ kind: 'http', status: 404, detail: 'Environment not found' }]).result
    expect(qovery.reason).not.toContain('api-url')
  })

  it('notes a status that names another environment, and goes on', async () => {
    const report = await flow([status('DEPLOYING', { id: 'b0000000-0000-4000-8000-000000000000' }), status('CANCELED')]).result
    expect(report.outcome).toBe('canceled')
    expect(report.statusOfOther).toBe('b0000000-0000-4000-8000-000000000000')
  })

  it('keeps the timeline bounded when a state flaps', async () => {
    const flapping = Array.from({ length: 300 }, (_, index) => status(index % 2 ? 'CANCELING' : 'DEPLOYING'))
    const report = await flow([status('DEPLOYING'), ...flapping, status('CANCELED')], undefined, { timeoutMs: 3_600_000 }).result
    expect(report.outcome).toBe('canceled')
    expect(report.timeline).toHaveLength(MAX_TIMELINE)
    expect(report.timeline[0]!.state).toBe('DEPLOYING')
    expect(report.timeline.at(-1)!.state).toBe('CANCELED')
    // DEPLOYING first, 299 flips, then CANCELED: 301 sightings in all.
    expect(report.timelineDropped).toBe(301 - MAX_TIMELINE)
  })
})
