/**
 * The simulator's answers to `GET /environment/{id}`, `/statuses` and `/deploymentHistoryV2`
 * checked against Qovery's OpenAPI spec by a JSON-schema validator nobody here wrote (ajv, with
 * OpenAPI's `nullable`): the shapes the action's tests read must be shapes Qovery may send. In
 * every world (simulated-worlds.ts) too, with the status, the queue, the lookup and the cancel's
 * 202 body.
 */
import { readFileSync } from 'node:fs'
import { expect, it } from '@jest/globals'
import Ajv from 'ajv'
import { parse } from 'yaml'
import { describeWithSpec, SPEC, SPEC_PRESENT } from '../../test-support/openapi-spec.ts'
import type { EnvironmentScript, ServiceScript, World } from '../../test-support/qovery-simulator.ts'
import { type Answer, simulatorCalls } from '../../test-support/simulator-calls.ts'
import { simulatorsForTest } from '../../test-support/simulators.ts'
import { alternativeWorlds } from '../../test-support/simulated-worlds.ts'
import { ENV_ID, LATER, R0, R1, R2, R3 } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_simulator_spec_secret'
const service = (n: number, type: string, stage: string, extra: Partial<ServiceScript> = {}): ServiceScript => ({
  id: `a${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`,
  name: `${type.toLowerCase()}-${n}`,
  type,
  stage,
  ...extra
})
/** Every type of service, in three stages, with versions given and made up. */
const SERVICES: ServiceScript[] = [
  service(1, 'DATABASE', 'databases'),
  service(2, 'TERRAFORM', 'databases'),
  service(3, 'APPLICATION', 'apps', { version: { commit: 'c0ffee00', message: 'Ship it' } }),
  service(4, 'APPLICATION', 'apps'),
  service(5, 'CONTAINER', 'apps', { version: { image: 'nginx', tag: '1.27' } }),
  service(6, 'HELM', 'apps', { version: { chart: 'redis', version: '19.0.0' } }),
  service(7, 'HELM', 'apps', { version: { commit: 'beef', message: 'Chart from git' } }),
  service(8, 'JOB', 'jobs'),
  service(9, 'AGENTIC_WORKFLOW', 'jobs'),
  service(10, 'ARGOCD_APP', 'jobs')
]

/**
 * A validator of the spec's schemas. Two readings of the spec, both said here: the durations'
 * `format: duration` is RFC 3339 appendix A as ajv-formats (Prism's validator) writes it; and
 * DeploymentHistoryServiceDetails' oneOf is read as anyOf, because its helm variant requires
 * nothing, so that any application's, container's or job's details match two variants and no
 * body Qovery sends for them could pass a oneOf (Prism reports exactly that).
 */
function validator(): (schema: string, body: unknown) => string[] {
  const spec = parse(readFileSync(SPEC, 'utf8'), { maxAliasCount: -1 }) as {
    components: { schemas: Record<string, Record<string, unknown>> }
  }
  const details = spec.components.schemas.DeploymentHistoryServiceDetails!
  details.anyOf = details.oneOf
  delete details.oneOf
  const ajv = new Ajv({ nullable: true, unknownFormats: 'ignore', validateSchema: false, allErrors: true, logger: false })
  ajv.addFormat('duration', /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/)
  ajv.addSchema(spec, 'qovery')
  return (schema, body) => {
    const validate = ajv.getSchema(`qovery#/components/schemas/${schema}`)!
    return validate(body) ? [] : (validate.errors ?? []).map((error) => `${schema}${error.dataPath} ${error.message}`)
  }
}

const validate = SPEC_PRESENT ? validator() : () => []

const startSimulator = simulatorsForTest()

async function simulate(script: Partial<EnvironmentScript>, organizations = false): Promise<(path: string) => Promise<unknown>> {
  const environment: EnvironmentScript = { id: ENV_ID, before: [{ state: 'DEPLOYING' }], services: SERVICES, ...script }
  const simulator = await startSimulator({
    token: TOKEN,
    ...(organizations
      ? {
          organizations: [
            {
              id: 'b1000000-0000-4000-8000-000000000000',
              name: 'Acme',
              projects: [{ id: 'c1000000-0000-4000-8000-000000000000', name: 'Shop', environments: [environment] }]
            }
          ]
        }
      : { environments: [environment] })
  })
  const url = simulator.url
  return async (path) => {
    const response = await fetch(new URL(path, url), {
      method: path.endsWith('cancelDeployment') ? 'POST' : 'GET',
      headers: { authorization: `Token ${TOKEN}` }
    })
    expect([path, response.status]).toEqual([path, path.endsWith('cancelDeployment') ? 202 : 200])
    return response.json()
  }
}

/** Reads the three answers and checks each against its schema; returns them. */
async function checkAll(read: (path: string) => Promise<unknown>): Promise<{ statuses: StatusesBody; history: HistoryBody }> {
  expect(validate('Environment', await read(`environment/${ENV_ID}`))).toEqual([])
  const statuses = (await read(`environment/${ENV_ID}/statuses`)) as StatusesBody
  expect(validate('EnvironmentStatuses', statuses)).toEqual([])
  const history = (await read(`environment/${ENV_ID}/deploymentHistoryV2?pageSize=10`)) as HistoryBody
  expect(validate('DeploymentHistoryEnvironmentPaginatedResponseListV2', history)).toEqual([])
  return { statuses, history }
}

