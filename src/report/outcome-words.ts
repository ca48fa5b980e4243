/**
 * How a run ends (the `outcome` output), and every word each outcome is told with: its mark, its
 * headline, its annotations' title, its closing sentence, whether the step fails. One table, so
 * that the log, the annotations, the summary and the README say the same thing. Prose speaks in
 * plain words (the deploy, canceled); Qovery's raw values and ids go in the summary's tables.
 */
import type { Fate } from '../rules/request-end.ts'
import { formatDuration } from '../util/duration.ts'
import type { AllowedActions } from '../rules/request-kind.ts'
import type { Report } from '../flow/run.ts'
import type { Outcome } from '../rules/outcome.ts'
import type { OnTimeout } from '../inputs/settings.ts'
import { CONFLICT } from '../flow/request-cancel.ts'
import { isCanceling, stateWords } from '../rules/states.ts'
import { kindWords, quoteQovery } from '../rules/words.ts'
import {
  alsoCanceled,
  causeHeadline,
  causeTitle,
  cancelStands,
  nothingToCancelClosing,
  nothingToCancelHeadline,
  reachedNext,
  reachedNextSentence,
  stoppedOn,
  subject,
  whatRunsNext
} from './phrases.ts'
import { capitalize } from '../util/text.ts'

/** What the words may need besides the run: the settings they speak of. */
export interface ClosingContext {
  onTimeout: OnTimeout
  force: boolean
  actions: AllowedActions
}

export interface OutcomeWords {
  /** When the outcome is given, and what the step does: action.yml and the README say it so. */
  description: string
  mark: string
  /** The title of the closing annotation and of the warnings beside it: names the outcome (and a failure's cause). */
  title(report: Report): string
  /** How the step ends: a warning and an error are annotations; an error fails the step. */
  level(onTimeout: OnTimeout): 'info' | 'notice' | 'warning' | 'error'
  /** The summary's heading, one line: what happened and what runs now, or the cause of a failure. */
  headline(report: Report, context: ClosingContext): string
  /** The closing annotation (or log line), and the summary's lead: what happened, then why. No link: those are the summary's. */
  closing(report: Report, context: ClosingContext): string
}

/** The title and headline of invalid input, which has no run to tell of. */
export const INVALID_INPUT_TITLE = 'Invalid input'
export const INVALID_INPUT_HEADLINE = 'Invalid input: no request was sent to Qovery'

/** CANCELING that outlasts the timeout is most often a lifecycle job Qovery lets finish. */
const STUCK_CANCELING_HINT = ' Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout.'

