/** The HTTP client against the simulator over loopback: answers, faults and limits, one call at a time. */
import { afterAll, describe, expect, it } from '@jest/globals'
import { type Fault, RequestFailed } from '../../src/qovery/faults.ts'
import { Interrupted } from '../../src/util/interrupted.ts'
import { QoveryClient } from '../../src/qovery/client.ts'
import { dispatcherFor } from '../../src/runtime.ts'
import { describeServiceEnds, findDeployment, serviceEnds } from '../../src/rules/service-ends.ts'
import type { EnvironmentScript, FaultRule, ServiceScript } from '../../test-support/qovery-simulator.ts'
import { simulatorsForTest } from '../../test-support/simulators.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_client_secret'
const ORG = 'a0000000-0000-4000-8000-000000000001'

const startSimulator = simulatorsForTest()
const dispatcher = dispatcherFor({ route: 'direct' }, () => {})
afterAll(() => dispatcher.close())

async function client(
  faults: FaultRule[] = [],
  options: { requestTimeoutMs?: number; deadlineInMs?: number; basePath?: string; environment?: Partial<EnvironmentScript> } = {}
) {
  const simulator = await startSimulator({
    token: TOKEN,
    basePath: options.basePath ?? '/',
    environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }], ...options.environment }],
    organizations: [{ id: ORG, name: 'Acme', projects: [] }],
    faults
  })
  const debug: string[] = []
  const api = new QoveryClient({
    baseUrl: new URL(simulator.url),
    authorization: `Token ${TOKEN}`,
    requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
    deadline: Date.now() + (options.deadlineInMs ?? 60_000),
    dispatcher,
    userAgent: 'qovery-cancel-deployment-test',
    debug: (line) => debug.push(line),
    now: Date.now
  })
  return { api, debug, sim: simulator }
}

const never = new AbortController().signal

