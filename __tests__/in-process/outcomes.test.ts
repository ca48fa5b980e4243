/**
 * The action, in process with its real HTTP client, against the local Qovery simulator: one run
 * for each path of the behaviour, inputs rejected included.
 */
import { describe, expect, it } from '@jest/globals'
import {
  annotations,
  expectNoSecret,
  expectNothingAfterDeadline,
  expectWarned,
  runRequests,
  summaryRow,
  summaryTimeline
} from '../../test-support/assertions.ts'
import { isReportRead, type QoverySimulator } from '../../test-support/qovery-simulator.ts'
import { runInProcess as runAction } from '../../test-support/run-in-process.ts'
import { simulatedEnvironment, simulatorsForFile } from '../../test-support/simulators.ts'
import { Interrupted } from '../../src/util/interrupted.ts'
import { API_AND_WEB, ENV_ID } from '../../__fixtures__/environment.ts'

const OTHER_ID = '0b7f0c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f'
const TOKEN = 'qov_e2e_Zx81secretTokenValue'
const JWT = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ sub: 'e2e' })).toString('base64url'),
  'c2lnbmF0dXJlc2VjcmV0'
].join('.')

const { simulate, inputs } = simulatedEnvironment(TOKEN, simulatorsForFile())

const paths = (api: QoverySimulator) => runRequests(api.requests)
const reportReads = (api: QoverySimulator) => api.requests.filter(isReportRead).map((request) => request.path)
const STATUS = `GET /environment/${ENV_ID}/status`
const CANCEL = `POST /environment/${ENV_ID}/cancelDeployment`
const QUEUE = `GET /environment/${ENV_ID}/deploymentQueue`
const LOOKUP = 'GET /environment/deploymentStatus'
/** What the first look reads beside the status and the queue: what runs, and what kind of request it is. */
const FIRST_LOOK_RECORDS = [`/environment/${ENV_ID}/deploymentHistoryV2`, `/environment/${ENV_ID}/statuses`]

