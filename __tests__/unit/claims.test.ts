/**
 * The claim checker (test-support/claims.ts): fed hand-made outputs, summaries and annotations
 * against the simulator's ground truth, it flags each false claim and accepts true and "not known"
 * ones; and it accepts every claim today's action makes in the default world.
 */
import { describe, expect, it } from '@jest/globals'
import { JSON_OUTPUTS } from '../../src/report/outputs.ts'
import { annotations } from '../../test-support/assertions.ts'
import { type ActionClaims, checkClaims } from '../../test-support/claims.ts'
import { type EnvironmentTruth, requestById } from '../../test-support/ground-truth.ts'
import { type EnvironmentScript, startSimulator } from '../../test-support/qovery-simulator.ts'
import { runInProcess } from '../../test-support/run-in-process.ts'
import { DEMO_TOKEN, SCENARIOS, scenarioInputs } from '../../test-support/scenarios.ts'
import { simulatorCalls } from '../../test-support/simulator-calls.ts'
import { simulatedEnvironment, simulatorsForTest } from '../../test-support/simulators.ts'
import { API_AND_WEB, API_ID, ENV_ID, LATER, R0, R1, R2, R3, WEB_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_claims_secret'
const CONSOLE = `https://console.qovery.com/organization/o/project/p/environment/${ENV_ID}`

/** R1 deploying, unless a test's script says otherwise. */
const { simulate } = simulatedEnvironment(TOKEN, simulatorsForTest(), {
  script: { requestId: R1, before: [{ state: 'DEPLOYING' }], services: API_AND_WEB }
})

/** The truth once `calls` (status, queue, cancel, history...) were made in order. */
async function truthAfter(script: Partial<EnvironmentScript>, calls: string[]): Promise<EnvironmentTruth> {
  const simulator = await simulate(script)
  const api = simulatorCalls(simulator, TOKEN)
  const paths: Record<string, () => Promise<unknown>> = {
    status: () => api.get(`environment/${ENV_ID}/status`),
    queue: () => api.get(`environment/${ENV_ID}/deploymentQueue`),
    cancel: () => api.post(`environment/${ENV_ID}/cancelDeployment`, { force_cancel: false }),
    history: () => api.get(`environment/${ENV_ID}/deploymentHistoryV2`),
    [`cancel ${R3}`]: () => api.post(`deploymentQueue/${R3}/cancelDeployment`)
  }
  for (const call of calls) await paths[call]!()
  return simulator.truth(ENV_ID)
}

/** Claims with these outputs (the rest empty or null), summary and annotations. */
function claims(
  outputs: Record<string, string>,
  prose: { summary?: string; annotations?: string[]; inputs?: Record<string, string> } = {}
): ActionClaims {
  const base = Object.fromEntries(JSON_OUTPUTS.map((name) => [name, 'null']))
  return {
    outputs: { ...base, ...outputs },
    summary: prose.summary ?? '',
    annotations: prose.annotations ?? [],
    inputs: prose.inputs ?? {}
  }
}

describe('a running deploy canceled, the next request started, a restart still waiting', () => {
  const script: Partial<EnvironmentScript> = {
    after: [{ state: 'CANCELED' }],
    queue: [
      { requestId: R2, before: [{ state: 'DEPLOYING' }] },
      { requestId: R3, action: 'RESTART', startAfterMs: LATER }
    ]
  }
  const calls = ['status', 'queue', 'cancel', 'status', 'queue', 'history']
  const truly = (truth: EnvironmentTruth) => ({
    outcome: 'canceled',
    canceled: 'true',
    'deployment-request-id': R1,
    'deployment-request-action': 'DEPLOY',
    'canceled-request-ids': JSON.stringify([R1]),
    'waiting-request-ids': JSON.stringify([R3]),
    services: JSON.stringify([
      { id: API_ID, name: 'api', type: 'APPLICATION', stage: 'build', state: 'DEPLOYED' },
      { id: WEB_ID, name: 'web', type: 'CONTAINER', stage: 'deploy', state: 'CANCELED' }
    ]),
    'status-json': '{"state":"DEPLOYING"}',
    'console-url': `${CONSOLE}/deployment/${requestById(truth, R1)!.executionId}`
  })
  const summary = [
    '## ✅ Deployment of shop canceled',
    '',
    `The deployment request ${R1} (DEPLOY) ended CANCELED, 2.6s after the cancel request (Qovery reports it CANCELED). Open [the environment](${CONSOLE}/overview).`,
    '',
    '| | |',
    '|---|---|',
    `| Request | \`${R1}\` · \`DEPLOY\` · was running |`,
    `| Environment state | \`DEPLOYING\`; the status names request \`${R2}\`, which started once it ended |`,
    `| Still waiting | \`${R3}\` · \`RESTART\` |`
  ].join('\n')
  const annotationsSaid = [
    `Deployment request ${R2} started once the one canceled had ended.`,
    `1 deployment request still waits in the queue and will start next: ${R3} (RESTART).`
  ]

  it('accepts the true claims, and has nothing not known', async () => {
    const truth = await truthAfter(script, calls)
    expect(checkClaims(claims(truly(truth), { summary, annotations: annotationsSaid }), truth)).toEqual({ falseClaims: [], notKnown: [] })
  })

  it.each([
    ['the outcome', { outcome: 'finished', canceled: 'false' }, /^outcome finished: d1000000\S* ended CANCELED$/],
    ['canceled against the outcome', { canceled: 'false' }, /^canceled: false with outcome canceled$/],
    ['its kind', { 'deployment-request-action': 'RESTART' }, /^deployment-request-action: RESTART, but d1000000\S* is a DEPLOY$/],
    [
      'a request canceled that runs',
      { 'canceled-request-ids': JSON.stringify([R1, R2]) },
      /^canceled-request-ids: d2000000\S* had not ended \(running\)$/
    ],
    [
      'a running request as waiting',
      { 'waiting-request-ids': JSON.stringify([R2, R3]) },
      /^waiting-request-ids: d2000000\S* was running at the last read of the queue$/
    ],
    [
      'a service’s end',
      { services: JSON.stringify([{ id: WEB_ID, state: 'DEPLOYED' }]) },
      new RegExp(`^services: ${WEB_ID} DEPLOYED, but it is CANCELED$`)
    ],
    ['a JSON output', { services: '[{"id":' }, /^services: not JSON/],
    [
      'an unknown request',
      { 'canceled-request-ids': JSON.stringify([R1, 'ffffffff-0000-4000-8000-000000000000']) },
      /is no request of the environment$/
    ]
  ])('flags %s', async (_name, wrong, message) => {
    const truth = await truthAfter(script, calls)
    expect(checkClaims(claims({ ...truly(truth), ...wrong }, { summary }), truth).falseClaims).toEqual([expect.stringMatching(message)])
  })

  it('flags the wrong request acted on, and what is then said of it', async () => {
    const truth = await truthAfter(script, calls)
    expect(checkClaims(claims({ ...truly(truth), 'deployment-request-id': R2 }), truth).falseClaims).toEqual([
      `outcome canceled: ${R2} had not ended (running)`,
      `deployment-request-id: ${R2}, but the environment cancel hit ${R1}`,
      expect.stringMatching(/^console-url: deployment \S+, but d2000000\S*'s execution is /)
    ])
  })

  it('flags a console link to another deployment', async () => {
    const truth = await truthAfter(script, calls)
    const link = `${CONSOLE}/deployment/${requestById(truth, R2)!.executionId}`
    expect(checkClaims(claims({ ...truly(truth), 'console-url': link }), truth).falseClaims).toEqual([
      expect.stringMatching(/^console-url: deployment \S+, but d1000000\S*'s execution is /)
    ])
  })

  it.each([
    ['a sentence of the summary', { summary: `${summary}\n\nThe waiting request ${R3} was canceled (queued: cancel).` }],
    ['a table row', { summary: `${summary}\n| Also canceled | \`${R2}\` |` }],
    ['an annotation', { annotations: [...annotationsSaid, `Deployment request ${R2} ended CANCELED.`] }]
  ])('flags a request said canceled in %s', async (_name, prose) => {
    const truth = await truthAfter(script, calls)
    const verdict = checkClaims(claims(truly(truth), { summary, ...prose }), truth)
    expect(verdict.falseClaims).toEqual([expect.stringMatching(/: d[23]000000\S* had not ended \((running|waiting)\)$/)])
  })

  it('accepts prose that denies or doubts a cancel', async () => {
    const truth = await truthAfter(script, calls)
    const doubts = [
      `The deployment request ${R2} ended DEPLOYED, not CANCELED: it was not canceled.`,
      `Whether ${R3} was canceled is not known. It may or may not have been canceled.`
    ]
    expect(checkClaims(claims(truly(truth), { summary, annotations: doubts }), truth).falseClaims).toEqual([])
  })

  it('accepts "not known" everywhere, and lists it', async () => {
    const truth = await truthAfter(script, calls)
    const verdict = checkClaims(
      claims({ outcome: 'unknown', canceled: 'false', 'deployment-request-id': '', 'deployment-request-action': '', 'console-url': '' }),
      truth
    )
    expect(verdict).toEqual({
      falseClaims: [],
      notKnown: [
        'outcome unknown',
        'canceled-request-ids null',
        'waiting-request-ids null',
        'status-json null',
        'services null',
        'deployment-request-id empty',
        'deployment-request-action empty',
        'console-url empty'
      ]
    })
  })

  it('flags a waiting list with no read of the queue to rest on', async () => {
    const truth = await truthAfter(script, ['status', 'cancel', 'status'])
    expect(checkClaims(claims({ 'waiting-request-ids': JSON.stringify([R3]) }), truth).falseClaims).toEqual([
      `waiting-request-ids: ["${R3}"] without a read of the queue`
    ])
  })

  it.each([
    [
      'a running request as still waiting',
      { rows: [`| Still waiting | \`${R2}\` · \`DEPLOY\` |`] },
      /^Still waiting row: d2000000\S* was running/
    ],
    [
      'the end it did not have',
      { rows: ['| How it ended | `DEPLOYED`: its history entry says `DEPLOYED` |'] },
      /^How it ended row DEPLOYED: d1000000\S* ended CANCELED$/
    ],
    [
      'a running target as waiting',
      { rows: [`| Request | \`${R1}\` · \`DEPLOY\` · was waiting in the queue |`] },
      /^Request row "was waiting in the queue": d1000000\S* was running/
    ],
    [
      'a request that waits as the one that started next',
      { rows: [`| Environment state | \`DEPLOYING\`; the status names request \`${R3}\`, which started once it ended |`] },
      /^started next: d3000000\S* did not start once d1000000\S* had ended/
    ],
    [
      'more requests waiting than wait',
      { annotations: ['2 requests still wait in the queue and will start next: a restart, a deploy.'] },
      /: 1 waited at the last read of the queue$/
    ]
  ] as Array<[string, { rows?: string[]; annotations?: string[] }, RegExp]>)('flags %s', async (_name, said, message) => {
    const truth = await truthAfter(script, calls)
    // Each row given replaces the summary's row of that name, or is added.
    const rows = (said.rows ?? []).reduce((text: string, row: string) => {
      const name = row.split(' | ')[0]
      return text.includes(`${name} | `) ? text.replace(new RegExp(`^\\${name} \\| .*$`, 'm'), () => row) : `${text}\n${row}`
    }, summary)
    const verdict = checkClaims(claims(truly(truth), { summary: rows, annotations: said.annotations ?? [] }), truth)
    expect(verdict.falseClaims).toEqual([expect.stringMatching(message)])
  })

  it('flags a waiting target said to have run, and a next request said to run when none started', async () => {
    const waiting = await truthAfter({ queue: [{ requestId: R3, startAfterMs: LATER }] }, ['status', 'queue', `cancel ${R3}`, 'queue'])
    const request = `| Request | \`${R3}\` · \`DEPLOY\` · was running |`
    expect(checkClaims(claims({ 'deployment-request-id': R3 }, { summary: request }), waiting).falseClaims).toEqual([
      `Request row "was running": ${R3} had not started by the cancel`
    ])
    const alone = await truthAfter({ after: [{ state: 'CANCELED' }] }, ['status', 'queue', 'cancel', 'status'])
    const headline = '## ✅ Canceled the deploy of shop; the next request (by `alice@example.com`) now runs'
    expect(checkClaims(claims({ 'deployment-request-id': R1 }, { summary: headline }), alone).falseClaims).toEqual([
      `"${headline}": no request started once ${R1} had ended (ended CANCELED)`
    ])
  })

  it('flags timeline rows that show a request in progress once it had ended', async () => {
    const truth = await truthAfter({ ...script, past: [{ requestId: R0, state: 'DEPLOYED' }] }, calls)
    const at = (ms: number) => new Date(ms).toISOString().slice(11, 19)
    const date = new Date(truth.calls[0]!.at).toISOString().slice(0, 10)
    const first = truth.calls[0]!.at
    const timeline = [
      `#### Timeline (${date}, UTC)`,
      '',
      '| Time | State | Request | Lasted |',
      '|---|---|---|---|',
      `| ${at(first)} | \`DEPLOYING\` | \`d0000000\` | under 1s, until another request showed |`,
      `| ${at(first)} | \`CANCELING\` | \`d1000000\` | under 1s so far |`,
      `| ${at(first)} | \`DEPLOYING\` | \`d2000000\` | under 1s so far |`
    ].join('\n')
    expect(checkClaims(claims(truly(truth), { summary: `${summary}\n\n${timeline}` }), truth).falseClaims).toEqual([
      expect.stringMatching(/^timeline .*`d0000000`.*: d0000000\S* had ended DEPLOYED before then$/),
      expect.stringMatching(/^timeline .*`d1000000`.*: d1000000\S* had ended CANCELED by the last read$/)
    ])
  })
})

describe('nothing to cancel', () => {
  const nothing = claims({ outcome: 'nothing-to-cancel', canceled: 'false', 'canceled-request-ids': '[]', 'waiting-request-ids': '[]' })

  it('holds when nothing of a kind actions allows ran or waited when the action looked', async () => {
    const truth = await truthAfter(
      { before: [{ state: 'DEPLOYED' }], queue: [{ requestId: R3, action: 'RESTART', startAfterMs: LATER }] },
      ['status', 'queue']
    )
    expect(
      checkClaims({ ...nothing, outputs: { ...nothing.outputs, 'waiting-request-ids': JSON.stringify([R3]) } }, truth).falseClaims
    ).toEqual([])
  })

  it('is false when such a request waited, or ran', async () => {
    const waiting = await truthAfter(
      { before: [{ state: 'DEPLOYED' }], queue: [{ requestId: R3, action: 'RESTART', startAfterMs: LATER }] },
      ['status', 'queue']
    )
    expect(checkClaims({ ...nothing, inputs: { actions: 'deploy, restart' } }, waiting).falseClaims).toEqual([
      `outcome nothing-to-cancel: ${R3} (RESTART) was waiting when the queue was first read`
    ])
    const running = await truthAfter({}, ['status', 'queue'])
    expect(checkClaims(nothing, running).falseClaims).toEqual([
      `outcome nothing-to-cancel: ${R1} (DEPLOY) was running when the status was first read`
    ])
  })

  it('looks at the run’s calls only', async () => {
    const truth = await truthAfter({ before: [{ state: 'DEPLOYING', reads: 1 }, { state: 'DEPLOYED' }] }, ['status', 'status', 'queue'])
    const [, second] = truth.calls
    expect(checkClaims(nothing, truth).falseClaims).toHaveLength(1)
    expect(checkClaims({ ...nothing, window: { from: second!.at, to: truth.at } }, truth).falseClaims).toEqual([])
  })
})

describe('timed out, requested, conflict', () => {
  const timedOut = claims({ outcome: 'timed-out', canceled: 'false', 'deployment-request-id': R1 })

  it('timed-out holds while the target had not ended by the last read', async () => {
    const truth = await truthAfter({ after: [{ state: 'CANCELING' }] }, ['status', 'cancel', 'status'])
    expect(checkClaims(timedOut, truth).falseClaims).toEqual([])
  })

  it('timed-out is false once the last read came after the end', async () => {
    const truth = await truthAfter({ after: [{ state: 'CANCELED' }] }, ['status', 'cancel', 'status'])
    expect(checkClaims(timedOut, truth).falseClaims).toEqual([`outcome timed-out: ${R1} had ended CANCELED by the last read`])
  })

  it('requested needs a 2xx to a cancel, conflict a 409', async () => {
    const accepted = await truthAfter({}, ['status', 'cancel'])
    const said = (outcome: string) => checkClaims(claims({ outcome, canceled: 'false', 'deployment-request-id': R1 }), accepted).falseClaims
    expect([said('requested'), said('conflict')]).toEqual([[], ['outcome conflict: no cancel was answered 409']])
    const refused = await truthAfter({ cancel: 'conflict' }, ['status', 'cancel'])
    expect(checkClaims(claims({ outcome: 'requested', canceled: 'false' }), refused).falseClaims).toEqual([
      'outcome requested: no cancel was answered 2xx'
    ])
  })

  it('a request canceled in the queue is the target when it is the one', async () => {
    const truth = await truthAfter({ queue: [{ requestId: R3, startAfterMs: LATER }] }, ['status', 'queue', `cancel ${R3}`, 'queue'])
    expect(
      checkClaims(claims({ outcome: 'canceled', canceled: 'true', 'canceled-request-ids': JSON.stringify([R3]) }), truth).falseClaims
    ).toEqual([])
    expect(checkClaims(claims({ outcome: 'finished', canceled: 'false' }), truth).falseClaims).toEqual([
      `outcome finished: ${R3} ended CANCELED`
    ])
  })
})

describe("today's action in the default world", () => {
  it.concurrent.each(['canceled', 'finished', 'queue', 'queue-cancel', 'conflict', 'nothing-to-cancel'])(
    'makes no false claim in the %s scenario',
    async (name) => {
      const scenario = SCENARIOS[name]!
      const api = await startSimulator({
        token: DEMO_TOKEN,
        environments: [{ id: ENV_ID, services: API_AND_WEB, ...scenario.script }]
      })
      try {
        const inputs = scenarioInputs(scenario, api.url)
        const run = await runInProcess(inputs)
        const said = (['error', 'warning', 'notice'] as const).flatMap((level) => annotations(run, level))
        const verdict = checkClaims(
          { outputs: run.outputs, annotations: said, summary: run.summary, inputs, window: { from: run.startedAt, to: run.endedAt } },
          api.truth(ENV_ID)
        )
        expect([run.outputs.outcome, verdict.falseClaims]).toEqual([
          name === 'queue' || name === 'queue-cancel' || name === 'conflict' ? 'canceled' : name,
          []
        ])
      } finally {
        await api.stop()
      }
    }
  )
})
