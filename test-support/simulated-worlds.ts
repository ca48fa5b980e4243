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
 * One reading of each inferred fact; a field left out takes the default (the first reading).
 * INFERRED_FACTS below is the table of the facts: what each is, where the default reading comes
 * from, what each reading means, what the action does in them, and the tests that run it.
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

/** One fact about Qovery's API that no public document states, as the table below gives it. */
export interface InferredFact<Reading extends string | boolean> {
  /** The fact, as a question about Qovery's API. */
  fact: string
  /** Where the default reading comes from: Qovery's console, CLI or Terraform provider, and what the spec leaves open (by operation and schema). */
  source: string
  /** What Qovery's API does in each reading the spec allows, the default first (WORLD_READINGS' order). */
  readings: { [Name in `${Reading}`]: string }
  /** What the action does when the fact turns out to be another reading (docs/how-it-works.md says it for users). */
  action: string
  /** The test that runs the action in each reading, and its worlds that give the fact (every one of matrixWorlds() that does). */
  testedBy: { file: string; worlds: string[] }
}

/**
 * The table of the inferred facts, one entry a fact of World. The simulator answers each reading
 * as `readings` says (__tests__/unit/simulator-worlds.test.ts, one describe a fact), within the
 * spec (simulator-spec.test.ts); the action runs its key scenarios in each (worlds.test.ts).
 */
