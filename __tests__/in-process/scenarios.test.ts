/**
 * Every scenario of the demo and the standalone simulator, in process: each ends with the exit
 * code it promises (the demo checks the same of the bundle, for the scenario it runs).
 */
import { describe, expect, it } from '@jest/globals'
import { annotations } from '../../test-support/assertions.ts'
import { runInProcess } from '../../test-support/run-in-process.ts'
import { SCENARIOS, scenarioInputs, startScenario } from '../../test-support/scenarios.ts'

async function replay(name: string) {
  const scenario = SCENARIOS[name]!
  const api = await startScenario(scenario)
  try {
    return { scenario, run: await runInProcess(scenarioInputs(scenario, api.url)), api }
  } finally {
    await api.stop()
  }
}

describe('the scenarios of npm run demo and npm run simulator', () => {
  it.concurrent.each(Object.keys(SCENARIOS))('%s ends with the exit code it promises', async (name) => {
    const { scenario, run } = await replay(name)
    expect([name, run.exitCode]).toEqual([name, scenario.exitCode])
  })

  it.concurrent('queue: the canceled request is told apart from the one that started next', async () => {
    const { run } = await replay('queue')
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      'canceled-request-ids': '["d7247cb6-ab85-48a1-951a-0a9c301f8c4f"]',
      'waiting-request-ids': '["0c4f9a1e-7b2d-4e6a-8c3f-5d1e2a9b7c6d"]'
    })
    expect(run.summary).toContain(
      '| Environment state | `DEPLOYING`; the status names request `5e0c2b7a-41d3-4c8e-9f6a-2b1d0c9e8f7a`, which started once it ended |'
    )
    expect(annotations(run, 'warning')).toEqual([
      'A request still waits in the queue and will start next: a restart (by bob@example.com). Use queued: cancel with actions: deploy, restart to cancel it too.',
      'The next deploy (by alice@example.com) started once the deploy had ended.'
    ])
    expect(run.summary.split('\n')[0]).toBe('## ✅ Canceled the deploy of shop-staging; the next deploy (by `alice@example.com`) now runs')
    expect(run.summary).toContain(
      '| Still waiting | `0c4f9a1e-7b2d-4e6a-8c3f-5d1e2a9b7c6d` · `RESTART`, triggered by `bob@example.com` from API |'
    )
  })

  it.concurrent('queue-cancel: a queued state shown under the canceled request id is the next request waiting, not its state', async () => {
    const { run } = await replay('queue-cancel')
    expect(run.outputs).toMatchObject({ outcome: 'canceled', state: 'RESTART_QUEUED' })
    expect(run.stdout).toMatch(/Deployment request d7247cb6-ab85-48a1-951a-0a9c301f8c4f: CANCELING -> CANCELED/)
    expect(run.stdout).not.toMatch(/QUEUED -> CANCELED/)
    expect(run.summary).toContain('| Environment state | `RESTART_QUEUED`: the next request waits to start |')
  })

  it.concurrent('bad-input: names each input, and sends nothing', async () => {
    const { run, api } = await replay('bad-input')
    expect(run.outputs.outcome).toBe('invalid-input')
    expect(annotations(run, 'error')[0]).toMatch(/^Input 'environment-id' is "my-environment"/)
    expect(run.summary.split('\n')[0]).toBe('## ❌ Invalid input: no request was sent to Qovery')
    expect(api.requests).toEqual([])
  })
})
