/**
 * The simulator's worlds: each reading of each inferred fact answers as simulated-worlds.ts says,
 * driven with plain HTTP calls (status reads, a cancel, the queue, the lookup, the history); and
 * its ground truth, which is the same in every world.
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { requestById } from '../../test-support/ground-truth.ts'
import type { EnvironmentScript, World } from '../../test-support/qovery-simulator.ts'
import { simulatorCalls } from '../../test-support/simulator-calls.ts'
import { simulatedEnvironment, simulatorsForTest } from '../../test-support/simulators.ts'
import { alternativeWorlds, fullWorld, INFERRED_FACTS, Lagging, matrixWorlds, WORLD_READINGS } from '../../test-support/simulated-worlds.ts'
import { API_AND_WEB, API_ID, ENV_ID, LATER, R0, R1, R2, R3, WEB_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_simulator_worlds_secret'

type Status = Record<string, unknown> & { state: string; last_deployment_state: string }
type Row = { identifier: { deployment_request_id: string }; trigger_action: string }
type HistoryEntry = {
  identifier: { execution_id: string }
  status: string
  trigger_action: string
  stages: Array<{ services: Array<{ status: string; status_details: { action: string } }> }>
}

/** R1 deploying, unless a test's script says otherwise. */
const environment = simulatedEnvironment(TOKEN, simulatorsForTest(), {
  script: { requestId: R1, before: [{ state: 'DEPLOYING' }], services: API_AND_WEB }
})

/** A simulator of the environment scripted so, in `world`, and the calls the tests make to it. */
async function simulate(script: Partial<EnvironmentScript>, world?: World) {
  const api = await environment.simulate(script, world === undefined ? {} : { world })
  const calls = simulatorCalls(api, TOKEN)
  const history = async () => ((await calls.get(`environment/${ENV_ID}/deploymentHistoryV2`)).body as { results: HistoryEntry[] }).results
  const status = async () => (await calls.get(`environment/${ENV_ID}/status`)).body as Status
  const lookup = async (id: string) =>
    (await calls.get(`environment/deploymentStatus?deploymentRequestId=${id}`)).body as Record<string, string>
  return {
    api,
    status,
    /** The state of a status read, then the status of a lookup of each of `ids`, read in that order. */
    statesShown: async (...ids: string[]) => {
      const shown: Array<string | undefined> = [(await status()).state]
      for (const id of ids) shown.push((await lookup(id)).status)
      return shown
    },
    /** [state, last_deployment_state, deployment_request_id] of a status read. */
    shows: async () => {
      const status = (await calls.get(`environment/${ENV_ID}/status`)).body as Status
      return [status.state, status.last_deployment_state, status.deployment_request_id]
    },
    /** The queue's rows as [id, trigger_action]. */
    queue: async () =>
      ((await calls.get(`environment/${ENV_ID}/deploymentQueue`)).body as { results: Row[] }).results.map((row) => [
        row.identifier.deployment_request_id,
        row.trigger_action
      ]),
    lookupAnswer: (id: string) => calls.get(`environment/deploymentStatus?deploymentRequestId=${id}`),
    lookup,
    cancel: () => calls.post(`environment/${ENV_ID}/cancelDeployment`, { force_cancel: false }),
    cancelRequest: async (id: string) => (await calls.post(`deploymentQueue/${id}/cancelDeployment`)).status,
    history,
    /** Each history entry as [status, trigger_action, each service's status and action]. */
    historyShows: async () =>
      (await history()).map((entry) => [
        entry.status,
        entry.trigger_action,
        entry.stages.flatMap((stage) => stage.services.map((service) => `${service.status} ${service.status_details.action}`))
      ]),
    /** Each service of /statuses as `state action`. */
    services: async () => {
      const body = (await calls.get(`environment/${ENV_ID}/statuses`)).body as Record<
        string,
        Array<{ state: string; status_details: { action: string } }>
      >
      return [...body.applications!, ...body.containers!].map((service) => `${service.state} ${service.status_details.action}`)
    },
    executionOf: (id: string) => requestById(api.truth(ENV_ID), id)?.executionId
  }
}