export const INFERRED_FACTS: { [Fact in keyof World]-?: InferredFact<NonNullable<World[Fact]>> } = {
  lastDeploymentState: {
    fact: "Once a request has ended, do EnvironmentStatus's `state` and `last_deployment_state` (getEnvironmentStatus) both say how?",
    source:
      "The spec describes neither field. Qovery's console shows a deployment's result from `last_deployment_state`, beside the history's `trigger_action`; the CLI's `environment cancel --watch` prints `last_deployment_state`; the Terraform provider waits on `state`.",
    readings: {
      together: 'both show the request shown: its state while it runs, its end once it has ended',
      'environment-state':
        "`state` is the environment's own: once a request ends CANCELED it shows DEPLOYED (the version rolled back to), and only `last_deployment_state` says CANCELED",
      'lds-lags': '`last_deployment_state` shows the previous value for 2 status reads after each change',
      'state-lags': '`state` shows the previous value for 2 status reads after each change'
    },
    action:
      "Reads both on every status: `state` speaks of the request the status names, `last_deployment_state` only beside that request's execution (`last_deployment_id`). When they disagree with each other or with the request's lookup and history entry, reads again (3 rounds, a poll-interval apart); if they still disagree, the outcome is `unknown` and the summary and a warning say what each said.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: [
        'lastDeploymentState=environment-state',
        'lastDeploymentState=lds-lags',
        'lastDeploymentState=state-lags',
        'lastDeploymentState=environment-state + requestIdInStatus=lags',
        'cancelBody=optimistic + historyLags=true + lastDeploymentState=lds-lags'
      ]
    }
  },
  cancelBody: {
    fact: 'What does the 202 of cancelEnvironmentDeployment hold (an EnvironmentStatus)?',
    source:
      "The spec gives the schema only. Qovery's console takes the body's `last_deployment_id` as the version of the deployment's logs: the status of that moment.",
    readings: {
      now: 'the status of the moment the cancel arrived (the old state, often)',
      optimistic: 'CANCELED in both states at once, whatever happens next (the deployment may still finish)',
      stale: "an earlier request's final state (DEPLOYED), without `deployment_request_id`"
    },
    action: "Takes the answer's status code only (any 2xx: accepted); the body is never the request's end, which the reads after it give.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: ['cancelBody=optimistic', 'cancelBody=stale', 'cancelBody=optimistic + historyLags=true + lastDeploymentState=lds-lags']
    }
  },
  stateOfKind: {
    fact: "Does the status's `state` (StateEnum) name the running request's kind (DeploymentHistoryTriggerAction)?",
    source:
      "Qovery's console offers Cancel while BUILDING, DEPLOYING, RESTARTING, STOPPING, DELETING or one of the *_QUEUED states; EXECUTING (lifecycle jobs) names no kind. The spec ties no state to a `trigger_action`.",
    readings: {
      named: 'BUILDING/DEPLOYING for a deploy, RESTARTING, STOPPING, DELETING, and the *_QUEUED state of the kind waiting',
      deploying: 'every running request shows DEPLOYING, every waiting one DEPLOYMENT_QUEUED (a restart, a Terraform migration...)',
      'deploy-stops': 'a deploy shows STOPPING while it runs (it stops the services it no longer runs)'
    },
    action:
      "Takes a request's kind from its own records, read side by side with the status before the cancel: its queue row's `trigger_action` (QueuedDeploymentRequestWithStages), its history entry's (DeploymentHistoryEnvironmentV2), else its services' `status_details.action` (Status, ServiceActionEnum); never from the state's name. When none says, or they disagree, nothing is canceled unless `actions: all`: it looks again for up to 10 s, then fails saying a request runs whose kind no record gives.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: ['stateOfKind=deploying', 'stateOfKind=deploy-stops', 'stateOfKind=deploying + noRequestId=true']
    }
  },
  requestIdInStatus: {
    fact: "Does EnvironmentStatus's `deployment_request_id` (optional, undescribed) name the request that runs?",
    source:
      "Only its name says so: none of Qovery's clients reads it from the status. deployEnvironment answers a Status with the `deployment_request_id` of the request it queued.",
    readings: {
      current: 'the request shown: the running one, else the last',
      lags: 'the previous request for 2 status reads after the next one starts (state and `last_deployment_id` already show the new one)',
      'last-ended': 'the last request that ran and ended, even while another runs (null before any)'
    },
    action:
      "Takes the id as the running request's unless the services taking part (getEnvironmentStatuses) name another request or execution, and drops it when the request's lookup, sent beside the cancel, says it ended while the status still shows it in progress: the request is then followed by its execution and reported as not named. A request is said to have started next only when another record names it too (it waited in a queue read, or its services say they are part of it).",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: [
        'requestIdInStatus=lags',
        'requestIdInStatus=last-ended',
        'lastDeploymentState=environment-state + requestIdInStatus=lags',
        'requestIdInStatus=last-ended + queueLists=running-first'
      ]
    }
  },
  lastDeploymentId: {
    fact: "Is EnvironmentStatus's `last_deployment_id` the `identifier.execution_id` of the shown request's DeploymentHistoryEnvironmentV2 entry (listEnvironmentDeploymentHistoryV2)?",
    source:
      'Qovery\'s console puts it in the deployment page\'s URL and shows it as the "Execution id". The history entry has no `deployment_request_id`.',
    readings: {
      execution: "the shown request's execution id",
      'other-ids': 'an id of another space, never a history execution id',
      'last-successful': 'the execution id of the last request that ended DEPLOYED, STOPPED, RESTARTED or DELETED (or null)'
    },
    action:
      "Takes the entry of that execution as the request's only when nothing contradicts it: one execution named beside the request, an entry of the same kind and end, no newer entries than deployments seen to start after it. Otherwise the services are not known (`services` null, and the summary says why) and the console link opens the environment, not a deployment.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: ['lastDeploymentId=other-ids', 'lastDeploymentId=last-successful', 'lastDeploymentId=other-ids + noRequestId=true']
    }
  },
  queueLists: {
    fact: 'Does listDeploymentRequestByEnvironmentId (QueuedDeploymentRequestWithStages rows) list the waiting requests only?',
    source:
      "Qovery's console lists its rows as QUEUED, and shows the running deployment apart, from the deployment history. The spec does not say.",
    readings: {
      waiting: 'the waiting requests, in the order they will run',
      'running-first': 'the running request first, then the waiting ones'
    },
    action:
      "Never counts as waiting a row whose id is the running request's; a deployment-request-id that names the running request is canceled through the environment. When a request runs that no record names, it lists no waiting requests (`waiting-request-ids` null): any row could be the one that runs.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: [
        'queueLists=running-first',
        'requestIdInStatus=last-ended + queueLists=running-first',
        'mergedRequests=two-ids + queueLists=running-first + lookupOfCanceledWhileWaiting=stays-queued'
      ]
    }
  },
  noRequestId: {
    fact: 'Does EnvironmentStatus give `deployment_request_id` at all (the field is optional)?',
    source: "The spec marks it optional and nullable; Qovery's clients do not read it.",
    readings: { false: 'it does', true: 'it never does' },
    action:
      "Names the running request from its services' `deployment_request_id` when they agree; else reports it as not named (`deployment-request-id` empty, `canceled-request-ids` null) and follows it by its execution.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: ['noRequestId=true', 'lastDeploymentId=other-ids + noRequestId=true', 'stateOfKind=deploying + noRequestId=true']
    }
  },
  lookupOfCanceledWhileWaiting: {
    fact: 'What does getDeploymentStatusByDeploymentRequestId (EnvDeploymentStatus) answer for a request canceled while it waited?',
    source: "None of Qovery's clients calls it; the spec describes no state of it.",
    readings: {
      canceled: 'CANCELED',
      'stays-queued': 'the queued state of its kind, as before the cancel'
    },
    action:
      "A waiting request's end rests on its lookup, or on its accepted cancel with a queue read after it that no longer lists it (it never ran). When the lookup still says queued, the two disagree: read again (3 rounds), then the outcome is `unknown` with what each said.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: [
        'lookupOfCanceledWhileWaiting=stays-queued',
        'mergedRequests=two-ids + queueLists=running-first + lookupOfCanceledWhileWaiting=stays-queued'
      ]
    }
  },
  mergedRequests: {
    fact: 'How does the queue show a request Qovery merged into another (identical requests of one user may be merged)?',
    source: 'Qovery says identical requests may be merged; nothing public says how the queue or the lookup shows it.',
    readings: {
      unlisted: "the merged id (an EnvironmentScript's `merged`, in every world) is listed nowhere and unknown to the lookup",
      'listed-twice': 'each waiting request is listed in two rows with the same id',
      'two-ids':
        "each waiting request has a second id in its own row: canceling either cancels both, the other's cancel then answers 409, the lookup answers the same for both"
    },
    action:
      "Reads each id once. With `queued: cancel`, a 409 to a waiting request's cancel is looked up: a request Qovery reports CANCELED is counted canceled, not refused.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: [
        'mergedRequests=listed-twice',
        'mergedRequests=two-ids',
        'mergedRequests=two-ids + queueLists=running-first + lookupOfCanceledWhileWaiting=stays-queued'
      ]
    }
  },
  historyLags: {
    fact: "Does a listEnvironmentDeploymentHistoryV2 entry show its request's end as soon as it has ended?",
    source: "The spec does not say; Qovery's console reads the history for a deployment's stages and services.",
    readings: {
      false: 'at once',
      true: 'for 2 history reads after the end, the entry still shows the state before (CANCELING, a service ONGOING)'
    },
    action:
      "An entry still in progress beside the final word of other records says nothing against it; once the request has ended, its entry is read again until it is final (for about one request-timeout at most), and each service's end is taken from it.",
    testedBy: {
      file: '__tests__/in-process/worlds.test.ts',
      worlds: ['historyLags=true', 'cancelBody=optimistic + historyLags=true + lastDeploymentState=lds-lags']
    }
  }
}

