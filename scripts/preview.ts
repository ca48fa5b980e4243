/**
 * Renders the job summary of a scenario as GitHub would show it, to an HTML file (and its
 * Markdown beside it) under preview/, git-ignored, and prints its path; it opens nothing. The
 * action runs in process, from src/, so that a changed sentence shows without a build.
 *
 *   npm run preview -- <scenario>...       one or more scenarios; `all` for every one
 *   npm run preview -- <scenario> --out=DIR   into another folder
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runInProcess } from '../test-support/recorded-run.ts'
import { previewPage, renderLikeGitHub } from '../test-support/github-markdown.ts'
import { ROOT } from '../test-support/run-action.ts'
import { SCENARIOS, scenarioInputs, scenarioList, startScenario } from '../test-support/scenarios.ts'

const args = process.argv.slice(2)
const out = args.find((arg) => arg.startsWith('--out='))?.slice('--out='.length)
const given = args.filter((arg) => !arg.startsWith('--'))
const names = given.includes('all') ? Object.keys(SCENARIOS) : given
const unknown = names.filter((name) => !(name in SCENARIOS))
if (names.length === 0 || unknown.length > 0 || args.includes('--help')) {
  if (unknown.length > 0) console.log(`Unknown scenario${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.\n`)
  console.log(`Usage: npm run preview -- <scenario>... | all [--out=DIR]\n\nScenarios:\n${scenarioList()}`)
  process.exit(args.includes('--help') && unknown.length === 0 ? 0 : 2)
}

const folder = out === undefined ? join(ROOT, 'preview') : resolve(out)
mkdirSync(folder, { recursive: true })
for (const name of names) {
  const scenario = SCENARIOS[name]!
  const simulator = await startScenario(scenario)
  try {
    const run = await runInProcess(scenarioInputs(scenario, simulator.url))
    writeFileSync(join(folder, `${name}.md`), run.summary)
    const file = join(folder, `${name}.html`)
    writeFileSync(file, previewPage(`Job summary: ${name}`, renderLikeGitHub(run.summary)))
    console.log(file)
  } finally {
    await simulator.stop()
  }
}
