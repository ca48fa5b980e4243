import type { Report } from './cancel-flow.ts'
import { formatDuration } from './duration.ts'
import type { OnTimeout } from './settings.ts'

/** How the step ends: the closing message, its annotation level, and whether the step fails. */
export interface Conclusion {
  level: 'info' | 'notice' | 'warning' | 'error'
  message: string
  failed: boolean
}

/** CANCELING that outlasts the timeout is most often a lifecycle job Qovery lets finish. */
const STUCK_CANCELING_HINT = ' Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout.'

export function conclude(report: Report, { onTimeout, force }: { onTimeout: OnTimeout; force: boolean }): Conclusion {
  const state = report.status?.state ?? 'unknown'
  const settled = report.settledAt !== undefined && report.cancelRequestedAt !== undefined ? ` in ${formatDuration(report.settledAt - report.cancelRequestedAt)}` : ''
  switch (report.outcome) {
    case 'canceled':
      return { level: 'info', failed: false, message: `Deployment canceled: the environment reached ${state}${settled}.` }
    case 'finished':
      return {
        level: 'warning',
        failed: false,
        message: `The deployment ended ${state} before the cancel took effect: nothing was canceled.`
      }
    case 'nothing-to-cancel':
      return {
        level: 'notice',
        failed: false,
        message: `Nothing to cancel: the environment is ${state}, no deployment is running. No cancel request was sent.`
      }
    case 'requested':
      return {
        level: 'info',
        failed: false,
        message: `Cancel requested; not waiting for it to take effect (wait: false). The environment was ${state}.`
      }
    case 'timed-out': {
      const hint = state === 'CANCELING' && !force ? STUCK_CANCELING_HINT : ''
      return onTimeout === 'warn'
        ? { level: 'warning', failed: false, message: `${report.reason}${hint} Continuing because on-timeout is warn.` }
        : { level: 'error', failed: true, message: `${report.reason}${hint}` }
    }
    case 'interrupted':
    case 'failed':
      return { level: 'error', failed: true, message: report.reason ?? 'The action failed.' }
  }
}
