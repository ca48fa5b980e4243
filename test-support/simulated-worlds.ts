/**
 * The worlds the simulator can run in: one switch per fact about Qovery's API that no public
 * document states, each with the project's reading (the default, which is the simulator's
 * behaviour without a world) and the other readings Qovery's OpenAPI spec allows. The same
 * scenario runs in every world; the simulator's ground truth (QoverySimulator.truth) is the same
 * in all of them, only what the API shows of it differs.
 *
 * Pure helpers for the simulator: the reading of each fact, the state a world shows for a
 * request's state, and values shown with a lag.
 */

/**
 * One reading of each inferred fact; a field left out takes the default (the first reading below).
 *
 * | fact | the default reading, and what it rests on | the other readings |
 * |---|---|---|
 * | lastDeploymentState | `together`: EnvironmentStatus's `state` and `last_deployment_state` (getEnvironmentStatus) are equal. The spec describes neither; Qovery's console shows a deployment's result from `last_deployment_state`, its CLI's `--watch` reads it too | `environment-state`: once a request ends CANCELED, `state` is the environment's (DEPLOYED, rolled back) and only `last_deployment_state` says CANCELED; `lds-lags`, `state-lags`: one lags the other by 2 status reads |
 * | cancelBody | `now`: the 202 of cancelEnvironmentDeployment holds the EnvironmentStatus of that moment (the console takes its `last_deployment_id` for the deployment's logs) | `optimistic`: it says CANCELED at once, whatever happens next; `stale`: it holds an earlier request's final state, without `deployment_request_id` |
 * | stateOfKind | `named`: StateEnum names the running request's kind (BUILDING/DEPLOYING, RESTARTING, STOPPING, DELETING, *_QUEUED), as the console's Cancel button reads it | `deploying`: every running request shows DEPLOYING (queued ones DEPLOYMENT_QUEUED); `deploy-stops`: a DEPLOY shows STOPPING while it runs. In every world the queue row's and the history entry's `trigger_action` (DeploymentHistoryTriggerAction) and the services' `status_details.action` (ServiceActionEnum) give the true kind |
 * | requestIdInStatus | `current`: EnvironmentStatus's `deployment_request_id` (optional, undescribed) names the request shown: the running one, else the last | `lags`: it names the previous request for 2 status reads after the next one starts; `last-ended`: it names the last request that ran and ended (null before any) |
 * | lastDeploymentId | `execution`: `last_deployment_id` is the shown request's DeploymentHistoryEnvironmentV2 `identifier.execution_id` (the console puts it in the deployment page's URL as the "Execution id") | `other-ids`: an id of another space, never a history execution id; `last-successful`: the execution id of the last request that ended DEPLOYED, STOPPED, RESTARTED or DELETED (or null) |
 * | queueLists | `waiting`: listDeploymentRequestByEnvironmentId lists the waiting requests only (the console shows its rows as QUEUED, the running deployment apart, from the history) | `running-first`: its first row is the running request |
 * | noRequestId | `false`: EnvironmentStatus names `deployment_request_id` | `true`: never (the field is optional) |
 * | lookupOfCanceledWhileWaiting | `canceled`: getDeploymentStatusByDeploymentRequestId answers CANCELED for a request canceled while it waited (none of Qovery's clients calls it) | `stays-queued`: it keeps answering the queued state of the request's kind |
 * | mergedRequests | `unlisted`: a request merged into another (Qovery may merge identical requests of one user) is listed nowhere and unknown to the lookup (the script's `merged` ids, in every world) | `listed-twice`: the queue lists each waiting request in two rows with the same id; `two-ids`: each waiting request has a second id, listed in its own row: canceling either cancels both, the other's cancel then answers 409, the lookup answers the same for both |
 * | historyLags | `false`: a listEnvironmentDeploymentHistoryV2 entry shows its request's end as soon as it has ended | `true`: for the first 2 history reads after it ended, it still shows the state before (CANCELING, a service ONGOING...) |
 */
export interface World {
  lastDeploymentState?: 'together' | 'environment-state' | 'lds-lags' | 'state-lags'
  cancelBody?: 'now' | 'optimistic' | 'stale'
  stateOfKind?: 'named' | 'deploying' | 'deploy-stops'
  requestIdInStatus?: 'current' | 'lags' | 'last-ended'
  lastDeploymentId?: 'execution' | 'other-ids' | 'last-successful'
  queueLists?: 'waiting' | 'running-first'
  /** The same as EnvironmentScript's `noRequestId`: either one set takes the field away. */
  noRequestId?: boolean
  lookupOfCanceledWhileWaiting?: 'canceled' | 'stays-queued'
  mergedRequests?: 'unlisted' | 'listed-twice' | 'two-ids'
  historyLags?: boolean
}

