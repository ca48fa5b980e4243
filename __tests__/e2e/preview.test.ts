/** `npm run preview`: a scenario's job summary rendered as GitHub renders it, to a file whose path it prints; it opens nothing. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { NODE24, ROOT, runProgram } from '../../test-support/run-action.ts'
import { SCENARIOS } from '../../test-support/scenarios.ts'

const out = mkdtempSync(join(tmpdir(), 'preview-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

function preview(...args: string[]) {
  return runProgram(NODE24, [join(ROOT, 'scripts', 'preview.ts'), ...args])
}

describe('npm run preview', () => {
  it.concurrent('renders the summary of the scenarios asked for, and prints only where', async () => {
    const result = await preview('canceled', 'unauthorized', `--out=${out}`)
    expect(result.status).toBe(0)
    expect(result.stdout).toBe(`${join(out, 'canceled.html')}\n${join(out, 'unauthorized.html')}\n`)
    const canceled = readFileSync(join(out, 'canceled.html'), 'utf8')
    expect(canceled).toMatch(/^<!doctype html>/)
    expect(canceled).toContain('<h2>✅ Canceled the deploy of shop-staging</h2>')
    expect(canceled).toContain('<details>\n<summary>Details</summary>')
    expect(readFileSync(join(out, 'canceled.md'), 'utf8')).toMatch(/^## ✅ Canceled the deploy of shop-staging\n/)
    expect(readFileSync(join(out, 'unauthorized.html'), 'utf8')).toContain(
      '<h2>❌ The token was not accepted (401): no cancel was sent</h2>'
    )
  })

  it('writes under a git-ignored folder by default', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('preview/')
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.preview).toBe('node scripts/preview.ts')
  })

  it.concurrent('lists its scenarios, and refuses one it does not know', async () => {
    const help = await preview('--help')
    expect(help.status).toBe(0)
    for (const name of Object.keys(SCENARIOS)) expect(help.stdout).toContain(`  ${name} `)
    const unknown = await preview('nope', `--out=${out}`)
    expect(unknown.status).toBe(2)
    expect(unknown.stdout).toMatch(/^Unknown scenario: nope\./)
  })
})
