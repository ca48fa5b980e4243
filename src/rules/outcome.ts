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

/**
 * Why a failed run failed, as data for the headline (the reason says it in sentences):
 * - token-rejected: Qovery did not accept the token (401) on a read;
 * - read-forbidden: the token may not read what the run needs (403 on a read);
 * - cancel-refused: Qovery refused the cancel with this HTTP status (not 409), and its words;
 * - not-found: a read answered 404, before the cancel was accepted or after (the environment or
 *   the request is gone);
 * - name-not-matched: a name given matched no organization, project or environment, or several;
 * - request-unknown, request-elsewhere, request-unlocated: deployment-request-id names a request
 *   Qovery does not know, places in another environment, or shows neither running nor waiting;
 * - records-unclear: Qovery's records do not say what runs, or what kind of request it is, and
 *   `actions` short of all cancels only a kind they confirm;
 * - reached-disallowed: the environment cancel reached the request that started as the target
 *   ended, of a kind (`action`, Qovery's trigger action) `actions` does not cancel;
 * - answer-too-large: an answer passed the cap on its headers or its body (a proxy's or a
 *   gateway's, most likely), which no retry fixes;
 * - unreachable: the API could not be reached (a network fault, by its code);
 * - api-failing: the API kept failing until the retries were spent;
 * - api-error: another answer no retry fixes (its HTTP status, when one came);
 * - unexpected: a failure the action does not expect.
 */
export type FailureCause =
  | { kind: 'token-rejected' | 'read-forbidden' | 'api-failing' | 'unexpected' | 'records-unclear' }
  | { kind: 'cancel-refused'; status: number; detail?: string }
  | { kind: 'not-found'; afterAccepted: boolean }
  | { kind: 'name-not-matched'; level: 'organization' | 'project' | 'environment'; several: boolean }
  | { kind: 'request-unknown' | 'request-unlocated'; id: string; environmentId: string }
  | { kind: 'request-elsewhere'; id: string; environmentId: string; otherEnvironmentId: string }
  | { kind: 'unreachable'; code: string }
  | { kind: 'reached-disallowed'; action: string }
  | { kind: 'answer-too-large'; part: 'headers' | 'body' }
  | { kind: 'api-error'; status?: number }

/** The outcome once the targeted request has ended: canceled only when it is known to have ended CANCELED. */
export function outcomeOfFate(fate: Fate): Outcome {
  if (fate.state === undefined || !isKnownEnd(fate.state)) return 'unknown'
  return isCanceled(fate.state) ? 'canceled' : 'finished'
}
