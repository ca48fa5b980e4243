/**
 * Runs the bundled action against the local Qovery simulator, as a runner would, and shows its
 * log, outputs and job summary. No token, no network.
 *
 *   npm run demo                         a deployment that gets canceled
 *   npm run demo -- <scenario> [--debug] another outcome; --debug shows each request
 */
import { runAction } from '../test-support/run-action.ts'
import { SCENARIOS, scenarioInputs, scenarioList, startScenario } from '../test-support/scenarios.ts'

const args = process.argv.slice(2)
const debug = args.includes('--debug')
const name = args.find((arg) => !arg.startsWith('--')) ?? 'canceled'
const scenario = SCENARIOS[name]
if (!scenario || args.includes('--help')) {
  if (!scenario) console.log(`Unknown scenario "${name}".\n`)
  console.log(`Usage: npm run demo -- [scenario] [--debug]\n\nScenarios:\n${scenarioList()}`)
  process.exit(scenario ? 0 : 2)
}

const simulator = await startScenario(scenario)
console.log(`Scenario "${name}": ${scenario.about}.`)
console.log(`Local Qovery simulator at ${simulator.url}; running dist/index.js on Node 24 as a runner would.\n`)

const run = await runAction(scenarioInputs(scenario, simulator.url), debug ? { env: { RUNNER_DEBUG: '1' } } : {})
await simulator.stop()

console.log('── Log ' + '─'.repeat(60))
for (const line of run.stdout.split('\n')) {
  const shown = renderCommand(line)
  if (shown !== undefined) console.log(shown)
}
if (run.stderr.trim() !== '') console.log(run.stderr.trim())
console.log(`\n── Outputs ${'─'.repeat(56)}`)
const width = Math.max(...Object.keys(run.outputs).map((key) => key.length))
for (const [key, value] of Object.entries(run.outputs))
  console.log(`${key.padEnd(width)}  ${key === 'status-json' ? value.slice(0, 100) + (value.length > 100 ? '…' : '') : value}`)
console.log(`\n── Job summary ${'─'.repeat(52)}\n${run.summary.trim()}`)
console.log(`\n── Requests the simulator saw ${'─'.repeat(38)}`)
for (const request of simulator.requests) console.log(`${request.method.padEnd(4)} ${request.path}  -> ${request.answer}`)
console.log(
  `\nThe action exited with ${run.exitCode}${run.exitCode === scenario.exitCode ? ', as this scenario should.' : `; this scenario should exit ${scenario.exitCode}.`}`
)
process.exit(run.exitCode === scenario.exitCode ? 0 : 1)

/** Shows workflow commands the way the runner's log would: masks consumed, groups folded. */
function renderCommand(line: string): string | undefined {
  if (line.startsWith('::add-mask::')) return undefined
  if (line.startsWith('::debug::')) return debug ? `  [debug] ${line.slice(9)}` : undefined
  if (line.startsWith('::group::')) return `▶ ${line.slice(9)}`
  if (line === '::endgroup::') return undefined
  const annotation = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
  if (annotation) {
    const title = annotation[2] ? ` (${decodeURIComponent(annotation[2].replace(/^title=/, ''))})` : ''
    return `${annotation[1]!.toUpperCase()}${title}: ${annotation[3]!.replace(/%0A/g, '\n').replace(/%25/g, '%')}`
  }
  return line === '' ? undefined : line
}
