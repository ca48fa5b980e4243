/**
 * What a run has learned, as one value that every phase of the flow is handed and adds to: the
 * environment, what was read, the request targeted and what became of it. The reports (outputs,
 * annotations, summary) are made from it alone. The recorders here are pure: they update the
 * state and return the log line to print, if any.
 */
import { type FoundRequest, type Fate, isQueuedState, isRunningState, shownRequest } from '../rules/deployment-request.ts'
import { sameId } from '../util/ids.ts'
import type {
  DeploymentHistoryEntry,
  EnvironmentDetails,
  EnvironmentStatus,
  ServiceStatus,
  WaitingRequest
} from '../rules/qovery-records.ts'
import type { ResolvedEnvironment } from './resolve-environment.ts'
import { isCanceling } from '../rules/states.ts'
import { addSighting, type Timeline } from '../rules/timeline.ts'

/** How a run ends: the `outcome` output (outcome.ts holds the words of each). */
export type Outcome =
  | 'canceled'
  | 'finished'
  | 'unknown'
  | 'nothing-to-cancel'
  | 'requested'
  | 'conflict'
  | 'timed-out'
  | 'interrupted'
  | 'failed'
  | 'invalid-input'

/**
 * Why a failed run failed, as data for the headline (the reason says it in sentences):
 * - token-rejected: Qovery did not accept the token (401) on a read;
 * - read-forbidden: the token may not read what the run needs (403 on a read);
 * - cancel-refused: Qovery refused the cancel with this HTTP status (not 409), and its words;
 * - not-found: a read answered 404, before the cancel was accepted or after (the environment or
 *   the request is gone);
 * - name-not-matched: a name given matched no organization, project or environment, or several;
 * - request-unknown, request-elsewhere, request-unlocated: deployment-request-id names a request
 *   Qovery does not know, places in another environment, or shows neither running nor waiting;
 * - unreachable: the API could not be reached (a network fault, by its code);
 * - api-failing: the API kept failing until the retries were spent;
 * - api-error: another answer no retry fixes (its HTTP status, when one came);
 * - unexpected: a failure the action does not expect.
 */
export type FailureCause =
  | { kind: 'token-rejected' | 'read-forbidden' | 'api-failing' | 'unexpected' }
  | { kind: 'cancel-refused'; status: number; detail?: string }
  | { kind: 'not-found'; afterAccepted: boolean }
  | { kind: 'name-not-matched'; level: 'organization' | 'project' | 'environment'; several: boolean }
  | { kind: 'request-unknown' | 'request-unlocated'; id: string; environmentId: string }
  | { kind: 'request-elsewhere'; id: string; environmentId: string; otherEnvironmentId: string }
  | { kind: 'unreachable'; code: string }
  | { kind: 'api-error'; status?: number }

/** When something was read: the time, and the retries so far. */
export interface Stamp {
  at: number
  retries: number
}

/** Where the run is: the phase it is in decides the words when it stops there. */
export type Phase = 'resolve' | 'before-cancel' | 'cancel' | 'wait' | 'after'

/** The request the action acts on, and what it saw of it. */
export interface TargetRequest extends FoundRequest {
  /** The status's last_deployment_id while it showed this request: its execution, in the deployment history. */
  executionId?: string
  /** CANCELING was seen for it. */
  sawCanceling: boolean
  /** Its last state seen while in progress. */
  lastState?: string
  /** Once it ended: its final state and what that rests on. */
  fate?: Fate
  /** With deployment-request-id: it had already ended, in this state, and nothing was sent. */
  alreadyEnded?: string
}

/** The cancel of the targeted request, as far as it went. */
export interface CancelRecord {
  /** When the first cancel request that reached Qovery (or may have) left. */
  sentAt?: number
  /** Qovery accepted it with this HTTP status (any 2xx). */
  acceptedWith?: number
  /** Qovery answered 409: a cancel was already under way, or an operation it cannot stop; its words. */
  conflict?: string
  /** Qovery refused it with this HTTP status (401, 403, 404...): nothing was canceled. */
  refusedWith?: number
  /** The last answer that was not an acceptance (`HTTP 503 Service Unavailable`), when one came. */
  lastAnswer?: string
}

/** Something read after the fact, or why it is not known. */
export type Known<T> = { value: T } | { unknown: string }

/** What Qovery knows of the deployment the targeted request ran, read once it ended. */
export interface DeploymentRecord {
  /** Its deploymentHistoryV2 entry, paired by execution id. */
  entry: Known<DeploymentHistoryEntry>
  /** Each service's state now. */
  statuses: Known<ServiceStatus[]>
}

