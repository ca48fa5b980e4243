import type { Report } from './cancel-flow.ts'
import { describeWaiting } from './deployment-request.ts'
import { formatDuration } from './duration.ts'
import type { OnTimeout, Queued } from './settings.ts'
import { isCanceling } from './states.ts'

/** How the step ends: the closing message, its annotation level, and whether the step fails. */
export interface Conclusion {
  level: 'info' | 'notice' | 'warning' | 'error'
  message: string
  failed: boolean
}

/** Waiting requests named in the warning; the rest are counted. */
const LISTED_WAITING = 20

/** CANCELING that outlasts the timeout is most often a lifecycle job Qovery lets finish. */
const STUCK_CANCELING_HINT = ' Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout.'

export interface ConclusionSettings {
  onTimeout: OnTimeout
  force: boolean
}

export function conclude(report: Report, { onTimeout, force }: ConclusionSettings): Conclusion {
  const state = report.status?.state ?? 'unknown'
  const request = report.request
  const subject = request?.id === undefined ? 'The deployment' : `Deployment request ${request.id}`
  const ofSubject = `${subject.charAt(0).toLowerCase()}${subject.slice(1)}`
  const fate = request?.fate
  const settled =
    report.settledAt !== undefined && report.cancelRequestedAt !== undefined
      ? ` in ${formatDuration(report.settledAt - report.cancelRequestedAt)}`
      : ''
  switch (report.outcome) {
    case 'canceled':
      return {
        level: 'info',
        failed: false,
        message: `Deployment canceled: ${ofSubject} ended CANCELED${settled} (${fate?.basis ?? 'seen'}).`
      }
    case 'finished':
      return {
        level: 'warning',
        failed: false,
        message: request?.sawCanceling
          ? `${subject} ended ${fate?.state}, not CANCELED: the cancel took effect (CANCELING was seen), and the deployment then ended ${fate?.state}.`
          : `${subject} ended ${fate?.state} before the cancel took effect: nothing was canceled.`
      }
    case 'unknown':
      return {
        level: 'warning',
        failed: false,
        message: `${subject} has ended, but how is not known: ${fate?.basis ?? 'Qovery did not say'}. It may or may not have been canceled.`
      }
    case 'nothing-to-cancel':
      return {
        level: 'notice',
        failed: false,
        message:
          report.alreadyEnded !== undefined
            ? `Nothing to cancel: ${ofSubject} had already ended ${report.alreadyEnded}. No cancel request was sent.`
            : report.queueUnreadable !== undefined
              ? `Nothing to cancel: the environment is ${state}, and no deployment is running. The deployment queue could not be read (${report.queueUnreadable}), so requests waiting in it, if any, are not known. No cancel request was sent.`
              : `Nothing to cancel: the environment is ${state}, and no deployment is running or waiting in its queue. No cancel request was sent.`
      }
    case 'requested':
      return {
        level: 'info',
        failed: false,
        message: `Cancel requested and accepted; not waiting for it to take effect (wait: false). The environment was ${state}.`
      }
    case 'conflict':
      return {
        level: 'warning',
        failed: false,
        message: `Qovery refused the cancel (409: ${report.conflict}). ${isCanceling(state) ? 'The environment is CANCELING: a cancel was already under way.' : `The environment is ${state}: an operation is in progress that this cancel could not stop.`} Not waiting (wait: false).`
      }
    case 'timed-out': {
      const seen = request?.lastState ?? state
      const hint = isCanceling(seen) && !force ? STUCK_CANCELING_HINT : ''
      return onTimeout === 'warn'
        ? { level: 'warning', failed: false, message: `${report.reason}${hint} Continuing because on-timeout is warn.` }
        : { level: 'error', failed: true, message: `${report.reason}${hint}` }
    }
    case 'interrupted':
    case 'failed':
      return { level: 'error', failed: true, message: report.reason ?? 'The action failed.' }
  }
}

/**
 * What waits behind the canceled request, as a warning: with queued: keep it starts next; with
 * queued: cancel it is what the cancels did not remove. Undefined when nothing waits.
 */
export function queueWarning(report: Report, queued: Queued): string | undefined {
  const waiting = report.waiting ?? []
  const next = report.startedNext === undefined ? '' : ` Deployment request ${report.startedNext} started once the canceled one ended.`
  if (waiting.length === 0) return next === '' ? undefined : next.trim()
  const list =
    waiting.slice(0, LISTED_WAITING).map(describeWaiting).join('; ') +
    (waiting.length > LISTED_WAITING ? `; and ${waiting.length - LISTED_WAITING} more` : '')
  const count = `${waiting.length} deployment request${waiting.length > 1 ? 's' : ''}`
  return queued === 'keep'
    ? `${count} still wait${waiting.length > 1 ? '' : 's'} in the queue and will start next: ${list}. Use queued: cancel to cancel them too.${next}`
    : `${count} still wait${waiting.length > 1 ? '' : 's'} in the queue despite queued: cancel (queued after the cancels, or refused): ${list}.${next}`
}
