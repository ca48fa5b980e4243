/**
 * How a run ends (the `outcome` output), and every word each outcome is told with: its mark, its
 * headline, its annotation's title, its closing sentence, whether the step fails. One table, so
 * that the log, the annotations, the summary and the README say the same thing.
 */
import type { Fate } from '../rules/request-end.ts'
import { formatDuration } from '../util/duration.ts'
import { actionsValueFor, type AllowedActions, describeAllowed, kindNoun } from '../rules/request-kind.ts'
import type { Report } from '../flow/run.ts'
import type { Outcome } from '../rules/outcome.ts'
import type { OnTimeout } from '../inputs/settings.ts'
import { isCanceling } from '../rules/states.ts'
import { describeRequest, listed, nameRequest } from '../rules/words.ts'

/** What the closing sentence may need besides the run: the settings it speaks of, and where to follow the cancel. */
export interface ClosingContext {
  onTimeout: OnTimeout
  force: boolean
  actions: AllowedActions
  /** The deployment's page in Qovery's console, else the environment's, when known. */
  followAt?: string
}

export interface OutcomeWords {
  /** When the outcome is given, and what the step does: action.yml and the README say it so. */
  description: string
  mark: string
  /** The closing annotation's title; without one, the closing sentence is a plain log line. */
  title?: string
  /** How the step ends: a warning and an error are annotations; an error fails the step. */
  level(onTimeout: OnTimeout): 'info' | 'notice' | 'warning' | 'error'
  /** The summary's heading, naming the request's kind and the environment. */
  headline(report: Report): string
  closing(report: Report, context: ClosingContext): string
}

/** The waiting requests queued: cancel canceled besides the target, as a sentence; empty when none. */
function alsoCanceled(report: Report): string {
  const others = report.canceledRequests.filter((id) => id !== report.target?.id)
  if (others.length === 0) return ''
  return others.length === 1
    ? ` The waiting request ${others[0]} was canceled (queued: cancel).`
    : ` The ${others.length} waiting requests ${listed(others, ', ')} were canceled (queued: cancel).`
}

/** CANCELING that outlasts the timeout is most often a lifecycle job Qovery lets finish. */
const STUCK_CANCELING_HINT = ' Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout.'

export const OUTCOMES: Record<Outcome, OutcomeWords> = {
  canceled: {
    description: 'the targeted request ended CANCELED; the step succeeds',
    mark: '✅',
    level: () => 'info',
    headline: (report) => `${subject(report)} canceled`,
    closing: (report) => `The ${nameRequest(target(report))} ended CANCELED${settledIn(report)} (${fateOf(report)?.basis ?? 'seen'}).`
  },
  finished: {
    description:
      'the targeted request ended in another final state Qovery names (it finished or failed) before or despite the cancel; the step succeeds with a warning',
    mark: '⚠️',
    title: 'Not canceled',
    level: () => 'warning',
    headline: (report) =>
      target(report).sawCanceling
        ? `${subject(report)} ended ${endState(report)} after the cancel took effect`
        : `${subject(report)} ended ${endState(report)} before the cancel took effect`,
    closing: (report) =>
      target(report).sawCanceling
        ? `The ${nameRequest(target(report))} ended ${endState(report)}, not CANCELED: the cancel took effect (CANCELING was seen), and it then ended ${endState(report)}.`
        : `The ${nameRequest(target(report))} ended ${endState(report)} before the cancel took effect: it was not canceled.${alsoCanceled(report)}`
  },
  unknown: {
    description:
      'the targeted request ended, but Qovery did not say how, or ended it in a state the action does not know; the step succeeds with a warning',
    mark: '❔',
    title: 'Ended, how is not known',
    level: () => 'warning',
    headline: (report) => `${subject(report)} ended; whether it was canceled is not known`,
    closing: (report) => {
      const fate = fateOf(report)
      return fate?.state === undefined
        ? `The ${nameRequest(target(report))} has ended, but how is not known: ${fate?.basis ?? 'Qovery did not say'}. It may or may not have been canceled.`
        : `The ${nameRequest(target(report))} ended ${fate.state}, a state the action does not know${target(report).sawCanceling ? ', after CANCELING was seen' : ''}: whether it was canceled is not known.`
    }
  },
  'nothing-to-cancel': {
    description:
      'nothing of a kind `actions` allows was running or waiting (or the request asked for had already ended, or is of another kind); nothing was sent, the step succeeds with a notice',
    mark: 'ℹ️',
    title: 'Nothing to cancel',
    level: () => 'notice',
    headline: (report) => `Nothing to cancel${environmentName(report) === undefined ? '' : ` in ${environmentName(report)}`}`,
    closing: (report, context) => `${nothingToCancel(report, context.actions)} No cancel request was sent.`
  },
  requested: {
    description: 'with wait: false, Qovery accepted the cancel and the action did not wait; the step succeeds',
    mark: '✅',
    level: () => 'info',
    headline: (report) => `Cancel of the ${subject(report, true)} requested`,
    closing: (report, context) =>
      `Qovery accepted the cancel of the ${nameRequest(target(report))}; not waiting for it to take effect (wait: false).${goesOn(report, context)}`
  },
  conflict: {
    description:
      'with wait: false, Qovery refused the cancel with 409 (a cancel already under way, or an operation it cannot stop); the step succeeds with a warning',
    mark: '⚠️',
    title: 'Cancel refused',
    level: () => 'warning',
    headline: (report) => `Cancel of the ${subject(report, true)} refused (409)`,
    closing: (report) => {
      const state = report.status?.state ?? 'not known'
      return `Qovery refused the cancel (409: ${report.cancel?.conflict}). ${isCanceling(state) ? 'The environment is CANCELING: a cancel was already under way.' : `The environment is ${state}: an operation is in progress that this cancel could not stop.`} Not waiting (wait: false).`
    }
  },
  'timed-out': {
    description:
      'the targeted request was still in progress when timeout ran out, or the cancel was not yet accepted; the step fails, or warns with on-timeout: warn',
    mark: '⏱️',
    title: 'Timed out',
    level: (onTimeout) => (onTimeout === 'warn' ? 'warning' : 'error'),
    headline: (report) => {
      const state = report.target?.lastState ?? report.status?.state
      return `Timed out${report.target === undefined ? '' : ` on the ${subject(report, true)}`}${state === undefined ? '' : ` while ${state}`}`
    },
    closing: (report, context) => {
      const hint = isCanceling(report.target?.lastState ?? report.status?.state ?? '') && !context.force ? STUCK_CANCELING_HINT : ''
      const warn = context.onTimeout === 'warn' ? ' Continuing because on-timeout is warn.' : ''
      // The console's link last: a sentence after a URL reads as part of it.
      return `${report.reason}${hint}${warn}${goesOn(report, context)}`
    }
  },
  interrupted: {
    description: 'the workflow run was cancelled (SIGINT, SIGTERM, SIGHUP or SIGBREAK) while the action ran; the step fails',
    mark: '🛑',
    title: 'Interrupted',
    level: () => 'error',
    headline: (report) => `Interrupted${report.target === undefined ? '' : ` while following the ${subject(report, true)}`}`,
    closing: (report, context) => `${report.reason}${goesOn(report, context)}`
  },
  failed: {
    description: 'an error stopped the action (token rejected, environment or request not found, API unreachable...); the step fails',
    mark: '❌',
    title: 'Cancel failed',
    level: () => 'error',
    headline: (report) => `Cancel failed${environmentName(report) === undefined ? '' : ` in ${environmentName(report)}`}`,
    closing: (report) => report.reason ?? 'The action failed.'
  },
  'invalid-input': {
    description: 'an input, or a variable of the runner such as HTTPS_PROXY, cannot be used; nothing was sent, the step fails',
    mark: '❌',
    title: 'Invalid input',
    level: () => 'error',
    headline: () => 'Invalid input',
    closing: (report) => report.reason ?? 'Invalid input. No request was sent to Qovery.'
  }
}

