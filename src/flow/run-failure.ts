/**
 * Why a run stopped before its end: the words of failed, timed-out and interrupted, in sentences a
 * user can act on, and for a failure its cause as data (FailureCause), for the headline. Qovery's
 * own words come first; a likely cause is named only as likely, and only where Qovery gave none.
 */
import { formatDuration } from '../util/duration.ts'
import { describeFault, type Fault, RequestFailed } from '../qovery/faults.ts'
import { Interrupted } from '../util/interrupted.ts'
import type { FailureCause, Outcome } from '../rules/outcome.ts'
import { ResolutionFailed } from './resolve-environment.ts'
import { DeadlineReached, RetriesExhausted } from '../qovery/retrying.ts'
import type { RunState } from './run.ts'
import { type AllowedActions, describeAllowed, isAllowed } from '../rules/request-kind.ts'
import { describeRequest, kindWords, quoteQovery } from '../rules/words.ts'
import { stateWords } from '../rules/states.ts'
import { capitalize } from '../util/text.ts'

/** What the failure sentences need besides the run. */
export interface StopContext {
  timeoutMs: number
  apiUrl: URL
  /** The reason the run's signal was aborted with, if it was. */
  interruption?: unknown
}

/** Why a run stopped: sentences for the annotation and the summary, and a failure's cause as data. */
export interface Stop {
  reason: string
  cause?: FailureCause
}

/** How a run that stopped on an error ended: interrupted, timed out or failed, and why. */
export function stoppedBy(error: unknown, run: RunState, context: StopContext): Stop & { outcome: Outcome } {
  if (error instanceof Interrupted || context.interruption !== undefined) {
    const name =
      context.interruption instanceof Interrupted
        ? context.interruption.signalName
        : error instanceof Interrupted
          ? error.signalName
          : 'an abort'
    // The state the headline tells too: the targeted request's last, else the environment's.
    const last = run.target?.lastState ?? run.status?.state
    const seen =
      last === undefined
        ? ''
        : `; ${run.target?.lastState === undefined ? 'the environment' : `the ${kindWords(run.target.kind).noun}`} was last seen ${stateWords(last)}`
    return {
      outcome: 'interrupted',
      reason: `The action was interrupted by ${name} (the workflow run was cancelled)${seen}.${cancelSent(run, true)}`
    }
  }
  if (error instanceof DeadlineReached) return { outcome: 'timed-out', reason: timedOut(error, run, context.timeoutMs) }
  const { reason, cause } = explain(error, run, context.apiUrl)
  const refused = cause.kind === 'cancel-refused'
  return { outcome: 'failed', reason: `${reason}${refused ? '' : cancelSent(run)}`, cause }
}

/**
 * Something runs or waits whose kind no record of it gives (or its records disagree): with
 * `actions` short of all, canceling it could cancel a kind the user did not allow, so nothing was sent.
 */
export function unsureRequest(why: string, actions: AllowedActions): Stop {
  return {
    reason: `Nothing was canceled: ${why}. With actions: ${describeAllowed(actions)}, the action cancels only a request whose kind Qovery's records confirm. Run it again in a moment, or use actions: all to cancel whatever runs.`,
    cause: { kind: 'records-unclear' }
  }
}

/**
 * The environment cancel reached the request that started as the target ended, and `actions` does
 * not cancel its kind: the action could not keep the cancel from it (Qovery's environment cancel
 * stops whatever runs when it arrives), and says so as a failure. Undefined when the cancel reached
 * no other request, or one of a kind allowed, or of a kind no record gave (the warning says so).
 */
export function reachedDisallowed(run: RunState, actions: AllowedActions): Stop | undefined {
  const { missed, target } = run
  if (missed === undefined || target?.kind === undefined || isAllowed(target.kind, actions)) return undefined
  const first = missed.fate?.state === undefined ? 'how is not known' : stateWords(missed.fate.state)
  const end = target.fate?.state === undefined ? '' : ` It ended ${stateWords(target.fate.state)}.`
  return {
    reason: `The cancel reached ${describeRequest(target)}, not the ${kindWords(missed.kind).noun} first targeted: that one had ended (${first}) as the cancel arrived, and Qovery's environment cancel stops whatever runs then. actions: ${describeAllowed(actions)} does not cancel a ${kindWords(target.kind).noun}, and the action could not keep the cancel from it.${end}`,
    cause: { kind: 'reached-disallowed', action: target.kind.action }
  }
}

/** The request asked for is known to nobody, after looking for it as long as a fresh request may take to show. */
export function unknownRequest(id: string, environmentId: string, lookedForMs: number, detail?: string): Stop {
  return {
    reason: `Qovery knows no deployment request by the id given in deployment-request-id: it is neither running nor waiting in the environment, and its lookup does not know it${detail === undefined ? '' : ` (${detail})`}, ${formatDuration(lookedForMs)} after the start. Check deployment-request-id. Nothing was canceled.`,
    cause: { kind: 'request-unknown', id, environmentId }
  }
}

