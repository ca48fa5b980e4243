/**
 * The phrases the outcome words are made of, in plain words (kinds and states as words, no ids):
 * the request and its environment, what runs next, where the cancel stands, why nothing was
 * canceled, and a failure's cause. Each rests on a field of the Report, and says "not known"
 * where the Report does not know.
 */
import { type FoundRequest, foundWaiting, isRunningState, shownRequest } from '../rules/deployment-request.ts'
import type { Report } from '../flow/run.ts'
import type { FailureCause } from '../rules/outcome.ts'
import type { Fate } from '../rules/request-end.ts'
import { alsoCanceledIds, stillWaiting } from './report-views.ts'
import { actionsValueCovering, type AllowedActions, describeAllowed } from '../rules/request-kind.ts'
import { isFinalState, stateWords } from '../rules/states.ts'
import { kindWords, listed } from '../rules/words.ts'
import { counted } from '../util/text.ts'

/** The environment's name, from the names given or read from Qovery. */
export function environmentName(report: Report): string | undefined {
  return (
    report.resolved?.environment.name ??
    (report.environment !== undefined && 'value' in report.environment ? report.environment.value.name : undefined)
  )
}

/** `the deploy of pr-1234-preview`; `the deploy` when the environment's name is not known. */
export function subject(report: Report): string {
  const name = environmentName(report)
  return `the ${kindWords(report.target?.kind).noun}${name === undefined ? '' : ` of ${name}`}`
}

/** `the deletion (by alice@example.com)`: a request other than the target, its kind as far as a record of it says. */
export function aRequest(request: Pick<FoundRequest, 'kind' | 'triggeredBy'>, article = 'the'): string {
  return `${article} ${kindWords(request.kind).noun}${request.triggeredBy === undefined ? '' : ` (by ${request.triggeredBy})`}`
}

/**
 * The request that started once the target had ended, with what the Report holds of it: its queue
 * row or the record it was left alone on (kind, who), else the status that shows it (who only: a
 * state's name is no record of a kind). Whether it still runs: the last status read shows it running.
 */
export function nextRequest(report: Report): { request: Pick<FoundRequest, 'kind' | 'triggeredBy'>; runs: boolean } | undefined {
  const id = report.startedNext
  if (id === undefined) return undefined
  // Its row in a queue read, the last one or an earlier one: once started, it is in the queue no more.
  const row = report.queue?.find((waiting) => waiting.id === id) ?? report.seenWaiting.get(id)
  const found = report.passedOver.find((request) => request.id === id) ?? (row === undefined ? undefined : foundWaiting(row))
  const status = report.status
  const shown = status !== undefined && shownRequest(status) === id ? status : undefined
  const by = found?.triggeredBy ?? (typeof shown?.triggered_by === 'string' && shown.triggered_by !== '' ? shown.triggered_by : undefined)
  return {
    request: { ...(found?.kind === undefined ? {} : { kind: found.kind }), ...(by === undefined ? {} : { triggeredBy: by }) },
    runs: shown !== undefined && isRunningState(shown.state)
  }
}

/** `; the next deploy (by bob@example.com) now runs`, or what still waits; '' when neither is known. */
export function whatRunsNext(report: Report): string {
  const next = nextRequest(report)
  if (next !== undefined) return `; ${aRequest(next.request, 'the next')} ${next.runs ? 'now runs' : 'started next'}`
  const waiting = stillWaiting(report) ?? []
  if (waiting.length === 0) return ''
  // Entries, not a count of requests: Qovery may list one merged request under two ids.
  return waiting.length === 1
    ? `; ${aRequest(foundWaiting(waiting[0]!), 'a')} still waits in the queue`
    : `; the queue still lists ${counted(waiting.length, 'entry', 'entries')}`
}

/** Waiting requests canceled besides the target (queued: cancel), as a sentence; '' when none. */
export function alsoCanceled(report: Report): string {
  const others = alsoCanceledIds(report)
  if (others.length === 0) return ''
  return ` ${others.length === 1 ? 'The waiting request was' : `The ${others.length} waiting requests were`} canceled too (queued: cancel).`
}

/**
 * `: the cancel reached the next deploy (by bob@example.com), which had started as the first one
 * ended` (after `lead`): the environment cancel reached the request that started as the one first
 * targeted ended (Report.missed), and that is the request told of; `: the cancel reached the next
 * deploy (by bob@example.com) instead` when deployment-request-id asked for the first alone
 * (Report.reachedOther); '' otherwise.
 */
