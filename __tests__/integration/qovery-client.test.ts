/** The HTTP client against the simulator over loopback: answers, faults and limits, one call at a time. */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { Agent } from 'undici'
import { type Fault, Interrupted, RequestFailed } from '../../src/faults.ts'
import { QoveryClient } from '../../src/qovery-client.ts'
import { type FaultRule, QoverySimulator, startSimulator } from '../../test-support/qovery-simulator.ts'

const ENV_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'
const TOKEN = 'qov_client_secret'
const ORG = 'a0000000-0000-4000-8000-000000000001'

let simulator: QoverySimulator | undefined
const dispatcher = new Agent()
afterEach(async () => {
  await simulator?.stop()
  simulator = undefined
})
afterAll(() => dispatcher.close())

async function client(faults: FaultRule[] = [], options: { requestTimeoutMs?: number; deadlineInMs?: number; basePath?: string } = {}) {
  simulator = await startSimulator({
    token: TOKEN,
    basePath: options.basePath ?? '/',
    environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }] }],
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
    userAgent: 'test',
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
