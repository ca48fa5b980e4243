/**
 * How a run ends: the `outcome` output. The words each outcome is told with are the report's
 * (report/outcome-words.ts); which outcome a request's end gives is policy, here.
 */
import { isKnownEnd } from './deployment-request.ts'
import type { Fate } from './request-end.ts'
import { isCanceled } from './states.ts'

export type Outcome =
  | 'canceled'
  | 'finished'
  | 'unknown'
  | 'nothing-to-cancel'
  | 'requested'
  | 'conflict'
  | 'timed-out'
  | 'interrupted'
  | 'failed'
  | 'invalid-input'

/** The outcome once the targeted request has ended: canceled only when it is known to have ended CANCELED. */
export function outcomeOfFate(fate: Fate): Outcome {
  if (fate.state === undefined || !isKnownEnd(fate.state)) return 'unknown'
  return isCanceled(fate.state) ? 'canceled' : 'finished'
}