describe('the table of inferred facts', () => {
  it('gives each fact of World, each reading in WORLD_READINGS order, where the default comes from and what the action does', () => {
    expect(Object.keys(INFERRED_FACTS)).toEqual(Object.keys(WORLD_READINGS))
    for (const [fact, entry] of Object.entries(INFERRED_FACTS)) {
      const readings = WORLD_READINGS[fact as keyof typeof WORLD_READINGS]
      expect([fact, Object.keys(entry.readings)]).toEqual([fact, readings.map(String)])
      expect([fact, [entry.fact, entry.source, entry.action].every((text) => text.length > 20)]).toEqual([fact, true])
      // Cited by operation and schema name, never by line.
      expect(`${entry.fact} ${entry.source} ${entry.action}`).not.toMatch(/\bline \d|NOTES\.md/)
    }
  })

  it('names, for each fact, the test and every world of the matrix that gives the fact', () => {
    const worlds = matrixWorlds()
    for (const [fact, entry] of Object.entries(INFERRED_FACTS)) {
      expect(existsSync(new URL(`../../${entry.testedBy.file}`, import.meta.url))).toBe(true)
      const giving = worlds.filter(({ world }) => fact in world).map(({ name }) => name)
      expect([fact, [...entry.testedBy.worlds].sort()]).toEqual([fact, giving.sort()])
    }
    // Every reading runs in the matrix: alone, in the world that differs from the default in it.
    for (const { name } of alternativeWorlds()) expect(worlds.map((world) => world.name)).toContain(name)
  })
})

describe('the worlds', () => {
  it('are the defaults unless given, fact by fact, the later over the earlier', () => {
    expect(fullWorld({ cancelBody: 'stale', historyLags: true }, { cancelBody: undefined, historyLags: false })).toMatchObject({
      cancelBody: 'stale',
      historyLags: false,
      lastDeploymentState: 'together'
    })
  })

  it('lag a value by 2 reads; a body built between reads shows what the next read would, and moves nothing', () => {
    const lagging = new Lagging<string>()
    const shown = (value: string, read: boolean) => lagging.show(value, read)
    expect([shown('A', true), shown('B', false), shown('B', true), shown('B', false), shown('B', true), shown('B', true)]).toEqual([
      'A',
      'A',
      'A',
      'A',
      'A',
      'B'
    ])
  })
})

describe('default lookups', () => {
  it('answer the state of a running request, the queued state of its kind for a waiting one, CANCELED once canceled while waiting', async () => {
    const sim = await simulate({
      queue: [
        { requestId: R2, action: 'RESTART', startAfterMs: LATER },
        { requestId: R3, startAfterMs: LATER }
      ]
    })
    expect((await sim.lookup(R1)).status).toBe('DEPLOYING')
    expect((await sim.lookup(R2)).status).toBe('RESTART_QUEUED')
    expect((await sim.lookup(R3)).status).toBe('DEPLOYMENT_QUEUED')
    expect(await sim.cancelRequest(R2)).toBe(202)
    expect((await sim.lookup(R2)).status).toBe('CANCELED')
  })
})