/** "Deployment of shop", or "deployment of shop" in the middle of a sentence; "Deployment" when the name is not known. */
export function subject(report: Report, lower = false): string {
  const noun = kindNoun(report.target?.kind)
  const name = environmentName(report)
  const text = `${noun}${name === undefined ? '' : ` of ${name}`}`
  return lower ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text
}

/** The environment's name, from the names given or read from Qovery. */
export function environmentName(report: Report): string | undefined {
  return (
    report.resolved?.environment.name ??
    (report.environment !== undefined && 'value' in report.environment ? report.environment.value.name : undefined)
  )
}

function target(report: Report): NonNullable<Report['target']> {
  return report.target ?? { via: 'environment', sawCanceling: false, said: [] }
}

function fateOf(report: Report): Fate | undefined {
  return report.target?.fate
}

function endState(report: Report): string {
  return fateOf(report)?.state ?? 'not known'
}

function settledIn(report: Report): string {
  return report.settledAt !== undefined && report.cancel?.sentAt !== undefined
    ? `, ${formatDuration(report.settledAt - report.cancel.sentAt)} after the cancel request`
    : ''
}

/** Once Qovery accepted the cancel, it carries it out whether the step waits or not. */
function goesOn(report: Report, context: ClosingContext): string {
  if (report.cancel?.acceptedWith === undefined || report.target?.fate !== undefined) return ''
  return ` Qovery goes on with the cancel it accepted${context.followAt === undefined ? '.' : `; follow it in Qovery's console: ${context.followAt}`}`
}

/** Why nothing was sent: what ran or waited, of which kind, and what would have canceled it. */
function nothingToCancel(report: Report, actions: AllowedActions): string {
  const ended = report.target?.alreadyEnded
  if (ended !== undefined)
    return ended.state === undefined
      ? `Nothing to cancel: the ${nameRequest(target(report))} had already ended; how is not known (${ended.basis}).`
      : `Nothing to cancel: the ${nameRequest(target(report))} had already ended ${ended.state}.`
  const state = report.status?.state ?? 'not known'
  if (report.passedOver.length > 0) {
    const items = report.passedOver.map(
      (request) =>
        `${request.via === 'queue' ? 'waiting' : 'running'}: the ${describeRequest(request)}, which actions: ${actionsValueFor(request.kind)} would cancel`
    )
    return `Nothing to cancel with actions: ${describeAllowed(actions)}. ${capitalize(listed(items, '; '))}.`
  }
  if (report.queueUnreadable !== undefined)
    return `Nothing to cancel: the environment is ${state}, and no deployment request is running. The deployment queue could not be read (${report.queueUnreadable}), so requests waiting in it, if any, are not known.`
  return `Nothing to cancel: the environment is ${state}, and no deployment request is running or waiting in its queue.`
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}