/** The default world, every world that differs from it in one fact, and two that differ in all. */
const WORLDS: Array<[string, World]> = [
  ['the default', {}],
  ...alternativeWorlds().map(({ name, world }): [string, World] => [name, world]),
  [
    'all at once, one way',
    {
      lastDeploymentState: 'environment-state',
      cancelBody: 'stale',
      stateOfKind: 'deploying',
      requestIdInStatus: 'last-ended',
      lastDeploymentId: 'other-ids',
      queueLists: 'running-first',
      lookupOfCanceledWhileWaiting: 'stays-queued',
      mergedRequests: 'two-ids',
      historyLags: true
    }
  ],
  [
    'all at once, the other way',
    {
      lastDeploymentState: 'lds-lags',
      cancelBody: 'optimistic',
      stateOfKind: 'deploy-stops',
      requestIdInStatus: 'lags',
      lastDeploymentId: 'last-successful',
      noRequestId: true,
      mergedRequests: 'listed-twice',
      historyLags: true
    }
  ]
]

/**
 * In `world`: a deploy with one before it, a restart that starts once it is canceled and a stop
 * that waits; each kind of answer is read before and after the cancel, and checked against its
 * schema (the queue's rows one by one: its list has no schema of its own).
 */
async function checkWorld(world: World): Promise<void> {
  const simulator = await startSimulator({
    token: TOKEN,
    world,
    environments: [
      {
        id: ENV_ID,
        services: SERVICES,
        past: [{ requestId: R0, state: 'DEPLOYED' }],
        requestId: R1,
        before: [{ state: 'DEPLOYING' }],
        after: [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }],
        queue: [
          { requestId: R2, action: 'RESTART', before: [{ state: 'RESTARTING' }] },
          { requestId: R3, action: 'STOP', startAfterMs: LATER }
        ]
      }
    ]
  })
  const calls = simulatorCalls(simulator, TOKEN)
  const check = (schema: string, answer: Answer, status = 200): void =>
    expect([status, validate(schema, answer.body)]).toEqual([answer.status, []])
  const readAll = async (): Promise<void> => {
    for (let read = 0; read < 3; read++) check('EnvironmentStatus', await calls.get(`environment/${ENV_ID}/status`))
    const queue = await calls.get(`environment/${ENV_ID}/deploymentQueue`)
    for (const row of (queue.body as { results: unknown[] }).results) check('QueuedDeploymentRequestWithStages', { ...queue, body: row })
    for (const id of [R0, R1, R2, R3])
      check('EnvDeploymentStatus', await calls.get(`environment/deploymentStatus?deploymentRequestId=${id}`))
    check('EnvironmentStatuses', await calls.get(`environment/${ENV_ID}/statuses`))
    check('DeploymentHistoryEnvironmentPaginatedResponseListV2', await calls.get(`environment/${ENV_ID}/deploymentHistoryV2`))
  }
  await readAll()
  check('EnvironmentStatus', await calls.post(`environment/${ENV_ID}/cancelDeployment`, { force_cancel: false }), 202)
  expect(await calls.post(`deploymentQueue/${R3}/cancelDeployment`)).toEqual({ status: 202, body: undefined })
  await readAll()
  await readAll()
}

type StatusesBody = Record<string, Array<{ state: string }>>
type HistoryBody = { results: Array<{ status: string; stages: Array<{ status: string; services: unknown[] }> }> }

describeWithSpec("the simulator's answers against Qovery's spec", () => {
  it('rejects what the spec does not allow: the validator can fail', () => {
    expect(validate('Status', { id: ENV_ID, state: 'DEPLOYED' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/required property 'deployment_requests_count'/)])
    )
    expect(validate('Environment', { id: 'not-a-uuid', created_at: 'x' })).not.toEqual([])
    expect(validate('DeploymentHistoryStage', { name: 'apps', status: 'DONE', duration: '90s', services: [] })).toEqual([
      expect.stringMatching(/duration/)
    ])
    expect(validate('StatusDetails', { action: 'DEPLOY', status: 'SUCCESS' })).not.toEqual([])
  })

  it('while a deploy runs, with requests before it and one waiting', async () => {
    const read = await simulate({ past: [{ requestId: R1, state: 'DEPLOYED' }], queue: [{}] })
    const { statuses, history } = await checkAll(read)
    expect(statuses.applications!.map((status) => status.state)).toEqual(['DEPLOYING', 'DEPLOYING'])
    expect(history.results.map((entry) => [entry.status, entry.stages.map((stage) => stage.status)])).toEqual([
      ['DEPLOYING', ['DONE', 'ONGOING', 'QUEUED']],
      ['DEPLOYED', ['DONE', 'DONE', 'DONE']]
    ])
  })

  it('after a cancel, in an environment listed under an organization', async () => {
    const read = await simulate({ after: [{ state: 'CANCELED' }] }, true)
    await read(`environment/${ENV_ID}/cancelDeployment`)
    const { history } = await checkAll(read)
    expect(history.results[0]!.stages.map((stage) => stage.status)).toEqual(['DONE', 'CANCELED', 'CANCELED'])
  })

  it.each([
    ['a stop ended in error', { action: 'STOP', before: [{ state: 'STOP_ERROR' }], stageReached: 0 }],
    ['a restart done', { action: 'RESTART', before: [{ state: 'RESTARTED' }] }],
    [
      'a delete with services ending as scripted',
      { action: 'DELETE', before: [{ state: 'CANCELED' }], serviceEnds: { [SERVICES[0]!.id]: 'DELETE_ERROR' } }
    ],
    ['a dry run, a kind with no service action', { action: 'DEPLOY_DRY_RUN', before: [{ state: 'BUILDING' }] }],
    ['no services', { services: [] }]
  ])('for %s', async (_name, script) => {
    await checkAll(await simulate(script as Partial<EnvironmentScript>))
  })

  it.each(WORLDS)('in the world %s', async (_name, world) => {
    await checkWorld(world)
  })
})
