/** The README's demo command, run as a person would run it after npm ci: the bundle on Node 24. */
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { NODE24, ROOT, runProgram } from '../../test-support/run-action.ts'
import { SCENARIOS } from '../../test-support/scenarios.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

// The demo runs the action through runAction, which clears the runner's and the proxy variables.
function demo(...args: string[]) {
  return runProgram(NODE24, [join(ROOT, 'scripts', 'demo.ts'), ...args])
}

describe('npm run demo', () => {
  it.concurrent('runs the action against the simulator and shows its log, outputs and summary', async () => {
    const result = await demo()
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Scenario "canceled"')
    expect(result.stdout).toMatch(/── Log ─+\n▶ Settings/)
    expect(result.stdout).toMatch(/Environment state: CANCELING -> CANCELED/)
    expect(result.stdout).toMatch(/── Outputs ─+\noutcome +canceled/)
    expect(result.stdout).toMatch(/── Job summary ─+\n## ✅ Canceled the deploy of shop-staging\n/)
    expect(result.stdout).toContain('3 services: 1 canceled, 2 deployed before the cancel')
    expect(result.stdout).toContain('| deploy | **web** (container) | 🛑 canceled |')
    expect(result.stdout).toContain(`POST /environment/${ENV_ID}/cancelDeployment  -> 202`)
    expect(result.stdout).toContain('The action exited with 0, as this scenario should.')
    expect(result.stdout).not.toContain('::add-mask::')
  })

  // Every scenario's outcome, the queue's and the bad input's among them: in-process/scenarios.test.ts.
  it.concurrent('lists its scenarios', async () => {
    const result = await demo('--help')
    expect(result.status).toBe(0)
    for (const name of Object.keys(SCENARIOS)) expect(result.stdout).toContain(`  ${name} `)
  })
})
