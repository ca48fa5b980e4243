/**
 * What a run has learned, kept by one writer: every change goes through a method of `Run` named for
 * what happened (a status read, a cancel sent, an answer refused...), as actions/deploy-pages keeps
 * a deployment's state in one class. The phases of the flow call those methods and read the state;
 * the reports (outputs, annotations, summary) are made from the state alone, once the run has
 * ended (`Report`). Methods that the log should hear of return its line, if any.
 */
import type { ResolvedEnvironment } from './resolve-environment.ts'
import {
  type FoundRequest,
  foundWaiting,
  isQueuedState,
  isRunningState,
  shownExecution,
  shownRequest,
  statusNaming
} from '../rules/deployment-request.ts'
import type { FailureCause, Outcome } from '../rules/outcome.ts'
import type * as Records from '../rules/qovery-records.ts'
import type { Fate, Testimony } from '../rules/request-end.ts'
import { isCanceled, isCanceling, isFinalState } from '../rules/states.ts'
import { addSighting, type Sighting, type Timeline } from '../rules/timeline.ts'
import { nameRequest } from '../rules/words.ts'
import { sameId } from '../util/ids.ts'
import type { Known } from '../util/known.ts'

/** When something was read: the time it was recorded, and the retries so far (ms on the run's clock). */
export interface Stamp {
  at: number
  retries: number
  /** When its answer came, if earlier than `at` (read side by side with slower ones): what it says is no newer than this. */
  answeredAt?: number
}

/** Where the run is: the phase it is in decides the words when it stops there. */
export type Phase = 'resolve' | 'before-cancel' | 'cancel' | 'wait' | 'after'

/** What the action saw of the request it acts on. */
interface TargetFacts {
  /** CANCELING was seen for it. */
  readonly sawCanceling: boolean
  /** Its last state seen while in progress. */
  readonly lastState?: string
  /** What Qovery's records said of its state, each with when (the evidence of its end). */
  readonly said: readonly Testimony[]
  /** Once it ended: how, and what that rests on. */
  readonly fate?: Fate
  /** With deployment-request-id: it had already ended, and nothing was sent. */
  readonly alreadyEnded?: Fate
}

/** The request the action acts on: where it was found, and what it saw of it. */
export type TargetRequest = FoundRequest & TargetFacts

/** The cancel of the targeted request, as far as it went. */
interface CancelRecord {
  /** When the first cancel request that reached Qovery (or may have) left. */
  readonly sentAt?: number
  /** Qovery accepted it with this HTTP status (any 2xx). */
  readonly acceptedWith?: number
  /** Qovery answered 409: a cancel was already under way, or an operation it cannot stop; its words. */
  readonly conflict?: string
  /** Qovery refused it with this HTTP status (401, 403, 404...): nothing was canceled. */
  readonly refusedWith?: number
  /** The last answer that was not an acceptance (`HTTP 503 Service Unavailable`), when one came. */
  readonly lastAnswer?: string
}

/** A waiting request's cancel (queued: cancel): accepted, refused and why, or sent with no answer. */
export type WaitingCancel = { accepted: true } | { accepted: false; detail: string; state?: string } | { accepted: undefined }

/** What Qovery knows of the deployment the targeted request ran, read once it ended. */
export interface DeploymentRecord {
  /** Its deploymentHistoryV2 entry, paired by execution id and checked against what else is known. */
  entry: Known<Records.DeploymentHistoryEntry>
  /** Each service's state now. */
  statuses: Known<Records.ServiceStatus[]>
}