describe('lastDeploymentState', () => {
  it('together (the default): both show the same state', async () => {
    const sim = await simulate({ after: [{ state: 'CANCELED' }] })
    expect(await sim.shows()).toEqual(['DEPLOYING', 'DEPLOYING', R1])
    await sim.cancel()
    expect(await sim.shows()).toEqual(['CANCELED', 'CANCELED', R1])
  })

  it('environment-state: once canceled, state is DEPLOYED (rolled back) and last_deployment_state CANCELED, also while a request waits', async () => {
    const world: World = { lastDeploymentState: 'environment-state' }
    const sim = await simulate({ after: [{ state: 'CANCELED' }] }, world)
    expect(await sim.shows()).toEqual(['DEPLOYING', 'DEPLOYING', R1])
    await sim.cancel()
    expect(await sim.shows()).toEqual(['DEPLOYED', 'CANCELED', R1])
    const queued = await simulate({ after: [{ state: 'CANCELED' }], queue: [{ requestId: R2, startAfterMs: LATER }] }, world)
    await queued.cancel()
    expect(await queued.shows()).toEqual(['DEPLOYMENT_QUEUED', 'CANCELED', R1])
  })

  it.each([
    ['lds-lags', [0, 1, 1, 1, 1], [0, 0, 0, 1, 1]],
    ['state-lags', [0, 0, 0, 1, 1], [0, 1, 1, 1, 1]]
  ] as const)('%s: the lagging one shows the state before for 2 reads', async (reading, states, lastDeploymentStates) => {
    const sim = await simulate({ before: [{ state: 'DEPLOYING', reads: 1 }, { state: 'DEPLOYED' }] }, { lastDeploymentState: reading })
    const names = ['DEPLOYING', 'DEPLOYED']
    const expected = states.map((state, read) => [names[state], names[lastDeploymentStates[read]!], R1])
    const seen = []
    for (let read = 0; read < 5; read++) seen.push(await sim.shows())
    expect(seen).toEqual(expected)
  })
})

describe('cancelBody', () => {
  it('now (the default): the status of the moment, the old state', async () => {
    const sim = await simulate({})
    expect((await sim.cancel()).body).toMatchObject({ state: 'DEPLOYING', last_deployment_state: 'DEPLOYING', deployment_request_id: R1 })
  })

  it('optimistic: CANCELED at once, though the deployment then finishes', async () => {
    const sim = await simulate({ after: [{ state: 'DEPLOYING', reads: 1 }, { state: 'DEPLOYED' }] }, { cancelBody: 'optimistic' })
    const answer = await sim.cancel()
    expect([answer.status, answer.body]).toEqual([
      202,
      expect.objectContaining({ state: 'CANCELED', last_deployment_state: 'CANCELED', deployment_request_id: R1 })
    ])
    expect([await sim.shows(), await sim.shows()]).toEqual([
      ['DEPLOYING', 'DEPLOYING', R1],
      ['DEPLOYED', 'DEPLOYED', R1]
    ])
    expect(requestById(sim.api.truth(ENV_ID), R1)).toMatchObject({ end: 'DEPLOYED', canceled: false })
  })

  it('stale: the last final state of an earlier request, without a request id, with its last_deployment_id', async () => {
    const sim = await simulate({ past: [{ requestId: R0, state: 'DEPLOYED' }] }, { cancelBody: 'stale' })
    expect((await sim.cancel()).body).toMatchObject({
      state: 'DEPLOYED',
      last_deployment_state: 'DEPLOYED',
      deployment_request_id: null,
      last_deployment_id: sim.executionOf(R0)
    })
    const first = await simulate({}, { cancelBody: 'stale' })
    expect((await first.cancel()).body).toMatchObject({ state: 'DEPLOYED', deployment_request_id: null, last_deployment_id: null })
  })
})