/** Qovery's lookup places the request asked for in another environment than the one asked for. */
export function requestElsewhere(id: string, state: string, theirs: string, ours: string): Stop {
  return {
    reason: `Qovery reports the deployment request given in deployment-request-id ${stateWords(state)} in another environment than the one asked for. Check deployment-request-id and environment-id: they must name the same environment. Nothing was canceled.`,
    cause: { kind: 'request-elsewhere', id, environmentId: ours, otherEnvironmentId: theirs }
  }
}

/**
 * Qovery knows the request asked for in progress, but the environment never showed it: not
 * running, and not in the queue, or in a queue that could not be read (`queueUnreadable`, why).
 */
export function unlocatedRequest(id: string, state: string, environmentId: string, lookedForMs: number, queueUnreadable?: string): Stop {
  const cause: FailureCause = { kind: 'request-unlocated', id, environmentId }
  const reported = `Qovery reports the deployment request given in deployment-request-id ${stateWords(state)}, but for ${formatDuration(lookedForMs)}`
  if (queueUnreadable !== undefined)
    return {
      reason: `${reported} it was not running in the environment, and the environment's deployment queue could not be read (${queueUnreadable}): the action cannot see where it waits, nor what kind of request it is. Nothing was canceled. Give the token the right to read the deployment queue, or cancel the request in Qovery's console.`,
      cause
    }
  return {
    reason: `${reported} it was neither running nor waiting in the environment's queue. Nothing was canceled, so that no other request is touched.`,
    cause
  }
}

/** A failure the action does not expect, such as a bug: its message, as it is. */
function unexpected(message: string): Required<Stop> {
  return { reason: `Unexpected error: ${message}`, cause: { kind: 'unexpected' } }
}

