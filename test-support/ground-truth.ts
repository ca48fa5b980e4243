/**
 * What truly happened in a simulated environment, whatever its world let the API show
 * (QoverySimulator.truth gives it): each deployment request with its times and its end, the
 * cancels that reached it, and the calls made about the environment. Times are epoch
 * milliseconds on the simulator's clock, the clock its answers were computed on, so that what
 * was true when a read was answered can be told from the times alone (see runningAt, waitingAt).
 */

/** The call that canceled a request, or tried to. */
export interface CancelMark {
  /**
   * `environment`: POST /environment/{id}/cancelDeployment, which hits the request running when it
   * arrives; `request`: POST /deploymentQueue/{id}/cancelDeployment; `elsewhere`: a cancel from
   * someone else already under way, which the simulator learned of at `at` (a scripted 409).
   */
  by: 'environment' | 'request' | 'elsewhere'
  /** The call's index in the simulator's log (QoverySimulator.requests); none for `elsewhere`. */
  record?: number
  at: number
}

export interface RequestTruth {
  /** Its deployment_request_id. */
  id: string
  /** Other ids Qovery gives the same request (world mergedRequests: two-ids), else []. */
  otherIds: string[]
  /** Its trigger_action: DEPLOY, RESTART, STOP, DELETE, TERRAFORM_MIGRATE_STATE... */
  kind: string
  /** When Qovery knew it from; before, it was listed nowhere. */
  knownFrom: number
  /** It started running (a request canceled while it waited never did), and when. */
  ran: boolean
  startedAt?: number
  /** When it ended, and how (StateEnum as the script gives it: CANCELED, DEPLOYED, STOP_ERROR...); none while it runs or waits. */
  endedAt?: number
  end?: string
  /** It ended CANCELED. */
  canceled: boolean
  /** The first cancel that reached it, whether it took effect or not. */
  cancel?: CancelMark
  /** Its deployment's execution id (the history entry's identifier.execution_id), once it ran. */
  executionId?: string
  /** Each service's state in its deployment (its end, once the request has ended), by service id; {} when it never ran. */
  services: Record<string, string>
}

/** A call about the environment, as the simulator answered it. */
export interface CallTruth {
  /** Its index in the simulator's log. */
  record: number
  /** status, cancel, queue, lookup, cancel-request, statuses, history, environment, deploy. */
  kind: string
  /** When the simulator computed its answer. */
  at: number
  /** The HTTP status answered, or the fault that replaced the answer. */
  answer: AnswerMark
  /** For a lookup or a single request's cancel: the id asked for. */
  requestId?: string
}

export interface EnvironmentTruth {
  environmentId: string
  /** When the truth was taken. */
  at: number
  /** Every request, past, current and queued, in the order they run. */
  requests: RequestTruth[]
  /** The request running now, if any. */
  running: string | null
  /** The requests waiting now (known to Qovery), in order. */
  waiting: string[]
  /** Each environment cancel that reached the environment: the request running when it arrived (null if none). */
  environmentCancels: Array<{ record: number; at: number; hit: string | null; answer: CallTruth['answer'] }>
  /** Every call about the environment (its routes, and the requests of it asked for by id), in order. */
  calls: CallTruth[]
}

/** The request one of whose ids is `id` (case-insensitive). */
export function requestById(truth: EnvironmentTruth, id: string): RequestTruth | undefined {
  const wanted = id.toLowerCase()
  return truth.requests.find((request) => request.id === wanted || request.otherIds.includes(wanted))
}

/** It was running at `at`: started, not yet ended. */
export function runningAt(request: RequestTruth, at: number): boolean {
  return request.startedAt !== undefined && request.startedAt <= at && !endedBy(request, at)
}

/** It was waiting at `at`: known to Qovery, neither started nor ended. */
export function waitingAt(request: RequestTruth, at: number): boolean {
  return request.knownFrom <= at && !(request.startedAt !== undefined && request.startedAt <= at) && !endedBy(request, at)
}

/** It had ended by `at`. */
export function endedBy(request: RequestTruth, at: number): boolean {
  return request.endedAt !== undefined && request.endedAt <= at
}

/** The HTTP status a request was answered with, or the fault that replaced the answer. */
export type AnswerMark = number | 'reset' | 'hang' | 'stall-body' | 'endless-body'
