/**
 * A local Qovery API for tests, the demo and the benchmark: a real HTTP server on 127.0.0.1
 * answering the endpoints the action uses as Qovery's OpenAPI spec describes them, with
 * scripted state timelines, injected faults, and a log of every request. Each request that runs
 * gets an execution id (the status's last_deployment_id while it is shown) and does to the
 * environment's services what simulated-deployments.ts says. A world (simulated-worlds.ts) picks
 * a reading of each fact the spec leaves open; `truth` tells what truly happened, in any world.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { isFinalState } from '../src/rules/states.ts'
import type { AnswerMark, CancelMark, EnvironmentTruth, RequestTruth } from './ground-truth.ts'
import {
  environmentBody,
  historyEntry,
  queuedStateOf,
  type Run,
  runStages,
  type ServiceScript,
  stableUuid,
  statusesBody
} from './simulated-deployments.ts'
import { type FullWorld, fullWorld, LAG_READS, Lagging, stateShown, type World } from './simulated-worlds.ts'

export type { ServiceScript } from './simulated-deployments.ts'
export type { World } from './simulated-worlds.ts'

/** One state of a timeline, held for a number of status reads, for a time, or for good. */
export interface Step {
  state: string
  reads?: number
  ms?: number
}

/** A deployment request: its timeline while it runs, and how it takes a cancel. */
export interface RequestScript {
  /** Its deployment_request_id (default: a random UUID). */
  requestId?: string
  /** The timeline before any cancel; the request ends when it reaches a final state. */
  before: Step[]
  /** How the environment cancel is answered while it runs: 202 with the current status, or 409. */
  cancel?: 'accept' | 'conflict'
  /**
   * The timeline from the cancel on. The 202 body shows the state of the moment, the old one,
   * as the real API may. Default: one read of CANCELING, then CANCELED.
   */
  after?: Step[]
  triggeredBy?: string
  /** Its kind, the queue row's and the history's trigger_action: DEPLOY (the default), STOP, DELETE, RESTART... */
  action?: string
  /** Its execution id, the status's last_deployment_id while it is shown (default: a random UUID). */
  executionId?: string
  /** The stage (index) it was in when it ended or was canceled, or is in while it runs (default 1; see simulated-deployments.ts). */
  stageReached?: number
  /** Once it has ended, the state these services (by id) show in it, over the rule of simulated-deployments.ts. */
  serviceEnds?: Record<string, string>
  /**
   * Another client's cancel reaches it just before an environment cancel does: as that cancel
   * arrives, it ends CANCELED (canceled elsewhere), the next waiting request starts at once, and
   * the environment cancel hits that one.
   */
  canceledElsewhereFirst?: boolean
}

/** A request waiting in the queue behind the current one. */
interface WaitingScript extends Partial<RequestScript> {
  /** Once nothing runs, how long it waits before it starts (default: it starts at once). */
  startAfterMs?: number
  /**
   * For this long after the simulator starts, Qovery does not know it yet, as right after the
   * deploy call: the queue does not list it, the lookup answers 404, and it does not start.
   */
  unknownForMs?: number
}

/**
 * An environment: its current request (running, or ended when its first state is final) and
 * the requests waiting behind it, which start one after the other as each ends.
 */
export interface EnvironmentScript extends RequestScript {
  id: string
  /** Its name in the environment list (default: env-<first 8 characters of the id>). */
  name?: string
  mode?: 'PRODUCTION' | 'STAGING' | 'DEVELOPMENT' | 'PREVIEW'
  queue?: WaitingScript[]
  /** Requests that ran and ended before the current one, for the lookup. */
  past?: Array<{ requestId: string; state: string }>
  /** What the status shows while requests wait and none runs: a state, or 'stale' for the last final one. */
  waitingShows?: string
  /** The lookup by request id answers 404 for every request of this environment. */
  lookupUnknown?: boolean
  /** Request ids that were merged into another: listed nowhere, and unknown to the lookup. */
  merged?: string[]
  /** The status names no deployment_request_id (the field is optional). */
  noRequestId?: boolean
  /** Its services, stage by stage, for /statuses and /deploymentHistoryV2 (default: none). */
  services?: ServiceScript[]
  /** Rewrites each of its deployment history entries before it is sent: the odd shapes an answer may take. */
  reshapeHistory?: (entry: Record<string, unknown>) => unknown
  /** For GET /environment/{id} when it is not under `organizations` (default: ids derived from its id, always the same). */
  organizationId?: string
  projectId?: string
  /** The readings of the facts the spec leaves open, over the simulator's `world` fact by fact (default: the project's). */
  world?: World
}

/**
 * An answer replaced: a status with a body, a reset, no answer, a body that stalls, is cut short
 * or is a proxy's HTML page; a body that never ends (a broken proxy); or a gzip bomb, a 200 whose
 * few MiB on the wire decode to 4 GiB.
 */
export type FaultKind =
  | { status: number; retryAfter?: string; body?: string }
  | 'reset'
  | 'hang'
  | 'stall-body'
  | 'truncated'
  | 'html'
  | 'endless-body'
  | 'gzip-bomb'

/** An organization, its projects and their environments, for the list endpoints. */
export interface OrganizationScript {
  id: string
  name: string
  projects: Array<{ id: string; name: string; environments: EnvironmentScript[] }>
}

export type RequestKind =
  | 'status'
  | 'cancel'
  | 'list'
  | 'queue'
  | 'lookup'
  | 'cancel-request'
  | 'deploy'
  /** GET /environment/{id} */
  | 'environment'
  /** GET /environment/{id}/statuses */
  | 'statuses'
  /** GET /environment/{id}/deploymentHistoryV2 */
  | 'history'

export interface FaultRule {
  on: RequestKind
  fault: FaultKind
  /** How many matching requests get the fault (default 1). */
  times?: number
  /** Requests of this kind (counted from the first, whatever answered them) before the fault applies (default 0). */
  skip?: number
  /** For a cancel: carry the cancel out, then answer with the fault (the client cannot tell). */
  processFirst?: boolean
  /** Only requests that arrive once an environment cancel was received: the reads of the wait and after it, not those before. */
  afterCancel?: boolean
}

