/**
 * The end-to-end matrix: the action's key scenarios (a running deploy canceled; the queue
 * advancing; a delete running; a request id given, of the running request and of a waiting one;
 * nothing running; the cancel refused), in process with its real HTTP client, in every world the
 * simulator knows (simulated-worlds.ts: the project's reading of each inferred fact, each other
 * reading the spec allows, and combinations that matter). In each run, every claim the action
 * makes (outputs, annotations, summary) is checked against what truly happened (checkClaims):
 * none may be false, every JSON output parses, and the token appears nowhere. In the default
 * world the strong claims must also be made: "not known" everywhere would pass the checker, not
 * this file. The runs go side by side, one simulator each; the file ends with a tally per world.
 */
import { afterAll, expect, it } from '@jest/globals'
import { JSON_OUTPUTS } from '../../src/report/outputs.ts'
import { annotations, expectNoSecret, summaryRow } from '../../test-support/assertions.ts'
import { checkClaims } from '../../test-support/claims.ts'
import { type EnvironmentTruth, requestById } from '../../test-support/ground-truth.ts'
import type { EnvironmentScript, FaultRule } from '../../test-support/qovery-simulator.ts'
import { type InProcessRun, runInProcess } from '../../test-support/run-in-process.ts'
import { simulatedEnvironment, simulatorsForFile } from '../../test-support/simulators.ts'
import { matrixWorlds } from '../../test-support/simulated-worlds.ts'
import { API_WORKER_AND_WEB, ENV_ID, LATER, R0, R1, R2, R3 } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_worlds_matrix_secret'
const READ_ONLY_TOKEN = 'qov_worlds_matrix_read_only'
const NOT_ALLOWED_NOW = 'Managed database deployments cannot be cancelled'

