/** The project's workflows and the examples, linted by actionlint and checked against action.yml. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { NODE24, ROOT } from '../../test-support/run-action.ts'

const ACTIONLINT = join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js')
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }

const files = [
  ...readdirSync(join(ROOT, '.github', 'workflows')).map((name) => join('.github', 'workflows', name)),
  ...readdirSync(join(ROOT, 'examples')).map((name) => join('examples', name))
].filter((name) => name.endsWith('.yml'))

function actionlint(pattern: string, cwd = ROOT) {
  return spawnSync(NODE24, [ACTIONLINT, pattern], { cwd, encoding: 'utf8' })
}

interface Step {
  uses?: string
  id?: string
  with?: Record<string, unknown>
}
const steps = (file: string): Step[] => {
  const workflow = parse(readFileSync(join(ROOT, file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> }
  return Object.values(workflow.jobs).flatMap((job) => job.steps)
}

describe('workflows and examples', () => {
  it('has the workflows the README promises', () => {
    expect(files).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/check-dist.yml', 'examples/manual-cancel.yml', 'examples/cancel-on-workflow-cancel.yml', 'examples/cancel-preview-on-pr-close.yml', 'examples/deploy-and-cancel-own-request.yml']))
  })

  it('pass actionlint', () => {
    const result = actionlint('{.github/workflows,examples}/*.yml')
    expect(result.stdout).toContain(`Checking ${files.length} workflow file(s)`)
    expect(result.stdout).toContain('All workflow files passed lint checks')
    expect(result.status).toBe(0)
  })

  it('uses an actionlint that finds mistakes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'))
    writeFileSync(join(dir, 'broken.yml'), 'on: workflow_dispatch\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.inputs.nope }}\n')
    const result = actionlint('*.yml', dir)
    rmSync(dir, { recursive: true, force: true })
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('property "nope" is not defined')
  })

  it.each(files)('%s pins actions to a full commit SHA or a major tag', (file) => {
    for (const step of steps(file)) {
      if (step.uses === undefined || step.uses === './') continue
      expect([file, step.uses]).toEqual([file, expect.stringMatching(/^[\w.<>-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+|[0-9a-f]{40})$/)])
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
})
