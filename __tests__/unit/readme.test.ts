/**
 * The README and the pages in docs/ must say what action.yml, package.json and the code say, so
 * that neither can drift; and they must stay a README that leads with use, whose links all lead
 * somewhere.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { parseDuration } from '../../src/util/duration.ts'
import { QUEUE_NOT_AVAILABLE } from '../../src/qovery/environment-reads.ts'
import { OUTCOMES } from '../../src/report/outcome-words.ts'
import { NO_ANSWER_FROM_LOOKUP } from '../../src/qovery/client.ts'
import { ROOT } from '../../test-support/run-action.ts'
import { headingAnchors, MARKDOWN_FILES, prose, readDoc, yamlSnippets } from '../../test-support/markdown-docs.ts'

const readme = readDoc('README.md')
const queuePage = readDoc('docs/requests-and-the-queue.md')
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
    expect(flat(queuePage)).toContain(`or ${codes(QUEUE_NOT_AVAILABLE.filter((code) => code !== 403))} (an API or a proxy without it)`)
    expect(flat(queuePage)).toContain(
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

  it('leads with use: under about 400 lines, with the inputs early', () => {
    const lines = readme.split('\n')
    expect(lines.length).toBeLessThanOrEqual(400)
    expect(lines.indexOf('## Inputs')).toBeGreaterThan(0)
    expect(lines.indexOf('## Inputs')).toBeLessThan(150)
    for (const heading of ['## Quick start', '## Outputs', '## Outcomes', '## Requirements']) expect(lines).toContain(heading)
  })

  it('says once what to put in uses:, and every snippet and example writes it that way', () => {
    const form = '<owner>/qovery-cancel-deployment@v1'
    expect(readme).toMatch(/### Which version to use\n\nEvery snippet here writes the action as `<owner>\/qovery-cancel-deployment@v1`/)
    const examples = ['cancel-on-workflow-cancel', 'cancel-preview-on-pr-close', 'deploy-and-cancel-own-request', 'manual-cancel']
    const texts = [
      ...MARKDOWN_FILES.map((file) => [file, readDoc(file)]),
      ...examples.map((name) => [name, readDoc(`examples/${name}.yml`)])
    ]
    const uses = texts.flatMap(([file, text]) =>
      [...(text as string).matchAll(/uses: (\S*qovery-cancel-deployment\S*)/g)].map((match) => [file, match[1]])
    )
    expect(uses.length).toBeGreaterThan(examples.length)
    for (const [file, used] of uses) expect([file, used]).toEqual([file, form])
  })

  it("names the runner that runs action.yml's runtime in its Requirements", () => {
    const using = (parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string } }).runs.using
    const requirements = flat(/## Requirements\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '')
    expect(requirements).toContain(`\`${using}\` actions`)
    expect(requirements).toMatch(/version \*\*2\.327\.1\*\* or later/)
    for (const topic of ['GitHub Enterprise Server', 'Windows', 'macOS', 'HTTPS_PROXY', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS'])
      expect(requirements).toContain(topic)
  })

  it('has relative links that all lead to a file, and to a heading of it when they name one', () => {
    expect(MARKDOWN_FILES.flatMap((file) => brokenLinks(file, readDoc(file)))).toEqual([])
  })

  it('finds a link to a missing file or heading, reads headings as GitHub anchors them, and no link in code', () => {
    const page = 'See [a](docs/nowhere.md), [b](README.md#no-such-heading), [c](README.md#outputs), `[d](x.md)`.\n```yaml\n[e](y.md)\n```\n'
    expect(brokenLinks('README.md', page)).toEqual(['README.md: docs/nowhere.md', 'README.md: README.md#no-such-heading (no such heading)'])
    expect(headingAnchors('# A manual "cancel" button\n## What `npm test` does\n## Workflows and `dist/`\n## Usage\n## Usage')).toEqual(
      new Set(['a-manual-cancel-button', 'what-npm-test-does', 'workflows-and-dist', 'usage', 'usage-1'])
    )
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

/** The YAML snippets of the README and docs/, parsed: whole workflows, or a few steps of one. */
function snippets(): unknown[] {
  return MARKDOWN_FILES.flatMap((file) => yamlSnippets(readDoc(file))).map((text) => parse(text.replace(/^ {6}# .*$/gm, '')) as unknown)
}

/** docs/architecture.md, the map of src/, comes from the branch that reorganised src/. */
/**
 * The relative links of a page (at `file`, relative to the repository) that lead to no file, or to
 * a heading its page does not have. Links to GitHub's pages of the repository (`../../actions/...`,
 * the badges) lead outside it and are not files.
 */
function brokenLinks(file: string, markdown: string): string[] {
  const broken: string[] = []
  for (const [, target] of prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target as string)) continue
    const [path, anchor] = (target as string).split('#') as [string, string | undefined]
    const resolved = path === '' ? file : normalize(join(dirname(file), path))
    if (relative(ROOT, join(ROOT, resolved)).startsWith('..')) continue
    if (!existsSync(join(ROOT, resolved))) {
      broken.push(`${file}: ${target}`)
    } else if (
      anchor !== undefined &&
      resolved.endsWith('.md') &&
      !headingAnchors(path === '' ? markdown : readDoc(resolved)).has(anchor)
    ) {
      broken.push(`${file}: ${target} (no such heading)`)
    }
  }
  return broken
}

/** The steps of a snippet, wherever they sit: a list of steps, or a workflow's jobs. */
function stepsOf(snippet: unknown): SnippetStep[] {
  if (Array.isArray(snippet)) return snippet as SnippetStep[]
  const jobs = (snippet as { jobs?: Record<string, { steps?: SnippetStep[] }> } | null)?.jobs ?? {}
  return Object.values(jobs).flatMap((job) => job.steps ?? [])
}
