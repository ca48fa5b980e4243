/**
 * The bundled action when the runner hangs up on it (SIGHUP, which some runners report when a
 * workflow run is cancelled): handled as SIGINT is.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret } from '../../test-support/assertions.ts'
import { type QoverySimulator, startSimulator } from '../../test-support/qovery-simulator.ts'
import { runAction } from '../../test-support/run-action.ts'

const ENV_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'
const TOKEN = 'qov_hangup_secret'

let simulator: QoverySimulator | undefined
afterEach(async () => {
  await simulator?.stop()
  simulator = undefined
})

// SIGHUP cannot be sent to a process on Windows: child.kill() ends it at once there.
const describeSignals = process.platform === 'win32' ? describe.skip : describe

describeSignals('when the runner hangs up', () => {
  it('stops waiting on SIGHUP as on SIGINT: outcome interrupted, summary written, exit code 1', async () => {
    simulator = await startSimulator({
      token: TOKEN,
      environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] }]
    })
    const api = simulator
    let sentAt = 0
    let printed = ''
    const run = await runAction(
      { 'environment-id': ENV_ID, token: TOKEN, 'api-url': api.url, 'poll-interval': '20ms', timeout: '20s' },
      {
        killAfterMs: 15_000,
        onStdout: (chunk, child) => {
          // A status read once the action waits: the simulator shows CANCELING from the cancel on.
          printed += chunk
          if (sentAt === 0 && /Waiting for[\s\S]*\/status -> 200/.test(printed)) {
            sentAt = Date.now()
            child.kill('SIGHUP')
          }
        }
      }
    )
    expect(sentAt).toBeGreaterThan(0)
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', state: 'CANCELING', canceled: 'false', 'environment-id': ENV_ID })
    expect(annotations(run, 'error')[0]).toMatch(
      /^The action was interrupted by SIGHUP \(the workflow run was cancelled\); the environment was last seen canceling\./
    )
    expect(run.summary).toContain('## 🛑 Interrupted')
    expectNoSecret(run, TOKEN)
  })
})