/** Combinations of readings that matter together, which the matrix (worlds.test.ts) runs besides each reading alone. */
const MATRIX_COMBINATIONS: World[] = [
  { lastDeploymentState: 'environment-state', requestIdInStatus: 'lags' },
  { lastDeploymentId: 'other-ids', noRequestId: true },
  { requestIdInStatus: 'last-ended', queueLists: 'running-first' },
  { stateOfKind: 'deploying', noRequestId: true },
  { cancelBody: 'optimistic', historyLags: true, lastDeploymentState: 'lds-lags' },
  { mergedRequests: 'two-ids', queueLists: 'running-first', lookupOfCanceledWhileWaiting: 'stays-queued' }
]

/** The worlds the matrix runs: the default, each world that differs from it in one fact, and MATRIX_COMBINATIONS. */
export function matrixWorlds(): Array<{ name: string; world: World }> {
  return [
    { name: 'default', world: {} },
    ...alternativeWorlds(),
    ...MATRIX_COMBINATIONS.map((world) => ({ name: worldName(world), world }))
  ]
}

/** `fact=reading + fact=reading`, the readings in the order given. */
function worldName(world: World): string {
  return Object.entries(world)
    .map(([fact, reading]) => `${fact}=${String(reading)}`)
    .join(' + ')
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
    readings.slice(1).map((reading) => {
      const world = { [fact]: reading } as World
      return { name: worldName(world), world }
    })
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