describe('the action, one run for each path', () => {
  it.concurrent('sends force_cancel: true and a JWT as Bearer', async () => {
    const api = await simulate({ before: [{ state: 'BUILDING' }] }, { token: JWT })
    const run = await runAction(inputs(api, { token: JWT, force: 'True' }))
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(api.cancelRequests()[0]!.body)).toEqual({ force_cancel: true })
    expect(api.requests.every((request) => request.authorization === `Bearer ${JWT}`)).toBe(true)
    expect(summaryRow(run.summary, 'Force')).toBe('yes: `force_cancel` was sent, for Qovery to abort the lifecycle jobs too')
    expectNoSecret(run, JWT)
  })

  it.concurrent.each(['Bearer', 'bearer', 'BEARER'])(
    'sends a token that names its scheme (%s) with the scheme as Qovery spells it',
    async (scheme) => {
      const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
      const run = await runAction(inputs(api, { token: `${scheme} ${TOKEN}` }))
      expect(run.exitCode).toBe(0)
      expect(api.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true)
      expect(run.stdout).toContain('token: *** (scheme given as Bearer)')
      expectNoSecret(run, TOKEN)
    }
  )

  it.concurrent('sends nothing but one read when the state is already final', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYED' }] })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(paths(api)).toEqual([STATUS, QUEUE])
    // Beside the status, the records of what runs; the environment's name, for the summary and its
    // link, once nothing is left to decide.
    expect(reportReads(api).sort()).toEqual([`/environment/${ENV_ID}`, ...FIRST_LOOK_RECORDS])
    expect(reportReads(api).at(-1)).toBe(`/environment/${ENV_ID}`)
    expect(run.outputs).toMatchObject({
      outcome: 'nothing-to-cancel',
      canceled: 'false',
      state: 'DEPLOYED',
      'waiting-request-ids': '[]',
      'canceled-request-ids': '[]',
      services: 'null'
    })
    expect(annotations(run, 'notice')).toEqual(['No cancel was sent: the environment is deployed, with nothing waiting in its queue.'])
    expect(run.summary.split('\n')[0]).toBe('## ℹ️ Nothing to cancel: nothing runs or waits in env-3f50b8f5')
    expect(summaryRow(run.summary, 'Cancel request')).toBeUndefined()
    expect(run.summary).toContain("5 requests to Qovery's API")
    expect(summaryTimeline(run.summary)).toEqual([{ state: 'DEPLOYED', lasted: 'final' }])
    expectNoSecret(run, TOKEN)
  })

  it.concurrent('warns when the deployment finishes before the cancel takes effect', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], after: [{ state: 'DEPLOYING', reads: 1 }, { state: 'DEPLOYED' }] })
    const run = await runAction(inputs(api))
    expectWarned(run, {
      outputs: { outcome: 'finished', canceled: 'false', state: 'DEPLOYED' },
      warning: 'The cancel did not stop the deploy: it finished (deployed) before the cancel took effect.',
      headline: '## ⚠️ Not canceled: the deploy of env-3f50b8f5 finished (deployed) before the cancel took effect'
    })
    expect(summaryRow(run.summary, 'Request')).toMatch(new RegExp(`^\`${run.outputs['deployment-request-id']}\` · \`DEPLOY\``))
    expect(summaryRow(run.summary, 'How it ended')).toBe(
      "`DEPLOYED`: the environment's status and the status's last deployment state say `DEPLOYED`"
    )
    expect(run.outputs['canceled-request-ids']).toBe('[]')
    expect(summaryTimeline(run.summary).map((row) => row.state)).toEqual(['DEPLOYING', 'DEPLOYED'])
  })

  it.concurrent('takes a 409 as a cancel already under way and waits for it', async () => {
    const api = await simulate({
      before: [{ state: 'DEPLOYING' }],
      cancel: 'conflict',
      after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
    })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    // The lookup beside the cancel says whether the id the status named is what runs.
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL, STATUS, LOOKUP, STATUS, QUEUE])
    expect(api.requests.find((request) => request.method === 'POST')!.answer).toBe(409)
    expect(reportReads(api).sort()).toEqual([
      `/environment/${ENV_ID}`,
      `/environment/${ENV_ID}/deploymentHistoryV2`,
      `/environment/${ENV_ID}/deploymentHistoryV2`,
      `/environment/${ENV_ID}/statuses`,
      `/environment/${ENV_ID}/statuses`
    ])
    expect(run.outputs).toMatchObject({ outcome: 'canceled', state: 'CANCELED' })
    expect(run.stdout).toContain('Qovery answered 409 (Environment deployment is already cancelled or an operation is in progress)')
    // Canceled, but not by this cancel: the words say so.
    expect(run.summary).toMatch(/^## ✅ Canceled the deploy of \S+, though Qovery answered this cancel 409$/m)
    expect(run.summary).toContain(
      'Qovery had answered this cancel 409. Qovery said: "Environment deployment is already cancelled or an operation is in progress."'
    )
  })

  it.concurrent.each([
    [202, ''],
    [202, '{"unexpected":true}'],
    [204, ''],
    [200, '<html>ok</html>']
  ])('takes a %d with the body %j as accepted, and never sends the cancel again', async (code, body) => {
    const api = await simulate(
      { before: [{ state: 'DEPLOYING' }] },
      { faults: [{ on: 'cancel', fault: { status: code, body }, processFirst: true }] }
    )
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(api.cancelRequests()).toHaveLength(1)
    expect(run.stdout).toContain(`Qovery accepted the cancel request (HTTP ${code})`)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', canceled: 'true' })
  })

  it.concurrent('never reports a 409 as accepted with wait: false, and says what the status shows', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], cancel: 'conflict', after: [{ state: 'CANCELING' }] })
    const run = await runAction(inputs(api, { wait: 'false' }))
    expectWarned(run, {
      outputs: { outcome: 'conflict', canceled: 'false', state: 'CANCELING' },
      warning:
        'Qovery refused the cancel (409), and the action does not wait (wait: false). Qovery said: "Environment deployment is already cancelled or an operation is in progress." The environment is canceling: a cancel was already under way.',
      headline: '## ⚠️ Qovery refused the cancel of the deploy of env-3f50b8f5 (409); the environment is canceling'
    })
    // One row for the one 409: when it was sent, and what Qovery answered.
    expect(summaryRow(run.summary, 'Cancel request')).toMatch(
      /^sent at \d\d:\d\d:\d\d UTC, refused \(409\): Environment deployment is already cancelled or an operation is in progress$/
    )
    expect(run.summary.split('\n').filter((line) => line.startsWith('| ') && line.includes('(409)'))).toHaveLength(1)
    expect(run.stdout).not.toContain('Cancel requested and accepted')
  })

  it.concurrent('follows a request that ended as its cancel got a 409, even with wait: false', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], cancel: 'conflict', after: [{ state: 'DEPLOYED' }] })
    const run = await runAction(inputs(api, { wait: 'false' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'finished', canceled: 'false', state: 'DEPLOYED' })
    expect(run.stdout).not.toContain('usually means an operation is in progress')
    expect(run.stdout).toContain('The cancel did not stop the deploy: it finished (deployed) before the cancel took effect.')
  })

  it.concurrent('requests the cancel and stops with wait: false', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYMENT_QUEUED' }] })
    const run = await runAction(inputs(api, { wait: 'false' }))
    expect(run.exitCode).toBe(0)
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL, LOOKUP])
    expect(run.outputs).toMatchObject({
      outcome: 'requested',
      canceled: 'false',
      state: 'DEPLOYMENT_QUEUED',
      'canceled-request-ids': 'null'
    })
    expect(run.stdout).toContain(
      'Qovery accepted the cancel of the deploy and goes on with it; the action did not wait for it to take effect (wait: false).'
    )
    // Where to follow it: the summary's one link into the console.
    expect(run.summary).toMatch(
      /\[See the deployment in Qovery's console\]\(https:\/\/console\.qovery\.com\/organization\/[0-9a-f-]{36}\/project\/[0-9a-f-]{36}\/environment\/[0-9a-f-]{36}\/deployment\/[0-9a-f-]{36}\)/
    )
  })

  it.concurrent('fails on a timeout, saying in which state, and sends nothing after it', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] })
    // Long enough for a read to show CANCELING even on a starved machine.
    const run = await runAction(inputs(api, { timeout: '6s', 'poll-interval': '50ms' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'timed-out', canceled: 'false', state: 'CANCELING' })
    // A read can be in flight when the deadline cuts it; the message then says so too.
    expect(annotations(run, 'error')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Timed out after 6s while the deploy was still canceling(; the last request failed with no complete answer before the timeout ran out)?\\. Qovery goes on with the cancel it accepted\\. Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout\\.$`
        )
      )
    ])
    expect(run.summary.split('\n')[0]).toBe(
      '## ⏱️ Timed out on the deploy of env-3f50b8f5, still canceling: Qovery goes on with the cancel it accepted'
    )
    expect(run.summary).toMatch(/^Timed out after 6s while the deploy was still canceling[.;]/m)
    expect(run.summary).toMatch(
      / \[See the deployment in Qovery's console\]\(https:\/\/console\.qovery\.com\/organization\/.*\/deployment\/[0-9a-f-]{36}\)\.$/m
    )
    expect(summaryRow(run.summary, 'Request')).toMatch(new RegExp(`^\`${run.outputs['deployment-request-id']}\` · \`DEPLOY\``))
    expect(summaryTimeline(run.summary).at(-1)).toEqual({ state: 'CANCELING', lasted: expect.stringMatching(/ up to the last read$/) })
    // Not ended: no time from the cancel to the end.
    expect(summaryRow(run.summary, 'Cancel request')).toMatch(/^sent at \d\d:\d\d:\d\d UTC, accepted \(HTTP 202\)$/)
    expect(summaryRow(run.summary, 'Force')).toBe('no: a lifecycle job may be what keeps it `CANCELING`; force: true aborts it')
    expect(run.outputs['canceled-request-ids']).toBe('null')
    expectNothingAfterDeadline(run, '6s')
    expect(api.requests.length).toBeGreaterThanOrEqual(4)
  })

  it.concurrent('says that a cancel in flight when the run is interrupted may have been carried out', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { faults: [{ on: 'cancel', fault: 'hang' }] })
    let interrupt: ((reason: unknown) => void) | undefined
    const running = runAction(inputs(api), {
      onLine: (line, stop) => {
        if (line.startsWith('Requesting the cancel')) interrupt = stop
      }
    })
    await api.waitForRequest((request) => request.method === 'POST')
    interrupt!(new Interrupted('SIGINT'))
    const run = await running
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', canceled: 'false', 'canceled-request-ids': 'null' })
    expect(annotations(run, 'error')).toEqual([
      expect.stringMatching(
        /^The action was interrupted by SIGINT \(the workflow run was cancelled\); the deploy was last seen deploying\. A cancel request was sent at \d\d:\d\d:\d\dZ, and Qovery never confirmed it: it may have been carried out\./
      )
    ])
    expect(summaryRow(run.summary, 'Cancel request')).toMatch(/^sent at \d\d:\d\d:\d\d UTC, no answer/)
  })

  it.concurrent("keeps the token out of Qovery's text when a server echoes it, whole or in part", async () => {
    const echo = JSON.stringify({ status: 403, error: 'Forbidden', detail: `Token ${TOKEN} may not cancel (${TOKEN.slice(0, 10)})` })
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { faults: [{ on: 'cancel', fault: { status: 403, body: echo } }] })
    const run = await runAction(inputs(api))
    expect(run.outputs.outcome).toBe('failed')
    expect(annotations(run, 'error')[0]).toContain('Qovery said: "*** may not cancel (***).')
    const written = [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.summary, JSON.stringify(run.outputs)].join('\n')
    // No run of 8 of the token's characters, with or without Markdown's backslashes.
    const pieces = Array.from({ length: TOKEN.length - 7 }, (_, at) => TOKEN.slice(at, at + 8))
    expect(pieces.filter((piece) => written.replaceAll('\\', '').includes(piece))).toEqual([])
  })

  it.concurrent('pairs the deployment with its history entry whatever the case of the execution id', async () => {
    const execution = 'E1ABCDEF-0000-4000-8000-000000000003'
    const api = await simulate({
      before: [{ state: 'DEPLOYING' }],
      executionId: execution,
      services: [API_AND_WEB[0]!]
    })
    const run = await runAction(inputs(api))
    expect(run.outputs.outcome).toBe('canceled')
    expect(JSON.parse(run.outputs.services!)).toEqual([expect.objectContaining({ name: 'api', stage: 'build' })])
    // The console link keeps the id as Qovery gave it.
    expect(run.summary).toContain(`/deployment/${execution}`)
  })

  it.concurrent('reports a signal that came before the first request as interrupted, and sends nothing', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api), {
      // The first line the run prints, before any request: a signal caught while the bundle loaded.
      onLine: (line, stop) => {
        if (line.startsWith('::add-mask::')) stop(new Interrupted('SIGINT'))
      }
    })
    expect(run.exitCode).toBe(1)
    expect(run.sent).toEqual([])
    expect(api.requests).toEqual([])
    // Nothing was sent, so nothing was canceled: known empty, not unknown.
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', canceled: 'false', 'canceled-request-ids': '[]' })
    expect(annotations(run, 'error')).toEqual([expect.stringMatching(/^The action was interrupted by SIGINT .*No cancel request was sent/)])
    expect(run.summary).toContain('Interrupted')
  })

  it.concurrent('only warns on a timeout with on-timeout: warn', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] })
    const run = await runAction(inputs(api, { timeout: '200ms', 'on-timeout': 'warn' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('timed-out')
    expect(annotations(run, 'warning')[0]).toContain('The step goes on with a warning (on-timeout: warn).')
    expect(run.summary.split('\n')[0]).toMatch(/; the step goes on \(on-timeout: warn\)$/)
  })

  it.concurrent('fails at once on a rejected token, sending no cancel', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const wrong = 'qov_not_the_right_one'
    const run = await runAction(inputs(api, { token: wrong }))
    expect(run.exitCode).toBe(1)
    expect(paths(api)).toEqual([STATUS, QUEUE])
    expect(annotations(run, 'error')[0]).toContain("Qovery did not accept the token (HTTP 401 when reading the environment's status)")
    expect(annotations(run, 'error')[0]).toContain('Qovery said: "Access token is missing or invalid."')
    expect(run.outputs).toMatchObject({
      outcome: 'failed',
      canceled: 'false',
      'canceled-request-ids': '[]',
      'waiting-request-ids': 'null',
      'status-json': 'null',
      services: 'null',
      state: '',
      'environment-id': ENV_ID
    })
    expect(run.summary.split('\n')[0]).toBe('## ❌ The token was not accepted (401): no cancel was sent')
    expect(run.summary.split('\n')[2]).toMatch(/^Qovery did not accept the token \(HTTP 401/)
    expect(summaryRow(run.summary, 'Environment state')).toBeUndefined()
    expect(summaryTimeline(run.summary)).toEqual([])
    expectNoSecret(run, wrong)
  })

  it.concurrent('fails on a token that may read but not cancel, with the outputs of the read', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { readOnlyToken: 'qov_reader' })
    const run = await runAction(inputs(api, { token: 'qov_reader' }))
    expect(run.exitCode).toBe(1)
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL, LOOKUP])
    // Refused, not under way: nothing says a cancel was sent.
    expect(annotations(run, 'error')).toEqual([
      'Qovery refused the cancel request (HTTP 403 Forbidden). Qovery said: "This token cannot deploy this environment." Nothing was canceled.'
    ])
    expect(run.summary.split('\n')[0]).toBe('## ❌ Qovery refused the cancel (403): nothing was canceled')
    expect(run.stdout).toMatch(/^::error title=Failed%3A cancel refused \(403\)::/m)
    expect(run.outputs).toMatchObject({ outcome: 'failed', state: 'DEPLOYING', 'canceled-request-ids': '[]' })
    expect(summaryRow(run.summary, 'Cancel request')).toMatch(/^sent at \d\d:\d\d:\d\d UTC, refused \(HTTP 403 Forbidden\)$/)
    // The environment is read once the cancel has left, for its name and its link.
    expect(reportReads(api).sort()).toEqual([`/environment/${ENV_ID}`, ...FIRST_LOOK_RECORDS])
    // The request still runs: its deployment's page, which the history lists in progress.
    expect(run.outputs['console-url']).toMatch(
      new RegExp(`^https://console\\.qovery\\.com/organization/[^/]+/project/[^/]+/environment/${ENV_ID}/deployment/[0-9a-f-]{36}$`)
    )
  })

  it.concurrent("fails on an unknown environment, in Qovery's words and its id", async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api, { 'environment-id': OTHER_ID }))
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain("The environment was not found (HTTP 404 when reading the environment's status)")
    expect(annotations(run, 'error')[0]).toContain(`Qovery said: "Environment ${OTHER_ID} not found."`)
    expect(run.summary.split('\n')[0]).toBe('## ❌ The environment was not found (404): no cancel was sent')
    expect(summaryRow(run.summary, 'Environment')).toBe(`\`${OTHER_ID}\``)
    expect(run.outputs).toMatchObject({ outcome: 'failed', 'environment-id': OTHER_ID })
  })

  it.concurrent('works under a path prefix, with or without the trailing slash', async () => {
    for (const suffix of ['', '/']) {
      const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { basePath: '/qovery/api/' })
      const run = await runAction(inputs(api, { 'api-url': api.url.replace(/\/$/, suffix) }))
      expect(run.exitCode).toBe(0)
      expect(api.requests[0]!.path).toBe(`/qovery/api/environment/${ENV_ID}/status`)
      await api.stop()
    }
  })

  it.concurrent('keeps to on-timeout when the timeout runs out before the cancel is accepted', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { faults: [{ on: 'status', fault: 'hang' }] })
    const run = await runAction(inputs(api, { timeout: '700ms', 'on-timeout': 'warn', 'request-timeout': '30s' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'timed-out', canceled: 'false' })
    expect(annotations(run, 'warning')[0]).toBe(
      'Timed out after 700ms, before the status and the queue could be read; the last request failed with no complete answer before the timeout ran out. No cancel request was sent. The step goes on with a warning (on-timeout: warn).'
    )
    expect(api.cancelRequests()).toEqual([])
  })

  it.concurrent('never promises a retry the timeout will not allow', async () => {
    const api = await simulate(
      { before: [{ state: 'DEPLOYING' }] },
      { faults: [{ on: 'status', fault: { status: 503, retryAfter: '60' } }] }
    )
    const run = await runAction(inputs(api, { timeout: '4s' }))
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toMatch(/retrying in 1m/)
    expect(run.stdout).toMatch(
      /Reading the environment status failed \(HTTP 503 Service Unavailable: Injected 503\), attempt 1 of 10; the timeout runs out in \d+(ms|\.\d+s|s), before the 1m a retry would wait/
    )
    expect(run.outputs.outcome).toBe('timed-out')
  })

  it.concurrent('does not crash on states the API adds later', async () => {
    const api = await simulate({ before: [{ state: 'MIGRATING' }], after: [{ state: 'PAUSING', reads: 1 }, { state: 'PAUSED' }] })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    // A state the action does not know leaves the kind open: Qovery's deployment history told.
    expect(runRequests(api.requests).slice(0, 2)).toEqual([STATUS, QUEUE])
    expect(api.requests.findIndex((request) => request.path.endsWith('/deploymentHistoryV2'))).toBeLessThan(
      api.requests.findIndex((request) => request.method === 'POST')
    )
    expect(run.stdout).toContain('The running request is a DEPLOY, as its deployment history entry says')
    // And it ended in a state the action does not know: whether it was canceled is not said.
    expect(run.outputs).toMatchObject({ outcome: 'unknown', state: 'PAUSED', canceled: 'false', 'deployment-request-action': 'DEPLOY' })
    expect(annotations(run, 'warning')[0]).toBe(
      'The deploy ended, and whether it was canceled is not known: it ended in a state the action does not know (paused).'
    )
    expect(summaryRow(run.summary, 'How it ended')).toBe(
      "`PAUSED`: the environment's status and the status's last deployment state say PAUSED"
    )
  })

  it.concurrent.each([
    [{ 'environment-id': 'shop-prod' }, 'environment-id', 'Input \'environment-id\' is "shop-prod", which is not a UUID'],
    [{ 'environment-id': '' }, 'environment-id', "Input 'environment-id' is required"],
    [{ token: '  ' }, 'token', "Input 'token' is empty"],
    [{ token: `${TOKEN}\u200b` }, 'token', "Input 'token' contains a character an HTTP header cannot carry (U+200B"],
    [{ force: 'yes' }, 'force', 'Input \'force\' is "yes", which is not a boolean'],
    [{ wait: 'no' }, 'wait', 'Accepted values: true, True, TRUE, false, False, FALSE'],
    [{ timeout: '0' }, 'timeout', 'Input \'timeout\' is "0", which is not a valid duration: it must be at least 1ms'],
    [{ 'poll-interval': '-5s' }, 'poll-interval', 'it is negative'],
    [{ 'request-timeout': 'fast' }, 'request-timeout', 'Accepted forms: 500ms, 90s, 10m, 1.5m, 1h'],
    [{ 'api-url': 'not a url' }, 'api-url', 'not an absolute URL'],
    [{ 'api-url': 'http://api.qovery.com' }, 'api-url', 'plain http:// would send the token unencrypted to api.qovery.com'],
    [{ 'on-timeout': 'ignore' }, 'on-timeout', 'Accepted values: fail'],
    [
      { actions: 'deploy, destroy' },
      'actions',
      'Input \'actions\' names "destroy", which is not a kind of request. Accepted: a comma- or newline-separated list of deploy, restart, stop, delete, or all'
    ],
    [{ actions: ' , ' }, 'actions', "Input 'actions' lists no kind"],
    // What `token: Token ${{ secrets.UNSET }}` gives: the word alone, which is neither sent nor masked.
    [{ token: 'Token ' }, 'token', "Input 'token' is the word Token with no credential after it"],
    [{ token: ' bearer  ' }, 'token', "Input 'token' is the word bearer with no credential after it"]
  ])('rejects %j before any request', async (bad, input, message) => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api, bad))
    expect(run.exitCode).toBe(1)
    expect(api.requests).toEqual([])
    // One annotation: the problem, and that nothing was sent.
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`title=Invalid input%3A ${input}::`)
    expect(errors[0]).toContain(message)
    expect(errors[0]).toMatch(/ No request was sent to Qovery\.$/)
    // Every output is set, the JSON ones to null, so that a later step's fromJSON still works.
    expect(run.outputs).toMatchObject({
      outcome: 'invalid-input',
      canceled: 'false',
      'canceled-request-ids': 'null',
      'waiting-request-ids': 'null',
      services: 'null'
    })
    expect(run.summary.split('\n')[0]).toBe('## ❌ Invalid input: no request was sent to Qovery')
    expect(run.summary).toMatch(new RegExp(`^\\| \`${input}\` \\| Input '${input}' `, 'm'))
    if (!('token' in bad)) expectNoSecret(run, TOKEN)
    else expect(run.stdout).not.toMatch(/^::add-mask::(token|bearer)\s*$/im)
  })
})