/** R1 deploys; once canceled, the old state for a read, CANCELING for two, then CANCELED. */
const R1_CANCELED: Omit<EnvironmentScript, 'id'> = {
  requestId: R1,
  past: [{ requestId: R0, state: 'DEPLOYED' }],
  before: [{ state: 'DEPLOYING' }],
  after: [{ state: 'DEPLOYING', reads: 1 }, { state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
}

/** What a scenario runs, and what the action must say of it in the default world. */
interface Scenario {
  script: Omit<EnvironmentScript, 'id'>
  inputs?: Record<string, string>
  faults?: FaultRule[]
  /** The token the action is given: the simulator's, or one that may read but not cancel. */
  readOnly?: true
  /** Checked in every world: what holds whatever the world (a refusal is a refusal). */
  always?: (run: InProcessRun) => void
  /** Checked in the default world: the strong claims the action makes there, as a check or as outputs it sets (among others). */
  strong: Record<string, string> | ((run: InProcessRun, truth: EnvironmentTruth) => void)
}

const SCENARIOS: Record<string, Scenario> = {
  'running deploy canceled': {
    script: R1_CANCELED,
    strong: (run, truth) => {
      expectCanceled(run, truth, R1)
      expect(run.outputs['waiting-request-ids']).toBe('[]')
    }
  },
  'queue advancing': {
    script: {
      ...R1_CANCELED,
      after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }],
      queue: [
        { requestId: R2, triggeredBy: 'alice@example.com', before: [{ state: 'DEPLOYING' }] },
        { requestId: R3, triggeredBy: 'bob@example.com', action: 'RESTART', startAfterMs: LATER }
      ]
    },
    strong: (run, truth) => {
      expectCanceled(run, truth, R1)
      expect(run.outputs['waiting-request-ids']).toBe(JSON.stringify([R3]))
      expect(summaryRow(run.summary, 'Environment state')).toBe(
        `\`DEPLOYING\`; the status names request \`${R2}\`, which started once it ended`
      )
      expect(summaryRow(run.summary, 'Still waiting')).toMatch(new RegExp(`^\`${R3}\` · \`RESTART\``))
      expect(annotations(run, 'warning')).toEqual(
        expect.arrayContaining(['The next deploy (by alice@example.com) started once the deploy had ended.'])
      )
    }
  },
  'queue advancing, queued: cancel': {
    script: {
      ...R1_CANCELED,
      queue: [
        { requestId: R2, triggeredBy: 'alice@example.com', startAfterMs: LATER },
        { requestId: R3, triggeredBy: 'bob@example.com', action: 'RESTART', startAfterMs: LATER }
      ]
    },
    inputs: { queued: 'cancel' },
    strong: (run, truth) => {
      expect(run.outputs.outcome).toBe('canceled')
      expect(JSON.parse(run.outputs['canceled-request-ids']!)).toEqual(expect.arrayContaining([R1, R2]))
      expect(run.outputs['waiting-request-ids']).toBe(JSON.stringify([R3]))
      expect(summaryRow(run.summary, 'Also canceled')).toBe(`\`${R2}\``)
      expect(requestById(truth, R2)).toMatchObject({ canceled: true, ran: false })
    }
  },
  'delete running, actions: deploy': {
    script: { requestId: R1, action: 'DELETE', before: [{ state: 'DELETING' }] },
    strong: {
      outcome: 'nothing-to-cancel',
      canceled: 'false',
      'deployment-request-id': R1,
      'deployment-request-action': 'DELETE',
      'canceled-request-ids': '[]'
    },
    always: (run) => expect(run.outputs.outcome === 'canceled').toBe(false)
  },
  'request id of the running request': {
    script: R1_CANCELED,
    inputs: { 'deployment-request-id': R1 },
    strong: (run, truth) => expectCanceled(run, truth, R1)
  },
  'request id of a waiting request': {
    script: {
      requestId: R1,
      before: [{ state: 'DEPLOYING' }],
      queue: [{ requestId: R2, triggeredBy: 'alice@example.com', startAfterMs: LATER }]
    },
    inputs: { 'deployment-request-id': R2 },
    strong: {
      outcome: 'canceled',
      canceled: 'true',
      'deployment-request-id': R2,
      'deployment-request-action': 'DEPLOY',
      'canceled-request-ids': JSON.stringify([R2]),
      services: '[]'
    }
  },
  'nothing running': {
    script: { requestId: R1, past: [{ requestId: R0, state: 'DEPLOYED' }], before: [{ state: 'DEPLOYED' }] },
    strong: {
      outcome: 'nothing-to-cancel',
      canceled: 'false',
      'canceled-request-ids': '[]',
      'waiting-request-ids': '[]'
    }
  },
  'cancel refused: read-only token': {
    script: { requestId: R1, before: [{ state: 'DEPLOYING' }] },
    readOnly: true,
    always: (run) => {
      expect(run.outputs).toMatchObject({ outcome: 'failed', canceled: 'false', 'canceled-request-ids': '[]' })
      expect(annotations(run, 'error')[0]).toMatch(/^Qovery refused the cancel request \(HTTP 403 Forbidden\)\. Qovery said: /)
    },
    strong: { 'deployment-request-id': R1, 'deployment-request-action': 'DEPLOY' }
  },
  'cancel refused: not allowed now': {
    script: { requestId: R1, before: [{ state: 'DEPLOYING' }] },
    faults: [{ on: 'cancel', fault: { status: 403, body: JSON.stringify({ status: 403, error: 'Forbidden', detail: NOT_ALLOWED_NOW }) } }],
    always: (run) => {
      expect(run.outputs).toMatchObject({ outcome: 'failed', canceled: 'false', 'canceled-request-ids': '[]' })
      // Qovery's words first, and no likely cause that contradicts them.
      expect(annotations(run, 'error')[0]).toBe(
        `Qovery refused the cancel request (HTTP 403 Forbidden). Qovery said: "${NOT_ALLOWED_NOW}." Nothing was canceled.`
      )
      expect(`${run.summary}\n${run.stdout}`).not.toMatch(/right to deploy|lacks the right/)
    },
    strong: { 'deployment-request-id': R1, 'deployment-request-action': 'DEPLOY' }
  }
}