function timedOut(error: DeadlineReached, run: RunState, timeoutMs: number): string {
  const fault = error.lastFault ? `; the last request failed with ${describeFault(error.lastFault)}` : ''
  if (run.phase === 'wait') {
    const state = run.target?.lastState ?? run.status?.state
    return `Timed out after ${formatDuration(timeoutMs)} while the ${kindWords(run.target?.kind).noun} was still ${state === undefined ? 'in progress' : stateWords(state)}${fault}.`
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

/** A failure as sentences a user can act on, and its cause. */
function explain(error: unknown, run: RunState, apiUrl: URL): Required<Stop> {
  if (error instanceof ResolutionFailed) {
    const several = / are named /.test(error.message)
    return { reason: `${error.message} No cancel was sent.`, cause: { kind: 'name-not-matched', level: error.level, several } }
  }
  if (error instanceof RetriesExhausted) {
    return {
      reason: `${error.message}. Giving up${run.phase === 'wait' ? ' waiting' : ''}; the Qovery API or the network in between seems to be failing.`,
      cause: { kind: 'api-failing' }
    }
  }
  if (error instanceof RequestFailed) return refusedCancel(error) ? explainRefusal(error, run) : explainRead(error, run, apiUrl)
  return unexpected(error instanceof Error ? error.message : String(error))
}

/**
 * Qovery refused the cancel: its words first; a likely cause only where it gave none. Nothing
 * was canceled, unless cancels of waiting requests went out before (queued: cancel).
 */
function explainRefusal(error: RequestFailed, run: RunState): Required<Stop> {
  const fault = error.fault as Extract<Fault, { kind: 'http' }>
  const said = fault.detail ? ` ${quoteQovery(fault.detail)}` : ''
  const likely =
    fault.status === 401
      ? ' Qovery did not accept the token. Check that the token input holds a valid, unexpired Qovery API token or JWT.'
      : fault.status === 403 && !fault.detail
        ? ' A 403 without a reason usually means the token lacks the right to deploy this environment, which a cancel needs.'
        : ''
  const others = [...run.waitingCancels.values()].some((answer) => answer.accepted !== false)
  const canceled = others
    ? ' The targeted request was not canceled; cancels of waiting requests had been sent before.'
    : ' Nothing was canceled.'
  return {
    reason: `Qovery refused the cancel request (${describeFault({ kind: 'http', status: fault.status })}).${said}${likely}${canceled}`,
    cause: { kind: 'cancel-refused', status: fault.status, ...(fault.detail ? { detail: fault.detail } : {}) }
  }
}

/** A read failed for good: what was asked, Qovery's words, and what to check. */
function explainRead(error: RequestFailed, run: RunState, apiUrl: URL): Required<Stop> {
  const { fault } = error
  const said = fault.kind === 'http' && fault.detail ? ` ${quoteQovery(fault.detail)}` : ''
  const on = `HTTP ${fault.kind === 'http' ? fault.status : ''} when ${callWords(error.request)}`
  if (fault.kind === 'http' && fault.status === 401)
    return {
      reason: `Qovery did not accept the token (${on}).${said} Check that the token input holds a valid, unexpired Qovery API token or JWT.`,
      cause: { kind: 'token-rejected' }
    }
  if (fault.kind === 'http' && fault.status === 403)
    return {
      reason: `Qovery refused the token access (${on}).${said || " A 403 without a reason usually means the token's role may not read this environment."}`,
      cause: { kind: 'read-forbidden' }
    }
  if (fault.kind === 'http' && fault.status === 404) return explainNotFound(error, run, apiUrl)
  if (fault.kind === 'network' && fault.code === 'ENOTFOUND') {
    // Through a proxy, the host that could not be resolved may be the proxy's, not the API's.
    const host = /ENOTFOUND (\S+)/.exec(fault.message)?.[1]
    const proxy =
      host !== undefined && host !== apiUrl.hostname
        ? `, or the proxy variables (HTTPS_PROXY, HTTP_PROXY): ${host} is not api-url's host`
        : ''
    return {
      reason: `${capitalize(callWords(error.request))} failed: the host could not be resolved (${fault.message}). Check api-url${proxy}.`,
      cause: { kind: 'unreachable', code: fault.code }
    }
  }
  if (fault.kind === 'network') return { reason: `${error.message}.`, cause: { kind: 'unreachable', code: fault.code } }
  if (fault.kind === 'too-large')
    return {
      reason: `${error.message}. Check api-url and the proxy variables (HTTPS_PROXY, HTTP_PROXY).`,
      cause: { kind: 'answer-too-large', part: fault.part }
    }
  // A redirect is not followed: it would carry the token to wherever it points.
  if (fault.kind === 'http' && fault.status >= 300 && fault.status < 400)
    return {
      reason: `${error.message}. The action does not follow redirects, which would carry the token elsewhere: check api-url (${apiUrl.href}), which must be the API's own address (Qovery's: https://api.qovery.com).`,
      cause: { kind: 'api-error', status: fault.status }
    }
  return {
    reason: `${error.message}.`,
    cause: { kind: 'api-error', ...(fault.kind === 'http' || fault.kind === 'bad-body' ? { status: fault.status } : {}) }
  }
}

/**
 * 404 on a read. Before the cancel was accepted: the environment asked for (or api-url's path) is
 * wrong. After: it worked a moment before, so the environment or the request is gone.
 */
function explainNotFound(error: RequestFailed, run: RunState, apiUrl: URL): Required<Stop> {
  const fault = error.fault as Extract<Fault, { kind: 'http' }>
  const said = fault.detail ? ` ${quoteQovery(fault.detail)}` : ''
  const on = `HTTP 404 when ${callWords(error.request)}`
  if (run.cancel?.acceptedWith !== undefined)
    return {
      reason: `Qovery had accepted the cancel, then answered not found (${on}).${said} The environment or the request is gone: most likely deleted meanwhile. Whether the cancel took effect first is not known.`,
      cause: { kind: 'not-found', afterAccepted: true }
    }
  // A wrong path prefix in api-url answers 404 too, with no word from Qovery.
  const prefix =
    apiUrl.pathname !== '/' || fault.detail === undefined
      ? ` Check api-url too (${apiUrl.href}): a wrong path prefix answers 404 as well.`
      : ''
  const reason =
    run.environmentId === undefined
      ? `Not found (${on}) while looking the environment up.${said}${prefix}`
      : `The environment was not found (${on}).${said} Check environment-id, and that the token belongs to the environment's organization.${prefix}`
  return { reason, cause: { kind: 'not-found', afterAccepted: false } }
}

/** The API calls the action makes, in words, by the path's end (`GET /environment/<id>/status`). */
const CALLS: Array<[RegExp, string]> = [
  [/^POST .*\/deploymentQueue\/[^/]+\/cancelDeployment$/, 'canceling a waiting request'],
  [/^POST .*\/cancelDeployment$/, 'requesting the cancel'],
  [/\/status$/, "reading the environment's status"],
  [/\/statuses$/, "reading the services' states"],
  [/\/deploymentQueue$/, 'reading the deployment queue'],
  [/\/deploymentStatus$/, 'looking the request up'],
  [/\/deploymentHistoryV2$/, 'reading the deployment history'],
  [/\/organization$/, 'listing the organizations'],
  [/\/project$/, 'listing the projects'],
  [/\/environment$/, 'listing the environments'],
  [/\/environment\/[^/]+$/, 'reading the environment']
]

/** `reading the environment's status`: what a request was for; the request itself when it is not one of the above. */
function callWords(request: string): string {
  return CALLS.find(([pattern]) => pattern.test(request))?.[1] ?? `calling ${request}`
}
