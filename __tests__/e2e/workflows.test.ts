/** The project's workflows and the examples, linted by actionlint and checked against action.yml. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { parseDuration } from '../../src/util/duration.ts'
import { MARKDOWN_FILES, readDoc, yamlSnippets } from '../../test-support/markdown-docs.ts'
import { NODE24, ROOT, runProgram } from '../../test-support/run-action.ts'

const ACTIONLINT = join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js')
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}

const files = [
  ...readdirSync(join(ROOT, '.github', 'workflows')).map((name) => join('.github', 'workflows', name)),
  ...readdirSync(join(ROOT, 'examples')).map((name) => join('examples', name))
].filter((name) => name.endsWith('.yml'))

function actionlint(pattern: string, cwd = ROOT) {
  return runProgram(NODE24, [ACTIONLINT, pattern], { cwd })
}

interface Step {
  name?: string
  uses?: string
  id?: string
  if?: string
  with?: Record<string, unknown>
}

/** What GitHub's own parser (the one behind the Actions service and its editor tooling) objects to. */
function githubErrors(parse: typeof parseWorkflow, name: string, content: string): string[] {
  return parse({ name, content }, new NoOperationTraceWriter())
    .context.errors.getErrors()
    .map((error) => error.message)
}
/**
 * The steps of a workflow run for pull requests that hand this action a secret without first
 * checking that the secret is there: a pull request from a fork gets no secrets, and such a step
 * would fail its check. A secret cannot be named in `if:`, so the guard is an environment variable
 * set from the secret (on the job or the workflow) and tested in the step's `if:`.
 */
function unguardedSecretSteps(content: string): string[] {
  const workflow = parse(content) as {
    on: string | string[] | Record<string, unknown>
    env?: Record<string, string>
    jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>
  }
  const events = typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? workflow.on : Object.keys(workflow.on)
  if (!events.some((event) => event.startsWith('pull_request'))) return []
  return Object.values(workflow.jobs).flatMap((job) =>
    job.steps
      .filter((step) => step.uses?.includes('qovery-cancel-deployment') && /secrets\./.test(String(step.with?.token ?? '')))
      .filter((step) => {
        const secret = /secrets\.(\w+)/.exec(String(step.with?.token))?.[1]
        const env = { ...workflow.env, ...job.env }
        const guard = /env\.(\w+) != ''/.exec(step.if ?? '')?.[1]
        return guard === undefined || env[guard] !== `\${{ secrets.${secret} }}`
      })
      .map((step) => step.name ?? step.uses ?? '')
  )
}

/** A snippet as the workflow it sits in: a workflow given a trigger when it shows none, or steps put in a job. */
function asWorkflow(snippet: string): string {
  if (/^jobs:/m.test(snippet)) return /^on:/m.test(snippet) ? snippet : `on: workflow_dispatch\n${snippet}`
  return `on: workflow_dispatch\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n    steps:\n${snippet}`
}

