/**
 * Named situations for the simulator, shared by the demo, the standalone simulator and the
 * workflow that runs the action with `uses: ./`.
 */
import { type EnvironmentScript, type FaultRule, type QoverySimulator, startSimulator } from './qovery-simulator.ts'
import { API_WORKER_AND_WEB, ENV_ID, LATER } from '../__fixtures__/environment.ts'

/** The scenarios' environment (the standalone simulator prints it). */
export { ENV_ID as ENVIRONMENT_ID }
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

/** A running request, one that starts the moment it ends, and one that waits for an hour. */
const QUEUE: Scenario['script'] = {
  requestId: 'd7247cb6-ab85-48a1-951a-0a9c301f8c4f',
  before: [{ state: 'DEPLOYING' }],
  after: [{ state: 'DEPLOYING', ms: 600 }, { state: 'CANCELING', ms: 1500 }, { state: 'CANCELED' }],
  queue: [
    { requestId: '5e0c2b7a-41d3-4c8e-9f6a-2b1d0c9e8f7a', triggeredBy: 'alice@example.com', before: [{ state: 'DEPLOYING' }] },
    { requestId: '0c4f9a1e-7b2d-4e6a-8c3f-5d1e2a9b7c6d', triggeredBy: 'bob@example.com', action: 'RESTART', startAfterMs: LATER }
  ]
}

export const SCENARIOS: Record<string, Scenario> = {
  canceled: {
    about: 'a deployment is running; the cancel takes effect after a short CANCELING',
    script: {
      before: [{ state: 'DEPLOYING' }],
      after: [{ state: 'DEPLOYING', ms: 600 }, { state: 'CANCELING', ms: 1500 }, { state: 'CANCELED' }]
    },
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
  queue: {
    about: 'the queue advances: the running request is canceled, the next one starts at once, a third still waits',
    script: QUEUE,
    exitCode: 0
  },
  'queue-cancel': {
    about: 'the same queue with queued: cancel: the waiting requests are canceled first, then the running one',
    script: QUEUE,
    inputs: { queued: 'cancel' },
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

/** The scenarios, one per line with what each shows, for the scripts' usage. */
export function scenarioList(): string {
  return Object.entries(SCENARIOS)
    .map(([key, value]) => `  ${key.padEnd(18)} ${value.about}`)
    .join('\n')
}

/** The inputs the demo gives the action for a scenario, against the simulator at `apiUrl`. */
export function scenarioInputs(scenario: Scenario, apiUrl: string): Record<string, string> {
  return { 'environment-id': ENV_ID, token: DEMO_TOKEN, 'api-url': apiUrl, 'poll-interval': '500ms', ...scenario.inputs }
}

/** The simulator set up for a scenario: its environment, its faults, the demo token. */
export function startScenario(scenario: Scenario, port?: number): Promise<QoverySimulator> {
  return startSimulator({
    token: DEMO_TOKEN,
    environments: [
      { id: ENV_ID, name: 'shop-staging', triggeredBy: 'alice@example.com', services: API_WORKER_AND_WEB, ...scenario.script }
    ],
    faults: scenario.faults ?? [],
    ...(port === undefined ? {} : { port })
  })
}