describe('stateOfKind', () => {
  const restartThenStop: Partial<EnvironmentScript> = {
    action: 'RESTART',
    before: [{ state: 'RESTARTING' }],
    after: [{ state: 'CANCELED' }],
    queue: [{ requestId: R2, action: 'STOP', startAfterMs: LATER }]
  }

  it('named (the default): the state names the kind', async () => {
    const sim = await simulate(restartThenStop)
    expect(await sim.statesShown(R1, R2)).toEqual(['RESTARTING', 'RESTARTING', 'STOP_QUEUED'])
    await sim.cancel()
    expect((await sim.status()).state).toBe('STOP_QUEUED')
  })

  it('deploying: a RESTART shows DEPLOYING, a waiting STOP DEPLOYMENT_QUEUED; the queue, the history and the services give the kinds', async () => {
    const sim = await simulate(restartThenStop, { stateOfKind: 'deploying' })
    expect(await sim.statesShown(R1, R2)).toEqual(['DEPLOYING', 'DEPLOYING', 'DEPLOYMENT_QUEUED'])
    expect(await sim.queue()).toEqual([[R2, 'STOP']])
    expect(await sim.historyShows()).toEqual([['DEPLOYING', 'RESTART', ['RESTARTED RESTART', 'DEPLOYING RESTART']]])
    expect(await sim.services()).toEqual(['RESTARTED RESTART', 'DEPLOYING RESTART'])
    await sim.cancel()
    expect((await sim.status()).state).toBe('DEPLOYMENT_QUEUED')
  })

  it('deploying: a TERRAFORM_MIGRATE_STATE shows DEPLOYING; its services say UNKNOWN, its history entry its kind', async () => {
    const sim = await simulate({ action: 'TERRAFORM_MIGRATE_STATE', before: [{ state: 'EXECUTING' }] }, { stateOfKind: 'deploying' })
    expect((await sim.status()).state).toBe('EXECUTING')
    const deploying = await simulate({ action: 'TERRAFORM_MIGRATE_STATE', before: [{ state: 'DEPLOYING' }] }, { stateOfKind: 'deploying' })
    expect((await deploying.status()).state).toBe('DEPLOYING')
    expect(await deploying.historyShows()).toEqual([['DEPLOYING', 'TERRAFORM_MIGRATE_STATE', ['DEPLOYED UNKNOWN', 'DEPLOYING UNKNOWN']]])
  })

  it('deploy-stops: a running DEPLOY shows STOPPING everywhere but in its kind', async () => {
    const sim = await simulate({ queue: [{ requestId: R2, startAfterMs: LATER }] }, { stateOfKind: 'deploy-stops' })
    expect(await sim.statesShown(R1, R2)).toEqual(['STOPPING', 'STOPPING', 'DEPLOYMENT_QUEUED'])
    expect(await sim.queue()).toEqual([[R2, 'DEPLOY']])
    expect(await sim.historyShows()).toEqual([['STOPPING', 'DEPLOY', ['DEPLOYED DEPLOY', 'STOPPING DEPLOY']]])
    expect(await sim.services()).toEqual(['DEPLOYED DEPLOY', 'STOPPING DEPLOY'])
  })
})

describe('requestIdInStatus', () => {
  const queueAdvances: Partial<EnvironmentScript> = {
    after: [{ state: 'CANCELED' }],
    queue: [{ requestId: R2, before: [{ state: 'DEPLOYING' }] }]
  }

  it('current (the default): the next request is named as soon as it runs', async () => {
    const sim = await simulate(queueAdvances)
    await sim.status()
    await sim.cancel()
    expect((await sim.status()).deployment_request_id).toBe(R2)
  })

  it('lags: for 2 reads after the next request starts, the previous one is named, while state and last_deployment_id show the new one', async () => {
    const sim = await simulate(queueAdvances, { requestIdInStatus: 'lags' })
    expect((await sim.status()).deployment_request_id).toBe(R1)
    await sim.cancel()
    const reads = []
    for (let read = 0; read < 3; read++) reads.push(await sim.status())
    expect(reads.map((status) => [status.state, status.last_deployment_id, status.deployment_request_id])).toEqual([
      ['DEPLOYING', sim.executionOf(R2), R1],
      ['DEPLOYING', sim.executionOf(R2), R1],
      ['DEPLOYING', sim.executionOf(R2), R2]
    ])
  })

  it('last-ended: while a request runs, the last request that ended is named (null before any)', async () => {
    const sim = await simulate(
      { past: [{ requestId: R0, state: 'DEPLOYED' }], after: [{ state: 'CANCELED' }] },
      { requestIdInStatus: 'last-ended' }
    )
    expect(await sim.shows()).toEqual(['DEPLOYING', 'DEPLOYING', R0])
    await sim.cancel()
    expect(await sim.shows()).toEqual(['CANCELED', 'CANCELED', R1])
    const first = await simulate({}, { requestIdInStatus: 'last-ended' })
    expect((await first.status()).deployment_request_id).toBeNull()
  })
})