export function reachedNext(report: Report, lead = ': '): string {
  if (report.reachedOther !== undefined) return `${lead}the cancel reached ${aRequest(report.reachedOther, 'the next')} instead`
  if (report.missed === undefined || report.target === undefined) return ''
  return `${lead}the cancel reached ${aRequest(report.target, 'the next')}, which had started as the first one ended`
}

/**
 * `The cancel reached the next deploy (by bob@example.com), which had started as the deploy first
 * targeted (by alice@example.com) ended (canceled). `: how the first ended, as its records said;
 * '' unless the cancel reached the next request.
 */
export function reachedNextSentence(report: Report): string {
  const { missed, target, reachedOther } = report
  if (reachedOther !== undefined)
    return `The cancel reached ${aRequest(reachedOther, 'the next')}, which had started as the ${kindWords(target?.kind).noun} asked for ended. `
  if (missed === undefined || target === undefined) return ''
  const by = missed.triggeredBy === undefined ? '' : ` (by ${missed.triggeredBy})`
  const state = missed.fate?.state
  const ended = state === undefined ? 'ended (how is not known)' : `ended (${stateWords(state)})`
  return `The cancel reached ${aRequest(target, 'the next')}, which had started as the ${kindWords(missed.kind).noun} first targeted${by} ${ended}. `
}

/** Cancels of waiting requests went out (queued: cancel) and were not refused: some may have been carried out. */
function waitingCancelsSent(report: Report): boolean {
  return [...report.waitingCancels.values()].some((answer) => answer.accepted !== false)
}

/** Where the cancel stands when the run stopped early: `no cancel was sent`, `Qovery goes on with the cancel it accepted`... */
export function cancelStands(report: Report): string {
  const cancel = report.cancel
  if (cancel?.sentAt === undefined) return waitingCancelsSent(report) ? 'only cancels of waiting requests were sent' : 'no cancel was sent'
  if (cancel.acceptedWith !== undefined) return 'Qovery goes on with the cancel it accepted'
  if (cancel.refusedWith !== undefined || cancel.conflict !== undefined)
    return waitingCancelsSent(report) ? 'the targeted request was not canceled' : 'nothing was canceled'
  return 'a cancel was sent and never confirmed: it may have been carried out'
}

/** ` on the deploy of pr-1234-preview, last seen canceling`: what the run was about when it stopped; '' before a target. */
export function stoppedOn(report: Report): string {
  if (report.target === undefined) {
    const name = environmentName(report)
    return name === undefined ? '' : ` in ${name}`
  }
  const state = report.target.lastState ?? report.status?.state
  if (state === undefined) return ` on ${subject(report)}`
  return ` on ${subject(report)}, ${isFinalState(state) ? 'last seen' : 'still'} ${stateWords(state)}`
}

/** The headline of nothing-to-cancel: what runs or waits, and why it is left alone. */
export function nothingToCancelHeadline(report: Report, actions: AllowedActions): string {
  const name = environmentName(report) ?? 'the environment'
  const ended = report.target?.alreadyEnded
  if (ended !== undefined) return `the ${kindWords(report.target?.kind).noun} asked for had already ended (${endedWords(ended)})`
  const [first, ...others] = report.passedOver
  if (first === undefined)
    return report.queueUnreadable === undefined
      ? `nothing runs or waits in ${name}`
      : `nothing runs in ${name} (its queue could not be read)`
  const words = kindWords(first.kind)
  const what =
    first.via === 'environment'
      ? `${name} ${first.kind === undefined ? 'runs a request of a kind Qovery did not name' : words.underway}`
      : `a ${words.noun} waits in ${name}'s queue`
  const more = others.length === 0 ? '' : `, and ${counted(others.length, 'more request')} wait${others.length === 1 ? 's' : ''}`
  const alone =
    first.kind === undefined
      ? 'only actions: all cancels a request of a kind not known'
      : `actions: ${describeAllowed(actions)} leaves ${words.plural} alone`
  return `${what}${more} (${alone})`
}

