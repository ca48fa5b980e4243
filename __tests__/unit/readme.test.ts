/** The README must say what action.yml and package.json say, so that neither can drift. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { OUTCOMES } from '../../src/outcome.ts'
import { ROOT } from '../../test-support/run-action.ts'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts

/** The rows of the Markdown table between two HTML comment markers, as arrays of cells. */
function table(marker: string): string[][] {
  const body = new RegExp(`<!-- ${marker}:start -->\\n([\\s\\S]*?)\\n<!-- ${marker}:end -->`).exec(readme)?.[1]
  if (body === undefined) throw new Error(`README has no ${marker} table`)
  return body
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .replace(/^\| | \|$/g, '')
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.replace(/\\\|/g, '|'))
    )
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

describe('README', () => {
  it('lists every input of action.yml with its required flag, default and description', () => {
    const rows = table('inputs').map(([name, required, fallback, description]) => ({ name, required, fallback, description }))
    const expected = Object.entries(action.inputs).map(([name, input]) => ({
      name: `\`${name}\``,
      required: input.required ? 'yes' : 'no',
      fallback: input.default === undefined ? '' : `\`${input.default}\``,
      description: flat(input.description)
    }))
    expect(rows).toEqual(expected)
  })

  it('lists every output of action.yml with its description', () => {
    const rows = table('outputs').map(([name, description]) => ({ name, description }))
    expect(rows).toEqual(
      Object.entries(action.outputs).map(([name, output]) => ({ name: `\`${name}\``, description: flat(output.description) }))
    )
  })

  it('explains every outcome', () => {
    for (const outcome of Object.keys(OUTCOMES)) expect(readme).toContain(`| \`${outcome}\` |`)
  })

  it('has a quick start whose commands exist', () => {
    const quickStart = /```sh\n(npm ci\nnpm test\nnpm run demo)\n```/.exec(readme)
    expect(quickStart).not.toBeNull()
    expect(scripts.test).toBeDefined()
    expect(scripts.demo).toBe('node scripts/demo.ts')
  })

  it('shows both ways the action is used', () => {
    expect(readme).toContain('if: cancelled()')
    expect(readme).toContain('workflow_dispatch:')
    expect(readme).toMatch(/force: \$\{\{ inputs\.force \}\}/)
  })
})