/**
 * The reads that only add to the report (the environment's name, its deployment history, its
 * services' statuses), which go side by side with the others once the cancel is on its way.
 */
export function isReportRead(request: { method: string; path: string }): boolean {
  return (
    request.method === 'GET' &&
    /\/environment\/[^/]+(\/deploymentHistoryV2|\/statuses)?$/.test(request.path) &&
    !request.path.endsWith('/status') &&
    !request.path.endsWith('/deploymentStatus')
  )
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
  /** Every answer waits this long, as over a network: a round trip to a distant API. */
  latencyMs?: number
  /** Serve HTTPS with this key and certificate, under this host name in `url` (default 127.0.0.1). */
  tls?: { key: string; cert: string; hostname?: string }
  /** The world of every environment, unless its script's `world` says otherwise fact by fact (default: the project's readings). */
  world?: World
  /** Every answer's body comes encoded so, asked for or not, as from a gateway that compresses. */
  encoding?: 'gzip' | 'deflate' | 'br'
  /** Every answer carries about this many bytes of headers, in cookies of up to 4 KiB, as from a load balancer. */
  headerBytes?: number
  /** Every answer closes its connection: each request opens a new one, and looks the host up again. */
  closeConnections?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  /** The query string, with its `?`, or empty. */
  search: string
  authorization: string | undefined
  accept: string | undefined
  acceptEncoding: string | undefined
  userAgent: string | undefined
  body: string
  at: number
  /** The HTTP status answered, or the fault that replaced the answer. */
  answer: AnswerMark
  /** For an HTTP proxy test: how the request reached the server. */
  via?: string
  /** What it asked for, once routed. */
  kind?: RequestKind
  /** The environment it was about (a request asked for by id: the environment of that request), when known. */
  environmentId?: string
  /** When the answer was computed (after `latencyMs`): what it shows was true then. */
  handledAt?: number
}

/** A deployment request as the simulator runs it. */
interface Request {
  id: string
  executionId: string
  script: RequestScript
  phase: 'waiting' | 'running' | 'ended'
  steps: Step[]
  index: number
  readsInStep: number
  stepStartedAt: number
  canceled: boolean
  /** It started running at some point (a request canceled while waiting never did). */
  ran: boolean
  /** When it started running, and when it ended (epoch milliseconds). */
  startedAt?: number
  endedAt?: number
  startAfterMs: number
  /** When Qovery knows it from (epoch milliseconds): before, it is listed nowhere. */
  knownFrom: number
  /** Every state it took, and when. */
  states: Array<{ state: string; at: number }>
  /** The first cancel that reached it. */
  cancel?: CancelMark
  /** Other ids of the same request (world mergedRequests: two-ids). */
  otherIds: string[]
  /** History reads since it ended (world historyLags). */
  historyReadsAfterEnd: number
}

interface Environment {
  script: EnvironmentScript
  requests: Request[]
  /** When the last request ended: waiting requests count their start delay from it. */
  idleSince: number
  organizationId: string
  projectId: string
  /** Every state the status showed (in the default world), and when, for timing measurements. */
  history: Array<{ state: string; at: number }>
  world: FullWorld
  /** The status's fields that a world shows with a lag. */
  lags: { state: Lagging<string>; lastDeploymentState: Lagging<string>; requestId: Lagging<string | null> }
  /** Each environment cancel that got past the checks: its log index, when, and the request running then. */
  cancels: Array<{ record: number; at: number; hit: string | null }>
}

/** What the status shows, before a world's lags: see QoverySimulator.#statusView. */
interface StatusView {
  state: string
  lastDeploymentState: string
  /** The request whose date, duration and author it gives. */
  request: Request | undefined
  requestId: string | null
  lastDeploymentId: string | null
}

/** The current request at the start has been running this long. */
const RUNNING_FOR_MS = 42_000
const DEFAULT_PAGE_SIZE = 20
/** The final states of a request that succeeded (world lastDeploymentId: last-successful). */
const SUCCESS_STATES = new Set(['DEPLOYED', 'STOPPED', 'RESTARTED', 'DELETED'])

const DEFAULT_AFTER: Step[] = [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }]
/** A waiting request, once started, deploys for a while unless its script says otherwise. */
const DEFAULT_WAITING_RUN: Step[] = [{ state: 'DEPLOYING', ms: 60_000 }, { state: 'DEPLOYED' }]

