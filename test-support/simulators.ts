/**
 * Simulators for the tests, each stopped once it is no longer needed: at the end of the file for
 * tests that run side by side, at the end of each test for tests that run one at a time; and the
 * one environment a test file scripts in them, with the action's inputs that point at it.
 */
import { afterAll, afterEach } from '@jest/globals'
import { type EnvironmentScript, type QoverySimulator, type SimulatorOptions, startSimulator } from './qovery-simulator.ts'
import { ENV_ID } from '../__fixtures__/environment.ts'

/** Starts a simulator with these options. */
export type StartSimulator = (options: SimulatorOptions) => Promise<QoverySimulator>

/**
 * Simulators for tests that run side by side: each test starts its own, and all are stopped once
 * the file's tests have ended.
 */
export function simulatorsForFile(): StartSimulator {
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

/**
 * Servers (simulators, proxies) for tests that run one at a time: the function returned takes a
 * server a test has just started, and gives it back; every server it took is stopped once the test
 * has ended.
 */
export function stoppedAfterEachTest(): <Server extends { stop(): Promise<void> }>(server: Server) => Server {
  const started: Array<{ stop(): Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()))
  })
  return (server) => {
    started.push(server)
    return server
  }
}

/** Simulators for tests that run one at a time: those a test starts are stopped once it has ended. */
export function simulatorsForTest(): StartSimulator {
  const stopLater = stoppedAfterEachTest()
  return async (options) => stopLater(await startSimulator(options))
}

/** How a test scripts its environment: all but the id, which is ENV_ID. */
type Script = Partial<Omit<EnvironmentScript, 'id'>>

/** A file's environment (ENV_ID) in the simulators it starts, and the action's inputs for them. */
export interface SimulatedEnvironment {
  /** A simulator, started as `start` starts them, whose one environment is the file's script, then `script`; `options` add to the simulator's. */
  simulate(script?: Script, options?: Partial<SimulatorOptions>): Promise<QoverySimulator>
  /** Inputs for the action against `api`: the environment's id, the token, the file's inputs, then `extra`. */
  inputs(api: { url: string }, extra?: Record<string, string>): Record<string, string>
}

/**
 * The environment ENV_ID of a test file: in simulators that accept `token` and are started by
 * `start`, scripted as `script` says unless a test says otherwise; the action polls every 20ms for
 * 20s at most, unless `inputs` says otherwise.
 */
export function simulatedEnvironment(
  token: string,
  start: StartSimulator,
  { script = {}, inputs = {} }: { script?: Script; inputs?: Record<string, string> } = {}
): SimulatedEnvironment {
  return {
    // The file's script or the test's gives `before`, which the simulator needs.
    simulate: (more = {}, options = {}) =>
      start({ token, environments: [{ id: ENV_ID, ...script, ...more } as EnvironmentScript], ...options }),
    inputs: (api, extra = {}) => ({
      'environment-id': ENV_ID,
      token,
      'api-url': api.url,
      'poll-interval': '20ms',
      timeout: '20s',
      ...inputs,
      ...extra
    })
  }
}
