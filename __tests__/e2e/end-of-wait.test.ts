/**
 * The bundled action on Node 24 around the end of the wait: reads of the report after the end that
 * never answer, a request that ends in the last interval before the timeout, a deployment history
 * that lags behind the status, and a cancel that reached the next request because another client
 * canceled the running one first. Each run's claims are checked against the simulator's ground
 * truth. Times are compared between events (a request's arrival, the step's end), never slept on.
 */
import { describe, expect, it } from '@jest/globals'
import { annotations, expectReported, summaryRow } from '../../test-support/assertions.ts'
import { checkClaims } from '../../test-support/claims.ts'
import type { QoverySimulator, Step } from '../../test-support/qovery-simulator.ts'
import { type ActionRun, runAction } from '../../test-support/run-action.ts'
import { simulatedEnvironment, simulatorsForTest } from '../../test-support/simulators.ts'
import { API_AND_WEB, ENV_ID, R1, R2 } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_end_of_wait_Zx81secretValue'

/** R1 deploys in staging; once canceled, CANCELING for two reads, then CANCELED. */
const { simulate, inputs } = simulatedEnvironment(TOKEN, simulatorsForTest(), {
  script: {
    name: 'staging',
    requestId: R1,
    services: API_AND_WEB,
    before: [{ state: 'DEPLOYING' }],
    after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
  },
  inputs: { timeout: '60s' }
})

/** An outcome, JSON outputs that parse, a summary, the token nowhere, and no claim the ground truth contradicts. */
function expectTrueReport(run: ActionRun, api: QoverySimulator, given: Record<string, string>, outcome: string): void {
  expectReported(run, outcome, TOKEN)
  const claims = {
    outputs: run.outputs,
    annotations: [...annotations(run, 'error'), ...annotations(run, 'warning'), ...annotations(run, 'notice')],
    summary: run.summary,
    inputs: given
  }
  expect(checkClaims(claims, api.truth(ENV_ID)).falseClaims).toEqual([])
}

/** The requests of one kind the simulator saw, in order. */
function seen(api: QoverySimulator, kind: string): Array<{ at: number; answer: unknown }> {
  return api.requests.filter((request) => request.kind === kind)
}

describe('reads of the report after the end', () => {
  it('cuts the history, statuses and environment reads that never answer within about one request-timeout, each tried once', async () => {
    // Every read that only adds to the report, from the cancel on, never answers.
    const hang = { fault: 'hang' as const, times: 10, afterCancel: true }
    const api = await simulate(
      {},
      {
        faults: [
          { on: 'history', ...hang },
          { on: 'statuses', ...hang },
          { on: 'environment', ...hang }
        ]
      }
    )
    const given = inputs(api, { 'request-timeout': '5s' })
    const run = await runAction(given)
    expect(run.exitCode).toBe(0)
    expectTrueReport(run, api, given, 'canceled')
    // Each hung read was sent once and cut, never retried at a full request-timeout each time.
    const afterCancel = (kind: string) => seen(api, kind).filter((request) => request.answer === 'hang')
    for (const kind of ['history', 'statuses', 'environment']) expect(afterCancel(kind)).toHaveLength(1)
    // The step ended within about one request-timeout (5s) of the first read that hung after the
    // end, far from the three attempts of 5s each (15s) of a retried read.
    const firstHang = Math.min(...['history', 'statuses'].map((kind) => afterCancel(kind)[0]!.at))
    expect(run.endedAt - firstHang).toBeLessThan(10_000)
    // What could not be read is not known; the outcome stands.
    expect(run.outputs.services).toBe('null')
    expect(run.summary).toMatch(/^What became of each service is not known: .+\.$/m)
    expect(annotations(run, 'error')).toEqual([])
  })
})

