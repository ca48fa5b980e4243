/**
 * A model of one Qovery environment on the fake clock, written for property tests apart from
 * the simulator: one deployment request runs at a time, the others wait and start the moment it
 * ends, a cancel takes effect after a lag (unless the request ends first), and every request's
 * true final state is known. Faults are injected from a script, one entry per call.
 */
import { type Fault, RequestFailed } from '../src/qovery/faults.ts'
import type * as Records from '../src/rules/qovery-records.ts'
import type { CancelAnswer, QoveryApi } from '../src/qovery/client.ts'
import { ENV_ID } from './environment.ts'
import type { FakeClock } from './fakes.ts'

export interface RequestPlan {
  id: string
  /** What it does, as Qovery names it (trigger_action): DEPLOY, RESTART, STOP, DELETE, or UNKNOWN. */
  action: string
  /** In-progress states while it runs, each for a time. */
  phases: Array<{ state: string; ms: number }>
  /** How it ends when nothing stops it. */
  end: string
  /** After an accepted environment cancel: time until CANCELING shows, how long it lasts, how it ends. */
  cancelLagMs: number
  cancelingMs: number
  afterCancel: string
}

export interface EnvironmentPlan {
  /** The request running at the start, if any. */
  running?: RequestPlan
  /** The request that ran last before, shown when nothing runs. */
  last: { id: string; state: string }
  queue: RequestPlan[]
  /** When nothing runs at the start: how long the queue waits before its first request starts. */
  queueStartsAfterMs: number
  /** What the status shows while requests wait and none runs. */
  waitingShows: 'DEPLOYMENT_QUEUED' | 'stale'
  /** The request lookup answers 404 for every id. */
  lookupUnknown: boolean
  /** The status names no request id. */
  noRequestId: boolean
  /** The first environment cancel is refused with 409 (someone else's cancel), and still taken. */
  conflictFirst: boolean
  /** An accepted environment cancel answers 202 with the status of the moment, or a bare 204. */
  cancelBody: 'status' | 'empty'
  /** One entry per call: undefined for a good answer, or the fault it gets instead. */
  faults: Array<ModelFault | undefined>
}

export type ModelFault = { kind: 'http'; status: number; retryAfter?: string } | { kind: 'timeout' } | { kind: 'cancel-then-502' }

interface Tracked {
  plan: RequestPlan
  startedAt?: number
  canceledAt?: number
  /** Canceled while it waited: it never ran. */
  removedAt?: number
}

export interface Call {
  what: 'status' | 'queue' | 'lookup' | 'cancel' | 'cancel-request' | 'list' | 'environment' | 'statuses' | 'history'
  at: number
  id?: string
  /** The call got a 2xx (for a cancel: it was accepted). */
  accepted?: boolean
  /** The call got a fault instead of an answer. */
  failed?: boolean
}

/** What the status shows while a request of this kind waits and none runs. */
const QUEUED_STATES: Record<string, string> = {
  DEPLOY: 'DEPLOYMENT_QUEUED',
  RESTART: 'RESTART_QUEUED',
  STOP: 'STOP_QUEUED',
  DELETE: 'DELETE_QUEUED'
}

/** A request's execution: its deployment in the history, the status's last_deployment_id. */
function executionOf(id: string): string {
  return `execution-${id}`
}
/** Where the model's environment lives, for GET /environment/{id}. */
const ORGANIZATION_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const PROJECT_ID = '5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c'

export class QueueModel implements QoveryApi {
  readonly calls: Call[] = []
  readonly #clock: FakeClock
  readonly #plan: EnvironmentPlan
  readonly #requests: Tracked[]
  readonly #requestTimeoutMs: number
  #deadline = Number.POSITIVE_INFINITY
  #conflictUsed = false
  #faultIndex = 0
  readonly #startedAt: number