export const OUTCOMES: Record<Outcome, OutcomeWords> = {
  canceled: {
    description: 'the targeted request ended CANCELED; the step succeeds',
    mark: '✅',
    title: () => 'Canceled',
    level: () => 'info',
    headline: (report) => `Canceled ${subject(report)}${alreadyUnderWay(report, 'headline')}${reachedNext(report)}${whatRunsNext(report)}`,
    closing: (report) =>
      `${reachedNextSentence(report)}${theTarget(report)} was canceled${settledIn(report)}.${alreadyUnderWay(report, 'closing')}${alsoCanceled(report)}`
  },
  finished: {
    description:
      'the targeted request ended in another final state Qovery names (it finished or failed) before or despite the cancel; the step succeeds with a warning',
    mark: '⚠️',
    title: () => 'Not canceled',
    level: () => 'warning',
    headline: (report) =>
      `Not canceled: ${subject(report)} ${endedAs(report)} ${when(report)}${reachedNext(report, '; ')}${whatRunsNext(report)}`,
    closing: (report) =>
      `${reachedNextSentence(report)}${report.cancel?.sentAt === undefined ? `${theTarget(report)} was not canceled` : `The cancel did not stop ${theTarget(report, false)}`}: it ${endedAs(report)} ${when(report)}.${alsoCanceled(report)}`
  },
  unknown: {
    description:
      'the targeted request ended, but Qovery did not say how, its records of it disagree, or it ended in a state the action does not know; the step succeeds with a warning',
    mark: '❔',
    title: () => 'Ended, how is not known',
    level: () => 'warning',
    headline: (report) => `${capitalize(subject(report))} ended; whether it was canceled is not known`,
    closing: (report) => {
      const fate = fateOf(report)
      const after = report.target?.sawCanceling === true ? ', after Qovery began canceling it' : ''
      const first = `${reachedNextSentence(report)}${theTarget(report)}`
      return fate?.state === undefined
        ? `${first} has ended, and whether it was canceled is not known: ${fate?.basis ?? 'Qovery did not say'}.`
        : `${first} ended${after}, and whether it was canceled is not known: it ended in a state the action does not know (${stateWords(fate.state)}).`
    }
  },
  'nothing-to-cancel': {
    description:
      'nothing of a kind `actions` allows was running or waiting (or the request asked for had already ended, or is of another kind); nothing was sent, the step succeeds with a notice',
    mark: 'ℹ️',
    title: () => 'Nothing to cancel',
    level: () => 'notice',
    headline: (report, context) => `Nothing to cancel: ${nothingToCancelHeadline(report, context.actions)}`,
    closing: (report, context) => nothingToCancelClosing(report, context.actions)
  },
  requested: {
    description: 'with wait: false, Qovery accepted the cancel and the action did not wait; the step succeeds',
    mark: '✅',
    title: () => 'Cancel requested',
    level: () => 'info',
    headline: (report) => `Qovery accepted the cancel of ${subject(report)}; not waiting for it (wait: false)`,
    closing: (report) =>
      `Qovery accepted the cancel of the ${noun(report)} and goes on with it; the action did not wait for it to take effect (wait: false).`
  },
  conflict: {
    description:
      'with wait: false, Qovery refused the cancel with 409 (a cancel already under way, or an operation it cannot stop) and the request had not ended (one that had is followed to its end, even with wait: false, and the outcome says how it ended); the step succeeds with a warning',
    mark: '⚠️',
    title: () => 'Cancel refused (409)',
    level: () => 'warning',
    headline: (report) =>
      `Qovery refused the cancel of ${subject(report)} (409); the environment is ${stateWords(report.status?.state ?? 'not known')}`,
    closing: (report) => `Qovery refused the cancel (409), and the action does not wait (wait: false).${conflictCause(report)}`
  },
  'timed-out': {
    description:
      'the targeted request was still in progress when timeout ran out, or the cancel was not yet accepted; the step fails, or warns with on-timeout: warn',
    mark: '⏱️',
    title: () => 'Timed out',
    level: (onTimeout) => (onTimeout === 'warn' ? 'warning' : 'error'),
    headline: (report, context) =>
      `Timed out${stoppedOn(report)}: ${cancelStands(report)}${context.onTimeout === 'warn' ? '; the step goes on (on-timeout: warn)' : ''}`,
    closing: (report, context) => {
      const goesOn = report.cancel?.acceptedWith === undefined ? '' : ' Qovery goes on with the cancel it accepted.'
      const warn = context.onTimeout === 'warn' ? ' The step goes on with a warning (on-timeout: warn).' : ''
      const hint = isCanceling(report.target?.lastState ?? report.status?.state ?? '') && !context.force ? STUCK_CANCELING_HINT : ''
      return `${report.reason ?? 'Timed out.'}${goesOn}${warn}${hint}`
    }
  },
  interrupted: {
    description: 'the workflow run was cancelled (SIGINT, SIGTERM, SIGHUP or SIGBREAK) while the action ran; the step fails',
    mark: '🛑',
    title: () => 'Interrupted',
    level: () => 'error',
    headline: (report) => `Interrupted${stoppedOn(report)}: ${cancelStands(report)}`,
    closing: (report) =>
      `${report.reason ?? 'Interrupted.'}${report.cancel?.acceptedWith === undefined ? '' : ' Qovery goes on with the cancel it accepted.'}`
  },
  failed: {
    description:
      'an error stopped the action (token rejected, environment or request not found, API unreachable, no record of Qovery tells what kind of request runs, or the cancel reached a request of a kind `actions` does not allow...); the step fails',
    mark: '❌',
    title: (report) => `Failed: ${causeTitle(report.failure)}`,
    level: () => 'error',
    headline: (report) => {
      const cause = causeHeadline(report.failure, report)
      // After an accepted cancel, a 404 says the environment is gone: the cancel's fate with it.
      if (report.failure?.kind === 'not-found' && report.failure.afterAccepted) return cause
      // The request reached was followed to its end: how it ended is where the cancel stands.
      if (report.failure?.kind === 'reached-disallowed') {
        const state = fateOf(report)?.state
        return state === undefined ? `${cause}; how it ended is not known` : `${cause}; it ended ${stateWords(state)}`
      }
      return `${cause}: ${cancelStands(report)}`
    },
    closing: (report) => report.reason ?? 'The action failed.'
  },
  'invalid-input': {
    description: 'an input, or a variable of the runner such as HTTPS_PROXY, cannot be used; nothing was sent, the step fails',
    mark: '❌',
    title: () => INVALID_INPUT_TITLE,
    level: () => 'error',
    headline: () => INVALID_INPUT_HEADLINE,
    closing: (report) => report.reason ?? 'Invalid input. No request was sent to Qovery.'
  }
}

