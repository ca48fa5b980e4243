import type { Fate } from './deployment-request.ts'
import { isCanceled } from './states.ts'

/** How a run ended; the `outcome` output. */
export type Outcome =
  'canceled' | 'finished' | 'unknown' | 'nothing-to-cancel' | 'requested' | 'conflict' | 'timed-out' | 'interrupted' | 'failed'

export const OUTCOMES: Record<Outcome, string> = {
  canceled: 'the targeted deployment request ended CANCELED; the step succeeds',
  finished:
    'the targeted request ended in another final state (it finished or failed) before or despite the cancel; the step succeeds with a warning',
  unknown: 'the targeted request ended, but Qovery did not say how; the step succeeds with a warning',
  'nothing-to-cancel':
    'no deployment was running or waiting (or the request asked for had already ended); nothing was sent, the step succeeds with a notice',
  requested: 'with wait: false, the cancel was accepted and the action did not wait; the step succeeds',
  conflict:
    'with wait: false, Qovery refused the cancel (409: already canceling, or an operation that cannot be canceled); the step succeeds with a warning',
  'timed-out': 'the targeted request was still in progress when timeout ran out; the step fails, or warns with on-timeout: warn',
  interrupted: 'the workflow run was cancelled (SIGINT, SIGTERM, SIGBREAK or SIGHUP) while the action ran; the step fails',
  failed: 'an error stopped the action (token rejected, environment or request not found, API unreachable...); the step fails'
}

/** The outcome once the targeted request has ended: canceled only when it ended CANCELED. */
export function outcomeOfFate(fate: Fate): Outcome {
  if (fate.state === undefined) return 'unknown'
  return isCanceled(fate.state) ? 'canceled' : 'finished'
}
