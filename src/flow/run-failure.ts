/** Why a run stopped before its end, in sentences a user can act on: the words of failed, timed-out and interrupted. */
import { formatDuration } from '../util/duration.ts'
import { describeFault, RequestFailed } from '../qovery/faults.ts'
import { Interrupted } from '../util/interrupted.ts'
import type { Outcome } from '../rules/outcome.ts'
import { ResolutionFailed } from './resolve-environment.ts'
import { DeadlineReached, RetriesExhausted } from '../qovery/retrying.ts'
import type { RunState } from './run.ts'
import { type AllowedActions, describeAllowed } from '../rules/request-kind.ts'
import { nameRequest, quoteQovery } from '../rules/words.ts'

/** What the failure sentences need besides the run. */
export interface StopContext {
  timeoutMs: number
  apiUrl: URL
  /** The reason the run's signal was aborted with, if it was. */
  interruption?: unknown
}

/** How a run that stopped on an error ended: interrupted, timed out or failed, and why, in sentences. */
export function stoppedBy(error: unknown, run: RunState, context: StopContext): { outcome: Outcome; reason: string } {
  if (error instanceof Interrupted || context.interruption !== undefined) {
    const name =
      context.interruption instanceof Interrupted
        ? context.interruption.signalName
        : error instanceof Interrupted
          ? error.signalName
          : 'an abort'
    const seen = run.status === undefined ? '' : `; the environment was last seen ${run.status.state}`
    return {
      outcome: 'interrupted',
      reason: `The action was interrupted by ${name} (the workflow run was cancelled)${seen}.${cancelSent(run, true)}`
    }
  }
  if (error instanceof DeadlineReached) return { outcome: 'timed-out', reason: timedOut(error, run, context.timeoutMs) }
  return {
    outcome: 'failed',
    reason: `${explain(error, run, context.apiUrl)}${error instanceof RequestFailed && refusedCancel(error) ? '' : cancelSent(run)}`
  }
}

/**
 * Something runs or waits whose kind no record of it gives (or its records disagree): with
 * `actions` short of all, canceling it could cancel a kind the user did not allow, so nothing was sent.
 */
export function unsureRequest(why: string, actions: AllowedActions): string {
  return `Nothing was canceled: ${why}. With actions: ${describeAllowed(actions)}, the action cancels only a request whose kind Qovery's records confirm. Run it again in a moment, or use actions: all to cancel whatever runs.`
}

/** The request asked for is known to nobody, after looking for it as long as a fresh request may take to show. */
export function unknownRequest(id: string, environmentId: string, lookedForMs: number, detail?: string): string {
  return `Qovery knows no deployment request ${id}: it is neither running nor waiting in environment ${environmentId}, and its lookup does not know it${detail === undefined ? '' : ` (${detail})`}, ${formatDuration(lookedForMs)} after the start. Check deployment-request-id. Nothing was canceled.`
}

/** Qovery's lookup places the request asked for in another environment than the one asked for. */
export function requestElsewhere(id: string, state: string, theirs: string, ours: string): string {
  return `Qovery reports deployment request ${id} ${state} in environment ${theirs}, not in environment ${ours}, the one asked for. Check deployment-request-id and environment-id: they must name the same environment. Nothing was canceled.`
}

/**
 * Qovery knows the request asked for in progress, but the environment never showed it: not
 * running, and not in the queue, or in a queue that could not be read (`queueUnreadable`, why).
 */
export function unlocatedRequest(id: string, state: string, environmentId: string, lookedForMs: number, queueUnreadable?: string): string {
  if (queueUnreadable !== undefined)
    return `Qovery reports deployment request ${id} ${state}, but for ${formatDuration(lookedForMs)} it was not running in environment ${environmentId}, and the environment's deployment queue could not be read (${queueUnreadable}): the action cannot see where it waits, nor what kind of request it is. Nothing was canceled. Give the token the right to read the deployment queue, or cancel the request in Qovery's console.`
  return `Qovery reports deployment request ${id} ${state}, but for ${formatDuration(lookedForMs)} it was neither running nor waiting in environment ${environmentId}'s queue. Nothing was canceled, so that no other request is touched.`
}