/** `deploy`, `deletion`, `request`: the targeted request's kind as a noun. */
function noun(report: Report): string {
  return kindWords(report.target?.kind).noun
}

/**
 * `The deploy`; `It` right after the sentence that says the cancel reached the next request (which
 * names it); `The deploy asked for` when the cancel reached another; lower-case unless `start`.
 */
function theTarget(report: Report, start = true): string {
  const words = report.missed !== undefined ? 'it' : `the ${noun(report)}${report.reachedOther === undefined ? '' : ' asked for'}`
  return start ? capitalize(words) : words
}

function fateOf(report: Report): Fate | undefined {
  return report.target?.fate
}

/** `finished (deployed)`, `failed to deploy`, `ended (paused)`: how a request that was not canceled ended. */
function endedAs(report: Report): string {
  const state = fateOf(report)?.state
  if (state === undefined) return 'ended'
  if (/_ERROR$/i.test(state)) return stateWords(state)
  return `${['DEPLOYED', 'STOPPED', 'DELETED', 'RESTARTED'].includes(state.toUpperCase()) ? 'finished' : 'ended'} (${stateWords(state)})`
}

/** Whether the cancel had taken effect (CANCELING was seen for the request), or had left at all. */
function when(report: Report): string {
  if (report.target?.sawCanceling === true) return 'after Qovery began canceling it'
  return report.cancel?.sentAt === undefined ? 'before the cancel was sent' : 'before the cancel took effect'
}

/**
 * `, though Qovery answered this cancel 409` (headline) or ` Qovery had answered this cancel 409.
 * Qovery said: "..."` (closing): the cancel sent got 409, never an
 * acceptance, so the cancel that took effect was not this one; '' otherwise.
 */
function alreadyUnderWay(report: Report, where: 'headline' | 'closing'): string {
  const cancel = report.cancel
  if (cancel?.conflict === undefined || cancel.acceptedWith !== undefined) return ''
  return where === 'headline'
    ? ', though Qovery answered this cancel 409'
    : ` Qovery had answered this cancel 409. ${quoteQovery(cancel.conflict)}`
}

/**
 * ` (seen 2.6s after the cancel request)`: when the end was seen, not when it came (up to a
 * poll-interval sooner, or before the cancel, for one that ended meanwhile); '' when the cancel
 * reached another request, whose time says nothing of the target's end.
 */
function settledIn(report: Report): string {
  return report.reachedOther === undefined && report.settledAt !== undefined && report.cancel?.sentAt !== undefined
    ? ` (seen ${formatDuration(report.settledAt - report.cancel.sentAt)} after the cancel request)`
    : ''
}

/**
 * Why Qovery answered 409: its own words first; what the action saw (CANCELING: a cancel under
 * way); a likely cause only where Qovery gave none.
 */
function conflictCause(report: Report): string {
  const detail = report.cancel?.conflict
  const said = detail !== undefined && detail !== CONFLICT ? ` ${quoteQovery(detail)}` : ''
  const state = report.status?.state
  if (state !== undefined && isCanceling(state)) return `${said} The environment is canceling: a cancel was already under way.`
  const seen = state === undefined ? '' : ` The environment is ${stateWords(state)}.`
  return said === '' ? `${seen} A 409 usually means an operation is in progress that a cancel cannot stop.` : `${said}${seen}`
}
