/**
 * The deployment request: the unit the action cancels. Qovery runs one request per environment
 * at a time and queues the others; the status shows the running (or last) request's id. This
 * module is pure policy: what to target, and what became of the target once it left the status.
 */
import type { DeploymentHistoryEntry, RequestLookup, WaitingRequest } from './qovery-records.ts'
import { type AllowedActions, isAllowed, kindOfState, type RequestKind } from './request-kind.ts'
import { sameId } from '../util/ids.ts'
import { findDeployment } from './service-ends.ts'
import { isFinalState, isKnownState } from './states.ts'

/** The status fields this module reads. */
export interface StatusView {
  state: string
  deployment_request_id?: string | null
  triggered_by?: string | null
  origin?: string | null
}

/** A request that runs or waits, as the action found it. */
export interface FoundRequest {
  /** Unknown only for a running request whose status names no id (the field is optional). */
  id?: string
  /** Running: canceled through the environment. Waiting: through the per-request cancel. */
  via: 'environment' | 'queue'
  /** Undefined when neither its state nor Qovery said what it does. */
  kind?: RequestKind
  triggeredBy?: string
  origin?: string
}

/** What the action decided to act on. */
export type Choice =
  | { decision: 'cancel'; request: FoundRequest; passedOver: FoundRequest[] }
  /** Nothing the action may cancel runs or waits; what does is of a kind `actions` leaves alone. */
  | { decision: 'none'; passedOver: FoundRequest[] }
  /** The running request's kind decides, and its state leaves the kind open: ask Qovery. */
  | { decision: 'kind-needed'; request: FoundRequest }
  /** The request asked for has already ended: nothing to send. */
  | { decision: 'ended'; id: string; state: string }
  /** Qovery does not know the request asked for. */
  | { decision: 'unknown'; id: string; detail?: string }
  /** Qovery says the request is in progress, but neither the status nor the queue shows it yet. */
  | { decision: 'unlocated'; id: string; state: string }
  /** Qovery's lookup places the request asked for in another environment. */
  | { decision: 'elsewhere'; id: string; state: string; environmentId: string }

export interface Sight {
  status: StatusView
  /** The waiting requests, in order; undefined when the queue could not be read. */
  queue: WaitingRequest[] | undefined
  allowed: AllowedActions
  /** The environment asked for: a request the lookup places in another one is not this run's. */
  environmentId?: string
  /** deployment-request-id: exactly this request, lower-case. */
  wanted?: string
  lookup?: RequestLookup
  /** What Qovery said of the running request's kind when its state left it open; 'not said' once asked in vain. */
  runningKind?: RequestKind | 'not said'
}

/** A state of waiting for a turn (DEPLOYMENT_QUEUED, STOP_QUEUED...): no request runs. */
export function isQueuedState(state: string): boolean {
  return state.toUpperCase().includes('QUEUED')
}

/** A request runs: the state is in progress and not a waiting one. */
export function isRunningState(state: string): boolean {
  return !isFinalState(state) && !isQueuedState(state)
}

/** The request the status shows, when it names one. */
export function shownRequest(status: StatusView): string | undefined {
  const id = status.deployment_request_id
  return typeof id === 'string' && id !== '' ? id.toLowerCase() : undefined
}

/**
 * The current request: the first one, in the order Qovery runs them (the running one, then the
 * waiting ones), of a kind `actions` allows. With `wanted`, exactly that request, wherever it is.
 */
export function chooseTarget(sight: Sight): Choice {
  if (sight.wanted !== undefined) return chooseWanted(sight, sight.wanted.toLowerCase())
  const passedOver: FoundRequest[] = []
  const running = runningRequest(sight)
  if (running !== undefined) {
    if (running.kind === undefined && sight.runningKind === undefined && sight.allowed !== 'all')
      return { decision: 'kind-needed', request: running }
    if (isAllowed(running.kind, sight.allowed)) return { decision: 'cancel', request: running, passedOver }
    passedOver.push(running)
  }
  for (const waiting of sight.queue ?? []) {
    const request = foundWaiting(waiting)
    if (isAllowed(request.kind, sight.allowed)) return { decision: 'cancel', request, passedOver }
    passedOver.push(request)
  }
  return { decision: 'none', passedOver }
}

