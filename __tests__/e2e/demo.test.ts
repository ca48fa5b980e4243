/** The README's demo command, run as a person would run it after npm ci. */
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { NODE24, ROOT, runProgram } from '../../test-support/run-action.ts'
import { SCENARIOS } from '../../test-support/scenarios.ts'

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
    expect(result.stdout).toMatch(/── Job summary ─+\n## ✅ Deployment of shop-staging canceled/)
    expect(result.stdout).toContain('3 services: 1 canceled, 2 deployed before the cancel')
    expect(result.stdout).toContain('| deploy | **web** (container) | 🛑 canceled |')
    expect(result.stdout).toContain('POST /environment/3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d/cancelDeployment  -> 202')
    expect(result.stdout).toContain('The action exited with 0, as this scenario should.')
    expect(result.stdout).not.toContain('::add-mask::')
  })

  it.concurrent.each([
    ['nothing-to-cancel', 'NOTICE (Nothing to cancel): Nothing to cancel', 'outcome'],
    ['bad-input', 'ERROR (Invalid input: environment-id): Input \'environment-id\' is "my-environment"', '## ❌ Invalid input']
  ])('replays the %s scenario', async (scenario, logLine, summary) => {
    const result = await demo(scenario)
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(logLine)
    expect(result.stdout).toContain(summary)
    expect(result.stdout).toContain(`exited with ${SCENARIOS[scenario]!.exitCode}, as this scenario should.`)
  })

  it.concurrent('replays the queue advancing: the canceled request is told apart from the one that started next', async () => {
    const result = await demo('queue')
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/outcome +canceled/)
    expect(result.stdout).toMatch(/canceled-request-ids +\["d7247cb6-ab85-48a1-951a-0a9c301f8c4f"\]/)
    expect(result.stdout).toMatch(/waiting-request-ids +\["0c4f9a1e-7b2d-4e6a-8c3f-5d1e2a9b7c6d"\]/)
    expect(result.stdout).toContain(
      '| Environment state | `DEPLOYING`, of request `5e0c2b7a-41d3-4c8e-9f6a-2b1d0c9e8f7a`, which started once it ended |'
    )
    expect(result.stdout).toContain(
      'WARNING (Requests still queued): 1 deployment request still waits in the queue and will start next: 0c4f9a1e-7b2d-4e6a-8c3f-5d1e2a9b7c6d (RESTART, by bob@example.com, from API).'
    )
  })

  it.concurrent('lists its scenarios', async () => {
    const result = await demo('--help')
    expect(result.status).toBe(0)
    for (const name of Object.keys(SCENARIOS)) expect(result.stdout).toContain(`  ${name} `)
  })
})