export class QoverySimulator {
  readonly requests: RecordedRequest[] = []
  /** Requests answered with an injected fault. */
  faultsInjected = 0
  #server: Server | undefined
  #sockets = new Set<Socket>()
  #environments = new Map<string, Environment>()
  #faults: Array<FaultRule & { used: number }>
  #waiters: Array<{ matches: (request: RecordedRequest) => boolean; resolve: (request: RecordedRequest) => void }> = []
  #seen: Record<RequestKind, number> = {
    status: 0,
    cancel: 0,
    list: 0,
    queue: 0,
    lookup: 0,
    'cancel-request': 0,
    deploy: 0,
    environment: 0,
    statuses: 0,
    history: 0
  }
  #basePath: string
  #lastTick = 0
  url = ''
  private readonly options: SimulatorOptions

  constructor(options: SimulatorOptions) {
    this.options = options
    this.#faults = (options.faults ?? []).map((rule) => ({ ...rule, used: 0 }))
    this.#basePath = options.basePath ?? '/'
    const nested = (options.organizations ?? []).flatMap((organization) =>
      organization.projects.flatMap((project) =>
        project.environments.map((script) => ({ script, organizationId: organization.id, projectId: project.id }))
      )
    )
    const byId = (options.environments ?? []).map((script) => ({
      script,
      organizationId: script.organizationId ?? stableUuid(`organization:${script.id.toLowerCase()}`),
      projectId: script.projectId ?? stableUuid(`project:${script.id.toLowerCase()}`)
    }))
    const now = Date.now()
    for (const { script, organizationId, projectId } of [...byId, ...nested]) {
      const past = script.past ?? []
      const current = this.#newRequest(script, 'running', now)
      current.startedAt = now - RUNNING_FOR_MS
      const environment: Environment = {
        script,
        requests: [
          ...past.map((ended, index) => {
            const request = this.#newRequest({ requestId: ended.requestId, before: [{ state: ended.state }] }, 'ended', now)
            // One minute each, one after the other, before the current one.
            request.startedAt = now - RUNNING_FOR_MS - 60_000 * (past.length - index)
            request.endedAt = request.startedAt + 30_000
            return request
          }),
          current,
          ...(script.queue ?? []).map((waiting) =>
            this.#newRequest(
              { before: DEFAULT_WAITING_RUN, ...waiting },
              'waiting',
              now,
              waiting.startAfterMs,
              now + (waiting.unknownForMs ?? 0)
            )
          )
        ],
        idleSince: now,
        organizationId,
        projectId,
        history: [],
        world: fullWorld(options.world, script.world),
        lags: { state: new Lagging(), lastDeploymentState: new Lagging(), requestId: new Lagging() },
        cancels: []
      }
      for (const request of environment.requests) if (request.phase === 'waiting') merge(environment, request)
      this.#environments.set(script.id.toLowerCase(), environment)
      this.#advance(environment, now)
    }
  }

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.#handle(req, res)
    const tls = this.options.tls
    this.#server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler)
    this.#server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject)
      this.#server!.listen(this.options.port ?? 0, '127.0.0.1', resolve)
    })
    const { port } = this.#server.address() as AddressInfo
    this.url = `${tls ? 'https' : 'http'}://${tls?.hostname ?? '127.0.0.1'}:${port}${this.#basePath}`
    return this
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }

  /** The states the environment's status went through, with the time each began. */
  history(environmentId: string): Array<{ state: string; at: number }> {
    const environment = this.#environments.get(environmentId.toLowerCase())
    if (environment) this.#advance(environment, this.#tick())
    return environment?.history ?? []
  }

  /** Each deployment request of the environment, in order: id, where it is, its state now. */
  deploymentRequests(
    environmentId: string
  ): Array<{ id: string; phase: Request['phase']; state: string; states: string[]; executionId?: string }> {
    const environment = this.#environments.get(environmentId.toLowerCase())
    if (!environment) return []
    this.#advance(environment, this.#tick())
    return environment.requests.map((request) => ({
      id: request.id,
      phase: request.phase,
      state: stateOf(request),
      states: request.states.map((entry) => entry.state),
      ...(request.ran ? { executionId: request.executionId } : {})
    }))
  }

  /**
   * Resolves with the first request that arrived, or arrives, matching (seen as it arrives, before
   * it is answered): a test waits for the event itself rather than for a time it would take.
   */
  waitForRequest(matches: (request: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const found = this.requests.find(matches)
    if (found !== undefined) return Promise.resolve(found)
    return new Promise((resolve) => this.#waiters.push({ matches, resolve }))
  }

  /** The cancels received: of the environment and of single requests. */
  cancelRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/cancelDeployment'))
  }

  /**
   * Now, in epoch milliseconds, later than every earlier tick: two requests handled in the same
   * millisecond are still told apart in the order they were handled, so that the ground truth
   * never puts a read after a cancel that came after it.
   */
  #tick(): number {
    this.#lastTick = Math.max(Date.now(), this.#lastTick + 1)
    return this.#lastTick
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { record, url, index } = await this.#record(req)
    this.#setCommonHeaders(res)
    const reply = replier(record, res, this.options.encoding)
    if (!record.path.startsWith(this.#basePath)) return reply.error(404, 'Not Found', `No route ${record.path}`)
    const route = routeOf(record.method, record.path.slice(this.#basePath.length))
    if (route === undefined) return reply.error(404, 'Not Found', `No route ${record.method} ${record.path}`)
    record.kind = route.kind
    record.handledAt = this.#tick()
    if ('id' in route && route.kind !== 'cancel-request') record.environmentId = route.id
    const credential = /^(?:Token|Bearer) (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (credential === undefined || (credential !== this.options.token && credential !== this.options.readOnlyToken)) {
      return reply.error(401, 'Unauthorized', 'Access token is missing or invalid')
    }
    const exchange: Exchange = {
      record,
      res,
      reply,
      url,
      readOnly: credential === this.options.readOnlyToken,
      rule: this.#faultFor(
        route.kind,
        this.requests.some((earlier) => earlier.kind === 'cancel' && earlier !== record)
      ),
      now: record.handledAt,
      index
    }
    if (route.kind === 'list') {
      if (exchange.rule) return this.#fail(exchange.rule.fault, record, res, undefined)
      const results = this.#list(route.organizationId, route.projectId)
      return results === undefined
        ? reply.error(404, 'Not Found', `${route.organizationId ? 'Organization' : 'Project'} not found`)
        : reply.answer(200, { results })
    }
    if (route.kind === 'lookup' || route.kind === 'cancel-request') return this.#handleRequestRoute(route, exchange)
    return this.#handleEnvironmentRoute(route, exchange)
  }

  /** Reads the request's body, waits out the latency, records it and wakes whoever waits for it. */
  async #record(req: IncomingMessage): Promise<{ record: RecordedRequest; url: URL; index: number }> {
    const arrivedAt = Date.now()
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs))
    const url = new URL(req.url ?? '/', 'http://simulator')
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      search: url.search,
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      acceptEncoding: req.headers['accept-encoding'],
      userAgent: req.headers['user-agent'],
      body: Buffer.concat(chunks).toString('utf8'),
      at: arrivedAt,
      answer: 0
    }
    const via = req.headers['x-simulator-via']
    if (typeof via === 'string') record.via = via
    const index = this.requests.push(record) - 1
    this.#waiters = this.#waiters.filter((waiter) => !(waiter.matches(record) && (waiter.resolve(record), true)))
    return { record, url, index }
  }

  /** The headers every answer carries: padding as a load balancer's cookies, and the connection's end. */
  #setCommonHeaders(res: ServerResponse): void {
    if (this.options.closeConnections) res.setHeader('connection', 'close')
    const padding = this.options.headerBytes ?? 0
    const cookies: string[] = []
    // Each line is `set-cookie: lb<n>=<value>\r\n`: about 20 bytes around its value.
    for (let left = padding; left > 20; left -= 4096) cookies.push(`lb${cookies.length}=${'c'.repeat(Math.min(4096, left) - 20)}`)
    if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  }

  /** The fault rule that applies to this request of this kind (`afterCancel`: one arrived before it), counted as used; undefined for none. */
  #faultFor(kind: RequestKind, afterCancel: boolean): (FaultRule & { used: number }) | undefined {
    const position = this.#seen[kind]++
    const rule = this.#faults.find(
      (candidate) =>
        candidate.on === kind &&
        candidate.used < (candidate.times ?? 1) &&
        position >= (candidate.skip ?? 0) &&
        (candidate.afterCancel !== true || afterCancel)
    )
    if (rule) rule.used += 1
    return rule
  }

  /** GET environment/deploymentStatus and POST deploymentQueue/{id}/cancelDeployment: one request by its id. */
  #handleRequestRoute(route: Extract<Route, { kind: 'lookup' | 'cancel-request' }>, exchange: Exchange): void {
    const { record, res, reply, url, rule, now } = exchange
    const id = route.kind === 'lookup' ? url.searchParams.get('deploymentRequestId') : route.id
    if (route.kind === 'lookup' && (id === null || !UUID.test(id)))
      return reply.error(400, 'Bad Request', 'deploymentRequestId must be a UUID')
    const found = this.#findRequest(id as string, now)
    if (found) record.environmentId = found.environment.script.id
    if (rule && !(route.kind === 'cancel-request' && rule.processFirst)) return this.#fail(rule.fault, record, res, found?.environment)
    if (route.kind === 'lookup') {
      if (!found || found.environment.script.lookupUnknown) return reply.error(404, 'Not Found', `Deployment request ${id} not found`)
      const status = lookupState(found.environment.world, found.request)
      if (found.request.phase === 'running') found.request.readsInStep += 1
      return reply.answer(200, { deployment_request_id: found.id, environment_id: found.environment.script.id, status })
    }
    if (!found) return reply.error(404, 'Not Found', `Deployment request ${id} not found`)
    if (exchange.readOnly) return reply.error(403, 'Forbidden', 'This token cannot deploy this environment')
    if (found.request.phase !== 'waiting')
      return reply.error(409, 'Conflict', 'Deployment request is already cancelled or an operation is in progress')
    found.request.cancel = { by: 'request', record: exchange.index, at: now }
    this.#end(found.environment, found.request, 'CANCELED', now)
    if (rule) return this.#fail(rule.fault, record, res, found.environment)
    return reply.answer(202)
  }

  /** The routes under environment/{id}: its reads, a deploy and its cancel. */
  #handleEnvironmentRoute(route: Extract<Route, { id: string }>, exchange: Exchange): void {
    const { record, res, reply, url, rule, now } = exchange
    const environment = this.#environments.get(route.id.toLowerCase())
    if (!environment) return reply.error(404, 'Not Found', `Environment ${route.id} not found`)
    if (rule && !(route.kind === 'cancel' && rule.processFirst)) return this.#fail(rule.fault, record, res, environment)
    switch (route.kind) {
      case 'status': {
        const status = this.#status(environment, now, true)
        const running = environment.requests.find((request) => request.phase === 'running')
        if (running) running.readsInStep += 1
        return reply.answer(200, status)
      }
      case 'queue':
        return reply.answer(200, { results: this.#queueRows(environment, now) })
      case 'environment':
      case 'statuses':
      case 'history':
        return reply.answer(...this.#servicesRead(route.kind, environment, url.searchParams, now))
      case 'deploy':
        return reply.answer(202, this.#deploy(environment, now))
      case 'cancel':
        return this.#cancel(environment, exchange)
    }
  }

  /** POST environment/{id}/deploy: a new request, queued behind whatever runs or waits. */
  #deploy(environment: Environment, now: number): unknown {
    const request = this.#newRequest({ before: DEFAULT_WAITING_RUN }, 'waiting', now)
    merge(environment, request)
    environment.requests.push(request)
    this.#advance(environment, now)
    const shown = this.#status(environment, now)
    return {
      id: environment.script.id,
      state: shown.state,
      service_deployment_status: 'OUT_OF_DATE',
      status_details: { action: 'DEPLOY', status: 'QUEUED', sub_action: 'NONE' },
      is_part_last_deployment: false,
      deployment_requests_count: this.#waiting(environment, now).length,
      deployment_request_id: request.id
    }
  }

  /** POST environment/{id}/cancelDeployment: cancels the running request, or 409 when none can be. */
  #cancel(environment: Environment, exchange: Exchange): void {
    const { record, res, reply, rule, now } = exchange
    if (exchange.readOnly) return reply.error(403, 'Forbidden', 'This token cannot deploy this environment')
    let payload: unknown = {}
    if (record.body !== '') {
      try {
        payload = JSON.parse(record.body)
      } catch {
        return reply.error(400, 'Bad Request', 'The body is not JSON')
      }
    }
    const force = (payload as { force_cancel?: unknown } | null)?.force_cancel
    if (typeof payload !== 'object' || payload === null || (force !== undefined && typeof force !== 'boolean')) {
      return reply.error(400, 'Bad Request', 'force_cancel must be a boolean')
    }
    this.#advance(environment, now)
    this.#cancelElsewhereFirst(environment, now)
    const running = environment.requests.find((request) => request.phase === 'running')
    environment.cancels.push({ record: exchange.index, at: now, hit: running?.id ?? null })
    if (!running || running.canceled || running.script.cancel === 'conflict') {
      // A scripted conflict: someone else's cancel is under way.
      if (running) this.#startCancel(running, now, { by: 'elsewhere', at: now })
      return reply.error(409, 'Conflict', 'Environment deployment is already cancelled or an operation is in progress')
    }
    const body = this.#cancelBody(environment, now)
    this.#startCancel(running, now, { by: 'environment', record: exchange.index, at: now })
    if (rule) return this.#fail(rule.fault, record, res, environment)
    return reply.answer(202, body)
  }

  /** A running request scripted `canceledElsewhereFirst` ends CANCELED by another's cancel, and the next one starts. */
  #cancelElsewhereFirst(environment: Environment, now: number): void {
    const running = environment.requests.find((request) => request.phase === 'running')
    if (running?.script.canceledElsewhereFirst !== true || running.canceled) return
    running.canceled = true
    running.cancel ??= { by: 'elsewhere', at: now }
    this.#end(environment, running, 'CANCELED', now)
    this.#advance(environment, now)
  }

  /**
   * The 202's EnvironmentStatus, before the cancel starts (world cancelBody): the status of the
   * moment (`now`), that status saying CANCELED (`optimistic`), or the last request that ran and
   * ended, as the status showed it once it had, without a request id (`stale`; DEPLOYED and no
   * ids when none did).
   */
  #cancelBody(environment: Environment, now: number): Record<string, unknown> {
    const world = environment.world
    if (world.cancelBody === 'optimistic')
      return { ...this.#status(environment, now), state: 'CANCELED', last_deployment_state: 'CANCELED' }
    if (world.cancelBody === 'now') return this.#status(environment, now)
    const earlier = lastEnded(environment)
    const state = earlier ? stateOf(earlier) : 'DEPLOYED'
    return statusBody(
      environment,
      {
        state,
        lastDeploymentState: state,
        request: earlier,
        requestId: null,
        lastDeploymentId: earlier ? lastDeploymentIdOf(environment, earlier) : null
      },
      now
    )
  }

  /**
   * The environment (Environment), its services now (EnvironmentStatuses: each in its state in
   * the request shown) or the requests that ran, newest first (DeploymentHistoryEnvironmentV2,
   * `pageSize` of them, 20 by default; 400 unless a whole number from 1). Reading the services
   * is not a status read: the timelines count reads of /status only.
   */
  #servicesRead(
    kind: 'environment' | 'statuses' | 'history',
    environment: Environment,
    query: URLSearchParams,
    now: number
  ): [number, unknown] {
    const { script } = environment
    const services = script.services ?? []
    if (kind === 'environment') return [200, environmentBody(script, environment.organizationId, environment.projectId)]
    if (kind === 'statuses') {
      const status = this.#status(environment, now)
      const shown = this.#shown(environment, now).request
      return [200, statusesBody(status, services, shown && run(shown, now, environment.world), this.#waiting(environment, now).length)]
    }
    const pageSize = Number(query.get('pageSize') ?? DEFAULT_PAGE_SIZE)
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      return [400, { status: 400, error: 'Bad Request', detail: 'pageSize must be a whole number from 1' }]
    }
    this.#advance(environment, now)
    const ran = environment.requests.filter((request) => request.ran).sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))
    const results = ran.slice(0, pageSize).map((request) => {
      const entry = historyEntry(script.id, services, historyRun(environment, request, now), now)
      return script.reshapeHistory === undefined ? entry : script.reshapeHistory(entry)
    })
    for (const request of ran) if (request.phase === 'ended') request.historyReadsAfterEnd += 1
    return [200, { page: 1, page_size: pageSize, results }]
  }

  #newRequest(script: RequestScript, phase: Request['phase'], now: number, startAfterMs = 0, knownFrom = now): Request {
    const first = script.before[0]?.state ?? 'DEPLOYED'
    return {
      id: (script.requestId ?? randomUUID()).toLowerCase(),
      executionId: script.executionId ?? randomUUID(),
      script,
      phase,
      steps: script.before,
      index: 0,
      readsInStep: 0,
      stepStartedAt: now,
      canceled: false,
      ran: phase !== 'waiting',
      startAfterMs,
      knownFrom,
      ...(phase === 'waiting' ? {} : { startedAt: now }),
      states: phase === 'waiting' ? [] : [{ state: first, at: now }],
      otherIds: [],
      historyReadsAfterEnd: 0
    }
  }

  /** The request with this id (or one of its other ids) Qovery knows now, and the id it was asked by. */
  #findRequest(asked: string, now: number): { environment: Environment; request: Request; id: string } | undefined {
    const id = asked.toLowerCase()
    for (const environment of this.#environments.values()) {
      if (environment.script.merged?.includes(id)) return undefined
      this.#advance(environment, now)
      const request = environment.requests.find(
        (candidate) => (candidate.id === id || candidate.otherIds.includes(id)) && candidate.knownFrom <= now
      )
      if (request) return { environment, request, id }
    }
    return undefined
  }

  /**
   * The queue's rows (QueuedDeploymentRequestWithStages): the waiting requests, after the running
   * one in world queueLists: running-first; each waiting one twice in mergedRequests: listed-twice,
   * or followed by a row for its other id in mergedRequests: two-ids.
   */
  #queueRows(environment: Environment, now: number): Array<Record<string, unknown>> {
    const world = environment.world
    const waiting = this.#waiting(environment, now)
    const running = world.queueLists === 'running-first' ? environment.requests.filter((request) => request.phase === 'running') : []
    const rowsOf = (request: Request): Array<Record<string, unknown>> => {
      const row = queued(environment, request, request.id)
      if (request.phase !== 'waiting') return [row]
      if (world.mergedRequests === 'listed-twice') return [row, row]
      return [row, ...request.otherIds.map((id) => queued(environment, request, id))]
    }
    return [...running, ...waiting].flatMap(rowsOf)
  }

  #waiting(environment: Environment, now: number): Request[] {
    this.#advance(environment, now)
    return environment.requests.filter((request) => request.phase === 'waiting' && request.knownFrom <= now)
  }

  /** The list endpoints' results, shaped as Qovery's Organization, Project and Environment. */
  #list(organizationId: string | undefined, projectId: string | undefined): Array<Record<string, unknown>> | undefined {
    const organizations = this.options.organizations ?? []
    const stamp = { created_at: '2026-01-05T10:00:00Z', updated_at: '2026-11-01T09:30:00Z' }
    if (organizationId === undefined && projectId === undefined) {
      return organizations.map((organization) => ({
        id: organization.id,
        ...stamp,
        name: organization.name,
        description: null,
        plan: 'TEAM',
        website_url: null,
        repository: null,
        logo_url: null,
        icon_url: null,
        admin_emails: []
      }))
    }
    if (organizationId !== undefined) {
      const organization = organizations.find((candidate) => candidate.id === organizationId)
      return organization?.projects.map((project) => ({
        id: project.id,
        ...stamp,
        name: project.name,
        description: null,
        organization: { id: organization.id }
      }))
    }
    for (const organization of organizations) {
      const project = organization.projects.find((candidate) => candidate.id === projectId)
      if (project) {
        return project.environments.map((environment) => environmentBody(environment, organization.id, project.id))
      }
    }
    return undefined
  }

  #fail(fault: FaultKind, record: RecordedRequest, res: ServerResponse, environment: Environment | undefined): void {
    this.faultsInjected += 1
    if (typeof fault === 'object') {
      record.answer = fault.status
      const body = fault.body ?? JSON.stringify({ status: fault.status, error: 'Injected fault', detail: `Injected ${fault.status}` })
      const headers = { 'content-type': 'application/json', ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }) }
      return send(res, fault.status, headers, body, this.options.encoding)
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
        res.write(this.#body(environment).slice(0, 20))
        return
      case 'truncated': {
        record.answer = 200
        const text = this.#body(environment).slice(0, 25)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(text)
        return
      }
      case 'html':
        record.answer = 200
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html><body><h1>502 Bad Gateway</h1><p>upstream unavailable</p></body></html>')
        return
      case 'endless-body':
        record.answer = 'endless-body'
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"id": "')
        return pump(res, () => ENDLESS_CHUNK)
      case 'gzip-bomb': {
        record.answer = 200
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
        let members = 0
        // gzip members one after the other are one gzip body: 256 of 16 MiB of blanks decode to 4 GiB.
        return pump(res, () => (members++ < 256 ? gzipBombMember() : undefined))
      }
    }
  }

  /** The body a good answer would have had, for faults that cut it short. */
  #body(environment: Environment | undefined): string {
    return environment
      ? JSON.stringify(this.#status(environment, this.#tick()))
      : JSON.stringify({ results: this.#list(undefined, undefined) })
  }

  #startCancel(request: Request, now: number, mark: CancelMark): void {
    if (request.canceled) return
    request.canceled = true
    request.cancel ??= mark
    request.steps = request.script.after ?? DEFAULT_AFTER
    request.index = 0
    request.readsInStep = 0
    request.stepStartedAt = now
    note(request, now)
  }

  #end(environment: Environment, request: Request, state: string, now: number): void {
    request.phase = 'ended'
    request.steps = [{ state }]
    request.index = 0
    request.states.push({ state, at: now })
    request.endedAt = now
    environment.idleSince = now
  }

  /**
   * Moves the running request through the steps whose reads or time are used up; when it ends,
   * the next waiting request starts (after its delay), and so on. Notes what the status shows.
   */
  #advance(environment: Environment, now: number): void {
    for (;;) {
      const running = environment.requests.find((request) => request.phase === 'running')
      if (running) {
        const step = running.steps[running.index]
        const last = running.index >= running.steps.length - 1
        if (last || step === undefined) {
          if (isFinalState(stateOf(running))) {
            running.phase = 'ended'
            running.endedAt = running.stepStartedAt
            environment.idleSince = running.stepStartedAt
            continue
          }
          break
        }
        const readsDone = step.reads !== undefined && running.readsInStep >= step.reads
        const timeDone = step.ms !== undefined && now - running.stepStartedAt >= step.ms
        if (!readsDone && !timeDone) break
        running.stepStartedAt = timeDone && !readsDone ? running.stepStartedAt + (step.ms as number) : now
        running.index += 1
        running.readsInStep = 0
        note(running, running.stepStartedAt)
        continue
      }
      const next = environment.requests.find((request) => request.phase === 'waiting' && request.knownFrom <= now)
      if (!next || now - environment.idleSince < next.startAfterMs) break
      next.phase = 'running'
      next.ran = true
      next.stepStartedAt = Math.max(environment.idleSince + next.startAfterMs, next.knownFrom)
      next.startedAt = next.stepStartedAt
      note(next, next.stepStartedAt)
    }
    // The time the shown state began: the running request's step, or the moment the last one ended.
    const shown = this.#shown(environment, now)
    const running = environment.requests.find((request) => request.phase === 'running')
    if (environment.history.at(-1)?.state !== shown.state)
      environment.history.push({ state: shown.state, at: running ? running.stepStartedAt : environment.idleSince })
  }

  /**
   * What the status shows in the default world: the running request, else the queue's state
   * (of the first waiting request's kind, unless scripted), else the last request that ran.
   */
  #shown(environment: Environment, now: number): { state: string; request: Request | undefined } {
    const running = environment.requests.find((request) => request.phase === 'running')
    if (running) return { state: stateOf(running), request: running }
    const last = lastEnded(environment)
    const waiting = environment.requests.find((request) => request.phase === 'waiting' && request.knownFrom <= now)
    const shows = environment.script.waitingShows ?? queuedStateOf(waiting?.script.action ?? 'DEPLOY')
    if (waiting !== undefined && shows !== 'stale') return { state: shows, request: last }
    return { state: last ? stateOf(last) : 'DEPLOYED', request: last }
  }

  /**
   * What the status shows in the environment's world, before its lags: the state named as the
   * world names a kind's states; in lastDeploymentState: environment-state, while none runs,
   * last_deployment_state is the last request's end, and a CANCELED state is DEPLOYED (rolled
   * back); the request id and last_deployment_id as requestIdInStatus and lastDeploymentId read them.
   */
  #statusView(environment: Environment, now: number): StatusView {
    const world = environment.world
    const { state, request } = this.#shown(environment, now)
    const shown = stateShown(world, kindOf(request), state)
    const last = lastEnded(environment)
    const rolledBack = world.lastDeploymentState === 'environment-state' && request?.phase !== 'running'
    return {
      state: rolledBack && shown === 'CANCELED' ? 'DEPLOYED' : shown,
      lastDeploymentState: rolledBack && last !== undefined ? stateOf(last) : shown,
      request,
      requestId: world.requestIdInStatus === 'last-ended' ? (last?.id ?? null) : (request?.id ?? null),
      lastDeploymentId: lastDeploymentIdOf(environment, request)
    }
  }

  /** EnvironmentStatus in the environment's world, its lags included; `read` counts it as a status read (which moves the lags on). */
  #status(environment: Environment, now: number, read = false): Record<string, unknown> {
    this.#advance(environment, now)
    const view = this.#statusView(environment, now)
    const { world, lags } = environment
    return statusBody(
      environment,
      {
        ...view,
        state: world.lastDeploymentState === 'state-lags' ? lags.state.show(view.state, read) : view.state,
        lastDeploymentState:
          world.lastDeploymentState === 'lds-lags'
            ? lags.lastDeploymentState.show(view.lastDeploymentState, read)
            : view.lastDeploymentState,
        requestId: world.requestIdInStatus === 'lags' ? lags.requestId.show(view.requestId, read) : view.requestId
      },
      now
    )
  }

  /**
   * The ground truth of an environment, whatever its world shows: each request, what runs and
   * waits now, the environment cancels and the request each hit, and every call about it.
   */
  truth(environmentId: string): EnvironmentTruth {
    const environment = this.#environments.get(environmentId.toLowerCase())
    if (!environment) throw new Error(`No environment ${environmentId} in the simulator`)
    const now = this.#tick()
    this.#advance(environment, now)
    const id = environment.script.id.toLowerCase()
    const calls = this.requests.flatMap((record, index) =>
      record.environmentId?.toLowerCase() === id && record.kind !== undefined
        ? [{ record: index, kind: record.kind, at: record.handledAt ?? record.at, answer: record.answer, ...askedFor(record) }]
        : []
    )
    return {
      environmentId: environment.script.id,
      at: now,
      requests: environment.requests.map((request) => requestTruth(request, environment.script.services ?? [], now)),
      running: environment.requests.find((request) => request.phase === 'running')?.id ?? null,
      waiting: this.#waiting(environment, now).map((request) => request.id),
      environmentCancels: environment.cancels.map((cancel) => ({ ...cancel, answer: this.requests[cancel.record]!.answer })),
      calls
    }
  }
}