function timedOut(error: DeadlineReached, run: RunState, timeoutMs: number): string {
  const fault = error.lastFault ? `; the last request failed with ${describeFault(error.lastFault)}` : ''
  if (run.phase === 'wait') {
    const state = run.target?.lastState ?? run.status?.state ?? 'not known'
    return `Timed out after ${formatDuration(timeoutMs)} while the ${nameRequest(run.target ?? {})} was still ${state}${fault}.`
  }
  // on-timeout holds wherever the timeout runs out: the outcome says timed-out, the reason where.
  const step = {
    resolve: 'the environment was found',
    'before-cancel': 'the status and the queue could be read',
    cancel: 'Qovery answered the cancel request',
    wait: '',
    after: ''
  }[run.phase]
  return `Timed out after ${formatDuration(timeoutMs)}, before ${step}${fault}.${cancelSent(run, true)}`
}

/**
 * What became of the cancel: accepted, sent and never confirmed (no answer, or only failures),
 * or (when `sayNone`, for a run stopped by its deadline or a signal) none sent. "Sent" only of a
 * request that may have reached Qovery: a refused connection sends nothing.
 */
function cancelSent(run: RunState, sayNone = false): string {
  const cancel = run.cancel
  if (cancel?.sentAt === undefined) return sayNone && run.waitingCancels.size === 0 ? ' No cancel request was sent.' : ''
  const at = `${new Date(cancel.sentAt).toISOString().slice(11, 19)}Z`
  if (cancel.acceptedWith !== undefined) return ` Qovery had accepted the cancel request sent at ${at}.`
  if (cancel.conflict !== undefined || cancel.refusedWith !== undefined) return ''
  return ` A cancel request was sent at ${at}, and Qovery never confirmed it: it may have been carried out.`
}

/** Qovery answered the cancel with an error: it was refused, not under way. */
function refusedCancel(error: RequestFailed): boolean {
  return error.request.startsWith('POST ') && error.fault.kind === 'http'
}

/** A failure as a sentence a user can act on. */
function explain(error: unknown, run: RunState, apiUrl: URL): string {
  if (error instanceof ResolutionFailed) return `${error.message} No cancel was sent.`
  if (error instanceof RetriesExhausted) {
    return `${error.message}. Giving up${run.phase === 'wait' ? ' waiting' : ''}; the Qovery API or the network in between seems to be failing.`
  }
  if (error instanceof RequestFailed) return explainRequest(error, run, apiUrl)
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`
}

function explainRequest(error: RequestFailed, run: RunState, apiUrl: URL): string {
  const { fault } = error
  const said = fault.kind === 'http' && fault.detail ? ` ${quoteQovery(fault.detail)}` : ''
  const on = `HTTP ${fault.kind === 'http' ? fault.status : ''} on ${error.request}`
  if (refusedCancel(error)) {
    const why =
      fault.kind === 'http' && fault.status === 403
        ? ': the token lacks the right to deploy this environment, which a cancel needs. Give the token a role that can deploy it.'
        : fault.kind === 'http' && fault.status === 401
          ? ': it rejected the token. Check that the token input holds a valid, unexpired Qovery API token or JWT.'
          : '.'
    const answer = describeFault(fault.kind === 'http' ? { kind: 'http', status: fault.status } : fault)
    return `Qovery refused the cancel request (${answer} on ${error.request})${why}${said} Nothing was canceled.`
  }
  if (fault.kind === 'http' && fault.status === 401)
    return `Qovery rejected the token (${on}). Check that the token input holds a valid, unexpired Qovery API token or JWT.${said}`
  if (fault.kind === 'http' && fault.status === 403)
    return `The token lacks the right to read this (${on}). Give the token's role the right to read the environment.${said}`
  if (fault.kind === 'http' && fault.status === 404) {
    // A wrong path prefix in api-url answers 404 too, with no word from Qovery.
    const prefix =
      apiUrl.pathname !== '/' || fault.detail === undefined
        ? ` Check api-url too (${apiUrl.href}): a wrong path prefix answers 404 as well.`
        : ''
    return run.environmentId === undefined
      ? `Not found (${on}) while looking the environment up.${prefix}${said}`
      : `Environment ${run.environmentId} was not found (${on}). Check environment-id, and that the token belongs to the environment's organization.${prefix}${said}`
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
