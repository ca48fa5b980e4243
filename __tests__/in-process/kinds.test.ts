/**
 * What the action cancels, and what it says of it: only the kinds of request `actions` allows,
 * named as Qovery names them; and nothing it did not see. The action, in process with its real
 * HTTP client, against the simulator; each run checks the requests the simulator saw and the
 * state every request ended in.
 */
import { describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret, summaryRow, summaryTimeline } from '../../test-support/assertions.ts'
import { JSON_OUTPUTS } from '../../src/report/outputs.ts'
import type { QoverySimulator } from '../../test-support/qovery-simulator.ts'
import { runInProcess } from '../../test-support/run-in-process.ts'
import { simulatedEnvironment, simulatorsForFile } from '../../test-support/simulators.ts'
import { ENV_ID, LATER, R0, R1, R2, R3, waiting } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_kinds_secret'
const R4 = 'd4000000-0000-4000-8000-000000000000'

const startSimulator = simulatorsForFile()
/** R1 deploys in pr-1234-preview, unless a test's script says otherwise. */
const { simulate, inputs } = simulatedEnvironment(TOKEN, startSimulator, {
  script: { name: 'pr-1234-preview', requestId: R1, before: [{ state: 'DEPLOYING' }] }
})

const posts = (api: QoverySimulator) => api.requests.filter((request) => request.method === 'POST').map((request) => request.path)
const ENV_CANCEL = `/environment/${ENV_ID}/cancelDeployment`
const requestCancel = (id: string) => `/deploymentQueue/${id}/cancelDeployment`
const stateOf = (api: QoverySimulator, id: string) => api.deploymentRequests(ENV_ID).find((request) => request.id === id)

