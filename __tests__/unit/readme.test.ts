/** The README must say what action.yml and package.json say, so that neither can drift. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { parseDuration } from '../../src/util/duration.ts'
import { QUEUE_NOT_AVAILABLE } from '../../src/qovery/environment-reads.ts'
import { OUTCOMES } from '../../src/report/outcome-words.ts'
import { NO_ANSWER_FROM_LOOKUP } from '../../src/qovery/client.ts'
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

  it('explains every outcome in the words of the outcome table', () => {
    const rows = table('outcomes').map(([name, description]) => ({ name, description }))
    expect(rows).toEqual(Object.entries(OUTCOMES).map(([name, words]) => ({ name: `\`${name}\``, description: words.description })))
  })

  it('names the answers taken for a queue or a lookup that is not there, as the code takes them', () => {
    const codes = (list: readonly number[]) => `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`
    expect(flat(readme)).toContain(`or ${codes(QUEUE_NOT_AVAILABLE.filter((code) => code !== 403))} (an API or a proxy without it)`)
    expect(flat(readme)).toContain(
      `The request lookup answering ${codes(NO_ANSWER_FROM_LOOKUP)} is taken as Qovery not knowing the request`
    )
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

  it('gives this action at most 4m in every snippet that runs on a cancelled run', () => {
    const steps = snippets().flatMap(stepsOf)
    const cancelled = steps.filter(
      (step) => /cancelled\(\)|always\(\)/.test(step.if ?? '') && step.uses?.includes('qovery-cancel-deployment')
    )
    expect(cancelled.length).toBeGreaterThan(1)
    for (const step of cancelled)
      expect([step.if, (parseDuration(String(step.with?.timeout ?? '30m')) as { ms: number }).ms <= 240_000]).toEqual([step.if, true])
  })

  it('hands outputs to run: through env:, never into the script itself', () => {
    const runs = snippets()
      .flatMap(stepsOf)
      .filter((step) => step.run !== undefined)
    expect(runs.length).toBeGreaterThan(1)
    for (const step of runs) expect(step.run).not.toMatch(/\$\{\{\s*steps\./)
  })
})

interface SnippetStep {
  if?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}

/** The README's YAML snippets, parsed: whole workflows, or a few steps of one. */
function snippets(): unknown[] {
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!.replace(/^ {6}# .*$/gm, '')) as unknown)
}

/** The steps of a snippet, wherever they sit: a list of steps, or a workflow's jobs. */
function stepsOf(snippet: unknown): SnippetStep[] {
  if (Array.isArray(snippet)) return snippet as SnippetStep[]
  const jobs = (snippet as { jobs?: Record<string, { steps?: SnippetStep[] }> } | null)?.jobs ?? {}
  return Object.values(jobs).flatMap((job) => job.steps ?? [])
}
