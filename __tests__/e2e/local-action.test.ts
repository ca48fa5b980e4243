/**
 * GitHub's own local runner for JavaScript actions, @github/local-action, runs src/main.ts with
 * its stand-ins for @actions/core and @actions/github (offline), against the simulator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { startSimulator } from '../../test-support/qovery-simulator.ts'
import { NODE24, ROOT, runProgram } from '../../test-support/run-action.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_local_action_secret'

describe('@github/local-action', () => {
  it('runs the action with no arguments to run() and reports its outputs', async () => {
    const api = await startSimulator({ token: TOKEN, environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }] }] })
    const dir = mkdtempSync(join(tmpdir(), 'qovery-local-action-'))
    const dotenv = join(dir, '.env')
    writeFileSync(
      dotenv,
      [
        `INPUT_ENVIRONMENT-ID=${ENV_ID}`,
        `INPUT_TOKEN=${TOKEN}`,
        `INPUT_API-URL=${api.url}`,
        'INPUT_POLL-INTERVAL=50ms',
        'INPUT_TIMEOUT=30s',
        ''
      ].join('\n')
    )
    // Its bin runs npm and tsx; Node 24 first on PATH, as npm scripts have it.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [dirname(NODE24), join(ROOT, 'node_modules', '.bin'), process.env.PATH].join(delimiter)
    }
    for (const name of Object.keys(env)) if (name.startsWith('INPUT_') || name.startsWith('GITHUB_')) delete env[name]
    const bin = join(ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
    const result = await runProgram(NODE24, [bin, 'run', '.', 'src/main.ts', dotenv], { env })
    await api.stop()
    rmSync(dir, { recursive: true, force: true })
    const outputs = Object.fromEntries(
      [...result.stdout.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)].map((match) => [match[1], match[2]])
    )
    expect(result.status).toBe(0)
    expect(outputs).toMatchObject({ outcome: 'canceled', canceled: 'true', state: 'CANCELED', 'environment-id': ENV_ID })
    expect(api.cancelRequests()).toHaveLength(1)
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  }, 120_000)
})