describe('a last read at the deadline', () => {
  it('reports a request that ended 0.7s before the step gave up as canceled, not timed-out', async () => {
    // Reads every second, for 3s. CANCELING is held until the deadline is known (the action logs
    // it as it starts); it then ends 0.7s before it, about 2.3s after the start: after the read at
    // about 2s, a whole interval before the deadline, and before the step gives up.
    const canceling: Step = { state: 'CANCELING' }
    const api = await simulate({ after: [canceling, { state: 'CANCELED' }] })
    const given = inputs(api, { timeout: '3s', 'poll-interval': '1s', 'request-timeout': '2s' })
    let stdout = ''
    let deadlineLogged: (at: number) => void = () => {}
    const deadlineKnown = new Promise<number>((resolve) => (deadlineLogged = resolve))
    const running = runAction(given, {
      onStdout: (chunk) => {
        stdout += chunk
        const logged = /^::debug::Deadline: (\S+) /m.exec(stdout)
        if (logged !== null) deadlineLogged(Date.parse(logged[1]!))
      }
    })
    const [deadline, cancel] = await Promise.all([
      deadlineKnown,
      api.waitForRequest((request) => request.method === 'POST' && request.path.endsWith('/cancelDeployment'))
    ])
    // The step began at the cancel's arrival; one that ends in the past ends then, not now.
    canceling.ms = deadline - 700 - (cancel.handledAt ?? cancel.at)
    const run = await running
    expectTrueReport(run, api, given, 'canceled')
    expect(run.exitCode).toBe(0)
    // The last status read came after the end, and before the deadline; the one before came before the end.
    const endedAt = api.truth(ENV_ID).requests.find((request) => request.id === R1)!.endedAt!
    expect(endedAt).toBe(deadline - 700)
    const reads = seen(api, 'status').map((request) => request.at)
    expect(reads.at(-1)!).toBeGreaterThanOrEqual(endedAt)
    expect(reads.at(-1)!).toBeLessThanOrEqual(deadline)
    expect(reads.at(-2)!).toBeLessThan(endedAt)
  })
})

describe('a deployment history that lags behind the status', () => {
  it('reads the entry again until it is final: each service as it truly ended, none "still in progress"', async () => {
    const api = await simulate({}, { world: { historyLags: true } })
    const given = inputs(api)
    const run = await runAction(given)
    expect(run.exitCode).toBe(0)
    expectTrueReport(run, api, given, 'canceled')
    expect(JSON.parse(run.outputs.services!)).toEqual([
      expect.objectContaining({ name: 'api', state: 'DEPLOYED' }),
      expect.objectContaining({ name: 'web', state: 'CANCELED' })
    ])
    expect(run.summary).not.toContain('still in progress')
  })

  it('says the services are not known when the entry is still not final once the report budget is spent', async () => {
    // A budget of one second, reads every second: no time to read the entry again.
    const api = await simulate({}, { world: { historyLags: true } })
    const given = inputs(api, { 'poll-interval': '1s', 'request-timeout': '1s' })
    const run = await runAction(given)
    expect(run.exitCode).toBe(0)
    expectTrueReport(run, api, given, 'canceled')
    expect(run.outputs.services).toBe('null')
    expect(run.summary).toMatch(/^What became of each service is not known: .+\.$/m)
    expect(run.summary).not.toContain('still in progress')
  })
})

describe('a cancel that reached the next request', () => {
  it('reports the request its cancel canceled, when another client canceled the running one first', async () => {
    // Another client's cancel ends R1 just before ours arrives; R2, waiting, starts at once, and ours cancels it.
    const api = await simulate({
      triggeredBy: 'alice@example.com',
      canceledElsewhereFirst: true,
      queue: [{ requestId: R2, triggeredBy: 'bob@example.com', after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }] }]
    })
    const given = inputs(api)
    const run = await runAction(given)
    // The simulator's record: our cancel hit R2, and R1 ended CANCELED by the other cancel.
    const truth = api.truth(ENV_ID)
    expect(truth.environmentCancels.map((cancel) => cancel.hit)).toEqual([R2])
    expect(truth.requests.find((request) => request.id === R1)).toMatchObject({ end: 'CANCELED', cancel: { by: 'elsewhere' } })
    expectTrueReport(run, api, given, 'canceled')
    expect(run.exitCode).toBe(0)
    expect(run.outputs['deployment-request-id']).toBe(R2)
    expect(JSON.parse(run.outputs['canceled-request-ids']!)).toEqual(expect.arrayContaining([R1, R2]))
    // In words: the cancel reached the next request; never that it "started next".
    expect(run.summary).toMatch(
      /^## ✅ Canceled the deploy of staging: the cancel reached the next deploy \(by `bob@example\.com`\), which had started as the first one ended$/m
    )
    expect(run.summary).toContain(
      'The cancel reached the next deploy (by `bob@example.com`), which had started as the deploy first targeted (by `alice@example.com`) ended (canceled). It was canceled '
    )
    expect(run.summary).not.toMatch(/started next|now runs|queued: cancel/)
    // The ids in the details: the first one targeted, how it ended, and on what that rests.
    expect(summaryRow(run.summary, 'Request')).toMatch(
      new RegExp(`^\`${R2}\` · .* · started as the request first targeted ended: the cancel reached it$`)
    )
    expect(summaryRow(run.summary, 'First targeted')).toMatch(new RegExp(`^\`${R1}\` · .* · ended \`CANCELED\`: .+`))
    expect(summaryRow(run.summary, 'Also canceled')).toBeUndefined()
    expect(annotations(run, 'warning')).toContainEqual(expect.stringMatching(new RegExp(`^The cancel reached deployment request ${R2} `)))
  })
})
