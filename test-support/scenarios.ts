/**
 * Named situations for the simulator, shared by the demo, the standalone simulator and the
 * workflow that runs the action with `uses: ./`.
 */
import { type EnvironmentScript, type FaultRule, type QoverySimulator, startSimulator } from './qovery-simulator.ts'

export const ENVIRONMENT_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'
/** The simulator's credential: not a secret, it opens nothing but the simulator. */
export const DEMO_TOKEN = 'qov_demo_token_not_a_real_secret'

export interface Scenario {
  about: string
  script: Omit<EnvironmentScript, 'id'>
  inputs?: Record<string, string>
  faults?: FaultRule[]
  /** The exit code the action should end with. */
  exitCode: number
}

export const SCENARIOS: Record<string, Scenario> = {
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

/** The simulator set up for a scenario: its environment, its faults, the demo token. */
export function startScenario(scenario: Scenario, port?: number): Promise<QoverySimulator> {
  return startSimulator({ token: DEMO_TOKEN, environments: [{ id: ENVIRONMENT_ID, ...scenario.script }], faults: scenario.faults ?? [], ...(port === undefined ? {} : { port }) })
}
