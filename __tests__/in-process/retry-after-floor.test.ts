/**
 * The action, in process with its real HTTP client, against a rate limiter that answers
 * `Retry-After: 0`: the retries keep the action's own backoff, and reads while waiting keep
 * poll-interval, so that a limiter that asks for nothing does not get a burst. Lower bounds only:
 * the gaps between the requests as the client sent them, on the action's own clock.
 */
import { describe, expect, it } from '@jest/globals'
import { expectNoSecret } from '../../test-support/assertions.ts'
import type { FaultRule, RecordedRequest } from '../../test-support/qovery-simulator.ts'
import { type InProcessRun, runInProcess } from '../../test-support/run-in-process.ts'
import { simulatorsForFile } from '../../test-support/simulators.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_retry_after_floor_secret'
/** Times are whole milliseconds: two of them can read 1 ms closer than they were. */
const ROUNDING_MS = 1

const startSimulator = simulatorsForFile()

async function runAgainst(faults: FaultRule[], pollInterval: string) {
  const simulator = await startSimulator({
    token: TOKEN,
    // CANCELING for the lookup beside the cancel and one status read, then CANCELED.
    environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }] }],
    faults
  })
  const run = await runInProcess({
    'environment-id': ENV_ID,
    token: TOKEN,
    'api-url': simulator.url,
    'poll-interval': pollInterval,
    timeout: '30s'
  })
  return { run, api: simulator }
}

type Sent = InProcessRun['sent'][number]
const gaps = (requests: Sent[]) => requests.slice(1).map((request, index) => request.at - (requests[index] as Sent).at)
const isStatusRead = (request: Sent) => request.method === 'GET' && request.path.endsWith('/status')
const isCancel = (request: Sent) => request.method === 'POST'

describe('Retry-After: 0 from a rate limiter', () => {
  it.concurrent(
    'leaves the cancel on its own backoff: each retry at least half a step, the step doubling from the poll interval',
    async () => {
      const { run, api } = await runAgainst([{ on: 'cancel', fault: { status: 429, retryAfter: '0' }, times: 4 }], '200ms')
      expect(run.exitCode).toBe(0)
      expect(run.outputs.outcome).toBe('canceled')
      expect(api.cancelRequests().map((request) => request.answer)).toEqual([429, 429, 429, 429, 202])
      // Equal jitter: retry n waits at least half of 200 ms x 2^(n-1).
      const floors = [100, 200, 400, 800]
      gaps(run.sent.filter(isCancel)).forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual((floors[index] as number) - ROUNDING_MS))
      expectNoSecret(run, TOKEN)
    }
  )

  it.concurrent('never reads the status sooner than poll-interval while waiting, retries included', async () => {
    const { run, api } = await runAgainst([{ on: 'status', fault: { status: 429, retryAfter: '0' }, skip: 1, times: 3 }], '300ms')
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('canceled')
    const cancelAt = (api.cancelRequests()[0] as RecordedRequest).at
    const answers = api.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/status') && request.at >= cancelAt)
    expect(answers.map((request) => request.answer)).toEqual([429, 429, 429, 200, 200])
    const cancel = run.sent.find(isCancel) as Sent
    const waitingReads = run.sent.filter((request) => isStatusRead(request) && request.at >= cancel.at)
    for (const gap of gaps([cancel, ...waitingReads])) expect(gap).toBeGreaterThanOrEqual(300 - ROUNDING_MS)
    expectNoSecret(run, TOKEN)
  })
})
