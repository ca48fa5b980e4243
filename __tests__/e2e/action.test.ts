/**
 * The bundled action, run on Node 24 as a runner runs it, against the local Qovery simulator: what
 * only a real process shows. The runner's files and protocol (inputs as INPUT_ variables, masks,
 * GITHUB_OUTPUT, the job summary, workflow commands), its context, the start-up, a preloaded wall
 * clock. The paths of the behaviour run in process (__tests__/in-process).
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret, runRequests, summaryRow, summaryTimeline } from '../../test-support/assertions.ts'
import { isReportRead, type QoverySimulator } from '../../test-support/qovery-simulator.ts'
import { NODE24, ROOT, runAction } from '../../test-support/run-action.ts'
import { simulatedEnvironment, simulatorsForTest } from '../../test-support/simulators.ts'
import { API_WORKER_AND_WEB, ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_e2e_Zx81secretTokenValue'

const { simulate, inputs } = simulatedEnvironment(TOKEN, simulatorsForTest())

const paths = (api: QoverySimulator) => runRequests(api.requests)
const STATUS = `GET /environment/${ENV_ID}/status`
const CANCEL = `POST /environment/${ENV_ID}/cancelDeployment`
const QUEUE = `GET /environment/${ENV_ID}/deploymentQueue`
const LOOKUP = 'GET /environment/deploymentStatus'

describe('the bundled action on Node 24', () => {
  it('runs on Node 24', () => {
    expect(execFileSync(NODE24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
  })

  it('cancels, waits through the old state shown after the 202, and reports CANCELED with each service', async () => {
    const api = await simulate({
      name: 'pr-1234-preview',
      triggeredBy: 'alice@example.com',
      services: API_WORKER_AND_WEB,
      before: [{ state: 'DEPLOYING' }],
      after: [{ state: 'DEPLOYING', reads: 2 }, { state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
    })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    // The lookup beside the cancel (which the simulator counts as one of the old state's reads).
    expect(paths(api)).toEqual([STATUS, QUEUE, CANCEL, STATUS, LOOKUP, STATUS, STATUS, STATUS, QUEUE])
    // Beside the first status: its services and its history (what runs, and what kind); after the
    // cancel: the environment's name, its deployment, its services now.
    const history = `/environment/${ENV_ID}/deploymentHistoryV2`
    const statuses = `/environment/${ENV_ID}/statuses`
    expect(
      api.requests
        .filter(isReportRead)
        .map((request) => request.path)
        .sort()
    ).toEqual([`/environment/${ENV_ID}`, history, history, statuses, statuses].sort())
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
      'deployment-request-action': 'DEPLOY',
      'canceled-request-ids': JSON.stringify([request!.id]),
      'waiting-request-ids': '[]'
    })
    expect(JSON.parse(run.outputs.services!)).toEqual([
      { id: API_WORKER_AND_WEB[0]!.id, name: 'api', type: 'APPLICATION', stage: 'build', state: 'DEPLOYED' },
      { id: API_WORKER_AND_WEB[1]!.id, name: 'worker', type: 'CONTAINER', stage: 'build', state: 'DEPLOYED' },
      { id: API_WORKER_AND_WEB[2]!.id, name: 'web', type: 'CONTAINER', stage: 'deploy', state: 'CANCELED' }
    ])
    const deployment = `${run.outputs['console-url']}`
    expect(deployment).toMatch(
      new RegExp(
        `^https://console\\.qovery\\.com/organization/[0-9a-f-]{36}/project/[0-9a-f-]{36}/environment/${ENV_ID}/deployment/${run.outputs['last-deployment-id']}$`
      )
    )
    expect(run.outputs['last-deployment-date']).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(run.outputs['total-deployment-duration-in-seconds']).toMatch(/^\d+$/)
    expect(run.outputs['deployment-status']).toBe('OUT_OF_DATE')
    expect(JSON.parse(run.outputs['status-json']!)).toMatchObject({ id: ENV_ID, state: 'CANCELED' })
    expect(run.stdout).toMatch(/\[\d\d:\d\d:\d\dZ\] Environment state: DEPLOYING -> CANCELING \(after \d+ms\)/)
    expect(run.stdout).toMatch(/Environment state: CANCELING -> CANCELED/)
    expect(run.stdout).toContain(
      `Requesting the cancel of the running deployment request ${request!.id} (DEPLOY, by alice@example.com, from API)`
    )
    expect(run.stdout).toContain('\n3 services: 1 canceled, 2 deployed before the cancel\n')
    expect(run.summary.split('\n')[0]).toBe('## ✅ Canceled the deploy of pr-1234-preview')
    expect(run.summary.split('\n')[2]).toMatch(
      /^The deploy was canceled \(seen (\d+ms|\d+(\.\d)?s) after the cancel request\)\. \[See the deployment in Qovery's console\]\(https:\/\/console\.qovery\.com\/\S+\)\.$/
    )
    expect(run.summary).toContain(`[See the deployment in Qovery's console](${deployment})`)
    expect(summaryRow(run.summary, 'Environment')).toBe(
      `**pr-1234-preview** \`${ENV_ID}\` · [the environment in Qovery's console](${deployment.replace(/deployment\/.*$/, 'overview')}) · [its deployments](${deployment.replace(/deployment\/.*$/, 'deployments')})`
    )
    // Each service's logs in that deployment, by the console's route.
    const logs = (id: string) => deployment.replace(/deployment\/(.*)$/, `service/${id}/deployments/logs/$1`)
    expect(summaryRow(run.summary, 'Service logs')).toBe(
      API_WORKER_AND_WEB.map((service) => `[${service.name}](${logs(service.id)})`).join(' · ')
    )
    expect(summaryRow(run.summary, 'Request')).toBe(
      `\`${request!.id}\` · \`DEPLOY\`, triggered by \`alice@example.com\` from API · was running`
    )
    expect(summaryRow(run.summary, 'How it ended')).toBe(
      "`CANCELED`: the environment's status and the status's last deployment state say `CANCELED`"
    )
    expect(summaryRow(run.summary, 'Environment state')).toBe('`CANCELED`; the status names the request above')
    expect(summaryRow(run.summary, 'Cancel request')).toMatch(
      /^sent at \d\d:\d\d:\d\d UTC, accepted \(HTTP 202\) · its end seen (\d+ms|\d+(\.\d)?s) later$/
    )
    expect(summaryRow(run.summary, 'Force')).toBeUndefined()
    expect(run.summary).toContain('| build | **api** (application) | ✅ deployed before the cancel |')
    expect(run.summary).toContain('| deploy | **web** (container) | 🛑 canceled |')
    expect(run.summary).toContain(`${api.requests.length} requests to Qovery's API`)
    expect(summaryTimeline(run.summary)).toEqual([
      { state: 'DEPLOYING', lasted: 'under 1s' },
      { state: 'CANCELING', lasted: 'under 1s' },
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

  it.each([
    ['forward', 3_600_000, '30m', 0, 'canceled'],
    ['backward', -3_600_000, '1s', 1, 'timed-out']
  ])('keeps to the timeout when the wall clock steps %s mid-run', async (_, stepMs, timeout, exitCode, outcome) => {
    const api = await simulate({
      before: [{ state: 'DEPLOYING' }],
      after: [{ state: 'CANCELING', ms: outcome === 'canceled' ? 600 : 60_000 }, { state: 'CANCELED' }]
    })
    const run = await runAction(inputs(api, { timeout, 'poll-interval': '50ms' }), {
      env: {
        NODE_OPTIONS: `--import=${pathToFileURL(join(ROOT, 'test-support', 'wall-clock-step.mjs')).href}`,
        WALL_CLOCK_STEP_MS: String(stepMs)
      },
      // Misled by the wall clock, the run would wait an hour; killed, it would not end by itself.
      killAfterMs: 10_000
    })
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(exitCode)
    expect(run.outputs.outcome).toBe(outcome)
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
    expect(run.stdout).toMatch(/^The deploy was canceled /m)
    expect(annotations(run, 'error')).toEqual([
      expect.stringMatching(/^The step outputs could not be written \(outcome: ENOSPC.*\): later steps will not see outcome \(canceled\)/)
    ])
    expect(run.summary.split('\n')[0]).toBe('## ✅ Canceled the deploy of env-3f50b8f5')
    expect(run.stdout).not.toContain('Unexpected error')
  })

  it('still writes the outputs when the summary file cannot be written', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api), { env: { GITHUB_STEP_SUMMARY: '/dev/full' } })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', canceled: 'true' })
    expect(annotations(run, 'warning')).toEqual([expect.stringContaining('Could not write the job summary: ENOSPC')])
  })

  it('rejects an invalid input before any request, with the summary written and the step failed', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }] })
    const run = await runAction(inputs(api, { 'environment-id': 'shop-prod' }))
    expect(run.exitCode).toBe(1)
    expect(api.requests).toEqual([])
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('title=Invalid input%3A environment-id::')
    expect(errors[0]).toMatch(/ No request was sent to Qovery\.$/)
    expect(run.outputs).toMatchObject({
      outcome: 'invalid-input',
      canceled: 'false',
      'status-json': 'null',
      'canceled-request-ids': 'null'
    })
    expect(run.summary.split('\n')[0]).toBe('## ❌ Invalid input: no request was sent to Qovery')
    expectNoSecret(run, TOKEN)
  })
})