/** One request being answered: what every route handler needs of it. */
interface Exchange {
  record: RecordedRequest
  res: ServerResponse
  reply: Replier
  url: URL
  /** Whether it came with the read-only token. */
  readOnly: boolean
  rule: (FaultRule & { used: number }) | undefined
  now: number
  /** Its index in the log. */
  index: number
}

interface Replier {
  answer(status: number, payload?: unknown, headers?: Record<string, string>): void
  /** An error body as Qovery's API writes one: status, error and detail. */
  error(status: number, title: string, detail: string): void
}

/** Answers `res`, noting the status on the request's record; bodies come in `encoding` if set. */
function replier(record: RecordedRequest, res: ServerResponse, encoding: SimulatorOptions['encoding']): Replier {
  const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
    record.answer = status
    const text = payload === undefined ? '' : JSON.stringify(payload)
    send(res, status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers }, text, encoding)
  }
  return { answer, error: (status, title, detail) => answer(status, { status, error: title, detail }) }
}

const ENCODERS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const

/** Writes a whole answer; a body that is not empty comes in `encoding` if set. */
function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string,
  encoding: SimulatorOptions['encoding']
): void {
  if (encoding === undefined || text === '') {
    res.writeHead(status, headers)
    res.end(text)
    return
  }
  res.writeHead(status, { ...headers, 'content-encoding': encoding })
  res.end(ENCODERS[encoding](text))
}