describe('kinds of deployment request', () => {
  it.concurrent('leaves a running deletion alone by default, says so, and says what would cancel it', async () => {
    const api = await simulate({ requestId: R1, action: 'DELETE', triggeredBy: 'bob@example.com', before: [{ state: 'DELETING' }] })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([])
    expect(stateOf(api, R1)).toMatchObject({ phase: 'running', state: 'DELETING' })
    expect(run.outputs).toMatchObject({
      outcome: 'nothing-to-cancel',
      canceled: 'false',
      'canceled-request-ids': '[]',
      // The request left alone, named as the one the action looked at.
      'deployment-request-id': R1,
      'deployment-request-action': 'DELETE'
    })
    expect(annotations(run, 'notice')).toEqual([
      'No cancel was sent: actions: deploy leaves alone the deletion (by bob@example.com) that runs; actions: deploy, delete would cancel it.'
    ])
    expect(run.stdout).toMatch(/^::notice title=Nothing to cancel::/m)
    expect(run.summary.split('\n')[0]).toBe(
      '## ℹ️ Nothing to cancel: pr-1234-preview is being deleted (actions: deploy leaves deletions alone)'
    )
    expect(summaryRow(run.summary, 'Environment state')).toBe(`\`DELETING\`; the status names request \`${R1}\``)
    expectNoSecret(run, TOKEN)
  })

  it.concurrent('cancels a running deletion when actions allows it, and calls it a deletion', async () => {
    const api = await simulate({ requestId: R1, action: 'DELETE', before: [{ state: 'DELETING' }] })
    const run = await runInProcess(inputs(api, { actions: 'deploy, delete' }))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([ENV_CANCEL])
    expect(stateOf(api, R1)).toMatchObject({ phase: 'ended', state: 'CANCELED' })
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      'deployment-request-action': 'DELETE',
      'canceled-request-ids': JSON.stringify([R1])
    })
    expect(run.summary.split('\n')[0]).toBe('## ✅ Canceled the deletion of pr-1234-preview')
    expect(run.stdout).toMatch(/^The deletion was canceled /m)
    expect(summaryRow(run.summary, 'Request')).toMatch(new RegExp(`^\`${R1}\` · \`DELETE\``))
    expect(run.summary).not.toMatch(/deploy of pr-1234-preview/)
  })

  it.concurrent('leaves a waiting stop alone when nothing runs', async () => {
    const api = await simulate({
      requestId: R0,
      before: [{ state: 'STOPPED' }],
      queue: [{ requestId: R1, action: 'STOP', triggeredBy: 'carol@example.com', startAfterMs: LATER }]
    })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([])
    expect(stateOf(api, R1)).toMatchObject({ phase: 'waiting' })
    expect(run.outputs).toMatchObject({ outcome: 'nothing-to-cancel', state: 'STOP_QUEUED', 'waiting-request-ids': JSON.stringify([R1]) })
    expect(annotations(run, 'notice')).toEqual([
      'No cancel was sent: actions: deploy leaves alone the stop (by carol@example.com) that waits; actions: deploy, stop would cancel it.'
    ])
    expect(run.summary.split('\n')[0]).toBe(
      "## ℹ️ Nothing to cancel: a stop waits in pr-1234-preview's queue (actions: deploy leaves stops alone)"
    )
    expect(summaryRow(run.summary, 'Still waiting')).toBe(`\`${R1}\` · \`STOP\`, triggered by \`carol@example.com\` from API`)
  })

  it.concurrent('with queued: cancel, cancels the waiting requests of the kinds allowed, and lists those it leaves', async () => {
    const api = await simulate({
      after: [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }],
      queue: [
        { requestId: R2, action: 'STOP', startAfterMs: LATER },
        { requestId: R3, action: 'DEPLOY', startAfterMs: LATER },
        { requestId: R4, action: 'DELETE', startAfterMs: LATER }
      ]
    })
    const run = await runInProcess(inputs(api, { queued: 'cancel' }))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([requestCancel(R3), ENV_CANCEL])
    expect(stateOf(api, R1)).toMatchObject({ phase: 'ended', state: 'CANCELED' })
    expect(stateOf(api, R3)).toMatchObject({ phase: 'ended', state: 'CANCELED' })
    expect(stateOf(api, R2)).toMatchObject({ phase: 'waiting' })
    expect(stateOf(api, R4)).toMatchObject({ phase: 'waiting' })
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'waiting-request-ids': JSON.stringify([R2, R4]) })
    expect(JSON.parse(run.outputs['canceled-request-ids']!)).toEqual([R1, R3])
    expect(annotations(run, 'warning')).toEqual([
      'The queue still lists 2 entries despite queued: cancel: a stop (by someone@example.com), of a kind actions leaves alone; a deletion (by someone@example.com), of a kind actions leaves alone. actions: deploy, stop, delete would cancel those of a kind left alone.'
    ])
    expect(run.stdout).toMatch(/^::warning title=Canceled%3A requests still queued::/m)
    expect(summaryRow(run.summary, 'Still waiting')).toBe(
      `\`${R2}\` · \`STOP\`, triggered by \`someone@example.com\` from API<br>\`${R4}\` · \`DELETE\`, triggered by \`someone@example.com\` from API`
    )
    expect(summaryRow(run.summary, 'Also canceled')).toBe(`\`${R3}\``)
  })

  it.concurrent.each([
    ['DEPLOY', 'deploy', 'canceled', 'deploy'],
    ['STOP', 'deploy', 'nothing-to-cancel', undefined],
    ['STOP', 'stop', 'canceled', 'stop']
  ])(
    'reads what a request in EXECUTING does from its records (a %s), and cancels it only when %s allows it',
    async (action, actions, outcome, noun) => {
      const api = await simulate({ requestId: R1, action, before: [{ state: 'EXECUTING' }] })
      const run = await runInProcess(inputs(api, { actions }))
      expect(run.exitCode).toBe(0)
      const firstPost = api.requests.findIndex((request) => request.method === 'POST')
      const history = api.requests.findIndex((request) => request.path.endsWith('/deploymentHistoryV2'))
      expect(history).toBeGreaterThanOrEqual(0)
      if (firstPost >= 0) expect(history).toBeLessThan(firstPost)
      expect(run.stdout).toContain(`The running request is a ${action}, as its deployment history entry says`)
      expect(run.outputs.outcome).toBe(outcome)
      if (noun !== undefined) expect(run.summary.split('\n')[0]).toBe(`## ✅ Canceled the ${noun} of pr-1234-preview`)
      else expect(posts(api)).toEqual([])
    }
  )

  it.concurrent('reads the kind from the records in the same round trip as the status, then cancels', async () => {
    const deploying = await simulate()
    const executing = await simulate({ requestId: R1, before: [{ state: 'EXECUTING' }] })
    await runInProcess(inputs(deploying))
    await runInProcess(inputs(executing, { actions: 'all' }))
    for (const api of [deploying, executing]) {
      const firstPost = api.requests.findIndex((request) => request.method === 'POST')
      expect(
        api.requests
          .slice(0, firstPost)
          .map((request) => request.path.split('/').at(-1))
          .sort()
      ).toEqual(['deploymentHistoryV2', 'deploymentQueue', 'status', 'statuses'])
    }
  })

  it.concurrent.each([
    ['DEPLOYING', 'RESTART', 'deploy', 'nothing-to-cancel'],
    ['STOPPING', 'DEPLOY', 'deploy', 'canceled']
  ])('takes the kind from the records, not from the state: %s for a %s under actions: %s', async (state, action, actions, outcome) => {
    const api = await simulate({ requestId: R1, action, before: [{ state }] })
    const run = await runInProcess(inputs(api, { actions }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome, 'deployment-request-action': action })
    expect(run.stdout).toContain(`The running request is a ${action}, as its deployment history entry says (its state ${state} suggested a`)
    expect(posts(api)).toEqual(outcome === 'canceled' ? [ENV_CANCEL] : [])
  })

  it.concurrent('takes a dry-run deployment for a deploy, and a Terraform force-unlock only under all', async () => {
    const dryRun = await simulate({ requestId: R1, action: 'DEPLOY_DRY_RUN', before: [{ state: 'EXECUTING' }] })
    const unlock = await simulate({ requestId: R1, action: 'TERRAFORM_FORCE_UNLOCK', before: [{ state: 'EXECUTING' }] })
    expect((await runInProcess(inputs(dryRun))).outputs).toMatchObject({
      outcome: 'canceled',
      'deployment-request-action': 'DEPLOY_DRY_RUN'
    })
    const refused = await runInProcess(inputs(unlock, { actions: 'deploy, restart, stop, delete' }))
    expect(refused.outputs.outcome).toBe('nothing-to-cancel')
    expect(annotations(refused, 'notice')[0]).toBe(
      'No cancel was sent: actions: deploy, restart, stop, delete leaves alone the Terraform force-unlock (by simulator@example.com) that runs; actions: all would cancel it.'
    )
    expect(refused.outputs['deployment-request-action']).toBe('TERRAFORM_FORCE_UNLOCK')
  })
})

