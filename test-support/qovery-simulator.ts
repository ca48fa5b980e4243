/**
 * A local Qovery API for tests, the demo and the benchmark: a real HTTP server on 127.0.0.1
 * answering the endpoints the action uses as Qovery's OpenAPI spec describes them, with
 * scripted state timelines, injected faults, and a log of every request.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One state of a timeline, held for a number of status reads, for a time, or for good. */
export interface Step {
  state: string
  reads?: number
  ms?: number
}

export interface EnvironmentScript {
  id: string
  /** Its name in the environment list (default: env-<first 8 characters of the id>). */
  name?: string
  mode?: 'PRODUCTION' | 'STAGING' | 'DEVELOPMENT' | 'PREVIEW'
  /** The timeline before any cancel; the last step holds. */
  before: Step[]
  /** How the cancel is answered: 202 with the current status, or 409. */
  cancel?: 'accept' | 'conflict'
  /**
   * The timeline from the cancel on. The 202 body shows the state of the moment, the old one,
   * as the real API may. Default: one read of CANCELING, then CANCELED.
   */
  after?: Step[]
}

export type FaultKind =
  | { status: number; retryAfter?: string }
  | 'reset'
  | 'hang'
  | 'stall-body'
  | 'truncated'
  | 'html'

/** An organization, its projects and their environments, for the list endpoints. */
export interface OrganizationScript {
  id: string
  name: string
  projects: Array<{ id: string; name: string; environments: EnvironmentScript[] }>
}

type RequestKind = 'status' | 'cancel' | 'list'

export interface FaultRule {
  on: RequestKind
  fault: FaultKind
  /** How many matching requests get the fault (default 1). */
  times?: number
  /** Requests of this kind (counted from the first, whatever answered them) before the fault applies (default 0). */
  skip?: number
  /** For a cancel: carry the cancel out, then answer with the fault (the client cannot tell). */
  processFirst?: boolean
}

export interface SimulatorOptions {
  /** The credential it accepts, bare: `Token <token>` and `Bearer <token>` are both accepted. */
  token: string
  /** A token that can read but not cancel (403). */
  readOnlyToken?: string
  /** Environments reachable by id only. */
  environments?: EnvironmentScript[]
  /** Organizations, projects and environments reachable by the list endpoints too. */
  organizations?: OrganizationScript[]
  faults?: FaultRule[]
  /** Path prefix the API is served under, such as `/api/`. */
  basePath?: string
  /** Port on 127.0.0.1 (default: any free one). */
  port?: number
}

export interface RecordedRequest {
  method: string
  path: string
  authorization: string | undefined
  body: string
  at: number
  /** The HTTP status answered, or the fault that replaced the answer. */
  answer: number | 'reset' | 'hang' | 'stall-body'
  /** For an HTTP proxy test: how the request reached the server. */
  via?: string
}

interface Timeline {
  script: EnvironmentScript
  steps: Step[]
  index: number
  readsInStep: number
  stepStartedAt: number
  canceled: boolean
  lastDeploymentId: string
  deploymentRequestId: string
  deploymentStartedAt: string
  /** Every state the environment took, and when, for timing measurements. */
  history: Array<{ state: string; at: number }>
}

export class QoverySimulator {
  readonly requests: RecordedRequest[] = []
  /** Requests answered with an injected fault. */
  faultsInjected = 0
  #server: Server | undefined
  #sockets = new Set<Socket>()
  #timelines = new Map<string, Timeline>()
  #faults: Array<FaultRule & { used: number }>
  #seen: Record<RequestKind, number> = { status: 0, cancel: 0, list: 0 }
  #basePath: string
  url = ''
  private readonly options: SimulatorOptions

