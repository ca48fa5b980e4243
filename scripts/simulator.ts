/**
 * Runs the local Qovery simulator on its own, for a workflow or a person to point the action
 * at: `npm run simulator -- [scenario] [--port N]` (or `node scripts/simulator.ts` on Node 24). It
 * answers until stopped, and keeps its state meanwhile: restart it to replay a scenario.
 */
import { DEMO_TOKEN, ENVIRONMENT_ID, SCENARIOS, scenarioList, startScenario } from '../test-support/scenarios.ts'

const args = process.argv.slice(2)
const name = args.find((arg) => !arg.startsWith('--') && !/^\d+$/.test(arg)) ?? 'canceled'
const portArg = args.indexOf('--port')
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0
const scenario = SCENARIOS[name]
const usage = `Usage: npm run simulator -- [scenario] [--port N]   (scenario: canceled unless named; port: any free one unless given)\n\nScenarios:\n${scenarioList()}`
if (args.includes('--help')) {
  console.log(usage)
  process.exit(0)
}
if (!scenario || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`${scenario ? `--port must be a number from 0 to 65535.` : `Unknown scenario "${name}".`}\n\n${usage}`)
  process.exit(2)
}

const simulator = await startScenario(scenario, port).catch((error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use: a simulator started earlier may still be running (stop it, or use another --port).`
      : `The simulator could not start: ${error instanceof Error ? error.message : String(error)}`
  )
  process.exit(1)
})
console.log(`Qovery simulator listening at ${simulator.url} (scenario "${name}": ${scenario.about})`)
console.log(`environment-id: ${ENVIRONMENT_ID}`)
console.log(`token: ${DEMO_TOKEN}`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.log(`${simulator.requests.length} requests served`)
    void simulator.stop().then(() => process.exit(0))
  })
}