/** The default world, each world that differs from it in one fact, and combinations that matter (simulated-worlds.ts). */
const WORLDS = matrixWorlds()

const tally = new Map(WORLDS.map(({ name }) => [name, { runs: 0, falseClaims: 0, notKnown: 0 }]))

afterAll(() => {
  const ran = [...tally].filter(([, count]) => count.runs > 0)
  const width = Math.max(0, ...ran.map(([name]) => name.length))
  const lines = ran.map(
    ([name, count]) => `  ${name.padEnd(width)}  ${count.runs} runs, ${count.falseClaims} false claims, ${count.notKnown} not known`
  )
  process.stdout.write(`\nWorlds matrix (false claims must be 0; not known is never false):\n${lines.join('\n')}\n`)
})

const environment = simulatedEnvironment(TOKEN, simulatorsForFile(), {
  script: { name: 'shop-staging', services: API_WORKER_AND_WEB },
  inputs: { timeout: '10s', 'request-timeout': '2s' }
})

const CASES = WORLDS.flatMap(({ name, world }) => Object.keys(SCENARIOS).map((scenario) => [name, scenario, world] as const))

it.concurrent.each(CASES)('in world %s: %s', async (worldName, scenarioName, world) => {
  const scenario = SCENARIOS[scenarioName]!
  const api = await environment.simulate(scenario.script, { readOnlyToken: READ_ONLY_TOKEN, faults: scenario.faults ?? [], world })
  const token = scenario.readOnly ? READ_ONLY_TOKEN : TOKEN
  const inputs = environment.inputs(api, { token, ...scenario.inputs })
  const run = await runInProcess(inputs)
  const truth = api.truth(ENV_ID)
  const said = (['error', 'warning', 'notice'] as const).flatMap((level) => annotations(run, level))
  const verdict = checkClaims(
    { outputs: run.outputs, annotations: said, summary: run.summary, inputs, window: { from: run.startedAt, to: run.endedAt } },
    truth
  )
  const count = tally.get(worldName)!
  count.runs += 1
  count.falseClaims += verdict.falseClaims.length
  count.notKnown += verdict.notKnown.length
  expect(verdict.falseClaims).toEqual([])
  expect(run.outputs.outcome).toMatch(/^[a-z-]+$/)
  for (const name of JSON_OUTPUTS)
    expect({ name, text: run.outputs[name], parses: parses(run.outputs[name]) }).toMatchObject({ name, parses: true })
  expect(run.summary).not.toBe('')
  expectNoSecret(run, token)
  scenario.always?.(run)
  if (worldName !== 'default') return
  if (typeof scenario.strong === 'function') scenario.strong(run, truth)
  else expect(run.outputs).toMatchObject(scenario.strong)
})

/** The strong claims of a running request canceled: the outcome, the request and its kind, the ids, each service's end, the link. */
function expectCanceled(run: InProcessRun, truth: EnvironmentTruth, id: string): void {
  const request = requestById(truth, id)!
  expect(run.outputs).toMatchObject({
    outcome: 'canceled',
    canceled: 'true',
    'deployment-request-id': id,
    'deployment-request-action': 'DEPLOY',
    'canceled-request-ids': JSON.stringify([id])
  })
  const services = JSON.parse(run.outputs.services!) as Array<{ id: string; state: string }>
  expect(Object.fromEntries(services.map((service) => [service.id, service.state]))).toEqual(request.services)
  expect(run.outputs['console-url']).toMatch(new RegExp(`/environment/${ENV_ID}/deployment/${request.executionId}$`))
  expect(summaryRow(run.summary, 'How it ended')).toMatch(/^`CANCELED`: /)
}

function parses(text: string | undefined): boolean {
  try {
    JSON.parse(text ?? '')
    return true
  } catch {
    return false
  }
}