async function faultOf(call: Promise<unknown>): Promise<{ fault: Fault; request: string }> {
  try {
    await call
  } catch (error) {
    if (error instanceof RequestFailed) return { fault: error.fault, request: error.request }
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('QoveryClient', () => {
  it('reads a status under a path prefix, and logs the request to debug', async () => {
    const { api, debug, sim } = await client([], { basePath: '/api/v1/' })
    const status = await api.getStatus(ENV_ID, never)
    expect(status).toMatchObject({ id: ENV_ID, state: 'DEPLOYING' })
    expect(sim.requests[0]).toMatchObject({ method: 'GET', path: `/api/v1/environment/${ENV_ID}/status`, authorization: `Token ${TOKEN}` })
    expect(debug).toEqual([expect.stringMatching(new RegExp(`^GET /api/v1/environment/${ENV_ID}/status -> 200 in \\d+ms$`))])
    expect(api.requestCount).toBe(1)
  })

  it('sends the cancel with its body and tells 202 from 409', async () => {
    const { api, sim } = await client()
    await expect(api.cancelDeployment(ENV_ID, true, never)).resolves.toMatchObject({ accepted: true, status: { state: 'DEPLOYING' } })
    expect(JSON.parse(sim.requests[0]!.body)).toEqual({ force_cancel: true })
    await expect(api.cancelDeployment(ENV_ID, false, never)).resolves.toEqual({
      accepted: false,
      detail: 'Environment deployment is already cancelled or an operation is in progress'
    })
  })

  it('lists with id and name only', async () => {
    const { api } = await client()
    await expect(api.listOrganizations(never)).resolves.toEqual([{ id: ORG, name: 'Acme' }])
    await expect(api.listProjects(ORG, never)).resolves.toEqual([])
  })

  it('turns an error answer into an HTTP fault with the detail and Retry-After', async () => {
    const { api } = await client([{ on: 'status', fault: { status: 503, retryAfter: '7' } }])
    expect(await faultOf(api.getStatus(ENV_ID, never))).toEqual({
      fault: { kind: 'http', status: 503, detail: 'Injected 503', retryAfter: '7' },
      request: `GET /environment/${ENV_ID}/status`
    })
    expect((await faultOf(api.getStatus('0b7f0c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f', never))).fault).toEqual({
      kind: 'http',
      status: 404,
      detail: 'Environment 0b7f0c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f not found'
    })
  })

  it.each([
    ['truncated' as const, 'it is not valid JSON (cut short?)'],
    ['html' as const, 'it is HTML, not JSON (a proxy or gateway page?)']
  ])('calls a %s body a bad body', async (fault, reason) => {
    const { api } = await client([{ on: 'status', fault }])
    expect((await faultOf(api.getStatus(ENV_ID, never))).fault).toEqual({ kind: 'bad-body', status: 200, reason })
  })

  it('calls a list without results a bad body', async () => {
    const { api } = await client([{ on: 'list', fault: 'truncated' }])
    expect((await faultOf(api.listOrganizations(never))).fault).toMatchObject({ kind: 'bad-body' })
  })

  it('cuts a request at request-timeout', async () => {
    const { api, debug } = await client([{ on: 'status', fault: 'hang' }], { requestTimeoutMs: 150 })
    const started = Date.now()
    expect((await faultOf(api.getStatus(ENV_ID, never))).fault).toEqual({ kind: 'timeout', afterMs: 150 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(debug[0]).toMatch(/-> failed in \d+ms: timeout$/)
  })

  it('cuts a request at the deadline when it comes first', async () => {
    // Cut at request-timeout instead, the request would outlast the test's own time limit.
    const { api } = await client([{ on: 'status', fault: 'stall-body' }], { requestTimeoutMs: 600_000, deadlineInMs: 200 })
    const { fault } = await faultOf(api.getStatus(ENV_ID, never))
    expect(fault).toMatchObject({ kind: 'timeout', atDeadline: true })
  })

  it('stops at once when interrupted, as an interruption rather than a fault', async () => {
    const { api, sim } = await client([{ on: 'status', fault: 'hang' }], { requestTimeoutMs: 600_000 })
    const controller = new AbortController()
    const reading = api.getStatus(ENV_ID, controller.signal)
    await sim.waitForRequest((request) => request.path.endsWith('/status'))
    controller.abort(new Interrupted('SIGINT'))
    await expect(reading).rejects.toEqual(new Interrupted('SIGINT'))
  })

  it('names a refused connection', async () => {
    const { api, sim } = await client()
    await sim.stop()
    expect((await faultOf(api.getStatus(ENV_ID, never))).fault).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' })
  })
})

describe('QoveryClient, what a deployment did to each service', () => {
  const ORGANIZATION = 'B1000000-0000-4000-8000-0000000000AA'
  const PROJECT = 'c2000000-0000-4000-8000-0000000000bb'
  const EXECUTION = 'E3000000-0000-4000-8000-0000000000CC'
  const REQUEST = 'd4000000-0000-4000-8000-0000000000dd'
  const PAST = 'f5000000-0000-4000-8000-0000000000ee'
  const id = (n: number): string => `a${n}000000-0000-4000-8000-000000000000`
  const SERVICES: ServiceScript[] = [
    { id: id(1), name: 'postgres', type: 'DATABASE', stage: 'databases' },
    { id: id(2), name: 'api', type: 'APPLICATION', stage: 'apps', version: { commit: 'c0ffee00', message: 'Ship it' } },
    { id: id(3), name: 'web', type: 'CONTAINER', stage: 'apps', version: { image: 'nginx', tag: '1.27' } },
    { id: id(4), name: 'chart', type: 'HELM', stage: 'apps' },
    { id: id(5), name: 'migrate', type: 'JOB', stage: 'jobs' },
    { id: id(6), name: 'infra', type: 'TERRAFORM', stage: 'jobs' }
  ]
  const environment: Partial<EnvironmentScript> = {
    name: 'staging',
    organizationId: ORGANIZATION,
    projectId: PROJECT,
    requestId: REQUEST,
    executionId: EXECUTION,
    services: SERVICES,
    past: [{ requestId: PAST, state: 'DEPLOYED' }]
  }
  const headers = { method: 'GET', authorization: `Token ${TOKEN}`, accept: 'application/json', userAgent: 'qovery-cancel-deployment-test' }

  /** Cancels the running deploy and reads the status until it shows CANCELED. */
  async function canceled(api: QoveryClient): Promise<void> {
    await api.cancelDeployment(ENV_ID, false, never)
    while ((await api.getStatus(ENV_ID, never)).state !== 'CANCELED');
  }

  it('reads the environment: its name and where it lives, ids lower-cased', async () => {
    const { api, sim } = await client([], { environment })
    await expect(api.getEnvironment(ENV_ID.toUpperCase(), never)).resolves.toEqual({
      id: ENV_ID,
      name: 'staging',
      organizationId: ORGANIZATION.toLowerCase(),
      projectId: PROJECT,
      mode: 'DEVELOPMENT',
      clusterName: 'production-cluster'
    })
    expect(sim.requests).toEqual([expect.objectContaining({ ...headers, path: `/environment/${ENV_ID.toUpperCase()}`, search: '' })])
  })

  it('reads by-id environments in an organization and a project of their own, the same on every start', async () => {
    const first = await (await client()).api.getEnvironment(ENV_ID, never)
    const second = await (await client()).api.getEnvironment(ENV_ID, never)
    expect(first).toEqual({ ...second, name: `env-${ENV_ID.slice(0, 8)}` })
    expect(first.organizationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(first.projectId).not.toBe(first.organizationId)
  })

  it("reads each service's state now, typed by the list it came in", async () => {
    const { api, sim } = await client([], { environment })
    await canceled(api)
    const statuses = await api.getServiceStatuses(ENV_ID, never)
    expect(sim.requests.at(-1)).toMatchObject({ ...headers, path: `/environment/${ENV_ID}/statuses`, search: '' })
    const common = { action: 'DEPLOY', deploymentRequestId: REQUEST, executionId: EXECUTION, isPartOfLastDeployment: true }
    // The lists' order: applications, containers, jobs, databases, helms, terraforms.
    expect(statuses).toEqual([
      { id: id(2), type: 'APPLICATION', state: 'CANCELED', ...common },
      { id: id(3), type: 'CONTAINER', state: 'CANCELED', ...common },
      { id: id(5), type: 'JOB', state: 'CANCELED', ...common },
      { id: id(1), type: 'DATABASE', state: 'DEPLOYED', ...common },
      { id: id(4), type: 'HELM', state: 'CANCELED', ...common },
      { id: id(6), type: 'TERRAFORM', state: 'CANCELED', ...common }
    ])
  })

  it('reads the deployments newest first, as many as pageSize, with stages, services and versions', async () => {
    const { api, sim } = await client([], { environment })
    await canceled(api)
    const status = await api.getStatus(ENV_ID, never)
    const history = await api.getDeploymentHistory(ENV_ID, 5, never)
    expect(sim.requests.at(-1)).toMatchObject({ ...headers, path: `/environment/${ENV_ID}/deploymentHistoryV2`, search: '?pageSize=5' })
    expect(history.map((entry) => [entry.state, entry.stages.length])).toEqual([
      ['CANCELED', 3],
      ['DEPLOYED', 3]
    ])
    expect(history[0]!.executionId).toBe(status.last_deployment_id)
    expect(history[0]).toMatchObject({ executionId: EXECUTION, action: 'DEPLOY', triggeredBy: 'simulator@example.com', origin: 'API' })
    expect(history[0]!.duration).toMatch(/^PT/)
    expect(history[0]!.stages.map((stage) => [stage.name, stage.status])).toEqual([
      ['databases', 'DONE'],
      ['apps', 'CANCELED'],
      ['jobs', 'CANCELED']
    ])
    const services = history[0]!.stages.flatMap((stage) => stage.services)
    expect(services.map(({ id, name, type, state, action, version }) => ({ id, name, type, state, action, version }))).toEqual([
      { id: id(1), name: 'postgres', type: 'DATABASE', state: 'DEPLOYED', action: 'DEPLOY', version: undefined },
      {
        id: id(2),
        name: 'api',
        type: 'APPLICATION',
        state: 'CANCELED',
        action: 'DEPLOY',
        version: { commit: 'c0ffee00', message: 'Ship it' }
      },
      { id: id(3), name: 'web', type: 'CONTAINER', state: 'CANCELED', action: 'DEPLOY', version: { image: 'nginx', tag: '1.27' } },
      { id: id(4), name: 'chart', type: 'HELM', state: 'CANCELED', action: 'DEPLOY', version: { chart: 'chart', version: '1.0.0' } },
      {
        id: id(5),
        name: 'migrate',
        type: 'JOB',
        state: 'CANCELED',
        action: 'DEPLOY',
        version: { image: 'registry.example.com/migrate', tag: '1.0.0' }
      },
      { id: id(6), name: 'infra', type: 'TERRAFORM', state: 'CANCELED', action: 'DEPLOY', version: undefined }
    ])
    expect(services.map((service) => Object.keys(service).includes('version'))).toEqual([false, true, true, true, true, false])
    await expect(api.getDeploymentHistory(ENV_ID, 1, never)).resolves.toEqual([history[0]])
    // The pieces fit: the entry of last_deployment_id, and the statuses now.
    const ends = serviceEnds(findDeployment(history, status.last_deployment_id), await api.getServiceStatuses(ENV_ID, never), 'DEPLOY')
    expect(describeServiceEnds(ends, 'DEPLOY')).toBe('6 services: 5 canceled, 1 deployed before the cancel')
  })

  it("names the request's kind in trigger_action and status_details.action, and its states follow it", async () => {
    const { api } = await client([], { environment: { ...environment, action: 'STOP', before: [{ state: 'STOPPING' }], stageReached: 2 } })
    const [entry] = await api.getDeploymentHistory(ENV_ID, 1, never)
    expect(entry).toMatchObject({ action: 'STOP', state: 'STOPPING' })
    expect(entry!.stages.map((stage) => [stage.status, stage.services.map((service) => `${service.state}/${service.action}`)])).toEqual([
      ['DONE', ['STOPPED/STOP']],
      ['DONE', ['STOPPED/STOP', 'STOPPED/STOP', 'STOPPED/STOP']],
      ['ONGOING', ['STOPPING/STOP', 'STOPPING/STOP']]
    ])
    expect(new Set((await api.getServiceStatuses(ENV_ID, never)).map((status) => status.action))).toEqual(new Set(['STOP']))
  })

  it('takes what a request says of its services once ended over the rule', async () => {
    const { api } = await client([], {
      environment: { ...environment, stageReached: 0, serviceEnds: { [id(2)]: 'DEPLOYMENT_ERROR', [id(5)]: 'DEPLOYED' } }
    })
    await canceled(api)
    const [entry] = await api.getDeploymentHistory(ENV_ID, 1, never)
    expect(entry!.stages.flatMap((stage) => stage.services.map((service) => service.state))).toEqual([
      'CANCELED',
      'DEPLOYMENT_ERROR',
      'CANCELED',
      'CANCELED',
      'DEPLOYED',
      'CANCELED'
    ])
  })

  it.each([
    ['environment' as const, (api: QoveryClient) => api.getEnvironment(ENV_ID, never)],
    ['statuses' as const, (api: QoveryClient) => api.getServiceStatuses(ENV_ID, never)],
    ['history' as const, (api: QoveryClient) => api.getDeploymentHistory(ENV_ID, 10, never)]
  ])('turns an error answer of the %s read into an HTTP fault, and a cut body into a bad body', async (on, read) => {
    const { api } = await client([
      { on, fault: { status: 403 } },
      { on, fault: { status: 500 }, skip: 1 },
      { on, fault: 'truncated', skip: 2 },
      { on, fault: 'html', skip: 3 }
    ])
    expect((await faultOf(read(api))).fault).toEqual({ kind: 'http', status: 403, detail: 'Injected 403' })
    expect((await faultOf(read(api))).fault).toEqual({ kind: 'http', status: 500, detail: 'Injected 500' })
    expect((await faultOf(read(api))).fault).toMatchObject({ kind: 'bad-body', status: 200 })
    expect((await faultOf(read(api))).fault).toMatchObject({ kind: 'bad-body', status: 200, reason: expect.stringMatching(/HTML/) })
    await expect(read(api)).resolves.toBeDefined()
  })

  it('answers 404 for an environment it does not know', async () => {
    const { api } = await client()
    const unknown = '0b7f0c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f'
    for (const read of [
      api.getEnvironment(unknown, never),
      api.getServiceStatuses(unknown, never),
      api.getDeploymentHistory(unknown, 1, never)
    ]) {
      expect((await faultOf(read)).fault).toEqual({ kind: 'http', status: 404, detail: `Environment ${unknown} not found` })
    }
  })

  it('rejects a pageSize the spec does not allow, as Qovery would', async () => {
    const { api } = await client()
    expect((await faultOf(api.getDeploymentHistory(ENV_ID, 0, never))).fault).toMatchObject({ kind: 'http', status: 400 })
  })

  /** The body a read gets in place of the simulator's, with a 200. */
  async function readOdd<T>(on: 'environment' | 'statuses' | 'history', body: unknown, read: (api: QoveryClient) => Promise<T>) {
    const { api } = await client([{ on, fault: { status: 200, body: typeof body === 'string' ? body : JSON.stringify(body) } }])
    return read(api)
  }
  const environmentOf = (body: unknown) => readOdd('environment', body, (api) => api.getEnvironment(ENV_ID, never))
  const statusesOf = (body: unknown) => readOdd('statuses', body, (api) => api.getServiceStatuses(ENV_ID, never))
  const historyOf = (body: unknown) => readOdd('history', body, (api) => api.getDeploymentHistory(ENV_ID, 10, never))

  it('takes an environment with its required fields, whatever else it has or lacks', async () => {
    const minimal = { id: ENV_ID, name: 'x', organization: { id: ORGANIZATION }, project: { id: PROJECT } }
    await expect(environmentOf({ ...minimal, mode: 7, cluster_name: null, extra: { deep: [1] } })).resolves.toEqual({
      id: ENV_ID,
      name: 'x',
      organizationId: ORGANIZATION.toLowerCase(),
      projectId: PROJECT
    })
    for (const odd of [
      [],
      'null',
      '"environment"',
      { ...minimal, name: '' },
      { ...minimal, organization: ORGANIZATION },
      { ...minimal, project: {} }
    ]) {
      expect([odd, (await faultOf(environmentOf(odd))).fault]).toEqual([
        odd,
        { kind: 'bad-body', status: 200, reason: expect.stringMatching(/^not an Environment/) }
      ])
    }
  })

  it('takes statuses with lists missing, nulls and unknown fields; refuses lists that are not lists of statuses', async () => {
    await expect(
      statusesOf({
        applications: [
          { id: 'ABC', state: 'DEPLOYED', deployment_request_id: null, status_details: null, is_part_last_deployment: 'yes', new: 1 }
        ],
        agentic_workflows: [{ id: 'def', state: 'SOMETHING_NEW', status_details: { action: 'UNINSTALL' }, execution_id: 'Exec-1' }]
      })
    ).resolves.toEqual([
      { id: 'abc', type: 'APPLICATION', state: 'DEPLOYED' },
      { id: 'def', type: 'AGENTIC_WORKFLOW', state: 'SOMETHING_NEW', action: 'UNINSTALL', executionId: 'Exec-1' }
    ])
    await expect(statusesOf({})).resolves.toEqual([])
    for (const odd of [
      [],
      '"statuses"',
      { applications: {} },
      { jobs: [null] },
      { jobs: [{ id: 'x' }] },
      { helms: [{ state: 'DEPLOYED' }] }
    ]) {
      expect([odd, (await faultOf(statusesOf(odd))).fault]).toEqual([
        odd,
        { kind: 'bad-body', status: 200, reason: 'not EnvironmentStatuses with lists of statuses with id and state' }
      ])
    }
  })

  it('leaves out what cannot be read inside a deployment, and says what it was', async () => {
    await expect(historyOf({ page: 1 })).resolves.toEqual([])
    const entry = (stages: unknown) => ({ results: [{ identifier: { execution_id: 'e-1' }, status: 'CANCELED', stages }] })
    await expect(historyOf(entry([]))).resolves.toEqual([{ executionId: 'e-1', state: 'CANCELED', stages: [] }])
    for (const [stages, unreadable] of [
      ['none', 'stages is a string, not a list'],
      [null, 'stages is null, not a list'],
      [undefined, 'stages is missing, not a list'],
      [{ name: 'apps', services: [] }, 'stages is an object, not a list'],
      [[{ name: 'apps', services: null }], "1 stage's services are not a list"],
      [
        [{ name: 'apps', services: [{ identifier: null, status: null }, { identifier: { service_id: null } }] }],
        '2 services have no identifier.service_id'
      ]
    ]) {
      const [read] = await historyOf(entry(stages))
      expect([stages, read?.unreadable]).toEqual([stages, unreadable])
    }
    const stages = [
      null,
      5,
      {
        status: 'SKIPPED',
        services: [
          null,
          { identifier: { name: 'nameless' } },
          { identifier: { service_id: 'ABC', service_type: 'APPLICATION' }, details: { commit: null }, total_duration: 3 },
          {
            identifier: { service_id: 'def', service_type: 'HELM', name: 'h' },
            status: 'CANCELED',
            details: { commit: { git_commit_id: 'c1' } }
          },
          { identifier: { service_id: 'ghi', service_type: 'CONTAINER' }, details: { image_name: 'nginx' } },
          { identifier: { service_id: 'jkl', service_type: 'ARGOCD_APP' }, details: { commit: { git_commit_id: 'c2' } } }
        ]
      }
    ]
    await expect(historyOf({ results: [{ identifier: { execution_id: 'e-2' }, status: 'CANCELED', stages }] })).resolves.toEqual([
      {
        executionId: 'e-2',
        state: 'CANCELED',
        unreadable: '2 stages are not objects; 2 services have no identifier.service_id',
        stages: [
          {
            name: '',
            status: 'SKIPPED',
            services: [
              { id: 'abc', name: '', type: 'APPLICATION', state: '' },
              { id: 'def', name: 'h', type: 'HELM', state: 'CANCELED', version: { commit: 'c1' } },
              { id: 'ghi', name: '', type: 'CONTAINER', state: '' },
              { id: 'jkl', name: '', type: 'ARGOCD_APP', state: '' }
            ]
          }
        ]
      }
    ])
    for (const odd of [
      [],
      { results: 'x' },
      { results: [null] },
      { results: [{ status: 'DEPLOYED' }] },
      { results: [{ identifier: { execution_id: 'e' } }] }
    ]) {
      expect([odd, (await faultOf(historyOf(odd))).fault]).toEqual([
        odd,
        { kind: 'bad-body', status: 200, reason: 'not a list of deployments with identifier.execution_id and status' }
      ])
    }
  })
})
