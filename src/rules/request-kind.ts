/**
 * What a deployment request does: Qovery runs deploys, restarts, stops and deletes through the
 * same queue and the same cancel endpoints. The kind is Qovery's `trigger_action`
 * (DeploymentHistoryTriggerAction, spec line 21522); the `actions` input names the kinds the action
 * may cancel. Pure: where the kind comes from is the caller's business, and a kind never known is
 * never guessed.
 */
import type { ServiceStatus } from './qovery-records.ts'

/** The values of the `actions` input, each a family of trigger_action values. */
export const ACTION_NAMES = ['deploy', 'restart', 'stop', 'delete'] as const
export type ActionName = (typeof ACTION_NAMES)[number]

/** The kinds the action may cancel: the `actions` input. */
export type AllowedActions = 'all' | ReadonlySet<ActionName>

/** A request's kind, and the observation it rests on. */
export interface RequestKind {
  /** Qovery's trigger_action: DEPLOY, DELETE, RESTART, STOP, DEPLOY_DRY_RUN, TERRAFORM_FORCE_UNLOCK... */
  action: string
  source: 'queue' | 'state' | 'services' | 'history'
}

/** trigger_action values and the `actions` value each falls under; any other value is only cancelled by actions: all (words.ts says them in words). */
const FAMILIES: Record<string, ActionName | undefined> = {
  DEPLOY: 'deploy',
  DEPLOY_DRY_RUN: 'deploy',
  RESTART: 'restart',
  STOP: 'stop',
  DELETE: 'delete',
  DELETE_RESOURCES_ONLY: 'delete',
  UNINSTALL: 'delete',
  TERRAFORM_FORCE_UNLOCK: undefined,
  TERRAFORM_MIGRATE_STATE: undefined
}

/**
 * States that name the action of the request that runs (or waits, for the queued ones). EXECUTING
 * (lifecycle jobs, which run on deploy, stop and delete), QUEUED, CANCELING and states the action
 * does not know leave it open.
 */
const KIND_OF_STATE: Record<string, string> = {
  BUILDING: 'DEPLOY',
  DEPLOYING: 'DEPLOY',
  DEPLOYMENT_QUEUED: 'DEPLOY',
  WAITING_RUNNING: 'DEPLOY',
  RESTARTING: 'RESTART',
  RESTART_QUEUED: 'RESTART',
  WAITING_RESTARTING: 'RESTART',
  STOPPING: 'STOP',
  STOP_QUEUED: 'STOP',
  WAITING_STOPPING: 'STOP',
  DELETING: 'DELETE',
  DELETE_QUEUED: 'DELETE',
  WAITING_DELETING: 'DELETE'
}

/** The `actions` value a trigger_action falls under, or undefined when only `all` covers it. */
export function familyOf(action: string): ActionName | undefined {
  return FAMILIES[action.toUpperCase()]
}

/** The kind a state names, when it names one. */
export function kindOfState(state: string): RequestKind | undefined {
  const action = KIND_OF_STATE[state.toUpperCase()]
  return action === undefined ? undefined : { action, source: 'state' }
}

/**
 * The kind the services say: the status_details.action of the services taking part in the request
 * (its deployment_request_id when known, else is_part_last_deployment), when they all say the same
 * known action. Undefined when none takes part, when they disagree, or when they say UNKNOWN.
 */
export function kindOfServices(services: ServiceStatus[], requestId: string | undefined): RequestKind | undefined {
  const taking = services.filter((service) =>
    requestId !== undefined && service.deploymentRequestId !== undefined
      ? service.deploymentRequestId === requestId
      : service.isPartOfLastDeployment === true
  )
  const actions = new Set(taking.map((service) => service.action?.toUpperCase()))
  const [action] = actions
  if (actions.size !== 1 || action === undefined || action === 'UNKNOWN') return undefined
  return { action, source: 'services' }
}

/** Whether `actions` lets the action cancel a request of this kind; a kind not known only under `all`. */
export function isAllowed(kind: RequestKind | undefined, allowed: AllowedActions): boolean {
  if (allowed === 'all') return true
  const family = kind === undefined ? undefined : familyOf(kind.action)
  return family !== undefined && allowed.has(family)
}

/** The `actions` value that would let the action cancel a request of this kind. */
export function actionsValueFor(kind: RequestKind | undefined): string {
  return (kind === undefined ? undefined : familyOf(kind.action)) ?? 'all'
}

/**
 * The `actions` value that would let the action cancel every one of these kinds as well as what
 * `allowed` lets it cancel now (`deploy, restart`, or `all` when a kind is only covered by all);
 * undefined when `allowed` covers them already.
 */
export function actionsValueCovering(kinds: Array<RequestKind | undefined>, allowed: AllowedActions): string | undefined {
  const left = kinds.filter((kind) => !isAllowed(kind, allowed))
  if (left.length === 0 || allowed === 'all') return undefined
  const families = left.map((kind) => (kind === undefined ? undefined : familyOf(kind.action)))
  if (families.includes(undefined)) return 'all'
  return describeAllowed(new Set([...allowed, ...(families as ActionName[])]))
}

/** `deploy`, `deploy, delete` or `all`, as the settings and messages show the input. */
export function describeAllowed(allowed: AllowedActions): string {
  return allowed === 'all' ? 'all' : ACTION_NAMES.filter((name) => allowed.has(name)).join(', ')
}