  constructor(clock: FakeClock, plan: EnvironmentPlan, requestTimeoutMs: number) {
    this.#clock = clock
    this.#plan = plan
    this.#requestTimeoutMs = requestTimeoutMs
    const start = clock.now()
    this.#startedAt = start
    this.#requests = [
      ...(plan.running ? [{ plan: plan.running, startedAt: start }] : []),
      ...plan.queue.map((request) => ({ plan: request }))
    ]
  }

  /** No call outlives it, as the real client cuts a request in flight at the deadline. */
  set deadline(value: number) {
    this.#deadline = value
  }

  get requestCount(): number {
    return this.calls.length
  }

  /** The true final state of a request at the time given, or undefined while it is in progress or unknown. */
  finalState(id: string, at = this.#clock.now()): string | undefined {
    const request = this.#requests.find((candidate) => candidate.plan.id === id)
    if (request === undefined) return id === this.#plan.last.id ? this.#plan.last.state : undefined
    if (request.removedAt !== undefined && request.removedAt <= at) return 'CANCELED'
    const end = this.#end(request)
    return end !== undefined && end.at <= at ? end.state : undefined
  }

  /** Whether a request ran or waited at the time given. */
  busyAt(at: number): boolean {
    this.#advance(at)
    return this.#requests.some(
      (request) => (request.removedAt === undefined || request.removedAt > at) && (this.#end(request)?.at ?? Number.POSITIVE_INFINITY) > at
    )
  }

  /** Whether CANCELING showed for the request at some point before the time given. */
  showedCanceling(id: string, at: number): boolean {
    const request = this.#requests.find((candidate) => candidate.plan.id === id)
    if (request?.canceledAt === undefined || request.startedAt === undefined) return false
    const natural = request.startedAt + request.plan.phases.reduce((sum, phase) => sum + phase.ms, 0)
    const effect = request.canceledAt + request.plan.cancelLagMs
    return natural > effect && effect <= at
  }

  // Each answer is computed when the call is made, before anything awaits: calls side by side
  // share the fake clock, which a timed-out sibling moves on.

  async getStatus(_environmentId: string): Promise<Records.EnvironmentStatus> {
    const failure = this.#call('status')
    if (failure !== undefined) throw await failure
    return this.#status()
  }

  async getQueue(): Promise<Records.WaitingRequest[]> {
    const failure = this.#call('queue')
    if (failure !== undefined) throw await failure
    return this.#waiting().map((request) => ({ id: request.plan.id, triggeredBy: 'model@example.com', action: request.plan.action }))
  }

  async getRequestStatus(id: string): Promise<Records.RequestLookup> {
    const failure = this.#call('lookup', id)
    if (failure !== undefined) throw await failure
    if (this.#plan.lookupUnknown) return { found: false }
    const now = this.#clock.now()
    const final = this.finalState(id, now)
    if (final !== undefined) return { found: true, state: final }
    const request = this.#requests.find((candidate) => candidate.plan.id === id)
    if (request === undefined) return { found: false }
    return { found: true, state: request.startedAt === undefined ? 'DEPLOYMENT_QUEUED' : this.#stateAt(request, now) }
  }

  async cancelDeployment(): Promise<CancelAnswer> {
    const fault = this.#nextFault()
    const now = this.#clock.now()
    this.#advance(now)
    const running = this.#running(now)
    // The environment cancel takes whatever runs: the call records which request that was.
    const call: Call = { what: 'cancel', at: now, ...(running === undefined ? {} : { id: running.plan.id }) }
    this.calls.push(call)
    const refused = running === undefined || running.canceledAt !== undefined || (this.#plan.conflictFirst && !this.#conflictUsed)
    if (running !== undefined && running.canceledAt === undefined && (fault === undefined || fault.kind === 'cancel-then-502')) {
      this.#conflictUsed = true
      running.canceledAt = now
    }
    if (fault !== undefined) throw await this.#fail(fault, 'POST /environment/x/cancelDeployment')
    if (refused) return { accepted: false, detail: 'Environment deployment is already cancelled or an operation is in progress' }
    call.accepted = true
    return this.#plan.cancelBody === 'status'
      ? { accepted: true, httpStatus: 202, status: this.#status() }
      : { accepted: true, httpStatus: 204 }
  }

  async cancelRequest(id: string): Promise<CancelAnswer> {
    const fault = this.#nextFault()
    const now = this.#clock.now()
    this.#advance(now)
    const call: Call = { what: 'cancel-request', at: now, id }
    this.calls.push(call)
    const waiting = this.#waiting().find((request) => request.plan.id === id)
    if (waiting !== undefined && (fault === undefined || fault.kind === 'cancel-then-502')) waiting.removedAt = now
    if (fault !== undefined) throw await this.#fail(fault, 'POST /deploymentQueue/x/cancelDeployment')
    if (waiting === undefined) return { accepted: false, detail: 'Deployment request is already cancelled or an operation is in progress' }
    call.accepted = true
    return { accepted: true, httpStatus: 202 }
  }

  // The model has no services. Each request that ran is a deployment in its history, whose
  // execution id the status shows as last_deployment_id. Faults apply as to any call.

  async getEnvironment(): Promise<Records.EnvironmentDetails> {
    const failure = this.#call('environment')
    if (failure !== undefined) throw await failure
    return { id: ENV_ID, name: `env-${ENV_ID.slice(0, 8)}`, organizationId: ORGANIZATION_ID, projectId: PROJECT_ID }
  }

  async getServiceStatuses(): Promise<Records.ServiceStatus[]> {
    const failure = this.#call('statuses')
    if (failure !== undefined) throw await failure
    return []
  }

  async getDeploymentHistory(): Promise<Records.DeploymentHistoryEntry[]> {
    const failure = this.#call('history')
    if (failure !== undefined) throw await failure
    const now = this.#clock.now()
    const ran = this.#requests
      .filter((request) => request.startedAt !== undefined && request.startedAt <= now)
      .sort((a, b) => (b.startedAt as number) - (a.startedAt as number))
      .map((request) => ({
        executionId: executionOf(request.plan.id),
        state: this.#stateAt(request, now),
        action: request.plan.action,
        stages: []
      }))
    return [...ran, { executionId: executionOf(this.#plan.last.id), state: this.#plan.last.state, action: 'DEPLOY', stages: [] }]
  }

  /** What the request does (its trigger_action); the one that ran before the run, a DEPLOY. */
  actionOf(id: string): string | undefined {
    return id === this.#plan.last.id ? 'DEPLOY' : this.#requests.find((request) => request.plan.id === id)?.plan.action
  }

  /** The request running at the time given, if any. */
  runningAt(at: number): string | undefined {
    this.#advance(at)
    return this.#running(at)?.plan.id
  }

  /** The requests that ran or waited at the time given, in Qovery's order: the running one, then the waiting ones. */
  busyRequestsAt(at: number): string[] {
    this.#advance(at)
    return this.#requests
      .filter(
        (request) =>
          (request.removedAt === undefined || request.removedAt > at) &&
          (request.startedAt === undefined || request.startedAt <= at) &&
          (this.#end(request)?.at ?? Number.POSITIVE_INFINITY) > at
      )
      .map((request) => request.plan.id)
  }

  async listOrganizations(): Promise<Records.Named[]> {
    return this.#unused()
  }

  async listProjects(): Promise<Records.Named[]> {
    return this.#unused()
  }

  async listEnvironments(): Promise<Records.Named[]> {
    return this.#unused()
  }

  #unused(): never {
    throw new Error('the model has no lists: the property runs name the environment by id')
  }

  /** Records the call; its failure when it gets a fault, else undefined (and the model is brought up to now). */
  #call(what: Call['what'], id?: string): Promise<RequestFailed> | undefined {
    const fault = this.#nextFault()
    this.calls.push({ what, at: this.#clock.now(), ...(id === undefined ? {} : { id }), ...(fault === undefined ? {} : { failed: true }) })
    if (fault !== undefined) return this.#fail(fault, what)
    this.#advance(this.#clock.now())
    return undefined
  }

  #nextFault(): ModelFault | undefined {
    return this.#plan.faults[this.#faultIndex++]
  }

  /** A fault as the client raises it; a timeout first spends the request's time, cut at the deadline. */
  async #fail(fault: ModelFault, request: string): Promise<RequestFailed> {
    if (fault.kind === 'timeout') {
      const spent = Math.max(0, Math.min(this.#requestTimeoutMs, this.#deadline - this.#clock.now()))
      this.#clock.time += spent
      return new RequestFailed({ kind: 'timeout', afterMs: spent }, request)
    }
    const failure: Fault =
      fault.kind === 'http'
        ? { kind: 'http', status: fault.status, ...(fault.retryAfter === undefined ? {} : { retryAfter: fault.retryAfter }) }
        : { kind: 'http', status: 502 }
    return new RequestFailed(failure, request)
  }

  #status(): Records.EnvironmentStatus {
    const now = this.#clock.now()
    this.#advance(now)
    const running = this.#running(now)
    const last = this.#lastEnded(now)
    const waiting = this.#waiting()[0]
    const [state, request] =
      running !== undefined
        ? [this.#stateAt(running, now), running.plan.id]
        : waiting !== undefined && this.#plan.waitingShows === 'DEPLOYMENT_QUEUED'
          ? [QUEUED_STATES[waiting.plan.action] ?? 'QUEUED', last.id]
          : [last.state, last.id]
    return {
      id: ENV_ID,
      state,
      last_deployment_state: state,
      last_deployment_id: executionOf(request),
      ...(this.#plan.noRequestId ? {} : { deployment_request_id: request })
    }
  }

  /**
   * Starts the waiting requests, one after the other, as the environment becomes free: at the
   * end of the request before, or, when none ran, once the queue's start delay has passed.
   */
  #advance(now: number): void {
    for (;;) {
      if (this.#running(now) !== undefined) return
      const next = this.#waiting()[0]
      if (next === undefined) return
      const ends = this.#requests.map((request) => this.#end(request)?.at).filter((at): at is number => at !== undefined && at <= now)
      const freeAt = ends.length > 0 ? Math.max(...ends) : this.#startedAt + this.#plan.queueStartsAfterMs
      if (freeAt > now) return
      next.startedAt = freeAt
    }
  }

  #running(now: number): Tracked | undefined {
    return this.#requests.find(
      (request) => request.startedAt !== undefined && request.startedAt <= now && (this.#end(request)?.at ?? Number.POSITIVE_INFINITY) > now
    )
  }

  #waiting(): Tracked[] {
    return this.#requests.filter((request) => request.startedAt === undefined && request.removedAt === undefined)
  }

  #lastEnded(now: number): { id: string; state: string } {
    const ended = this.#requests
      .filter((request) => request.startedAt !== undefined && (this.#end(request)?.at ?? Number.POSITIVE_INFINITY) <= now)
      .sort((a, b) => this.#end(a)!.at - this.#end(b)!.at)
      .at(-1)
    return ended === undefined ? this.#plan.last : { id: ended.plan.id, state: this.#end(ended)!.state }
  }

  /** When and how a request that ran ends; undefined for one that never started. */
  #end(request: Tracked): { at: number; state: string } | undefined {
    if (request.startedAt === undefined) return undefined
    const natural = request.startedAt + request.plan.phases.reduce((sum, phase) => sum + phase.ms, 0)
    if (request.canceledAt === undefined) return { at: natural, state: request.plan.end }
    const effect = request.canceledAt + request.plan.cancelLagMs
    if (natural <= effect) return { at: natural, state: request.plan.end }
    return { at: effect + request.plan.cancelingMs, state: request.plan.afterCancel }
  }

  #stateAt(request: Tracked, now: number): string {
    const end = this.#end(request)
    if (end !== undefined && end.at <= now) return end.state
    if (request.canceledAt !== undefined && now >= request.canceledAt + request.plan.cancelLagMs) return 'CANCELING'
    let elapsed = now - (request.startedAt ?? now)
    for (const phase of request.plan.phases) {
      if (elapsed < phase.ms) return phase.state
      elapsed -= phase.ms
    }
    return request.plan.phases.at(-1)?.state ?? 'DEPLOYING'
  }
}
