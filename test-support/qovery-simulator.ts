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

export interface FaultRule {
  on: 'status' | 'cancel'
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
  environments: EnvironmentScript[]
  faults?: FaultRule[]
  /** Path prefix the API is served under, such as `/api/`. */
  basePath?: string
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
  #seen = { status: 0, cancel: 0 }
  #basePath: string
  url = ''
  private readonly options: SimulatorOptions

  constructor(options: SimulatorOptions) {
    this.options = options
    this.#faults = (options.faults ?? []).map((rule) => ({ ...rule, used: 0 }))
    this.#basePath = options.basePath ?? '/'
    for (const script of options.environments) {
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
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
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
    const route = /^environment\/([^/]+)\/(status|cancelDeployment)$/.exec(record.path.slice(this.#basePath.length))
    const kind = route?.[2] === 'status' ? 'status' : route?.[2] === 'cancelDeployment' ? 'cancel' : undefined
    if (!route || kind === undefined || (kind === 'status' && req.method !== 'GET') || (kind === 'cancel' && req.method !== 'POST')) {
      return error(404, 'Not Found', `No route ${req.method} ${record.path}`)
    }

    const credential = /^(?:Token|Bearer) (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (credential === undefined || (credential !== this.options.token && credential !== this.options.readOnlyToken)) {
      return error(401, 'Unauthorized', 'Access token is missing or invalid')
    }

    const timeline = this.#timelines.get((route[1] as string).toLowerCase())
    if (!timeline) return error(404, 'Not Found', `Environment ${route[1]} not found`)

    const position = this.#seen[kind]++
    const rule = this.#faults.find((candidate) => candidate.on === kind && candidate.used < (candidate.times ?? 1) && position >= (candidate.skip ?? 0))
    if (rule) rule.used += 1
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

  #fail(fault: FaultKind, record: RecordedRequest, res: ServerResponse, timeline: Timeline): void {
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
        res.write(JSON.stringify(this.#status(timeline, Date.now())).slice(0, 20))
        return
      case 'truncated': {
        record.answer = 200
        const text = JSON.stringify(this.#status(timeline, Date.now())).slice(0, 25)
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
