/**
 * run() in process for the tests (see recorded-run.ts), and simulators stopped once a test
 * file's tests have ended.
 */
import { afterAll } from '@jest/globals'
import { type QoverySimulator, type SimulatorOptions, startSimulator } from './qovery-simulator.ts'

export { type InProcessRun, runInProcess } from './recorded-run.ts'

/**
 * Simulators for tests that run side by side: each test starts its own, and all are stopped once
 * the file's tests have ended.
 */
export function simulatorsForFile(): (options: SimulatorOptions) => Promise<QoverySimulator> {
  const started = new Set<QoverySimulator>()
  afterAll(async () => {
    await Promise.all([...started].map((simulator) => simulator.stop()))
  })
  return async (options) => {
    const simulator = await startSimulator(options)
    started.add(simulator)
    return simulator
  }
}
