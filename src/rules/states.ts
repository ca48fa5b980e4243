/**
 * Qovery environment states (StateEnum in Qovery's OpenAPI spec) and the rule for when one is
 * final. The list only serves documentation and the contract test: the API adds states over
 * time, so every decision goes through the rule, which handles names it has never seen.
 */
export const KNOWN_STATES = [
  'BUILDING',
  'BUILD_ERROR',
  'CANCELED',
  'CANCELING',
  'DELETED',
  'DELETE_ERROR',
  'DELETE_QUEUED',
  'DELETING',
  'DEPLOYED',
  'DEPLOYING',
  'DEPLOYMENT_ERROR',
  'DEPLOYMENT_QUEUED',
  'EXECUTING',
  'QUEUED',
  'READY',
  'RECAP',
  'RESTARTED',
  'RESTARTING',
  'RESTART_ERROR',
  'RESTART_QUEUED',
  'STOPPED',
  'STOPPING',
  'STOP_ERROR',
  'STOP_QUEUED',
  'UNAVAILABLE',
  'WAITING_DELETING',
  'WAITING_RESTARTING',
  'WAITING_RUNNING',
  'WAITING_STOPPING'
] as const

/** One of the states Qovery's spec lists today. */
export function isKnownState(state: string): boolean {
  return (KNOWN_STATES as readonly string[]).includes(state.toUpperCase())
}

const CANCELED = 'CANCELED'

/** The state a successful cancel ends in. */
export function isCanceled(state: string): boolean {
  return state.toUpperCase() === CANCELED
}

/** A cancel taking effect: seen for a request, it is evidence the cancel reached it. */
export function isCanceling(state: string): boolean {
  return state.toUpperCase() === 'CANCELING'
}

/**
 * Qovery's own rule (its Terraform provider uses it): a state is final when it does not end in
 * ING and contains neither QUEUED nor WAITING. CANCELING is therefore not final, and neither is
 * the DEPLOYING the API may still show right after a cancel was accepted.
 */
export function isFinalState(state: string): boolean {
  const name = state.toUpperCase()
  return !name.endsWith('ING') && !name.includes('QUEUED') && !name.includes('WAITING')
}

/** StateEnum values in plain words, where the lower-case name would not read as English. */
const STATE_WORDS: Record<string, string> = {
  BUILD_ERROR: 'failed to build',
  DELETE_ERROR: 'failed to delete',
  DEPLOYMENT_ERROR: 'failed to deploy',
  RESTART_ERROR: 'failed to restart',
  STOP_ERROR: 'failed to stop',
  DEPLOYMENT_QUEUED: 'queued to deploy',
  DELETE_QUEUED: 'queued to delete',
  RESTART_QUEUED: 'queued to restart',
  STOP_QUEUED: 'queued to stop',
  WAITING_RUNNING: 'waiting to deploy',
  WAITING_DELETING: 'waiting to delete',
  WAITING_RESTARTING: 'waiting to restart',
  WAITING_STOPPING: 'waiting to stop',
  EXECUTING: 'running lifecycle jobs'
}

/** `canceled`, `failed to deploy`, `queued to restart`: a state (a StateEnum name, any) as words for prose. */
export function stateWords(state: string): string {
  const name = state.trim().toUpperCase()
  return STATE_WORDS[name] ?? name.toLowerCase().replace(/_+/g, ' ')
}
