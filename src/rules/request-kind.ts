/**
 * What a deployment request does: Qovery runs deploys, restarts, stops and deletes through the
 * same queue and the same cancel endpoints. The kind is Qovery's `trigger_action`
 * (the DeploymentHistoryTriggerAction schema); the `actions` input names the kinds the action
 * may cancel. Pure: where the kind comes from is the caller's business, and a kind never known is
 * never guessed.
 */
import type { ServiceStatus } from './qovery-records.ts'

/** The values of the `actions` input, each a family of trigger_action values. */
export const ACTION_NAMES = ['deploy', 'restart', 'stop', 'delete'] as const
export type ActionName = (typeof ACTION_NAMES)[number]

/** The kinds the action may cancel: the `actions` input. */
export type AllowedActions = 'all' | ReadonlySet<ActionName>

/** Where a request's kind was read: records that name the request (or its deployment). */
type KindSource = 'queue' | 'history' | 'services'

/** A request's kind, and the record it rests on. */
export interface RequestKind {
  /** Qovery's trigger_action: DEPLOY, DELETE, RESTART, STOP, DEPLOY_DRY_RUN, TERRAFORM_FORCE_UNLOCK... */
  action: string
  source: KindSource
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
 * The kind a state's name suggests (DEPLOYING: a deploy, STOPPING: a stop...). A hint only: a
 * request of one kind can show another's state (a deploy stops the services it no longer runs;
 * a restart or a Terraform migration can show DEPLOYING), so a kind is taken from the request's
 * own records, and the hint is what the words fall back on when they name what the state shows.
 * EXECUTING (lifecycle jobs, which run on deploy, stop and delete), QUEUED, CANCELING and states
 * the action does not know suggest nothing.
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

/** The trigger_action a state's name suggests, when it suggests one (a hint, never a kind). */
export function kindHintOfState(state: string): string | undefined {
  return KIND_OF_STATE[state.toUpperCase()]
}

/** What the records naming one request say of its kind: the kind they agree on, or what each said when they disagree. */
export type KindFinding = { kind?: RequestKind } | { disagree: RequestKind[] }

/**
 * The kind the records naming a request give it. Its own records come first: its queue row's and
 * its history entry's trigger_action. Its services' status_details.action (a ServiceActionEnum:
 * DEPLOY, DELETE, RESTART, STOP) says what each service is part of, which may differ from service
 * to service; they decide only when the request's own records say nothing. UNKNOWN says nothing.
 * Records of different families disagree, and then no kind is taken from them.
 */
export function kindOfRecords(said: readonly RequestKind[]): KindFinding {
  const known = said.filter((kind) => kind.action !== '' && kind.action.toUpperCase() !== 'UNKNOWN')
  const own = known.filter((kind) => kind.source !== 'services')
  const deciding = own.length > 0 ? own : known
  if (deciding.length === 0) return {}
  const families = new Set(deciding.map((kind) => familyOf(kind.action) ?? kind.action.toUpperCase()))
  if (families.size > 1) return { disagree: deciding }
  const first = deciding[0]!
  return { kind: { action: first.action.toUpperCase(), source: first.source } }
}

/** The kinds the services taking part in a request say (its deployment_request_id when both are known, else is_part_last_deployment). */
export function kindsOfServices(services: readonly ServiceStatus[], requestId: string | undefined): RequestKind[] {
  return services
    .filter((service) =>
      requestId !== undefined && service.deploymentRequestId !== undefined
        ? service.deploymentRequestId === requestId
        : service.isPartOfLastDeployment === true
    )
    .flatMap((service) => (service.action === undefined ? [] : [{ action: service.action, source: 'services' as const }]))
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
