/**
 * The bundled action when the runner hangs up on it (SIGHUP, which some runners report when a
 * workflow run is cancelled): handled as SIGINT is.
 */
import { describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret } from '../../test-support/assertions.ts'
import { runAction } from '../../test-support/run-action.ts'
import { simulatedEnvironment, simulatorsForTest } from '../../test-support/simulators.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_hangup_secret'

const { simulate, inputs } = simulatedEnvironment(TOKEN, simulatorsForTest())

// SIGHUP cannot be sent to a process on Windows: child.kill() ends it at once there.
const describeSignals = process.platform === 'win32' ? describe.skip : describe

describeSignals('when the runner hangs up', () => {
  it('stops waiting on SIGHUP as on SIGINT: outcome interrupted, summary written, exit code 1', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] })
    let sentAt = 0
    let printed = ''
    const run = await runAction(inputs(api), {
      killAfterMs: 15_000,
      onStdout: (chunk, child) => {
        // A status read once the action waits: the simulator shows CANCELING from the cancel on.
        printed += chunk
        if (sentAt === 0 && /Waiting for[\s\S]*\/status -> 200/.test(printed)) {
          sentAt = Date.now()
          child.kill('SIGHUP')
        }
      }
    })
    expect(sentAt).toBeGreaterThan(0)
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', state: 'CANCELING', canceled: 'false', 'environment-id': ENV_ID })
    expect(annotations(run, 'error')[0]).toMatch(
      /^The action was interrupted by SIGHUP \(the workflow run was cancelled\); the deploy was last seen canceling\./
    )
    expect(run.summary).toContain('## 🛑 Interrupted')
    expectNoSecret(run, TOKEN)
  })
})