/** Everything the run learned. Only `Run` writes it. */
export interface RunState extends Timeline {
  readonly startedAt: number
  readonly phase: Phase
  readonly environmentId?: string
  /** Organization, project and environment, when the user named them. */
  readonly resolved?: ResolvedEnvironment
  /** GET /environment/{id}: its name and where it lives, for names and console links. */
  readonly environment?: Known<Records.EnvironmentDetails>
  /** The last status read, and when it was answered. */
  readonly status?: Records.EnvironmentStatus
  readonly statusRead?: Stamp
  /** The status named another environment than the one asked for (a mock, or a proxy's mix-up). */
  readonly statusOfOther?: string
  /** The queue's rows as last read (each request once); undefined before a read, or when it could not be read. */
  readonly queue?: readonly Records.WaitingRequest[]
  /** When the queue was last read. */
  readonly queueReadAt?: number
  /** The last read of the queue came after the cancel request. */
  readonly queueReadAfterCancel: boolean
  /** Why the queue could not be read (403, 404...), when it could not: what waits is not known. */
  readonly queueUnreadable?: string
  /** Requests seen running before the cancel, or seen waiting in the queue: neither can be one that started next unseen. */
  readonly seenRunning: ReadonlySet<string>
  /** Requests seen waiting in a queue read, by id: each one's row as last read (its kind, who asked for it). */
  readonly seenWaiting: ReadonlyMap<string, Records.WaitingRequest>
  /** The (request, execution) pairs the status named together. */
  readonly pairs: ReadonlyArray<readonly [string, string]>
  /** Executions the status showed once the cancel was sent, other than the target's: deployments newer than its own. */
  readonly laterExecutions: ReadonlySet<string>
  readonly target?: TargetRequest
  /**
   * The request the action first targeted, when its environment cancel reached the next request
   * instead (the first had ended before the cancel took effect): how it ended. The target is then the one reached.
   */
  readonly missed?: TargetRequest
  /**
   * The request the environment cancel reached instead of the one deployment-request-id asked for
   * (that one had ended as the cancel arrived): who it is, and the last state the status showed it
   * in. The target stays the one asked for.
   */
  readonly reachedOther?: TargetRequest
  /** What ran or waited, when the action chose, of a kind `actions` leaves alone (or of a kind no record gave). */
  readonly passedOver: readonly FoundRequest[]
  readonly cancel?: CancelRecord
  /** queued: cancel. Each waiting request's cancel. */
  readonly waitingCancels: ReadonlyMap<string, WaitingCancel>
  /** Requests known to have ended CANCELED, the targeted one included when its id is known. */
  readonly canceledRequests: readonly string[]
  /** A request that started once the targeted one had ended, as the records that name it agree. */
  readonly startedNext?: string
  /** When the targeted request was seen to have ended, after the cancel request. */
  readonly settledAt?: number
  readonly deployment?: DeploymentRecord
  /** The deployment history as last read while judging how the target ended, and when. */
  readonly history?: { readonly entries: readonly Records.DeploymentHistoryEntry[]; readonly at: number }
  /** Why Qovery's records could not be taken at their word (they disagreed on who runs), for the report. */
  readonly doubts: readonly string[]
  readonly outcome?: Outcome
  /** Why the run failed, timed out or was interrupted, in sentences. */
  readonly reason?: string
  /** Why a failed run failed, as data. */
  readonly failure?: FailureCause
  readonly endedAt?: number
  readonly apiCalls: number
}

/** The run once it has ended: an outcome, and when. */
export type Report = RunState & { readonly outcome: Outcome; readonly endedAt: number }

type Writable<T> = { -readonly [K in keyof T]: T[K] }

export class Run {
  readonly #s: Writable<RunState>

