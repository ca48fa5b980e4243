import { isCanceled, isFinalState } from './states.ts'

/** How a run ended; the `outcome` output. */
export type Outcome = 'canceled' | 'finished' | 'nothing-to-cancel' | 'requested' | 'timed-out' | 'interrupted' | 'failed'

export const OUTCOMES: Record<Outcome, string> = {
  canceled: 'the environment reached CANCELED; the step succeeds',
  finished: 'the deployment ended in another final state (it finished or failed) before the cancel took effect; the step succeeds with a warning',
  'nothing-to-cancel': 'no deployment was running (the state was already final); nothing was sent, the step succeeds with a notice',
  requested: 'with wait: false, the cancel was accepted and the action did not wait; the step succeeds',
  'timed-out': 'the environment was still in progress when timeout ran out; the step fails, or warns with on-timeout: warn',
  interrupted: 'the workflow run was cancelled (SIGINT or SIGTERM) while the action waited; the step fails',
  failed: 'an error stopped the action (token rejected, environment not found, API unreachable...); the step fails'
}

/** The outcome once a final state has been seen after the cancel was requested. */
export function outcomeOfFinalState(state: string): Outcome {
  return isCanceled(state) ? 'canceled' : 'finished'
}

/** Outcome after the cancel call when the action does not wait: only a final state settles it. */
export function outcomeWithoutWaiting(state: string): Outcome {
  return isFinalState(state) ? outcomeOfFinalState(state) : 'requested'
}