describe('lastDeploymentId', () => {
  it('execution (the default): the shown request’s history execution id', async () => {
    const sim = await simulate({})
    expect((await sim.status()).last_deployment_id).toBe((await sim.history())[0]!.identifier.execution_id)
  })

  it('other-ids: a stable id that is no history execution id', async () => {
    const sim = await simulate({ past: [{ requestId: R0, state: 'DEPLOYED' }] }, { lastDeploymentId: 'other-ids' })
    const ids = [(await sim.status()).last_deployment_id, (await sim.status()).last_deployment_id]
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids[1]).toBe(ids[0])
    expect((await sim.history()).map((entry) => entry.identifier.execution_id)).not.toContain(ids[0])
  })

  it('last-successful: the execution of the last request that ended in success, whatever is shown; null when none did', async () => {
    const past = [
      { requestId: R0, state: 'DEPLOYED' },
      { requestId: R3, state: 'DEPLOYMENT_ERROR' }
    ]
    const sim = await simulate({ past, after: [{ state: 'CANCELED' }] }, { lastDeploymentId: 'last-successful' })
    expect((await sim.status()).last_deployment_id).toBe(sim.executionOf(R0))
    await sim.cancel()
    expect((await sim.status()).last_deployment_id).toBe(sim.executionOf(R0))
    const none = await simulate({ past: past.slice(1) }, { lastDeploymentId: 'last-successful' })
    expect((await none.status()).last_deployment_id).toBeNull()
  })
})

describe('queueLists', () => {
  it.each([
    ['waiting', [[R2, 'RESTART']]],
    [
      'running-first',
      [
        [R1, 'DEPLOY'],
        [R2, 'RESTART']
      ]
    ]
  ] as const)('%s', async (reading, rows) => {
    const sim = await simulate({ queue: [{ requestId: R2, action: 'RESTART', startAfterMs: LATER }] }, { queueLists: reading })
    expect(await sim.queue()).toEqual(rows)
  })
})

describe('noRequestId', () => {
  it('takes deployment_request_id away, from the status and the cancel body, whatever requestIdInStatus says', async () => {
    const sim = await simulate({}, { noRequestId: true, requestIdInStatus: 'lags', cancelBody: 'optimistic' })
    expect('deployment_request_id' in (await sim.status())).toBe(false)
    expect('deployment_request_id' in ((await sim.cancel()).body as object)).toBe(false)
  })

  it('in the script, as before', async () => {
    const sim = await simulate({ noRequestId: true })
    expect('deployment_request_id' in (await sim.status())).toBe(false)
  })
})

describe('lookupOfCanceledWhileWaiting', () => {
  it('stays-queued: the lookup keeps answering the queued state of its kind, though the queue no longer lists it', async () => {
    const sim = await simulate(
      { queue: [{ requestId: R2, action: 'STOP', startAfterMs: LATER }] },
      { lookupOfCanceledWhileWaiting: 'stays-queued' }
    )
    expect(await sim.cancelRequest(R2)).toBe(202)
    expect((await sim.lookup(R2)).status).toBe('STOP_QUEUED')
    expect(await sim.queue()).toEqual([])
    expect(requestById(sim.api.truth(ENV_ID), R2)).toMatchObject({ end: 'CANCELED', canceled: true, ran: false })
  })
})