  constructor(startedAt: number) {
    this.#s = {
      startedAt,
      phase: 'resolve',
      timeline: [],
      timelineDropped: 0,
      queueReadAfterCancel: false,
      seenRunning: new Set(),
      seenWaiting: new Map(),
      pairs: [],
      laterExecutions: new Set(),
      passedOver: [],
      waitingCancels: new Map(),
      canceledRequests: [],
      doubts: [],
      apiCalls: 0
    }
  }

  /** The state so far, read-only. */
  get state(): RunState {
    return this.#s
  }

  /** The targeted request, once chosen. */
  get target(): TargetRequest | undefined {
    return this.#s.target
  }

  /** The targeted request, for the phases after the choice; a phase that calls it earlier is a bug, and throws. */
  get chosen(): TargetRequest {
    return this.#need()
  }

  enter(phase: Phase): void {
    this.#s.phase = phase
  }

  environmentFound(environmentId: string, resolved?: ResolvedEnvironment): void {
    this.#s.environmentId = environmentId
    if (resolved !== undefined) {
      this.#s.resolved = resolved
      const { organization, project, environment } = resolved
      this.#s.environment = {
        value: { id: environment.id, name: environment.name, organizationId: organization.id, projectId: project.id }
      }
    }
  }

  environmentRead(details: Known<Records.EnvironmentDetails>): void {
    if (this.#s.resolved === undefined) this.#s.environment = details
  }

  /**
   * A status read: kept as the last one, its state added to the timeline under the request it
   * belongs to, and, when it speaks of the target, to what the target's records said.
   */
  statusRead(status: Records.EnvironmentStatus, read: Stamp): string | undefined {
    const s = this.#s
    s.status = status
    s.statusRead = read
    if (s.statusOfOther === undefined && (s.environmentId === undefined || !sameId(status.id, s.environmentId))) s.statusOfOther = status.id
    const shown = shownRequest(status)
    const execution = shownExecution(status)
    if (shown !== undefined && execution !== undefined && !s.pairs.some(([id, ex]) => id === shown && ex === execution))
      s.pairs = [...s.pairs, [shown, execution]]
    if (s.phase === 'before-cancel' && shown !== undefined && isRunningState(status.state))
      s.seenRunning = new Set([...s.seenRunning, shown])
    const about = this.#aboutTarget(status)
    if (about) this.#adoptExecution(execution)
    this.#noteLater(execution)
    const doubt = about ? this.#shownAfterItEnded(status) : undefined
    if (about) this.#heard(this.#statusSays(status, read.at), status.state)
    if (s.reachedOther !== undefined && shown === s.reachedOther.id) s.reachedOther = { ...s.reachedOther, lastState: status.state }
    const owner = about ? s.target?.id : stateOwner(s, status)
    const line = this.#sight({ state: status.state, at: read.at, source: 'status', ...(owner === undefined ? {} : { request: owner }) })
    return doubt === undefined ? line : [line, this.targetIdDisputed(doubt)].filter((part) => part !== undefined).join('\n')
  }

  /**
   * A status that shows the target's id in progress after one of its records said it had ended: a
   * request does not run again once ended, so the status's id does not name the request that runs
   * (it may name the last request that ended). The id is then not taken; its execution still is.
   */
  #shownAfterItEnded(status: Records.EnvironmentStatus): string | undefined {
    const target = this.#need()
    const id = target.id
    if (id === undefined || isFinalState(status.state) || shownRequest(status) !== id) return undefined
    // CANCELING after CANCELED is the status lagging behind the cancel, not another request.
    const ended = target.said.find(
      (testimony) =>
        testimony.source !== 'status' && isFinalState(testimony.state) && !(isCanceled(testimony.state) && isCanceling(status.state))
    )
    return ended === undefined
      ? undefined
      : `deployment request ${id} as the running one: Qovery's ${ended.source === 'lookup' ? 'lookup' : ended.source} said it ended ${ended.state}, and the status then showed it ${status.state}`
  }

  /** The queue as read (each request once); when it could not be read, what waits is not known, not empty. */
  queueRead(queue: readonly Records.WaitingRequest[] | { unreadable: string }, at: number): string | undefined {
    const s = this.#s
    if (!Array.isArray(queue)) {
      const first = s.queueUnreadable === undefined
      s.queueUnreadable = (queue as { unreadable: string }).unreadable
      s.queue = undefined
      return first
        ? `The deployment queue could not be read (${s.queueUnreadable}); going on without it: requests waiting in it are not known`
        : undefined
    }
    const seen = new Set<string>()
    s.queue = (queue as readonly Records.WaitingRequest[]).filter((row) => !seen.has(row.id) && (seen.add(row.id), true))
    s.queueReadAt = at
    s.queueReadAfterCancel = s.cancel !== undefined
    s.seenWaiting = new Map([...s.seenWaiting, ...s.queue.map((row) => [row.id, row] as const)])
    return undefined
  }

  /** A lookup of one request: its state to the timeline, and to what the target's records said when it is the target. */
  lookupRead(id: string, lookup: Records.RequestLookup, at: number): string | undefined {
    if (!lookup.found) return undefined
    if (this.#s.target?.id === id) this.#heard([{ source: 'lookup', state: lookup.state, at }], lookup.state)
    return this.#sight({ state: lookup.state, at, source: 'lookup', request: id })
  }

  /**
   * The deployment history as read to judge how the target ended, and what the target's entry in it
   * says of its state (`entry`, when it has one).
   */
  historyRead(history: readonly Records.DeploymentHistoryEntry[], entry: Records.DeploymentHistoryEntry | undefined, at: number): void {
    this.#s.history = { entries: history, at }
    if (entry !== undefined) this.#heard([{ source: 'history', state: entry.state, at }])
  }

  /** Its accepted per-request cancel, and a queue read after it without it: the waiting target left the queue without running. */
  leftQueue(at: number): void {
    this.#heard([{ source: 'queue', state: 'CANCELED', at }])
  }

  /** What the action chose to cancel, and what it passed over. */
  targetChosen(request: FoundRequest, passedOver: readonly FoundRequest[]): void {
    const state = request.via === 'environment' ? this.#s.status?.state : undefined
    this.#s.target = { ...request, sawCanceling: false, said: [], ...(state === undefined ? {} : { lastState: state }) }
    this.#s.passedOver = passedOver
    // Records that disagreed on who runs: the status's id is not taken at its word for what follows.
    if (request.via === 'environment' && request.disagreements !== undefined) this.#s.doubts = [...this.#s.doubts, ...request.disagreements]
  }

  /** Nothing was chosen: what ran or waited was passed over. */
  nothingChosen(passedOver: readonly FoundRequest[]): void {
    this.#s.passedOver = passedOver
  }

  /** With deployment-request-id: the request had already ended (as far as its records say), and nothing is sent. */
  endedBefore(id: string, fate: Fate): void {
    this.#s.target = { id, via: 'environment', sawCanceling: false, said: fate.said ?? [], alreadyEnded: fate, fate }
  }

  /** A waiting target started before its cancel took: it is now canceled through the environment. */
  targetStarted(): void {
    const target = this.#need()
    if (target.via === 'queue') this.#s.target = { ...target, via: 'environment' }
  }

  /** The target's id turned out not to name what runs (a lookup or the services said otherwise): it is no longer claimed. */
  targetIdDisputed(doubt: string): string {
    const target = this.#need()
    if (target.via === 'environment') {
      const { id: _dropped, ...rest } = target
      this.#s.target = rest
    }
    this.#s.doubts = [...this.#s.doubts, doubt]
    return `Not taking ${doubt}: the request is followed by its execution instead`
  }

  /** A cancel request left, and may have reached Qovery. */
  cancelSent(at: number): void {
    this.#s.cancel = { ...this.#s.cancel, sentAt: this.#s.cancel?.sentAt ?? at }
  }

  /** Qovery's answer to the target's cancel: accepted (2xx), 409 and its words, refused, or the last failing answer. */
  cancelAnswered(answer: { acceptedWith: number } | { conflict: string } | { refusedWith: number } | { lastAnswer: string }): void {
    this.#s.cancel = { ...this.#s.cancel, ...answer }
  }

  /** queued: cancel: what became of one waiting request's cancel. */
  waitingCancelAnswered(id: string, answer: WaitingCancel): void {
    this.#s.waitingCancels = new Map([...this.#s.waitingCancels, [id, answer]])
    if (answer.accepted === false && answer.state !== undefined && answer.state.toUpperCase() === 'CANCELED') this.canceledSeen(id)
  }

  /** The target ended so, seen at `at`. */
  targetEnded(fate: Fate, at: number): void {
    const target = this.#need()
    this.#s.target = { ...target, fate }
    this.#s.settledAt = at
    if (fate.state !== undefined && fate.state.toUpperCase() === 'CANCELED' && target.id !== undefined) this.canceledSeen(target.id)
  }

  /**
   * The environment cancel reached `id`, the request that started as the target ended: it becomes
   * the target (its kind from the queue row it waited in, when read), and the one missed is kept
   * with how it ended. Returns the log line.
   */
  cancelReached(id: string, missedFate: Fate, at: number): string {
    const missed = { ...this.#need(), fate: missedFate }
    this.#s.missed = missed
    if (missedFate.state?.toUpperCase() === 'CANCELED' && missed.id !== undefined) this.canceledSeen(missed.id)
    this.#s.target = this.#reached(id, at)
    return `The cancel reached deployment request ${id}, which started as the ${nameRequest(missed)} ended${missedFate.state === undefined ? '' : ` ${missedFate.state}`}`
  }

  /**
   * The environment cancel reached `id`, the request that started as the target ended, when
   * deployment-request-id asked for the target alone: the target stays (its end is told by
   * targetEnded), and the one reached is kept for the report. Returns the log line.
   */
  cancelReachedOther(id: string, at: number): string {
    this.#s.reachedOther = this.#reached(id, at)
    return `The cancel reached deployment request ${id}, which started as the ${nameRequest(this.#need())} ended: deployment-request-id asked for that one alone, and Qovery's environment cancel stops whatever runs when it arrives`
  }

  /** The request a cancel reached, as the last status shows it: its kind from the queue row it waited in, when read. */
  #reached(id: string, at: number): TargetRequest {
    const status = this.#s.status
    const row = this.#s.queue?.find((candidate) => candidate.id === id)
    const waited = row === undefined ? undefined : foundWaiting(row)
    const execution = status === undefined ? undefined : shownExecution(status)
    return {
      via: 'environment',
      id,
      ...(execution === undefined ? {} : { executionId: execution }),
      ...(waited?.kind === undefined ? {} : { kind: waited.kind }),
      ...(waited?.triggeredBy === undefined ? {} : { triggeredBy: waited.triggeredBy }),
      ...(waited?.origin === undefined ? {} : { origin: waited.origin }),
      sawCanceling: true,
      ...(status === undefined ? {} : { lastState: status.state }),
      said: status === undefined ? [] : [{ source: 'status', state: status.state, at }]
    }
  }

  /** A request known to have ended CANCELED. */
  canceledSeen(id: string): void {
    if (!this.#s.canceledRequests.includes(id)) this.#s.canceledRequests = [...this.#s.canceledRequests, id]
  }

  /** The request that started once the target ended. */
  startedNextSeen(id: string): void {
    this.#s.startedNext ??= id
  }

  deploymentRead(record: DeploymentRecord): void {
    this.#s.deployment = record
  }

  /** The run ends: its outcome, why (in sentences, and as data for a failure), when, and the requests it sent. */
  finish(outcome: Outcome, stop: { reason: string; cause?: FailureCause } | undefined, at: number, apiCalls: number): Report {
    const s = this.#s
    s.outcome = outcome
    if (stop !== undefined) s.reason = stop.reason
    if (stop?.cause !== undefined) s.failure = stop.cause
    s.endedAt = at
    s.apiCalls = apiCalls
    return s as Report
  }

  /** Whether the status speaks of the target: it names its id or its execution, and names neither otherwise. */
  #aboutTarget(status: Records.EnvironmentStatus): boolean {
    const target = this.#s.target
    if (target === undefined || target.fate !== undefined || target.via === 'queue') return false
    // A request that ran does not wait again: a queued state under its id is the next request waiting.
    if (isQueuedState(status.state) && target.lastState !== undefined && !isQueuedState(target.lastState)) return false
    const { byId, byExecution } = statusNaming(status, target)
    if (byId === false || byExecution === false) return false
    return byId === true || byExecution === true || (shownRequest(status) === undefined && shownExecution(status) === undefined)
  }

  /** What a status about the target says of it: its state, and its last deployment state beside its execution. */
  #statusSays(status: Records.EnvironmentStatus, at: number): Testimony[] {
    const target = this.#need()
    const execution = shownExecution(status)
    const lastState = status.last_deployment_state
    const ofExecution =
      target.via === 'environment' && target.executionId !== undefined && execution !== undefined && sameId(execution, target.executionId)
    return [
      { source: 'status', state: status.state, at },
      ...(ofExecution && typeof lastState === 'string' && lastState !== ''
        ? [{ source: 'last deployment' as const, state: lastState, at }]
        : [])
    ]
  }

  /** An execution shown once the cancel was sent that is not the target's: a deployment newer than its own. */
  #noteLater(execution: string | undefined): void {
    const target = this.#s.target
    if (execution === undefined || this.#s.cancel === undefined || target?.via !== 'environment') return
    if (target.executionId !== undefined && !sameId(execution, target.executionId))
      this.#s.laterExecutions = new Set([...this.#s.laterExecutions, execution.toLowerCase()])
  }

  /** A target running with no execution known takes the one a status naming it names (a waiting request that started). */
  #adoptExecution(execution: string | undefined): void {
    const target = this.#need()
    if (target.via === 'environment' && target.executionId === undefined && target.id !== undefined && execution !== undefined)
      this.#s.target = { ...target, executionId: execution }
  }

  #heard(said: Testimony[], state?: string): void {
    const target = this.#need()
    this.#s.target = {
      ...target,
      said: [...target.said, ...said],
      ...(state === undefined ? {} : { lastState: state, sawCanceling: target.sawCanceling || isCanceling(state) })
    }
  }

  #sight(sighting: Sighting): string | undefined {
    return addSighting(this.#s, sighting)
  }

  #need(): TargetRequest {
    const target = this.#s.target
    if (target === undefined) throw new Error('no request targeted yet')
    return target
  }
}

/**
 * The request the status's state belongs to: the one it names, but for a queued state under the
 * id of a request seen running, which Qovery shows while the next request waits to start: that
 * state belongs to no request.
 */
export function stateOwner(run: Pick<RunState, 'seenRunning' | 'target'>, status: Records.EnvironmentStatus): string | undefined {
  const shown = shownRequest(status)
  if (shown === undefined || !isQueuedState(status.state)) return shown
  const target = run.target
  const ran = run.seenRunning.has(shown) || (target?.id === shown && target.lastState !== undefined && !isQueuedState(target.lastState))
  return ran ? undefined : shown
}
