/**
 * The bundled action, run on Node 24 as a runner runs it, against the local Qovery simulator:
 * one run for each path of the behaviour.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret, sideBySideInOrder, summaryRow, summaryTimeline } from '../../test-support/assertions.ts'
import { type EnvironmentScript, QoverySimulator, type SimulatorOptions, startSimulator } from '../../test-support/qovery-simulator.ts'
import { NODE24, ROOT, runAction } from '../../test-support/run-action.ts'

const ENV_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'
const OTHER_ID = '0b7f0c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f'
const TOKEN = 'qov_e2e_Zx81secretTokenValue'
const JWT = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ sub: 'e2e' })).toString('base64url'),
  'c2lnbmF0dXJlc2VjcmV0'
].join('.')

let simulator: QoverySimulator | undefined
afterEach(async () => {
  await simulator?.stop()
  simulator = undefined
})

async function simulate(script: Omit<EnvironmentScript, 'id'>, options: Partial<SimulatorOptions> = {}): Promise<QoverySimulator> {
  simulator = await startSimulator({ token: TOKEN, environments: [{ id: ENV_ID, ...script }], ...options })
  return simulator
}

function inputs(api: QoverySimulator, extra: Record<string, string> = {}): Record<string, string> {
  return { 'environment-id': ENV_ID, token: TOKEN, 'api-url': api.url, 'poll-interval': '20ms', timeout: '20s', ...extra }
}

const paths = (api: QoverySimulator) => sideBySideInOrder(api.requests.map((request) => `${request.method} ${request.path}`))
const STATUS = `GET /environment/${ENV_ID}/status`
const CANCEL = `POST /environment/${ENV_ID}/cancelDeployment`
const QUEUE = `GET /environment/${ENV_ID}/deploymentQueue`

describe('the bundled action on Node 24', () => {
  it('runs on Node 24', () => {
    expect(execFileSync(NODE24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
  })

  it('cancels, waits through the old state shown after the 202, and reports CANCELED', async () => {
    const api = await simulate({
      before: [{ state: 'DEPLOYING' }],
      after: [{ state: 'DEPLOYING', reads: 2 }, { state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
    })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL, STATUS, STATUS, STATUS, STATUS, STATUS, QUEUE])
    expect(api.requests.every((request) => request.authorization === `Token ${TOKEN}`)).toBe(true)
    expect(JSON.parse(api.cancelRequests()[0]!.body)).toEqual({ force_cancel: false })
    const [request] = api.deploymentRequests(ENV_ID)
    expect(request).toMatchObject({ phase: 'ended', state: 'CANCELED' })
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      canceled: 'true',
      state: 'CANCELED',
      'last-deployment-state': 'CANCELED',
      'environment-id': ENV_ID,
      'deployment-request-id': request!.id,
      'canceled-request-ids': JSON.stringify([request!.id]),
      'waiting-request-ids': '[]'
    })
    expect(run.outputs['last-deployment-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(run.outputs['last-deployment-date']).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(run.outputs['total-deployment-duration-in-seconds']).toMatch(/^\d+$/)
    expect(run.outputs['deployment-status']).toBe('OUT_OF_DATE')
    expect(JSON.parse(run.outputs['status-json']!)).toMatchObject({ id: ENV_ID, state: 'CANCELED' })
    expect(run.stdout).toMatch(/\[\d\d:\d\d:\d\dZ\] Environment state: DEPLOYING -> CANCELING \(after \d+ms\)/)
    expect(run.stdout).toMatch(/Environment state: CANCELING -> CANCELED/)
    expect(run.summary.split('\n')[0]).toBe('## ✅ Deployment canceled')
    expect(summaryRow(run.summary, 'Environment state')).toBe('`CANCELED`')
    expect(summaryRow(run.summary, 'Environment')).toBe(`\`${ENV_ID}\``)
    expect(summaryRow(run.summary, 'Last deployment')).toBe(
      `\`${run.outputs['last-deployment-id']}\` (${run.outputs['last-deployment-date']})`
    )
    expect(summaryRow(run.summary, 'Deployment request')).toBe(
      `\`${request!.id}\` (was running; ended \`CANCELED\`: the environment status shows it)`
    )
    expect(summaryRow(run.summary, 'Force')).toBe('no')
    expect(summaryRow(run.summary, 'Cancel to settled')).toMatch(/^\d+ms$|^\d+(\.\d)?s$/)
    expect(summaryRow(run.summary, 'API calls')).toBe(String(api.requests.length))
    expect(summaryTimeline(run.summary)).toEqual([
      { state: 'DEPLOYING', lasted: expect.stringMatching(/^\d+ms$/) },
      { state: 'CANCELING', lasted: expect.stringMatching(/^\d+ms$/) },
      { state: 'CANCELED', lasted: 'final' }
    ])
    const short = request!.id.slice(0, 8)
    expect(run.stdout).toMatch(
      new RegExp(
        `::group::Timeline \\(3 states\\)\\n.*Z  DEPLOYING +${short}  \\d+ms\\n.*Z  CANCELING +${short}  \\d+ms\\n.*Z  CANCELED +${short}  final\\n::endgroup::`
      )
    )
    expect(annotations(run, 'error')).toEqual([])
    expectNoSecret(run, TOKEN, `Token ${TOKEN}`)
  })

  it('links the summary to the workflow run', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api), {
      env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain('[Workflow run](https://github.com/acme/shop/actions/runs/4242/attempts/2)')
  })

  it('sends force_cancel: true and a JWT as Bearer', async () => {
    const api = await simulate({ before: [{ state: 'BUILDING' }] }, { token: JWT })
    const run = await runAction(inputs(api, { token: JWT, force: 'True' }))
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(api.cancelRequests()[0]!.body)).toEqual({ force_cancel: true })
    expect(api.requests.every((request) => request.authorization === `Bearer ${JWT}`)).toBe(true)
    expect(run.summary).toContain('| Force | yes |')
    expectNoSecret(run, JWT)
  })

  it.each(['Bearer', 'bearer', 'BEARER'])(
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

  it('sends nothing but one read when the state is already final', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYED' }] })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(paths(api)).toEqual([STATUS, QUEUE])
    expect(run.outputs).toMatchObject({ outcome: 'nothing-to-cancel', canceled: 'false', state: 'DEPLOYED', 'waiting-request-ids': '[]' })
    expect(annotations(run, 'notice')).toEqual([
      'Nothing to cancel: the environment is DEPLOYED, and no deployment is running or waiting in its queue. No cancel request was sent.'
    ])
    expect(run.summary.split('\n')[0]).toBe('## ℹ️ Nothing to cancel')
    expect(summaryRow(run.summary, 'Cancel to settled')).toBe('—')
    expect(summaryRow(run.summary, 'API calls')).toBe('2')
    expect(summaryTimeline(run.summary)).toEqual([{ state: 'DEPLOYED', lasted: 'final' }])
    expectNoSecret(run, TOKEN)
  })

  it('warns when the deployment finishes before the cancel takes effect', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], after: [{ state: 'DEPLOYING', reads: 1 }, { state: 'DEPLOYED' }] })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'finished', canceled: 'false', state: 'DEPLOYED' })
    expect(annotations(run, 'warning')).toEqual([
      `Deployment request ${run.outputs['deployment-request-id']} ended DEPLOYED before the cancel took effect: nothing was canceled.`
    ])
    expect(run.summary.split('\n')[0]).toBe('## ⚠️ Deployment finished before the cancel took effect (DEPLOYED)')
    expect(summaryTimeline(run.summary).map((row) => row.state)).toEqual(['DEPLOYING', 'DEPLOYED'])
  })

  it('takes a 409 as a cancel already under way and waits for it', async () => {
    const api = await simulate({
      before: [{ state: 'DEPLOYING' }],
      cancel: 'conflict',
      after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
    })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL, STATUS, STATUS, STATUS, QUEUE])
    expect(api.requests[2]!.answer).toBe(409)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', state: 'CANCELED' })
    expect(run.stdout).toContain('Qovery answered 409 (Environment deployment is already cancelled or an operation is in progress)')
  })

  it.each([
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

  it('never reports a 409 as accepted with wait: false, and says what the status shows', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], cancel: 'conflict', after: [{ state: 'CANCELING' }] })
    const run = await runAction(inputs(api, { wait: 'false' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'conflict', canceled: 'false', state: 'CANCELING' })
    expect(annotations(run, 'warning')).toEqual([
      'Qovery refused the cancel (409: Environment deployment is already cancelled or an operation is in progress). The environment is CANCELING: a cancel was already under way. Not waiting (wait: false).'
    ])
    expect(run.summary.split('\n')[0]).toBe('## ⚠️ Cancel refused (409)')
    expect(run.stdout).not.toContain('Cancel requested and accepted')
  })

  it('requests the cancel and stops with wait: false', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYMENT_QUEUED' }] })
    const run = await runAction(inputs(api, { wait: 'false' }))
    expect(run.exitCode).toBe(0)
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL])
    expect(run.outputs).toMatchObject({ outcome: 'requested', canceled: 'false', state: 'DEPLOYMENT_QUEUED' })
  })

  it('fails on a timeout, saying in which state, and sends nothing after it', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] })
    const run = await runAction(inputs(api, { timeout: '300ms', 'poll-interval': '50ms' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'timed-out', canceled: 'false', state: 'CANCELING' })
    // A read can be in flight when the deadline cuts it; the message then says so too.
    expect(annotations(run, 'error')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Timed out after 300ms while deployment request ${run.outputs['deployment-request-id']} was still CANCELING(; the last request failed with no complete answer before the timeout ran out)?\\. Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout\\.$`
        )
      )
    ])
    expect(run.summary.split('\n')[0]).toBe('## ⏱️ Timed out while CANCELING')
    expect(run.summary).toMatch(
      new RegExp(`^> Timed out after 300ms while deployment request ${run.outputs['deployment-request-id']} was still CANCELING[.;]`, 'm')
    )
    expect(summaryTimeline(run.summary).at(-1)).toEqual({ state: 'CANCELING', lasted: expect.stringMatching(/ so far$/) })
    expect(summaryRow(run.summary, 'Cancel to settled')).toBe('—')
    const first = api.requests[0]!.at
    expect(Math.max(...api.requests.map((request) => request.at)) - first).toBeLessThan(300)
    expect(api.requests.length).toBeGreaterThanOrEqual(4)
  })

  it('only warns on a timeout with on-timeout: warn', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] })
    const run = await runAction(inputs(api, { timeout: '200ms', 'on-timeout': 'warn' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('timed-out')
    expect(annotations(run, 'warning')[0]).toContain('Continuing because on-timeout is warn')
  })

  it('fails at once on a rejected token, sending no cancel', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const wrong = 'qov_not_the_right_one'
    const run = await runAction(inputs(api, { token: wrong }))
    expect(run.exitCode).toBe(1)
    expect(paths(api)).toEqual([STATUS, QUEUE])
    expect(annotations(run, 'error')[0]).toContain('Qovery rejected the token (HTTP 401')
    expect(annotations(run, 'error')[0]).toContain('Qovery said: Access token is missing or invalid')
    expect(run.outputs).toEqual({ outcome: 'failed', canceled: 'false', 'canceled-request-ids': '[]', 'environment-id': ENV_ID })
    expect(run.summary.split('\n')[0]).toBe('## ❌ Cancel failed')
    expect(run.summary).toContain('> Qovery rejected the token (HTTP 401')
    expect(summaryRow(run.summary, 'Environment state')).toBe('not read')
    expect(summaryTimeline(run.summary)).toEqual([])
    expectNoSecret(run, wrong)
  })

  it('fails on a token that may read but not cancel, with the outputs of the read', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { readOnlyToken: 'qov_reader' })
    const run = await runAction(inputs(api, { token: 'qov_reader' }))
    expect(run.exitCode).toBe(1)
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL])
    expect(annotations(run, 'error')[0]).toContain('The token lacks the rights for this (HTTP 403')
    expect(run.outputs).toMatchObject({ outcome: 'failed', state: 'DEPLOYING' })
  })

  it('fails on an unknown environment, naming its id', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api, { 'environment-id': OTHER_ID }))
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toContain(`Environment ${OTHER_ID} was not found (HTTP 404`)
    expect(annotations(run, 'error')[0]).toContain(`Qovery said: Environment ${OTHER_ID} not found`)
    expect(run.outputs).toMatchObject({ outcome: 'failed', 'environment-id': OTHER_ID })
  })

  it('works under a path prefix, with or without the trailing slash', async () => {
    for (const suffix of ['', '/']) {
      const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { basePath: '/qovery/api/' })
      const run = await runAction(inputs(api, { 'api-url': api.url.replace(/\/$/, suffix) }))
      expect(run.exitCode).toBe(0)
      expect(api.requests[0]!.path).toBe(`/qovery/api/environment/${ENV_ID}/status`)
      await api.stop()
    }
  })

  it.each([
    ['forward', 3_600_000, '30m', 0, 'canceled'],
    ['backward', -3_600_000, '1s', 1, 'timed-out']
  ])('keeps to the timeout when the wall clock steps %s mid-run', async (_, stepMs, timeout, exitCode, outcome) => {
    const api = await simulate({
      before: [{ state: 'DEPLOYING' }],
      after: [{ state: 'CANCELING', ms: outcome === 'canceled' ? 600 : 60_000 }, { state: 'CANCELED' }]
    })
    const run = await runAction(inputs(api, { timeout, 'poll-interval': '50ms' }), {
      env: { NODE_OPTIONS: `--import=${join(ROOT, 'test-support', 'wall-clock-step.mjs')}`, WALL_CLOCK_STEP_MS: String(stepMs) },
      killAfterMs: 10_000
    })
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(exitCode)
    expect(run.outputs.outcome).toBe(outcome)
    if (outcome === 'timed-out') expect(run.endedAt - run.startedAt).toBeLessThan(3_000)
  })

  it('prints text from the API so that it cannot start a workflow command', async () => {
    const evil = 'DEPLOYED\n::error::injected\r\n::stop-commands::pwned\n##[warning]legacy'
    const api = await simulate(
      { before: [{ state: 'DEPLOYED' }] },
      { faults: [{ on: 'status', fault: { status: 200, body: JSON.stringify({ id: ENV_ID, state: evil, last_deployment_state: evil }) } }] }
    )
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines.filter((line) => /^\s*::(error|stop-commands)/.test(line) && !line.startsWith('::error::Invalid'))).toEqual([])
    expect(lines.some((line) => line.includes('##[warning]'))).toBe(false)
    expect(annotations(run, 'error')).toEqual([])
    expect(annotations(run, 'notice')[0]).toContain('::error::injected')
    expect(run.outputs.state).toBe(evil)
  })

  it('still concludes and writes the summary when the output file cannot be written', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api), { env: { GITHUB_OUTPUT: '/dev/full' } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^Deployment canceled: deployment request [0-9a-f-]{36} ended CANCELED/m)
    expect(annotations(run, 'error')).toEqual([
      expect.stringMatching(/^The step outputs could not be written \(outcome: ENOSPC.*\): later steps will not see outcome \(canceled\)/)
    ])
    expect(run.summary.split('\n')[0]).toBe('## ✅ Deployment canceled')
    expect(run.stdout).not.toContain('Unexpected error')
  })

  it('still writes the outputs when the summary file cannot be written', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api), { env: { GITHUB_STEP_SUMMARY: '/dev/full' } })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', canceled: 'true' })
    expect(annotations(run, 'warning')).toEqual([expect.stringContaining('Could not write the job summary: ENOSPC')])
  })

  it('keeps to on-timeout when the timeout runs out before the cancel is accepted', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] }, { faults: [{ on: 'status', fault: 'hang' }] })
    const run = await runAction(inputs(api, { timeout: '700ms', 'on-timeout': 'warn', 'request-timeout': '30s' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'timed-out', canceled: 'false' })
    expect(annotations(run, 'warning')[0]).toBe(
      'Timed out after 700ms, before the status and the queue could be read; the last request failed with no complete answer before the timeout ran out. Continuing because on-timeout is warn.'
    )
    expect(api.cancelRequests()).toEqual([])
  })

  it('never promises a retry the timeout will not allow', async () => {
    const api = await simulate(
      { before: [{ state: 'DEPLOYING' }] },
      { faults: [{ on: 'status', fault: { status: 503, retryAfter: '60' } }] }
    )
    const run = await runAction(inputs(api, { timeout: '1s' }))
    expect(run.exitCode).toBe(1)
    expect(run.stdout).not.toMatch(/retrying in 1m/)
    expect(run.stdout).toMatch(
      /Reading the environment status failed \(HTTP 503 Service Unavailable: Injected 503\), attempt 1 of 10; the timeout runs out in \d+ms, before the 1m a retry would wait/
    )
    expect(run.outputs.outcome).toBe('timed-out')
  })

  it('does not crash on states the API adds later', async () => {
    const api = await simulate({ before: [{ state: 'MIGRATING' }], after: [{ state: 'PAUSING', reads: 1 }, { state: 'PAUSED' }] })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'finished', state: 'PAUSED' })
  })

  it.each([
    [{ 'environment-id': 'shop-prod' }, 'environment-id', 'Input \'environment-id\' is "shop-prod", which is not a UUID'],
    [{ 'environment-id': '' }, 'environment-id', "Input 'environment-id' is required"],
    [{ token: '  ' }, 'token', "Input 'token' is empty"],
    [{ token: `${TOKEN}\u200b` }, 'token', "Input 'token' contains a character an HTTP header cannot carry (U+200B"],
    [{ force: 'yes' }, 'force', 'Input \'force\' is "yes", which is not a boolean'],
    [{ wait: 'no' }, 'wait', 'Accepted values: true, True, TRUE, false, False, FALSE'],
    [{ timeout: '0' }, 'timeout', 'Input \'timeout\' is "0", which is not a valid duration: it must be greater than zero'],
    [{ 'poll-interval': '-5s' }, 'poll-interval', 'it is negative'],
    [{ 'request-timeout': 'fast' }, 'request-timeout', 'Accepted forms: 500ms, 90s, 10m, 1h'],
    [{ 'api-url': 'not a url' }, 'api-url', 'not an absolute URL'],
    [{ 'api-url': 'http://api.qovery.com' }, 'api-url', 'plain http:// would send the token unencrypted to api.qovery.com'],
    [{ 'on-timeout': 'ignore' }, 'on-timeout', 'Accepted values: fail']
  ])('rejects %j before any request', async (bad, input, message) => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api, bad))
    expect(run.exitCode).toBe(1)
    expect(api.requests).toEqual([])
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors[0]).toContain(`title=Invalid input%3A ${input}::`)
    expect(errors[0]).toContain(message)
    expect(errors.at(-1)).toBe(`::error::Invalid input: ${input}. No request was sent to Qovery.`)
    expect(run.outputs).toMatchObject({ outcome: 'failed', canceled: 'false', 'status-json': 'null' })
    expect(run.summary.split('\n')[0]).toBe('## ❌ Invalid input')
    expect(run.summary).toMatch(new RegExp(`^\\| \`${input}\` \\| Input '${input}' `, 'm'))
    if (!('token' in bad)) expectNoSecret(run, TOKEN)
  })
})