/** 64 KiB of a JSON string's inside, over and over, for a body that never ends. */
const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 'x')

let bombMember: Buffer | undefined
/** One gzip member of 16 MiB of blanks (about 16 KiB), made once. */
function gzipBombMember(): Buffer {
  bombMember ??= gzipSync(Buffer.alloc(16 * 1024 * 1024, ' '), { level: 9 })
  return bombMember
}

/**
 * Writes `next()`'s chunks as fast as the client reads them, until it gives none (the body then
 * ends) or the client goes away.
 */
function pump(res: ServerResponse, next: () => Buffer | undefined): void {
  const write = (): void => {
    for (;;) {
      if (res.destroyed) return
      const chunk = next()
      if (chunk === undefined) return void res.end()
      if (!res.write(chunk)) return void res.once('drain', write)
    }
  }
  write()
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type Route =
  | { kind: 'status' | 'cancel' | 'queue' | 'deploy' | 'environment' | 'statuses' | 'history'; id: string }
  | { kind: 'list'; organizationId?: string; projectId?: string }
  | { kind: 'lookup' }
  | { kind: 'cancel-request'; id: string }

function routeOf(method: string, path: string): Route | undefined {
  const environment = /^environment\/([^/]+)(?:\/(status|statuses|cancelDeployment|deploymentQueue|deploy|deploymentHistoryV2))?$/.exec(
    path
  )
  if (environment && environment[1] !== 'deploymentStatus') {
    const kinds = {
      '': 'environment',
      status: 'status',
      statuses: 'statuses',
      cancelDeployment: 'cancel',
      deploymentQueue: 'queue',
      deploy: 'deploy',
      deploymentHistoryV2: 'history'
    } as const
    const kind = kinds[(environment[2] ?? '') as keyof typeof kinds]
    return method === (kind === 'cancel' || kind === 'deploy' ? 'POST' : 'GET') ? { kind, id: environment[1] as string } : undefined
  }
  if (path === 'environment/deploymentStatus') return method === 'GET' ? { kind: 'lookup' } : undefined
  const single = /^deploymentQueue\/([^/]+)\/cancelDeployment$/.exec(path)
  if (single) return method === 'POST' ? { kind: 'cancel-request', id: single[1] as string } : undefined
  const listing = /^(?:organization|organization\/([^/]+)\/project|project\/([^/]+)\/environment)$/.exec(path)
  if (listing && method === 'GET') {
    const route: Route = { kind: 'list' }
    if (listing[1] !== undefined) route.organizationId = listing[1]
    if (listing[2] !== undefined) route.projectId = listing[2]
    return route
  }
  return undefined
}

function stateOf(request: Request): string {
  return request.steps[request.index]?.state ?? 'DEPLOYED'
}

function note(request: Request, at: number): void {
  const state = stateOf(request)
  if (request.states.at(-1)?.state !== state) request.states.push({ state, at })
}

/** A request that ran, as the services model sees it; with a world, named as that world names the states. */
function run(request: Request, now: number, world?: FullWorld): Run {
  const script = request.script
  return {
    ...(world === undefined ? {} : { show: (state: string) => stateShown(world, kindOf(request), state) }),
    requestId: request.id,
    executionId: request.executionId,
    kind: script.action ?? 'DEPLOY',
    state: stateOf(request),
    ended: request.phase === 'ended',
    startedAt: request.startedAt ?? now,
    ...(request.endedAt === undefined ? {} : { endedAt: request.endedAt }),
    ...(script.stageReached === undefined ? {} : { stageReached: script.stageReached }),
    ...(script.serviceEnds === undefined ? {} : { serviceEnds: script.serviceEnds }),
    triggeredBy: script.triggeredBy ?? 'simulator@example.com'
  }
}

/** QueuedDeploymentRequestWithStages, as the queue endpoint lists it, under one of the request's ids. */
function queued(environment: Environment, request: Request, id: string): Record<string, unknown> {
  return {
    identifier: { deployment_request_id: id, environment_id: environment.script.id },
    auditing_data: { triggered_by: request.script.triggeredBy ?? 'someone@example.com', origin: 'API' },
    trigger_action: request.script.action ?? 'DEPLOY',
    stages: []
  }
}

/** Its kind: the trigger_action its script gives (DEPLOY by default); DEPLOY for none. */
function kindOf(request: Request | undefined): string {
  return request?.script.action ?? 'DEPLOY'
}

/** The last request that ran and has ended, if any. */
function lastEnded(environment: Environment): Request | undefined {
  return environment.requests.filter((request) => request.phase === 'ended' && request.ran).at(-1)
}

/**
 * The status's last_deployment_id while it shows `request` (world lastDeploymentId): its
 * execution id; an id derived from its request id, in no history; or the execution id of the
 * last request that ended in success, whatever is shown. Null when there is none.
 */
function lastDeploymentIdOf(environment: Environment, request: Request | undefined): string | null {
  switch (environment.world.lastDeploymentId) {
    case 'other-ids':
      return request === undefined ? null : stableUuid(`deployment:${request.id}`)
    case 'last-successful':
      return (
        environment.requests
          .filter((candidate) => candidate.phase === 'ended' && candidate.ran && SUCCESS_STATES.has(stateOf(candidate)))
          .at(-1)?.executionId ?? null
      )
    default:
      return request?.executionId ?? null
  }
}

/** EnvironmentStatus from what it shows; without deployment_request_id where the script or the world says so. */
function statusBody(environment: Environment, view: StatusView, now: number): Record<string, unknown> {
  const request = view.request
  const startedAt = request?.startedAt ?? now
  const noRequestId = environment.script.noRequestId || environment.world.noRequestId
  return {
    id: environment.script.id,
    state: view.state,
    last_deployment_state: view.lastDeploymentState,
    last_deployment_date: new Date(startedAt).toISOString(),
    last_deployment_id: view.lastDeploymentId,
    total_deployment_duration_in_seconds: Math.round(((request?.endedAt ?? now) - startedAt) / 1000),
    origin: 'API',
    triggered_by: request?.script.triggeredBy ?? 'simulator@example.com',
    deployment_status: 'OUT_OF_DATE',
    ...(noRequestId ? {} : { deployment_request_id: view.requestId }),
    metrics: null
  }
}

/**
 * The lookup's state of a request: the queued state of its kind while it waits (and, in world
 * lookupOfCanceledWhileWaiting: stays-queued, once canceled while it waited), its state while it
 * runs, its end once ended; named as the world names a kind's states.
 */
function lookupState(world: FullWorld, request: Request): string {
  const kind = kindOf(request)
  const stillQueued =
    request.phase === 'waiting' || (request.phase === 'ended' && !request.ran && world.lookupOfCanceledWhileWaiting === 'stays-queued')
  return stateShown(world, kind, stillQueued ? queuedStateOf(kind) : stateOf(request))
}

/** In world mergedRequests: two-ids, gives a waiting request its second id, always the same for the same request. */
function merge(environment: Environment, request: Request): void {
  if (environment.world.mergedRequests === 'two-ids') request.otherIds = [stableUuid(`merged:${request.id}`)]
}

/**
 * A request as its history entry shows it: in world historyLags, for the first LAG_READS history
 * reads after it ended, in the state it had before its end, as if still under way.
 */
function historyRun(environment: Environment, request: Request, now: number): Run {
  const shown = run(request, now, environment.world)
  const before = request.states.at(-2)
  if (!environment.world.historyLags || request.phase !== 'ended' || request.historyReadsAfterEnd >= LAG_READS || !before) return shown
  return { ...shown, state: before.state, ended: false, endedAt: undefined }
}

/** A request's ground truth (see ground-truth.ts). */
function requestTruth(request: Request, services: ServiceScript[], now: number): RequestTruth {
  const ended = request.phase === 'ended'
  const end = ended ? stateOf(request) : undefined
  return {
    id: request.id,
    otherIds: [...request.otherIds],
    kind: kindOf(request),
    knownFrom: request.knownFrom,
    ran: request.ran,
    ...(request.startedAt === undefined ? {} : { startedAt: request.startedAt }),
    ...(ended && request.endedAt !== undefined ? { endedAt: request.endedAt } : {}),
    ...(end === undefined ? {} : { end }),
    canceled: end === 'CANCELED',
    ...(request.cancel === undefined ? {} : { cancel: { ...request.cancel } }),
    ...(request.ran ? { executionId: request.executionId } : {}),
    services: request.ran
      ? Object.fromEntries(
          runStages(services, run(request, now)).flatMap((stage) => stage.services.map(({ service, state }) => [service.id, state]))
        )
      : {}
  }
}

/** The request id a lookup or a single request's cancel asked for. */
function askedFor(record: RecordedRequest): { requestId?: string } {
  const id =
    record.kind === 'lookup'
      ? new URLSearchParams(record.search).get('deploymentRequestId')
      : record.kind === 'cancel-request'
        ? /deploymentQueue\/([^/]+)\/cancelDeployment$/.exec(record.path)?.[1]
        : undefined
  return id ? { requestId: id.toLowerCase() } : {}
}

export async function startSimulator(options: SimulatorOptions): Promise<QoverySimulator> {
  return new QoverySimulator(options).start()
}