describe('mergedRequests', () => {
  it('unlisted (the default): a merged id is listed nowhere and unknown to the lookup', async () => {
    const sim = await simulate({ merged: [R3], queue: [{ requestId: R2, startAfterMs: LATER }] })
    expect(await sim.queue()).toEqual([[R2, 'DEPLOY']])
    expect((await sim.lookupAnswer(R3)).status).toBe(404)
    expect(await sim.cancelRequest(R3)).toBe(404)
  })

  it('listed-twice: two rows with the same id; the second cancel answers 409, the lookup CANCELED', async () => {
    const sim = await simulate({ queue: [{ requestId: R2, startAfterMs: LATER }] }, { mergedRequests: 'listed-twice' })
    expect(await sim.queue()).toEqual([
      [R2, 'DEPLOY'],
      [R2, 'DEPLOY']
    ])
    expect([await sim.cancelRequest(R2), await sim.cancelRequest(R2)]).toEqual([202, 409])
    expect((await sim.lookup(R2)).status).toBe('CANCELED')
    expect(await sim.queue()).toEqual([])
  })

  it('two-ids: a second id in its own row; canceling one cancels both, the other’s cancel answers 409, the lookup CANCELED for both', async () => {
    const sim = await simulate({ queue: [{ requestId: R2, startAfterMs: LATER }] }, { mergedRequests: 'two-ids' })
    const rows = await sim.queue()
    const twin = rows[1]![0]!
    expect(rows).toEqual([
      [R2, 'DEPLOY'],
      [expect.not.stringMatching(R2), 'DEPLOY']
    ])
    expect([(await sim.lookup(twin)).deployment_request_id, (await sim.lookup(twin)).status]).toEqual([twin, 'DEPLOYMENT_QUEUED'])
    expect([await sim.cancelRequest(twin), await sim.cancelRequest(R2)]).toEqual([202, 409])
    expect([(await sim.lookup(R2)).status, (await sim.lookup(twin)).status]).toEqual(['CANCELED', 'CANCELED'])
    expect(requestById(sim.api.truth(ENV_ID), twin)).toMatchObject({ id: R2, otherIds: [twin], canceled: true })
  })
})

describe('faults after the cancel', () => {
  it('afterCancel: a rule applies only to requests that arrive once an environment cancel was received', async () => {
    const simulator = await environment.simulate({}, { faults: [{ on: 'history', fault: { status: 503 }, afterCancel: true }] })
    const calls = simulatorCalls(simulator, TOKEN)
    const history = async () => (await calls.get(`environment/${ENV_ID}/deploymentHistoryV2`)).status
    expect(await history()).toBe(200)
    await calls.post(`environment/${ENV_ID}/cancelDeployment`, { force_cancel: false })
    expect([await history(), await history()]).toEqual([503, 200])
  })
})

describe('historyLags', () => {
  it('true: for 2 history reads after it ended, an entry shows the state before (CANCELING, a service still at it)', async () => {
    const sim = await simulate({ after: [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }] }, { historyLags: true })
    await sim.cancel()
    expect([(await sim.status()).state, (await sim.status()).state]).toEqual(['CANCELING', 'CANCELED'])
    const canceling = ['CANCELING', 'DEPLOY', ['DEPLOYED DEPLOY', 'CANCELING DEPLOY']]
    expect([await sim.historyShows(), await sim.historyShows(), await sim.historyShows()]).toEqual([
      [canceling],
      [canceling],
      [['CANCELED', 'DEPLOY', ['DEPLOYED DEPLOY', 'CANCELED DEPLOY']]]
    ])
  })

  it('false (the default): the end shows at once', async () => {
    const sim = await simulate({ after: [{ state: 'CANCELED' }] })
    await sim.cancel()
    expect((await sim.historyShows())[0]![0]).toBe('CANCELED')
  })
})