  constructor(options: SimulatorOptions) {
    this.options = options
    this.#faults = (options.faults ?? []).map((rule) => ({ ...rule, used: 0 }))
    this.#basePath = options.basePath ?? '/'
    const nested = (options.organizations ?? []).flatMap((organization) => organization.projects.flatMap((project) => project.environments))
    for (const script of [...(options.environments ?? []), ...nested]) {
      this.#timelines.set(script.id.toLowerCase(), {
        script,
        steps: script.before,
        index: 0,
        readsInStep: 0,
        stepStartedAt: Date.now(),
        canceled: false,
        lastDeploymentId: randomUUID(),
        deploymentRequestId: randomUUID(),
        deploymentStartedAt: new Date(Date.now() - 42_000).toISOString(),
        history: [{ state: script.before[0]?.state ?? 'DEPLOYED', at: Date.now() }]
      })
    }
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res))
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject)
      this.#server!.listen(this.options.port ?? 0, '127.0.0.1', resolve)
    })
    const { port } = this.#server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}${this.#basePath}`
    return this
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }

  /** The states an environment went through, with the time each began. */
  history(environmentId: string): Array<{ state: string; at: number }> {
    const timeline = this.#timelines.get(environmentId.toLowerCase())
    if (timeline) this.#advance(timeline, Date.now())
    return timeline?.history ?? []
  }

  cancelRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'POST')
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://simulator').pathname,
      authorization: req.headers.authorization,
      body,
      at: Date.now(),
      answer: 0
    }
    const via = req.headers['x-simulator-via']
    if (typeof via === 'string') record.via = via
    this.requests.push(record)
    const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.answer = status
      const text = payload === undefined ? '' : JSON.stringify(payload)
      res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers })
      res.end(text)
    }
    const error = (status: number, title: string, detail: string): void => answer(status, { status, error: title, detail })

    if (!record.path.startsWith(this.#basePath)) return error(404, 'Not Found', `No route ${record.path}`)
    const relative = record.path.slice(this.#basePath.length)
    const route = /^environment\/([^/]+)\/(status|cancelDeployment)$/.exec(relative)
    const listing = /^(?:organization|organization\/([^/]+)\/project|project\/([^/]+)\/environment)$/.exec(relative)
    const kind: RequestKind | undefined = route?.[2] === 'status' ? 'status' : route?.[2] === 'cancelDeployment' ? 'cancel' : listing ? 'list' : undefined
    if (kind === undefined || (kind !== 'cancel' && req.method !== 'GET') || (kind === 'cancel' && req.method !== 'POST')) {
      return error(404, 'Not Found', `No route ${req.method} ${record.path}`)
    }

    const credential = /^(?:Token|Bearer) (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (credential === undefined || (credential !== this.options.token && credential !== this.options.readOnlyToken)) {
      return error(401, 'Unauthorized', 'Access token is missing or invalid')
    }

    const position = this.#seen[kind]++
    const rule = this.#faults.find((candidate) => candidate.on === kind && candidate.used < (candidate.times ?? 1) && position >= (candidate.skip ?? 0))
    if (rule) rule.used += 1

    if (kind === 'list') {
      if (rule) return this.#fail(rule.fault, record, res, undefined)
      const results = this.#list(listing?.[1], listing?.[2])
      return results === undefined ? error(404, 'Not Found', `${listing?.[1] ? 'Organization' : 'Project'} not found`) : answer(200, { results })
    }

    const timeline = this.#timelines.get((route?.[1] as string).toLowerCase())
    if (!timeline) return error(404, 'Not Found', `Environment ${route?.[1]} not found`)
    if (rule && !(kind === 'cancel' && rule.processFirst)) return this.#fail(rule.fault, record, res, timeline)

    if (kind === 'status') {
      const status = this.#read(timeline)
      return answer(200, status)
    }

    if (credential === this.options.readOnlyToken) return error(403, 'Forbidden', 'This token cannot deploy this environment')
    let payload: unknown = {}
    if (body !== '') {
      try {
        payload = JSON.parse(body)
      } catch {
        return error(400, 'Bad Request', 'The body is not JSON')
      }
    }
    const force = (payload as { force_cancel?: unknown } | null)?.force_cancel
    if (typeof payload !== 'object' || payload === null || (force !== undefined && typeof force !== 'boolean')) {
      return error(400, 'Bad Request', 'force_cancel must be a boolean')
    }
    if (timeline.canceled || timeline.script.cancel === 'conflict') {
      this.#startCancel(timeline)
      return error(409, 'Conflict', 'Environment deployment is already cancelled or an operation is in progress')
    }
    const current = this.#status(timeline, Date.now())
    this.#startCancel(timeline)
    if (rule) return this.#fail(rule.fault, record, res, timeline)
    return answer(202, current)
  }

  /** The list endpoints' results, shaped as Qovery's Organization, Project and Environment. */
  #list(organizationId: string | undefined, projectId: string | undefined): Array<Record<string, unknown>> | undefined {
    const organizations = this.options.organizations ?? []
    const stamp = { created_at: '2026-01-05T10:00:00Z', updated_at: '2026-11-01T09:30:00Z' }
    if (organizationId === undefined && projectId === undefined) {
      return organizations.map((organization) => ({ id: organization.id, ...stamp, name: organization.name, description: null, plan: 'TEAM', website_url: null, repository: null, logo_url: null, icon_url: null, admin_emails: [] }))
    }
    if (organizationId !== undefined) {
      const organization = organizations.find((candidate) => candidate.id === organizationId)
      return organization?.projects.map((project) => ({ id: project.id, ...stamp, name: project.name, description: null, organization: { id: organization.id } }))
    }
    for (const organization of organizations) {
      const project = organization.projects.find((candidate) => candidate.id === projectId)
      if (project) {
        return project.environments.map((environment) => ({
          id: environment.id,
          ...stamp,
          name: environment.name ?? `env-${environment.id.slice(0, 8)}`,
          organization: { id: organization.id },
          project: { id: project.id },
          mode: environment.mode ?? 'DEVELOPMENT',
          cloud_provider: { provider: 'AWS', cluster: 'eu-west-3' },
          cluster_id: '9d4e2f10-7c3b-4a5e-8f6d-1b2c3d4e5f60',
          cluster_name: 'production-cluster'
        }))
      }
    }
    return undefined
  }

  #fail(fault: FaultKind, record: RecordedRequest, res: ServerResponse, timeline: Timeline | undefined): void {
    this.faultsInjected += 1
    if (typeof fault === 'object') {
      record.answer = fault.status
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter })
      })
      res.end(JSON.stringify({ status: fault.status, error: 'Injected fault', detail: `Injected ${fault.status}` }))
      return
    }
    switch (fault) {
      case 'reset':
        record.answer = 'reset'
        res.socket?.resetAndDestroy()
        return
      case 'hang':
        record.answer = 'hang'
        return
      case 'stall-body':
        record.answer = 'stall-body'
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' })
        res.write(this.#body(timeline).slice(0, 20))
        return
      case 'truncated': {
        record.answer = 200
        const text = this.#body(timeline).slice(0, 25)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(text)
        return
      }
      case 'html':
        record.answer = 200
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html><body><h1>502 Bad Gateway</h1><p>upstream unavailable</p></body></html>')
        return
    }
  }

  /** The body a good answer would have had, for faults that cut it short. */
  #body(timeline: Timeline | undefined): string {
    return timeline ? JSON.stringify(this.#status(timeline, Date.now())) : JSON.stringify({ results: this.#list(undefined, undefined) })
  }

  #startCancel(timeline: Timeline): void {
    if (timeline.canceled) return
    const now = Date.now()
    this.#advance(timeline, now)
    timeline.canceled = true
    timeline.steps = timeline.script.after ?? [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }]
    timeline.index = 0
    timeline.readsInStep = 0
    timeline.stepStartedAt = now
  }

  #read(timeline: Timeline): Record<string, unknown> {
    const status = this.#status(timeline, Date.now())
    timeline.readsInStep += 1
    return status
  }

  /** Moves through steps whose reads or time are used up, noting when each state began. */
  #advance(timeline: Timeline, now: number): void {
    for (;;) {
      const step = timeline.steps[timeline.index]
      if (!step || timeline.index >= timeline.steps.length - 1) break
      const readsDone = step.reads !== undefined && timeline.readsInStep >= step.reads
      const timeDone = step.ms !== undefined && now - timeline.stepStartedAt >= step.ms
      if (!readsDone && !timeDone) break
      timeline.stepStartedAt = timeDone && !readsDone ? timeline.stepStartedAt + (step.ms as number) : now
      timeline.index += 1
      timeline.readsInStep = 0
    }
    const state = timeline.steps[timeline.index]?.state ?? 'DEPLOYED'
    if (timeline.history.at(-1)?.state !== state) timeline.history.push({ state, at: timeline.stepStartedAt })
  }

  #status(timeline: Timeline, now: number): Record<string, unknown> {
    this.#advance(timeline, now)
    const state = timeline.steps[timeline.index]?.state ?? 'DEPLOYED'
    return {
      id: timeline.script.id,
      state,
      last_deployment_state: state,
      last_deployment_date: timeline.deploymentStartedAt,
      last_deployment_id: timeline.lastDeploymentId,
      total_deployment_duration_in_seconds: Math.round((now - Date.parse(timeline.deploymentStartedAt)) / 1000),
      origin: 'API',
      triggered_by: 'simulator@example.com',
      deployment_status: 'OUT_OF_DATE',
      deployment_request_id: timeline.deploymentRequestId,
      metrics: null
    }
  }
}

export async function startSimulator(options: SimulatorOptions): Promise<QoverySimulator> {
  return new QoverySimulator(options).start()
}
