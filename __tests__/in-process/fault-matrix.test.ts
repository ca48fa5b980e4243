/**
 * The action, in process with its real HTTP client, against simulators that fail on purpose: each
 * run injects faults and checks that the step still ends right, that Retry-After is honoured, and
 * that nothing is sent after the deadline. The runs go side by side, one simulator each; the file
 * ends with a tally.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret, expectNothingAfterDeadline, summaryRow } from '../../test-support/assertions.ts'
import { type EnvironmentScript, type FaultRule, QoverySimulator, startSimulator } from '../../test-support/qovery-simulator.ts'
import { type InProcessRun as ActionRun, runInProcess } from '../../test-support/run-in-process.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_fault_matrix_secret'
/** The old state for one status read after the cancel (and the lookup beside the cancel), then CANCELING for two. */
const CANCELING_THEN_CANCELED: Omit<EnvironmentScript, 'id'> = {
  before: [{ state: 'DEPLOYING' }],
  after: [{ state: 'DEPLOYING', reads: 2 }, { state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
}

const tally = { faults: 0, runs: 0, right: 0 }

afterAll(() => {
  process.stdout.write(`\nFault matrix: ${tally.faults} faults injected, ${tally.runs} runs, ${tally.right} ended right.\n`)
})

/** Runs the action against the faults; counts the run as right only if every check passes. */
async function matrixRun(
  faults: FaultRule[],
  extra: Record<string, string>,
  check: (run: ActionRun, api: QoverySimulator) => void,
  script = CANCELING_THEN_CANCELED
): Promise<void> {
  const simulator = await startSimulator({ token: TOKEN, environments: [{ id: ENV_ID, ...script }], faults })
  try {
    const inputs = {
      'environment-id': ENV_ID,
      token: TOKEN,
      'api-url': simulator.url,
      'poll-interval': '20ms',
      timeout: '20s',
      'request-timeout': '2s',
      ...extra
    }
    const run = await runInProcess(inputs)
    tally.runs += 1
    tally.faults += simulator.faultsInjected
    expect(simulator.faultsInjected).toBeGreaterThan(0)
    expectNothingAfterDeadline(run, inputs.timeout)
    check(run, simulator)
    expectNoSecret(run, TOKEN)
    tally.right += 1
  } finally {
    await simulator.stop()
  }
}

function endsCanceled(run: ActionRun): void {
  expect(run.exitCode).toBe(0)
  expect(run.outputs).toMatchObject({ outcome: 'canceled', canceled: 'true', state: 'CANCELED' })
  expect(annotations(run, 'error')).toEqual([])
}

/** Milliseconds between the request answered `answer` and the next one to the same endpoint (its retry). */
function gapAfter(api: QoverySimulator, answer: number): number {
  const index = api.requests.findIndex((request) => request.answer === answer)
  expect(index).toBeGreaterThanOrEqual(0)
  const failed = api.requests[index]!
  const retry = api.requests.slice(index + 1).find((request) => request.method === failed.method && request.path === failed.path)
  return retry!.at - failed.at
}

describe('fault matrix', () => {
  it.concurrent.each([500, 502, 504])('rides out HTTP %d on status reads', async (status) => {
    await matrixRun(
      [
        { on: 'status', fault: { status }, times: 2 },
        { on: 'status', fault: { status }, skip: 3 }
      ],
      {},
      (run, api) => {
        endsCanceled(run)
        expect(run.stdout).toContain(`Reading the environment status failed (HTTP ${status}`)
        expect(api.requests.filter((request) => request.answer === status)).toHaveLength(3)
      }
    )
  })

  it.concurrent('waits as long as a 503 Retry-After in seconds asks', async () => {
    await matrixRun([{ on: 'status', fault: { status: 503, retryAfter: '1' }, skip: 1 }], {}, (run, api) => {
      endsCanceled(run)
      expect(gapAfter(api, 503)).toBeGreaterThanOrEqual(990)
      expect(run.stdout).toMatch(/HTTP 503 Service Unavailable.*retrying in 1s/)
    })
  })

  it.concurrent('waits as long as a 429 Retry-After in seconds asks, on the cancel too', async () => {
    await matrixRun([{ on: 'cancel', fault: { status: 429, retryAfter: '1' } }], {}, (run, api) => {
      endsCanceled(run)
      expect(api.cancelRequests().map((request) => request.answer)).toEqual([429, 202])
      expect(gapAfter(api, 429)).toBeGreaterThanOrEqual(990)
    })
  })

  it.concurrent('waits until the date a 429 Retry-After names', async () => {
    // An HTTP date has whole seconds: three seconds ahead means between two and three from now,
    // so that even after the action's start-up the wait it asks for is over a second.
    const until = new Date(Date.now() + 3_000).toUTCString()
    await matrixRun([{ on: 'status', fault: { status: 429, retryAfter: until } }], {}, (run, api) => {
      endsCanceled(run)
      const statusReads = api.requests.filter((request) => request.path.endsWith('/status'))
      expect(statusReads[1]!.at).toBeGreaterThanOrEqual(Date.parse(until) - 5)
      expect(gapAfter(api, 429)).toBeGreaterThanOrEqual(900)
    })
  })

  it.concurrent('cuts a Retry-After longer than the timeout at the deadline, sending nothing after it', async () => {
    await matrixRun([{ on: 'status', fault: { status: 503, retryAfter: '3600' }, skip: 1 }], { timeout: '3s' }, (run, api) => {
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ outcome: 'timed-out', state: 'DEPLOYING' })
      expect(annotations(run, 'error')[0]).toMatch(
        /^Timed out after 3s while the deploy was still deploying; the last request failed with HTTP 503/
      )
      expect(api.requests.at(-1)!.answer).toBe(503)
      expect(run.stdout).toMatch(/the timeout runs out in \d+(ms|\.\d+s|s), before the 1h a retry would wait/)
    })
  })

  it.concurrent('cuts a request that hangs at the deadline, not at request-timeout', async () => {
    // Cut at request-timeout instead, the run would outlast the test's own time limit.
    await matrixRun([{ on: 'status', fault: 'hang', skip: 2 }], { timeout: '3s', 'request-timeout': '10m' }, (run, api) => {
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ outcome: 'timed-out', state: 'DEPLOYING' })
      expect(annotations(run, 'error')[0]).toBe(
        'Timed out after 3s while the deploy was still deploying; the last request failed with no complete answer before the timeout ran out. Qovery goes on with the cancel it accepted.'
      )
      // Where to follow it: the summary's one link, not a long URL at the end of the annotation.
      expect(run.summary).toContain(`/environment/${ENV_ID}/deployment/${run.outputs['last-deployment-id']}).`)
      expect(api.requests.at(-1)!.answer).toBe('hang')
    })
  })

  it.concurrent('retries a reset connection', async () => {
    await matrixRun([{ on: 'status', fault: 'reset', skip: 1, times: 2 }], {}, (run) => {
      endsCanceled(run)
      expect(run.stdout).toContain('Reading the environment status failed (read ECONNRESET)')
    })
  })

  it.concurrent('cuts a request that never answers at request-timeout, and retries', async () => {
    await matrixRun([{ on: 'status', fault: 'hang', skip: 1 }], { 'request-timeout': '300ms' }, (run) => {
      endsCanceled(run)
      expect(run.stdout).toContain('no complete answer within 300ms (request-timeout)')
      // The second status read hung: the third left once it was cut, on the action's own clock.
      const reads = run.sent.filter((request) => request.path.endsWith('/status'))
      expect(reads[2]!.at - reads[1]!.at).toBeGreaterThanOrEqual(300)
    })
  })

  it.concurrent('cuts a body that stalls at request-timeout, and retries', async () => {
    await matrixRun([{ on: 'status', fault: 'stall-body', skip: 1 }], { 'request-timeout': '300ms' }, (run) => {
      endsCanceled(run)
      expect(run.stdout).toContain('no complete answer within 300ms (request-timeout)')
    })
  })

  it.concurrent('retries a truncated JSON body', async () => {
    await matrixRun([{ on: 'status', fault: 'truncated', skip: 1 }], {}, (run) => {
      endsCanceled(run)
      expect(run.stdout).toContain('HTTP 200 with an unusable body: it is not valid JSON (cut short?)')
    })
  })

  it.concurrent('retries an HTML page from a proxy', async () => {
    await matrixRun([{ on: 'status', fault: 'html', skip: 2 }], {}, (run) => {
      endsCanceled(run)
      expect(run.stdout).toContain('it is HTML, not JSON (a proxy or gateway page?)')
    })
  })

  it.concurrent('retries a 5xx on the cancel request itself', async () => {
    await matrixRun([{ on: 'cancel', fault: { status: 502 }, times: 2 }], {}, (run, api) => {
      endsCanceled(run)
      expect(api.cancelRequests().map((request) => request.answer)).toEqual([502, 502, 202])
      expect(run.stdout).toContain('The cancel request failed (HTTP 502 Bad Gateway')
    })
  })

  it.concurrent('takes the 409 of a retried cancel whose first try got through', async () => {
    await matrixRun([{ on: 'cancel', fault: { status: 504 }, processFirst: true }], {}, (run, api) => {
      endsCanceled(run)
      expect(api.cancelRequests().map((request) => request.answer)).toEqual([504, 409])
    })
  })

  it.concurrent.each(['endless-body', 'gzip-bomb'] as const)(
    'takes a cancel answered 2xx as accepted when its body (%s) cannot be read whole, and sends it once',
    async (fault) => {
      await matrixRun([{ on: 'cancel', fault, processFirst: true }], { 'request-timeout': '15s' }, (run, api) => {
        endsCanceled(run)
        expect(api.cancelRequests()).toHaveLength(1)
        expect(run.stdout).toContain('Qovery accepted the cancel request (HTTP 200)')
      })
    }
  )

  it.concurrent("fails on a status read whose body passes the cap, as an answer too large to be Qovery's, sending no cancel", async () => {
    // 32 MiB go through before the cap: request-timeout leaves room for them on a loaded machine.
    await matrixRun([{ on: 'status', fault: 'endless-body' }], { 'request-timeout': '15s' }, (run, api) => {
      expect(run.exitCode).toBe(1)
      expect(api.cancelRequests()).toEqual([])
      expect(run.outputs).toMatchObject({ outcome: 'failed' })
      expect(run.stdout).toContain('::error title=Failed%3A answer too large (body)::')
      expect(annotations(run, 'error')[0]).toMatch(
        /larger than 32 MiB .*a proxy or gateway in between .* Check api-url and the proxy variables/
      )
      expect(run.summary).toMatch(/^## ❌ An answer's body was too large to be Qovery's: no cancel was sent$/m)
    })
  })

  it.concurrent('fails on a redirect without following it, pointing at api-url', async () => {
    await matrixRun([{ on: 'status', fault: { status: 301, body: '' } }], {}, (run, api) => {
      expect(run.exitCode).toBe(1)
      expect(api.cancelRequests()).toEqual([])
      expect(annotations(run, 'error')[0]).toMatch(
        /HTTP 301\. The action does not follow redirects, which would carry the token elsewhere: check api-url/
      )
    })
  })

  it.concurrent('gives up on the cancel after 5 tries, naming the last fault', async () => {
    await matrixRun([{ on: 'cancel', fault: { status: 500 }, times: 99 }], {}, (run, api) => {
      expect(run.exitCode).toBe(1)
      expect(api.cancelRequests()).toHaveLength(5)
      expect(run.outputs).toMatchObject({ outcome: 'failed', state: 'DEPLOYING' })
      expect(annotations(run, 'error')[0]).toContain('The cancel request failed 5 times in a row; the last time: POST')
      expect(annotations(run, 'error')[0]).toContain('HTTP 500 Internal Server Error')
      // Qovery answered each time: not "no answer".
      expect(summaryRow(run.summary, 'Cancel request')).toMatch(
        /^sent at \d\d:\d\d:\d\d UTC, not accepted \(the last answer: HTTP 500 Internal Server Error\)$/
      )
    })
  })

  it.concurrent('ends the wait after 10 failed reads in a row (the error budget), without waiting for the deadline', async () => {
    await matrixRun([{ on: 'status', fault: 'truncated', skip: 1, times: 99 }], { timeout: '10m' }, (run, api) => {
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ outcome: 'failed', state: 'DEPLOYING' })
      expect(annotations(run, 'error')[0]).toContain('Reading the environment status failed 10 times in a row; the last time: GET')
      expect(annotations(run, 'error')[0]).toContain('not valid JSON')
      // The first status read and the queue read, then ten failed reads.
      expect(api.requests.filter((request) => request.path.endsWith('/status'))).toHaveLength(11)
      expect(api.requests.filter((request) => request.path.endsWith('/deploymentQueue'))).toHaveLength(1)
    })
  })

  it.concurrent('resets the error budget after a good read', async () => {
    await matrixRun(
      [
        { on: 'status', fault: { status: 502 }, skip: 1, times: 9 },
        { on: 'status', fault: { status: 502 }, skip: 11, times: 9 }
      ],
      {},
      (run, api) => {
        endsCanceled(run)
        expect(api.requests.filter((request) => request.answer === 502)).toHaveLength(18)
      }
    )
  })

  it.concurrent('never retries a 400', async () => {
    await matrixRun([{ on: 'cancel', fault: { status: 400 } }], {}, (run, api) => {
      expect(run.exitCode).toBe(1)
      expect(api.cancelRequests()).toHaveLength(1)
      expect(annotations(run, 'error')[0]).toContain('HTTP 400 Bad Request')
    })
  })

  it.concurrent('fails after 3 tries, naming api-url, when the API host does not exist', async () => {
    const run = await runInProcess({ 'environment-id': ENV_ID, token: TOKEN, 'api-url': 'https://qovery-api.invalid', timeout: '20s' })
    tally.runs += 1
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')).toEqual([
      expect.stringMatching(/the host could not be resolved \(.*ENOTFOUND qovery-api\.invalid\)\. Check api-url\.$/)
    ])
    // The status and the queue read side by side: the first to have tried 3 times stops both.
    expect(run.stdout).toMatch(/attempt 2 of 3; retrying in/)
    expect(run.stdout).not.toContain('attempt 3 of')
    tally.right += 1
  })

  it.concurrent('retries a refused connection until the budget runs out', async () => {
    const closed = await startSimulator({ token: TOKEN, environments: [] })
    const url = closed.url
    await closed.stop()
    const run = await runInProcess({ 'environment-id': ENV_ID, token: TOKEN, 'api-url': url, 'poll-interval': '10ms', timeout: '20s' })
    tally.runs += 1
    expect(run.exitCode).toBe(1)
    // The status and queue reads go side by side, each with its budget; the first to run out stops both.
    const retries = ['environment status', 'deployment queue'].map(
      (what) => run.stdout.match(new RegExp(`Reading the ${what} failed \\([^)]*ECONNREFUSED`, 'g'))?.length ?? 0
    )
    expect(Math.max(...retries)).toBe(9)
    expect(Math.min(...retries)).toBeGreaterThanOrEqual(8)
    expect(annotations(run, 'error')[0]).toContain('failed 10 times in a row')
    tally.right += 1
  })
})