const steps = (file: string): Step[] => {
  const workflow = parse(readFileSync(join(ROOT, file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> }
  return Object.values(workflow.jobs).flatMap((job) => job.steps)
}

describe('workflows and examples', () => {
  it('has the workflows the README promises', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        'examples/manual-cancel.yml',
        'examples/cancel-on-workflow-cancel.yml',
        'examples/cancel-preview-on-pr-close.yml',
        'examples/deploy-and-cancel-own-request.yml',
        '.github/workflows/release.yml'
      ])
    )
  })

  it('pass actionlint, which finds the mistake in a broken workflow linted beside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'))
    writeFileSync(
      join(dir, 'broken.yml'),
      'on: workflow_dispatch\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.inputs.nope }}\n'
    )
    // One run (actionlint is a WebAssembly build, slow to start) over the project's files and the broken one.
    const result = await actionlint(`{.github/workflows,examples,${dir}}/*.yml`)
    rmSync(dir, { recursive: true, force: true })
    expect(result.stdout).toContain(`Checking ${files.length + 1} workflow file(s)`)
    const problems = result.stdout.split('\n').filter((line) => /^\S+\.yml:\d+:\d+ /.test(line))
    expect(problems).toEqual([expect.stringMatching(/broken\.yml:6:23 property "nope" is not defined/)])
    expect(result.status).toBe(1)
  })

  it.each(files)('%s pins third-party actions to a full commit SHA, with the version in a comment', (file) => {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
    for (const step of steps(file)) {
      if (step.uses === undefined || step.uses === './' || step.uses.includes('/qovery-cancel-deployment@')) continue
      expect([file, step.uses]).toEqual([file, expect.stringMatching(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/)])
      const line = lines.find((candidate) => candidate.includes(`uses: ${step.uses}`))
      expect([file, line]).toEqual([file, expect.stringMatching(/ # v\d+\.\d+\.\d+$/)])
    }
  })

  it.each(files)('%s gives this action only inputs it has, and reads only outputs it sets', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    const ours = steps(file).filter((step) => step.uses === './' || step.uses?.includes('/qovery-cancel-deployment@'))
    if (file.startsWith('examples/')) expect(ours.length).toBeGreaterThan(0)
    for (const step of ours) {
      for (const input of Object.keys(step.with ?? {})) expect([file, input, input in action.inputs]).toEqual([file, input, true])
      if (step.id === undefined) continue
      for (const match of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))) {
        expect([file, match[1], (match[1] as string) in action.outputs]).toEqual([file, match[1], true])
      }
    }
  })

  it("action.yml passes GitHub's action parser, which also rejects an icon GitHub does not offer", () => {
    expect(githubErrors(parseAction, 'action.yml', readFileSync(join(ROOT, 'action.yml'), 'utf8'))).toEqual([])
    const wrongIcon = readFileSync(join(ROOT, 'action.yml'), 'utf8').replace(/icon: .*/, 'icon: x-octagon')
    expect(githubErrors(parseAction, 'action.yml', wrongIcon)).toEqual([expect.stringContaining("Unexpected value 'x-octagon'")])
  })

  it.each(files)("%s passes GitHub's workflow parser", (file) => {
    expect(githubErrors(parseWorkflow, file, readFileSync(join(ROOT, file), 'utf8'))).toEqual([])
  })

  it("the YAML snippets of the README and docs/ pass GitHub's workflow parser, as the workflows they sit in", () => {
    const snippets = MARKDOWN_FILES.flatMap((file) => yamlSnippets(readDoc(file)).map((text, index) => [`${file} #${index + 1}`, text]))
    expect(snippets.length).toBeGreaterThan(3)
    for (const [name, text] of snippets)
      expect([name, githubErrors(parseWorkflow, name as string, asWorkflow(text as string))]).toEqual([name, []])
    expect(githubErrors(parseWorkflow, 'broken', asWorkflow('      - uses: a/b@v1\n        stepz: 1\n'))).toEqual([
      expect.stringContaining("Unexpected value 'stepz'")
    ])
  })

  it('uses a workflow parser that finds mistakes', () => {
    expect(githubErrors(parseWorkflow, 'broken.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n')).toEqual([
      expect.stringContaining("Unexpected value 'stepz'")
    ])
  })

  it('skip this action, and say why, where a pull request from a fork gets no secrets', () => {
    const pullRequestExample = readFileSync(join(ROOT, 'examples', 'cancel-preview-on-pr-close.yml'), 'utf8')
    for (const file of files) expect([file, unguardedSecretSteps(readFileSync(join(ROOT, file), 'utf8'))]).toEqual([file, []])
    expect(pullRequestExample).toMatch(/pull request from a fork[\s\S]*get no\s+#?\s*Actions secrets/)
    // The check finds the step once its guard is gone.
    expect(
      unguardedSecretSteps(pullRequestExample.replace("if: env.QOVERY_API_TOKEN != ''", 'if: github.event.pull_request.merged || true'))
    ).toEqual(["Cancel the preview's deployment"])
  })

  // The runner bounds everything that runs after a cancellation at about 5 minutes.
  it.each(files)('%s gives this action at most 4m when it runs on a cancelled run', (file) => {
    for (const step of steps(file).filter(
      (candidate) => /cancelled\(\)|always\(\)/.test(candidate.if ?? '') && candidate.uses?.includes('qovery-cancel-deployment')
    )) {
      const timeout = String(step.with?.timeout ?? '30m')
      expect([file, (parseDuration(timeout) as { ms: number }).ms <= 240_000]).toEqual([file, true])
    }
  })
})