describe('what the action says, and only when it saw it', () => {
  it.concurrent('never says a request started next when it ran from the start', async () => {
    const api = await simulate({ queue: waiting(R2) })
    const run = await runInProcess(inputs(api, { 'deployment-request-id': R2 }))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([requestCancel(R2)])
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': R2 })
    expect(annotations(run, 'warning').filter((warning) => warning.includes('started once'))).toEqual([])
    expect(summaryRow(run.summary, 'Environment state')).toBe(`\`DEPLOYING\`; the status names request \`${R1}\``)
  })

  it.concurrent('never says a request started next from a queued state under the last request', async () => {
    const api = await simulate({
      past: [{ requestId: R0, state: 'DEPLOYED' }],
      requestId: R0,
      before: [{ state: 'DEPLOYED' }],
      queue: waiting(R1)
    })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': R1 })
    expect(run.stdout).toContain(`Environment state: DEPLOYMENT_QUEUED [request ${R0}]`)
    expect(annotations(run, 'warning')).toEqual([])
  })

  it.concurrent('says how a request ended in a state it does not know, rather than take it for finished', async () => {
    const api = await simulate({
      after: [{ state: 'CANCELING', reads: 2 }, { state: 'ARCHIVED' }]
    })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'unknown', canceled: 'false', state: 'ARCHIVED', 'canceled-request-ids': 'null' })
    expect(annotations(run, 'warning')[0]).toBe(
      'The deploy ended, after Qovery began canceling it, and whether it was canceled is not known: it ended in a state the action does not know (archived).'
    )
    expect(summaryRow(run.summary, 'How it ended')).toBe(
      "`ARCHIVED`: the environment's status and the status's last deployment state say ARCHIVED"
    )
    expect(summaryTimeline(run.summary).map((row) => row.state)).toContain('CANCELING')
    expect(run.stdout).not.toContain('nothing was canceled')
  })

  it.concurrent('looks for a request Qovery does not know yet, right after the deploy, and cancels it once it shows', async () => {
    const api = await simulate({
      queue: [{ requestId: R2, unknownForMs: 1_000, startAfterMs: LATER }]
    })
    const run = await runInProcess(inputs(api, { 'deployment-request-id': R2, 'poll-interval': '100ms' }))
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(`Qovery does not know deployment request ${R2} yet; looking again every 100ms, for up to `)
    // Said once, not once per look.
    expect(run.stdout.split('looking again every').length - 1).toBe(1)
    expect(posts(api)).toEqual([requestCancel(R2)])
    expect(stateOf(api, R2)).toMatchObject({ phase: 'ended', state: 'CANCELED' })
    expect(stateOf(api, R1)).toMatchObject({ phase: 'running' })
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'canceled-request-ids': JSON.stringify([R2]) })
  })

  it.concurrent.each([
    ['running there', [{ state: 'DEPLOYING' }], 'DEPLOYING'],
    ['ended there', [{ state: 'DEPLOYED' }], 'DEPLOYED']
  ])('fails on a deployment-request-id of another environment (%s), naming both, and cancels nothing', async (_case, before, state) => {
    const OTHER_ENV = '99999999-9999-4999-8999-999999999999'
    const api = await startSimulator({
      token: TOKEN,
      environments: [
        { id: ENV_ID, requestId: R1, before: [{ state: 'DEPLOYED' }] },
        { id: OTHER_ENV, requestId: R2, before }
      ]
    })
    const run = await runInProcess(inputs(api, { 'deployment-request-id': R2 }))
    expect(run.exitCode).toBe(1)
    expect(posts(api)).toEqual([])
    expect(run.outputs.outcome).toBe('failed')
    expect(annotations(run, 'error')[0]).toBe(
      `Qovery reports the deployment request given in deployment-request-id ${state.toLowerCase()} in another environment than the one asked for. Check deployment-request-id and environment-id: they must name the same environment. Nothing was canceled.`
    )
    expect(run.summary.split('\n')[0]).toBe('## ❌ The request given belongs to another environment: no cancel was sent')
    expect(summaryRow(run.summary, 'Request asked for')).toBe(
      `\`${R2}\` · Qovery places it in environment \`${OTHER_ENV}\`, not in \`${ENV_ID}\``
    )
    // Said at once: no looking again for a request that is not this environment's.
    expect(run.stdout).not.toContain('looking again')
  })

  it.concurrent('holds JSON in every JSON output, whatever the outcome', async () => {
    const api = await simulate()
    const runs = await Promise.all([
      runInProcess(inputs(api)),
      runInProcess(inputs(api, { token: 'qov_wrong' })),
      runInProcess(inputs(api, { timeout: 'soon' })),
      runInProcess(inputs(api, { wait: 'false' }))
    ])
    expect(runs.map((run) => run.outputs.outcome)).toEqual([
      'canceled',
      'failed',
      'invalid-input',
      // Beside the first run's cancel: accepted, a 409 while it is under way, a 409 once the
      // request has ended CANCELED (then followed to that end), or nothing left to cancel.
      expect.stringMatching(/^(requested|conflict|canceled|nothing-to-cancel)$/)
    ])
    for (const run of runs) for (const name of JSON_OUTPUTS) expect(() => JSON.parse(run.outputs[name]!)).not.toThrow()
    // Not known is null, never an empty list.
    expect(JSON_OUTPUTS.map((name) => runs[2]!.outputs[name])).toEqual(JSON_OUTPUTS.map(() => 'null'))
    expect(runs[1]!.outputs['waiting-request-ids']).toBe('null')
  })
})
