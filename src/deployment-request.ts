/**
 * The deployment request: the unit the action cancels. Qovery runs one request per environment
 * at a time and queues the others; the status shows the running (or last) request's id. This
 * module is pure policy: what to target, and what became of the target once it left the status.
 */
import type { RequestLookup, WaitingRequest } from './qovery-types.ts'
import { isFinalState } from './states.ts'

/** The status fields this module reads. */
export interface StatusView {
  state: string
  deployment_request_id?: string | null
}

/**
 * What the action acts on. `running` is cancelled through the environment (its id may be
 * unknown: the status field is optional), `waiting` through the per-request cancel.
 */
export type Choice =
  | { kind: 'running'; id?: string }
  | { kind: 'waiting'; id: string }
  | { kind: 'none' }
  /** The request asked for has already ended: nothing to send. */
  | { kind: 'ended'; id: string; state: string }
  /** Qovery does not know the request asked for. */
  | { kind: 'unknown'; id: string; detail?: string }
  /** Qovery says the request is in progress, but neither the status nor the queue shows it yet. */
  | { kind: 'unlocated'; id: string; state: string }

/** A state of waiting for a turn (DEPLOYMENT_QUEUED, STOP_QUEUED...): no request runs. */
export function isQueuedState(state: string): boolean {
  return state.toUpperCase().includes('QUEUED')
}

/** The request the status shows, when it names one. */
export function shownRequest(status: StatusView): string | undefined {
  const id = status.deployment_request_id
  return typeof id === 'string' && id !== '' ? id.toLowerCase() : undefined
}

/**
 * The current deployment: the running request, or when none runs, the first waiting one. With
 * `wanted`, exactly that request, wherever it is; nothing else is ever chosen.
 */
export function chooseTarget(status: StatusView, queue: WaitingRequest[], wanted?: string, lookup?: RequestLookup): Choice {
  const running = !isFinalState(status.state) && !isQueuedState(status.state)
  const shown = shownRequest(status)
  if (wanted === undefined) {
    if (running) return shown === undefined ? { kind: 'running' } : { kind: 'running', id: shown }
    const first = queue[0]
    if (first !== undefined) return { kind: 'waiting', id: first.id }
    // A queued state with an empty queue: the environment is still in progress by Qovery's rule.
    if (!isFinalState(status.state)) return shown === undefined ? { kind: 'running' } : { kind: 'running', id: shown }
    return { kind: 'none' }
  }
  const id = wanted.toLowerCase()
  if (queue.some((request) => request.id === id)) return { kind: 'waiting', id }
  if (shown === id) return isFinalState(status.state) ? { kind: 'ended', id, state: status.state } : { kind: 'running', id }
  if (lookup === undefined || !lookup.found)
    return lookup?.detail === undefined ? { kind: 'unknown', id } : { kind: 'unknown', id, detail: lookup.detail }
  if (isFinalState(lookup.state)) return { kind: 'ended', id, state: lookup.state }
  return { kind: 'unlocated', id, state: lookup.state }
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

/** `a1b2c3d4`: enough of a request id for logs and tables. */
export function shortId(id: string): string {
  return id.slice(0, 8)
}

/** One waiting request for a log line: id, action, who triggered it. */
export function describeWaiting(request: WaitingRequest): string {
  const parts = [
    request.action,
    request.triggeredBy === undefined ? undefined : `by ${request.triggeredBy}`,
    request.origin === undefined ? undefined : `from ${request.origin}`
  ].filter(Boolean)
  return `${request.id}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`
}