describe('the ground truth', () => {
  it('names the request each environment cancel hit: the running one, then the next once it started', async () => {
    const sim = await simulate({ after: [{ state: 'CANCELED' }], queue: [{ requestId: R2, before: [{ state: 'DEPLOYING' }] }] })
    await sim.cancel()
    await sim.status()
    await sim.cancel()
    const posts = sim.api.requests.flatMap((record, index) => (record.method === 'POST' ? [index] : []))
    const truth = sim.api.truth(ENV_ID)
    expect(truth.environmentCancels.map(({ record, hit, answer }) => ({ record, hit, answer }))).toEqual([
      { record: posts[0], hit: R1, answer: 202 },
      { record: posts[1], hit: R2, answer: 202 }
    ])
    expect(requestById(truth, R1)).toMatchObject({ canceled: true, end: 'CANCELED', cancel: { by: 'environment', record: posts[0] } })
    expect(requestById(truth, R2)).toMatchObject({ ran: true, cancel: { by: 'environment', record: posts[1] } })
  })

  it('canceledElsewhereFirst: another cancel ends the running request as ours arrives, and ours hits the next one', async () => {
    const sim = await simulate({ canceledElsewhereFirst: true, queue: [{ requestId: R2 }] })
    const answer = await sim.cancel()
    expect(answer.status).toBe(202)
    expect((answer.body as Status).deployment_request_id).toBe(R2)
    expect(await sim.shows()).toEqual(['CANCELING', 'CANCELING', R2])
    const truth = sim.api.truth(ENV_ID)
    expect(truth.environmentCancels).toEqual([expect.objectContaining({ hit: R2, answer: 202 })])
    expect(requestById(truth, R1)).toMatchObject({ end: 'CANCELED', cancel: { by: 'elsewhere' } })
    expect(requestById(truth, R2)).toMatchObject({ ran: true, cancel: { by: 'environment' } })
    expect(requestById(truth, R2)!.startedAt).toBe(requestById(truth, R1)!.endedAt)
  })

  it('tells a cancel from the queue, and a cancel from elsewhere (a scripted 409)', async () => {
    const sim = await simulate({
      cancel: 'conflict',
      queue: [
        { requestId: R2, startAfterMs: LATER },
        { requestId: R3, startAfterMs: LATER }
      ]
    })
    expect(await sim.cancelRequest(R2)).toBe(202)
    expect((await sim.cancel()).status).toBe(409)
    const truth = sim.api.truth(ENV_ID)
    expect(requestById(truth, R2)).toMatchObject({ ran: false, end: 'CANCELED', cancel: { by: 'request', record: 0 }, services: {} })
    expect(requestById(truth, R1)!.cancel).toMatchObject({ by: 'elsewhere' })
    expect(truth.environmentCancels).toEqual([expect.objectContaining({ hit: R1, answer: 409 })])
    expect([truth.running, truth.waiting]).toEqual([R1, [R3]])
  })

  it('gives each service’s end in the deployment, the execution id, and the calls with their answers', async () => {
    const sim = await simulate({ after: [{ state: 'CANCELED' }] })
    await sim.lookup(R1)
    await sim.cancel()
    const truth = sim.api.truth(ENV_ID)
    expect(requestById(truth, R1)).toMatchObject({
      kind: 'DEPLOY',
      end: 'CANCELED',
      executionId: (await sim.history())[0]!.identifier.execution_id,
      services: { [API_ID]: 'DEPLOYED', [WEB_ID]: 'CANCELED' }
    })
    expect(truth.calls.map(({ kind, answer, requestId }) => [kind, answer, requestId])).toEqual([
      ['lookup', 200, R1],
      ['cancel', 202, undefined]
    ])
    expect(truth.calls[0]!.at).toBeLessThanOrEqual(truth.calls[1]!.at)
  })

  it('is the same in every world for the same calls', async () => {
    const script: Partial<EnvironmentScript> = {
      past: [{ requestId: R0, state: 'DEPLOYED' }],
      after: [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }],
      queue: [
        { requestId: R2, action: 'RESTART', before: [{ state: 'RESTARTING', reads: 5 }, { state: 'RESTARTED' }] },
        { requestId: R3, startAfterMs: LATER }
      ]
    }
    const truthIn = async (world: World) => {
      const sim = await simulate(script, world)
      for (const call of [sim.status, sim.queue, () => sim.lookup(R1), sim.cancel, sim.status, sim.status, sim.status, sim.history])
        await call()
      await sim.cancelRequest(R3)
      const truth = sim.api.truth(ENV_ID)
      return truth.requests.map(({ id, kind, ran, end, canceled, cancel, services }) => ({
        id,
        kind,
        ran,
        end,
        canceled,
        by: cancel?.by,
        services
      }))
    }
    const expected = await truthIn({})
    expect(expected.map(({ id, end }) => [id, end])).toEqual([
      [R0, 'DEPLOYED'],
      [R1, 'CANCELED'],
      [R2, undefined],
      [R3, 'CANCELED']
    ])
    for (const { name, world } of alternativeWorlds()) expect([name, await truthIn(world)]).toEqual([name, expected])
  })
})
