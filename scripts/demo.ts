/**
 * Runs the bundled action against the local Qovery simulator, as a runner would, and shows its
 * log, outputs and job summary. No token, no network.
 *
 *   npm run demo                         a deployment that gets canceled
 *   npm run demo -- <scenario> [--debug] another outcome; --debug shows each request
 */
import { type FaultRule, type EnvironmentScript, startSimulator } from '../test-support/qovery-simulator.ts'
import { runAction } from '../test-support/run-action.ts'

const ENVIRONMENT_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'
const TOKEN = 'qov_demo_token_not_a_real_secret'

interface Scenario {
  about: string
  script: Omit<EnvironmentScript, 'id'>
  inputs?: Record<string, string>
  faults?: FaultRule[]
  /** The exit code the action should end with. */
  exitCode: number
}

const SCENARIOS: Record<string, Scenario> = {
  canceled: {
    about: 'a deployment is running; the cancel takes effect after a short CANCELING',
    script: { before: [{ state: 'DEPLOYING' }], after: [{ state: 'DEPLOYING', ms: 600 }, { state: 'CANCELING', ms: 1500 }, { state: 'CANCELED' }] },
    exitCode: 0
  },
  'nothing-to-cancel': {
    about: 'the environment is already DEPLOYED: nothing is sent',
    script: { before: [{ state: 'DEPLOYED' }] },
    exitCode: 0
  },
  finished: {
    about: 'the deployment finishes before the cancel takes effect',
    script: { before: [{ state: 'DEPLOYING' }], after: [{ state: 'DEPLOYING', ms: 800 }, { state: 'DEPLOYED' }] },
    exitCode: 0
  },
  conflict: {
    about: 'someone already cancelled: Qovery answers 409 and the action waits for that cancel',
    script: { before: [{ state: 'DEPLOYING' }], cancel: 'conflict', after: [{ state: 'CANCELING', ms: 1000 }, { state: 'CANCELED' }] },
    exitCode: 0
  },
  timeout: {
    about: 'a lifecycle job keeps the environment CANCELING past the timeout',
    script: { before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] },
    inputs: { timeout: '3s' },
    exitCode: 1
  },
  faults: {
    about: 'the API fails now and then (502, 429 with Retry-After, a reset connection, an HTML page): the action rides it out',
    script: { before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING', ms: 1500 }, { state: 'CANCELED' }] },
    faults: [
      { on: 'status', fault: { status: 502 } },
      { on: 'cancel', fault: { status: 429, retryAfter: '1' } },
      { on: 'status', fault: 'reset', skip: 1 },
      { on: 'status', fault: 'html', skip: 2 }
    ],
    exitCode: 0
  },
  unauthorized: {
    about: 'the token is wrong: the action stops at the first answer',
    script: { before: [{ state: 'DEPLOYING' }] },
    inputs: { token: 'qov_wrong_token' },
    exitCode: 1
  },
  'bad-input': {
    about: 'inputs with mistakes: each is named, and no request is sent',
    script: { before: [{ state: 'DEPLOYING' }] },
    inputs: { 'environment-id': 'my-environment', timeout: '10 minutes' },
    exitCode: 1
  }
}

const args = process.argv.slice(2)
const debug = args.includes('--debug')
const name = args.find((arg) => !arg.startsWith('--')) ?? 'canceled'
const scenario = SCENARIOS[name]
if (!scenario || args.includes('--help')) {
  console.log(`Usage: npm run demo -- [scenario] [--debug]\n\nScenarios:\n${Object.entries(SCENARIOS).map(([key, value]) => `  ${key.padEnd(18)} ${value.about}`).join('\n')}`)
  process.exit(scenario ? 0 : 2)
}

const simulator = await startSimulator({ token: TOKEN, environments: [{ id: ENVIRONMENT_ID, ...scenario.script }], faults: scenario.faults ?? [] })
console.log(`Scenario "${name}": ${scenario.about}.`)
console.log(`Local Qovery simulator at ${simulator.url}; running dist/index.js on Node 24 as a runner would.\n`)

const run = await runAction({
  'environment-id': ENVIRONMENT_ID,
  token: TOKEN,
  'api-url': simulator.url,
  'poll-interval': '500ms',
  ...scenario.inputs
}, debug ? { env: { RUNNER_DEBUG: '1' } } : {})
await simulator.stop()

console.log('── Log ' + '─'.repeat(60))
for (const line of run.stdout.split('\n')) {
  const shown = renderCommand(line)
  if (shown !== undefined) console.log(shown)
}
if (run.stderr.trim() !== '') console.log(run.stderr.trim())
console.log(`\n── Outputs ${'─'.repeat(56)}`)
const width = Math.max(...Object.keys(run.outputs).map((key) => key.length))
for (const [key, value] of Object.entries(run.outputs)) console.log(`${key.padEnd(width)}  ${key === 'status-json' ? value.slice(0, 100) + (value.length > 100 ? '…' : '') : value}`)
console.log(`\n── Job summary ${'─'.repeat(52)}\n${run.summary.trim()}`)
console.log(`\n── Requests the simulator saw ${'─'.repeat(38)}`)
for (const request of simulator.requests) console.log(`${request.method.padEnd(4)} ${request.path}  -> ${request.answer}`)
console.log(`\nThe action exited with ${run.exitCode}${run.exitCode === scenario.exitCode ? ', as this scenario should.' : `; this scenario should exit ${scenario.exitCode}.`}`)
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