/** Every reading of each fact, the default first. */
export const WORLD_READINGS: { [Fact in keyof World]-?: ReadonlyArray<NonNullable<World[Fact]>> } = {
  lastDeploymentState: ['together', 'environment-state', 'lds-lags', 'state-lags'],
  cancelBody: ['now', 'optimistic', 'stale'],
  stateOfKind: ['named', 'deploying', 'deploy-stops'],
  requestIdInStatus: ['current', 'lags', 'last-ended'],
  lastDeploymentId: ['execution', 'other-ids', 'last-successful'],
  queueLists: ['waiting', 'running-first'],
  noRequestId: [false, true],
  lookupOfCanceledWhileWaiting: ['canceled', 'stays-queued'],
  mergedRequests: ['unlisted', 'listed-twice', 'two-ids'],
  historyLags: [false, true]
}

/** A world with every fact given: the defaults, under `world`'s readings. */
export type FullWorld = Required<World>

/** The worlds given, each over the ones before fact by fact, with every fact none gives at its default reading. */
export function fullWorld(...layers: Array<World | undefined>): FullWorld {
  const defaults = Object.fromEntries(Object.entries(WORLD_READINGS).map(([fact, readings]) => [fact, readings[0]])) as FullWorld
  return Object.assign(defaults, ...layers.map((layer) => definedOnly(layer ?? {})))
}

/** The worlds that differ from the default in one fact each: `{ name: 'cancelBody=stale', world: { cancelBody: 'stale' } }`... */
export function alternativeWorlds(): Array<{ name: string; world: World }> {
  return Object.entries(WORLD_READINGS).flatMap(([fact, readings]) =>
    readings.slice(1).map((reading) => ({ name: `${fact}=${String(reading)}`, world: { [fact]: reading } as World }))
  )
}

/** How many status (or history) reads a lagging value keeps its previous value for. */
export const LAG_READS = 2

/** The states that name a running request's kind (StateEnum), which `stateOfKind` renames. */
const RUNNING_KIND_STATES = new Set(['BUILDING', 'DEPLOYING', 'RESTARTING', 'STOPPING', 'DELETING'])

/**
 * The state a world shows for a request of `kind` (trigger_action) in `state` (the state the
 * script gives, named by kind): unchanged in `named`; DEPLOYING for any running kind state and
 * DEPLOYMENT_QUEUED for any queued one in `deploying`; STOPPING for a DEPLOY's BUILDING or
 * DEPLOYING in `deploy-stops`. Final states, CANCELING and EXECUTING are never renamed.
 */
export function stateShown(world: FullWorld, kind: string, state: string): string {
  const name = state.toUpperCase()
  if (world.stateOfKind === 'deploying') {
    if (name.includes('QUEUED')) return 'DEPLOYMENT_QUEUED'
    if (RUNNING_KIND_STATES.has(name)) return 'DEPLOYING'
  }
  if (world.stateOfKind === 'deploy-stops' && kind === 'DEPLOY' && (name === 'BUILDING' || name === 'DEPLOYING')) return 'STOPPING'
  return state
}

/**
 * A value shown with a lag: for the first LAG_READS reads after the true value changes, the
 * value before the change is shown. Only reads move it on; a body built between reads (the
 * cancel's 202, /statuses) shows what the next read would, without counting as one.
 */
export class Lagging<T> {
  #current: T | undefined
  #previous: T | undefined
  #readsSinceChange = 0
  #seen = false

  /** What is shown while `value` is true; `read` counts this as one read. */
  show(value: T, read: boolean): T {
    const changed = this.#seen && value !== this.#current
    if (!read) {
      if (!this.#seen) return value
      return changed ? (this.#current as T) : this.#readsSinceChange < LAG_READS ? (this.#previous as T) : value
    }
    if (!this.#seen || changed) {
      this.#previous = this.#seen ? this.#current : value
      this.#current = value
      this.#readsSinceChange = 0
      this.#seen = true
    }
    const shown = this.#readsSinceChange < LAG_READS ? (this.#previous as T) : value
    this.#readsSinceChange += 1
    return shown
  }
}

function definedOnly(world: World): World {
  return Object.fromEntries(Object.entries(world).filter(([, value]) => value !== undefined)) as World
}