function chooseWanted(sight: Sight, id: string): Choice {
  const { status, lookup } = sight
  const waiting = sight.queue?.find((request) => request.id === id)
  let found: FoundRequest | undefined = waiting === undefined ? undefined : foundWaiting(waiting)
  if (found === undefined && shownRequest(status) === id) {
    if (isFinalState(status.state)) return { decision: 'ended', id, state: status.state }
    // A queued state under its id: the environment waits for others, and this one may have ended.
    if (lookup?.found === true && isFinalState(lookup.state)) return { decision: 'ended', id, state: lookup.state }
    found = runningRequest(sight, true)
  }
  if (found === undefined) {
    const theirs = lookup?.found === true ? lookup.environmentId : undefined
    if (lookup?.found === true && theirs !== undefined && sight.environmentId !== undefined && !sameId(theirs, sight.environmentId))
      return { decision: 'elsewhere', id, state: lookup.state, environmentId: theirs }
    if (lookup === undefined || !lookup.found)
      return lookup?.detail === undefined ? { decision: 'unknown', id } : { decision: 'unknown', id, detail: lookup.detail }
    return isFinalState(lookup.state) ? { decision: 'ended', id, state: lookup.state } : { decision: 'unlocated', id, state: lookup.state }
  }
  if (found.kind === undefined && sight.runningKind === undefined && sight.allowed !== 'all')
    return { decision: 'kind-needed', request: found }
  return isAllowed(found.kind, sight.allowed)
    ? { decision: 'cancel', request: found, passedOver: [] }
    : { decision: 'none', passedOver: [found] }
}

/**
 * The request the status shows in progress, if any. A queued state with no waiting request read
 * (an empty queue, or one that could not be read) is still in progress by Qovery's rule: it is
 * canceled through the environment, as the console does while DEPLOYMENT_QUEUED.
 */
function runningRequest(sight: Sight, shownIsWanted = false): FoundRequest | undefined {
  const { status } = sight
  if (isFinalState(status.state)) return undefined
  if (!shownIsWanted && isQueuedState(status.state) && sight.queue !== undefined && sight.queue.length > 0) return undefined
  const id = shownRequest(status)
  const kind = kindOfState(status.state) ?? (sight.runningKind === 'not said' ? undefined : sight.runningKind)
  return {
    via: 'environment',
    ...(id === undefined ? {} : { id }),
    ...(kind === undefined ? {} : { kind }),
    ...(typeof status.triggered_by === 'string' && status.triggered_by !== '' ? { triggeredBy: status.triggered_by } : {}),
    ...(typeof status.origin === 'string' && status.origin !== '' ? { origin: status.origin } : {})
  }
}

/** A queue row as a request found waiting: its kind is its trigger_action (UNKNOWN says nothing). */
export function foundWaiting(row: WaitingRequest): FoundRequest {
  return {
    id: row.id,
    via: 'queue',
    ...(row.action === undefined || row.action.toUpperCase() === 'UNKNOWN' ? {} : { kind: { action: row.action, source: 'queue' } }),
    ...(row.triggeredBy === undefined ? {} : { triggeredBy: row.triggeredBy }),
    ...(row.origin === undefined ? {} : { origin: row.origin })
  }
}

/** The kind the deployment history gives the execution `executionId` (the status's last_deployment_id). */
export function kindOfHistory(entries: DeploymentHistoryEntry[], executionId: string | null | undefined): RequestKind | undefined {
  const entry = findDeployment(entries, executionId)
  const action = entry?.action
  return action === undefined || action.toUpperCase() === 'UNKNOWN' ? undefined : { action, source: 'history' }
}

/** What became of the targeted request, and on what the action knows it. */
export interface Fate {
  /** Its final state, when Qovery said it or it is known by the evidence below. */
  state?: string
  /** The observation it rests on, as a clause for messages. */
  basis: string
}

export interface Evidence {
  lookup: RequestLookup
  /** CANCELING was seen for the request (the cancel took effect). */
  sawCanceling: boolean
  /** The target waited in the queue and its per-request cancel was accepted. */
  canceledWhileWaiting: boolean
}

/**
 * The fate of a request that the status no longer shows, or undefined while Qovery says it is
 * still in progress. Qovery's lookup wins; without it, CANCELING seen for the request, or an
 * accepted cancel that took it out of the queue before it ran, is evidence it was canceled.
 * Anything else is not known, and is said so.
 */
export function fateOf({ lookup, sawCanceling, canceledWhileWaiting }: Evidence): Fate | undefined {
  if (lookup.found) {
    return isFinalState(lookup.state) ? { state: lookup.state, basis: `Qovery reports it ${lookup.state}` } : undefined
  }
  if (sawCanceling)
    return { state: 'CANCELED', basis: "CANCELING was seen for it before the next request took over (Qovery's lookup does not know it)" }
  if (canceledWhileWaiting)
    return {
      state: 'CANCELED',
      basis: "its cancel was accepted and it left the queue without ever running (Qovery's lookup does not know it)"
    }
  return { basis: "it left the status, and Qovery's lookup does not know it" }
}

/** A final state the action knows, so that it can tell what it means; any other name is reported as seen. */
export function isKnownEnd(state: string): boolean {
  return isFinalState(state) && isKnownState(state)
}

/** `a1b2c3d4`: enough of a request id for logs and tables. */
export function shortId(id: string): string {
  return id.slice(0, 8)
}
