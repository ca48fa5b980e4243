import { describeFault, Interrupted, RequestFailed } from './faults.ts'
import { formatDuration } from './duration.ts'
import type { Outcome } from './outcome.ts'
import { ResolutionFailed } from './resolve-environment.ts'
import { DeadlineReached, RetriesExhausted } from './retrying.ts'

/** Where the run was when it stopped. */
export type Phase = 'resolve' | 'before-cancel' | 'cancel' | 'wait'

/** What the run knew when it stopped, for the sentence that says why. */
export interface Stopped {
  phase: Phase
  timeoutMs: number
  apiUrl: URL
  /** The reason the run's signal was aborted with, if it was. */
  interruption?: unknown
  environmentId?: string
  /** The environment state last read. */
  lastState?: string
  /** The request targeted, and its last state seen in progress. */
  request?: { id?: string; lastState?: string }
  cancelRequestedAt?: number
}

/** How a run that stopped on an error ended: interrupted, timed out or failed, and why, in a sentence. */
export function stoppedBy(error: unknown, stopped: Stopped): { outcome: Outcome; reason: string } {
  const { phase, timeoutMs, lastState, request, cancelRequestedAt } = stopped
  const sent =
    cancelRequestedAt === undefined ? '' : ` A cancel request had been sent at ${new Date(cancelRequestedAt).toISOString().slice(11, 19)}Z.`
  if (error instanceof Interrupted || stopped.interruption !== undefined) {
    const name =
      stopped.interruption instanceof Interrupted
        ? stopped.interruption.signalName
        : error instanceof Interrupted
          ? error.signalName
          : 'an abort'
    const seen = lastState === undefined ? '' : `; the environment was last seen ${lastState}`
    return { outcome: 'interrupted', reason: `The action was interrupted by ${name} (the workflow run was cancelled)${seen}.${sent}` }
  }
  if (error instanceof DeadlineReached) {
    const fault = error.lastFault ? `; the last request failed with ${describeFault(error.lastFault)}` : ''
    if (phase === 'wait') {
      const what = request?.id === undefined ? 'the environment' : `deployment request ${request.id}`
      return {
        outcome: 'timed-out',
        reason: `Timed out after ${formatDuration(timeoutMs)} while ${what} was still ${request?.lastState ?? lastState ?? 'unknown'}${fault}.`
      }
    }
    // on-timeout holds wherever the timeout runs out: the outcome says timed-out, the reason where.
    const step =
      phase === 'cancel'
        ? 'the cancel request was accepted'
        : phase === 'resolve'
          ? 'the environment was found'
          : 'the status and the queue could be read'
    return { outcome: 'timed-out', reason: `Timed out after ${formatDuration(timeoutMs)}, before ${step}${fault}.${sent}` }
  }
  return { outcome: 'failed', reason: `${explain(error, stopped)}${sent}` }
}

/** A failure as a sentence a user can act on. */
function explain(error: unknown, { phase, environmentId, apiUrl }: Stopped): string {
  if (error instanceof ResolutionFailed) return `${error.message} No cancel was sent.`
  if (error instanceof RetriesExhausted) {
    return `${error.message}. Giving up${phase === 'wait' ? ' waiting' : ''}; the Qovery API or the network in between seems to be failing.`
  }
  if (error instanceof RequestFailed) {
    const { fault } = error
    const detail = fault.kind === 'http' && fault.detail ? ` Qovery said: ${fault.detail}` : ''
    if (fault.kind === 'http' && fault.status === 401) {
      return `Qovery rejected the token (HTTP 401 on ${error.request}). Check that the token input holds a valid, unexpired Qovery API token or JWT.${detail}`
    }
    if (fault.kind === 'http' && fault.status === 403) {
      const right = error.request.startsWith('POST ') ? 'the right to deploy this environment (a cancel needs it)' : 'the right to read it'
      return `The token lacks the rights for this (HTTP 403 on ${error.request}). Give the token's role ${right}.${detail}`
    }
    if (fault.kind === 'http' && fault.status === 404) {
      // A wrong path prefix in api-url answers 404 too, with no word from Qovery.
      const prefix =
        apiUrl.pathname !== '/' || fault.detail === undefined
          ? ` Check api-url too (${apiUrl.href}): a wrong path prefix answers 404 as well.`
          : ''
      return environmentId === undefined
        ? `Not found (HTTP 404 on ${error.request}) while looking the environment up.${prefix}${detail}`
        : `Environment ${environmentId} was not found (HTTP 404 on ${error.request}). Check environment-id, and that the token belongs to the environment's organization.${prefix}${detail}`
    }
    if (fault.kind === 'network' && fault.code === 'ENOTFOUND') {
      // Through a proxy, the host that could not be resolved may be the proxy's, not the API's.
      const host = /ENOTFOUND (\S+)/.exec(fault.message)?.[1]
      const proxy =
        host !== undefined && host !== apiUrl.hostname
          ? `, or the proxy variables (HTTPS_PROXY, HTTP_PROXY): ${host} is not api-url's host`
          : ''
      return `${error.request} failed: the host could not be resolved (${fault.message}). Check api-url${proxy}.`
    }
    return `${error.message}.`
  }
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`
}