export interface RunState extends Timeline {
  readonly startedAt: number
  phase: Phase
  environmentId?: string
  /** Organization, project and environment, when the user named them. */
  resolved?: ResolvedEnvironment
  /** GET /environment/{id}: its name and where it lives, for names and console links. */
  environment?: Known<EnvironmentDetails>
  /** The last status read, and when it was answered. */
  status?: EnvironmentStatus
  statusRead?: Stamp
  /** The status named another environment than the one asked for (a mock, or a proxy's mix-up). */
  statusOfOther?: string
  /** The waiting requests as last read; undefined before a read, or when the queue could not be read. */
  queue?: WaitingRequest[]
  /** The last read of the queue came after the cancel request. */
  queueReadAfterCancel: boolean
  /** Why the queue could not be read (403, 404...), when it could not: what waits is not known. */
  queueUnreadable?: string
  /** Requests seen running before the cancel: none of them can be the one that started next. */
  seenRunning: Set<string>
  target?: TargetRequest
  /** What ran or waited, when the action chose, of a kind `actions` leaves alone. */
  passedOver: FoundRequest[]
  cancel?: CancelRecord
  /** queued: cancel. Each waiting request's cancel: accepted, refused and why, or sent with no answer (undefined). */
  waitingCancels: Map<string, { accepted: true } | { accepted: false; detail: string } | { accepted: undefined }>
  /** Requests seen to end CANCELED, the targeted one included when its id is known. */
  canceledRequests: string[]
  /** A request that started once the targeted one had ended. */
  startedNext?: string
  /** When the targeted request was seen to have ended, after the cancel request. */
  settledAt?: number
  deployment?: DeploymentRecord
  outcome?: Outcome
  /** Why the run failed, timed out or was interrupted, in sentences. */
  reason?: string
  /** Why a failed run failed, as data. */
  failure?: FailureCause
  endedAt?: number
  apiCalls: number
}

/** The run once it has ended: an outcome, and when. */
export type Report = RunState & { outcome: Outcome; endedAt: number }

export function newRun(startedAt: number): RunState {
  return {
    startedAt,
    phase: 'resolve',
    timeline: [],
    timelineDropped: 0,
    queueReadAfterCancel: false,
    seenRunning: new Set(),
    passedOver: [],
    waitingCancels: new Map(),
    canceledRequests: [],
    apiCalls: 0
  }
}

/** A status read: the last one kept, its state added to the timeline. Returns the log line, if any. */
export function recordStatus(run: RunState, status: EnvironmentStatus, read: Stamp): string | undefined {
  const { at } = read
  run.status = status
  run.statusRead = read
  if (run.statusOfOther === undefined && (run.environmentId === undefined || !sameId(status.id, run.environmentId)))
    run.statusOfOther = status.id
  const shown = shownRequest(status)
  const owner = stateOwner(run, status)
  if (run.phase === 'before-cancel' && shown !== undefined && isRunningState(status.state)) run.seenRunning.add(shown)
  const target = run.target
  // While the target runs, the status's last deployment is its execution (with no ids named, the status's only).
  if (target !== undefined && target.fate === undefined && owner === target.id && typeof status.last_deployment_id === 'string')
    target.executionId = status.last_deployment_id
  return addSighting(run, { state: status.state, at, source: 'status', ...(owner === undefined ? {} : { request: owner }) })
}

/**
 * The request the status's state belongs to: the one it names, but for a queued state under the
 * id of a request seen running, which Qovery shows while the next request waits to start: that
 * state belongs to no request (NOTES.md, the queue).
 */
export function stateOwner(run: Pick<RunState, 'seenRunning' | 'target'>, status: EnvironmentStatus): string | undefined {
  const shown = shownRequest(status)
  if (shown === undefined || !isQueuedState(status.state)) return shown
  const target = run.target
  const ran = run.seenRunning.has(shown) || (target?.id === shown && target.lastState !== undefined && !isQueuedState(target.lastState))
  return ran ? undefined : shown
}

/** A lookup of one request that found it: its state added to the timeline, and to the target's when it is the target. */
export function recordLookup(run: RunState, id: string, state: string, at: number): string | undefined {
  const target = run.target
  if (target?.id === id) {
    target.lastState = state
    if (isCanceling(state)) target.sawCanceling = true
  }
  return addSighting(run, { state, at, source: 'lookup', request: id })
}

/** The queue as read; when it could not be read, what waits is not known, not empty. */
export function recordQueue(run: RunState, queue: WaitingRequest[] | { unreadable: string }): string | undefined {
  if (!Array.isArray(queue)) {
    const first = run.queueUnreadable === undefined
    run.queueUnreadable = queue.unreadable
    run.queue = undefined
    return first
      ? `The deployment queue could not be read (${queue.unreadable}); going on without it: requests waiting in it are not known`
      : undefined
  }
  run.queue = queue
  run.queueReadAfterCancel = run.cancel !== undefined
  return undefined
}

/**
 * Notes the request a status shows as the one that started next, when it runs, is not the target,
 * and was not running before the cancel: one that ran from the start, or a queued state under the
 * last request's id, is never taken for it.
 */
export function recordStartedNext(run: RunState, status: EnvironmentStatus): void {
  const shown = shownRequest(status)
  if (run.startedNext !== undefined || shown === undefined || shown === run.target?.id) return
  if (isRunningState(status.state) && !run.seenRunning.has(shown)) run.startedNext = shown
}

/**
 * What still waits, as the queue was last read, the target aside; a request whose cancel was sent
 * after that read, and not refused, is not counted. Undefined when the queue was not read, or could not be.
 */
export function stillWaiting(run: RunState): WaitingRequest[] | undefined {
  return run.queue?.filter(
    (request) =>
      request.id !== run.target?.id && (run.queueReadAfterCancel || (run.waitingCancels.get(request.id)?.accepted ?? false) === false)
  )
}