/** The closing of nothing-to-cancel: nothing was sent, and why, with what would cancel it. */
export function nothingToCancelClosing(report: Report, actions: AllowedActions): string {
  const ended = report.target?.alreadyEnded
  if (ended !== undefined)
    return `No cancel was sent: the ${kindWords(report.target?.kind).noun} asked for had already ended (${endedWords(ended)}).`
  if (report.passedOver.length > 0) {
    const items = report.passedOver.map((request) => `${aRequest(request)} that ${request.via === 'queue' ? 'waits' : 'runs'}`)
    const covering = actionsValueCovering(
      report.passedOver.map((request) => request.kind),
      actions
    )
    const them = report.passedOver.length === 1 ? 'it' : 'them'
    return `No cancel was sent: actions: ${describeAllowed(actions)} leaves alone ${listed(items, ', ')}${covering === undefined ? '' : `; actions: ${covering} would cancel ${them}`}.`
  }
  const state = report.status === undefined ? 'in a state not known' : stateWords(report.status.state)
  if (report.queueUnreadable !== undefined)
    return `No cancel was sent: the environment is ${state} and nothing runs; its deployment queue could not be read (${report.queueUnreadable}), so requests waiting in it, if any, are not known.`
  return `No cancel was sent: the environment is ${state}, with nothing waiting in its queue.`
}

/** A failure's cause for the headline: `The token was not accepted (401)`. */
export function causeHeadline(cause: FailureCause | undefined, report: Report): string {
  if (cause === undefined) return 'The action failed'
  switch (cause.kind) {
    case 'token-rejected':
      return 'The token was not accepted (401)'
    case 'read-forbidden':
      return 'Qovery refused the token access (403)'
    case 'cancel-refused':
      return `Qovery refused the cancel (${cause.status})`
    case 'not-found':
      if (cause.afterAccepted) return 'The environment or the request is gone (404) after Qovery accepted the cancel'
      return report.environmentId === undefined ? 'Not found (404) while looking the environment up' : 'The environment was not found (404)'
    case 'name-not-matched':
      return cause.several ? `Several ${cause.level}s match the name given` : `No ${cause.level} matches the name given`
    case 'request-unknown':
      return 'Qovery knows no request with the id given'
    case 'request-elsewhere':
      return 'The request given belongs to another environment'
    case 'request-unlocated':
      return 'The request given is neither running nor waiting in the environment'
    case 'unreachable':
      return `Qovery's API could not be reached (${cause.code})`
    case 'api-failing':
      return "Qovery's API kept failing"
    case 'api-error':
      return `Qovery's API answered ${cause.status === undefined ? 'with an error' : `HTTP ${cause.status}`}`
    case 'records-unclear':
      return "Qovery's records do not say what runs, or what kind of request it is"
    case 'reached-disallowed':
      return `The cancel reached ${aRequest(report.target ?? { kind: { action: cause.action, source: 'queue' } }, 'the next')}, a kind actions leaves alone, as the first one ended`
    case 'answer-too-large':
      return `An answer's ${cause.part} was too large to be Qovery's`
    case 'unexpected':
      return 'Unexpected error'
  }
}

/** How a request asked for had ended, in words: its state, or that its records disagree. */
function endedWords(fate: Fate): string {
  return fate.state === undefined ? "how is not known: Qovery's records disagree" : stateWords(fate.state)
}

/** A failure's cause for an annotation's title: `token not accepted (401)`. */
export function causeTitle(cause: FailureCause | undefined): string {
  switch (cause?.kind) {
    case undefined:
      return 'failed'
    case 'token-rejected':
      return 'token not accepted (401)'
    case 'read-forbidden':
      return 'access refused (403)'
    case 'cancel-refused':
      return `cancel refused (${cause.status})`
    case 'not-found':
      return cause.afterAccepted ? 'environment or request gone (404)' : 'not found (404)'
    case 'name-not-matched':
      return 'name not matched'
    case 'request-unknown':
      return 'request not known'
    case 'request-elsewhere':
      return 'request in another environment'
    case 'request-unlocated':
      return 'request not seen'
    case 'unreachable':
      return `API not reached (${cause.code})`
    case 'api-failing':
      return 'API kept failing'
    case 'api-error':
      return `API answered ${cause.status === undefined ? 'with an error' : cause.status}`
    case 'records-unclear':
      return 'records unclear'
    case 'reached-disallowed':
      return `cancel reached a ${kindWords({ action: cause.action }).noun}`
    case 'answer-too-large':
      return `answer too large (${cause.part})`
    case 'unexpected':
      return 'unexpected error'
  }
}
