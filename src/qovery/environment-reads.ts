/**
 * The reads the flow makes of one environment, each retried on its own under its policy: those
 * the run needs (status, queue, lookup), and those that only add to what it can tell (the
 * environment's name, its services, its deployment history), which never stop the run.
 */
import type { Clock } from '../util/clock.ts'
import { Interrupted } from '../util/interrupted.ts'
import type { Known } from '../util/known.ts'
import { formatDuration } from '../util/duration.ts'
import { describeFault, RequestFailed } from './faults.ts'
import type { QoveryApi } from './client.ts'
import type * as Records from '../rules/qovery-records.ts'
import { policyFor, type RetryPolicy } from './retry-policy.ts'
import { DeadlineReached, retrying } from './retrying.ts'

/** Deployments the history is asked for: the canceled one is among the newest. */
const HISTORY_PAGE_SIZE = 10

/** The reads of one environment. */
interface Reads {
  status(policy?: RetryPolicy): Promise<Records.EnvironmentStatus>
  /**
   * The queue's rows, or why they are not known: a 403 or 404 (or 405, 410, 501) on the queue
   * is an answer (a token that may not read it, an API without it), not a reason to stop the run.
   */
  queue(policy?: RetryPolicy): Promise<Records.WaitingRequest[] | { unreadable: string }>
  lookUp(deploymentRequestId: string, policy?: RetryPolicy): Promise<Records.RequestLookup>
  /**
   * Reads that only add to what the action can tell: whatever they fail on (a fault, the timeout,
   * a cancelled run, their budget spent) is what is not known, never a reason to stop. They give
   * up sooner than the reads the run needs.
   */
  environment(): Promise<Known<Records.EnvironmentDetails>>
  /** The status, as a read that only adds to the report (once the target has ended). */
  statusNow(): Promise<Known<Records.EnvironmentStatus>>
  /** Qovery's lookup of one request, as a read that confirms what others said: it gives up as those that only add to the report. */
  lookUpNow(deploymentRequestId: string): Promise<Known<Records.RequestLookup>>
  /** The queue, as a read that only adds to the report; a queue Qovery says is not there is its own answer. */
  queueNow(): Promise<Known<Records.WaitingRequest[] | { unreadable: string }>>
  serviceStatuses(): Promise<Known<Records.ServiceStatus[]>>
  history(): Promise<Known<Records.DeploymentHistoryEntry[]>>
}

export interface ReadsDeps {
  api: QoveryApi
  clock: Clock
  signal: AbortSignal
  random: () => number
  log: (line: string) => void
  /** No sleep runs past it and no request is sent after it. */
  deadline: number
  /** The policy of a read that names none. */
  policy: RetryPolicy
  pollIntervalMs: number
  onRetry?: () => void
}

export interface EnvironmentReads extends Reads {
  /**
   * Reads side by side: each round trip lets a deployment run on. The first failure stops the
   * others, so that none goes on retrying once the run has decided.
   */
  sideBySide<P extends readonly unknown[] | []>(reads: (read: Reads) => P): Promise<{ -readonly [K in keyof P]: Awaited<P[K]> }>
  /** The same reads, the ones that only add to the report sharing one budget of `ms` from now: what it cannot read is not known. */
  within(ms: number): EnvironmentReads
}

/** 403: the token may not read the queue. 404, 405, 410, 501: no queue here (a proxy, an older API). */
export const QUEUE_NOT_AVAILABLE: readonly number[] = [403, 404, 405, 410, 501]

/** A budget for reads that only add to the report ran out before they could be answered. */
class BudgetSpent extends Error {
  constructor(budgetMs: number) {
    super(`not answered within the ${formatDuration(budgetMs)} given to reads that only add to the report`)
    this.name = 'BudgetSpent'
  }
}

export function environmentReads(environmentId: string, deps: ReadsDeps, budget?: AbortSignal): EnvironmentReads {
  const { api, signal } = deps
  const extra = policyFor('extra', deps.pollIntervalMs)
  const under = (stop: AbortSignal): Reads => {
    const retry = retrying({ ...deps, signal: stop })
    const extraStop = budget === undefined ? stop : AbortSignal.any([stop, budget])
    const extraRetry = retrying({ ...deps, signal: extraStop })
    const known = <T>(what: string, call: (stop: AbortSignal) => Promise<T>): Promise<Known<T>> =>
      knownOrWhy(extraRetry.call(what, extra, () => call(extraStop)))
    return {
      status: (policy = deps.policy) => retry.call('Reading the environment status', policy, () => api.getStatus(environmentId, stop)),
      queue: (policy = deps.policy) =>
        queueOrWhy(retry.call('Reading the deployment queue', policy, () => api.getQueue(environmentId, stop))),
      lookUp: (id, policy = deps.policy) => retry.call(`Looking up deployment request ${id}`, policy, () => api.getRequestStatus(id, stop)),
      environment: () => known('Reading the environment', (cut) => api.getEnvironment(environmentId, cut)),
      statusNow: () => known('Reading the environment status', (cut) => api.getStatus(environmentId, cut)),
      lookUpNow: (id) => known(`Looking up deployment request ${id}`, (cut) => api.getRequestStatus(id, cut)),
      queueNow: () =>
        knownOrWhy(queueOrWhy(extraRetry.call('Reading the deployment queue', extra, () => api.getQueue(environmentId, extraStop)))),
      serviceStatuses: () => known("Reading the services' statuses", (cut) => api.getServiceStatuses(environmentId, cut)),
      history: () => known('Reading the deployment history', (cut) => api.getDeploymentHistory(environmentId, HISTORY_PAGE_SIZE, cut))
    }
  }
  return {
    ...under(signal),
    async sideBySide(reads) {
      const stop = new AbortController()
      try {
        return await Promise.all(reads(under(AbortSignal.any([signal, stop.signal]))))
      } finally {
        stop.abort()
      }
    },
    within(ms) {
      const spent = new AbortController()
      // A timer of its own, not the run's clock: the budget bounds how long the step waits on
      // these reads, whatever the clock the deadlines are counted on.
      const timer = setTimeout(() => spent.abort(new BudgetSpent(ms)), Math.max(0, ms))
      timer.unref()
      return environmentReads(environmentId, deps, budget === undefined ? spent.signal : AbortSignal.any([budget, spent.signal]))
    }
  }
}

/** The queue's rows, or why it could not be read when Qovery answered that it cannot be (see QUEUE_NOT_AVAILABLE). */
async function queueOrWhy(read: Promise<Records.WaitingRequest[]>): Promise<Records.WaitingRequest[] | { unreadable: string }> {
  try {
    return await read
  } catch (error) {
    const refused = error instanceof RequestFailed && error.fault.kind === 'http' && QUEUE_NOT_AVAILABLE.includes(error.fault.status)
    if (refused) return { unreadable: `${error.request}: ${describeFault(error.fault)}` }
    throw error
  }
}

/** A read's value, or why it is not known, in words for the report; it never throws. */
async function knownOrWhy<T>(read: Promise<T>): Promise<Known<T>> {
  try {
    return { value: await read }
  } catch (error) {
    if (error instanceof DeadlineReached) return { unknown: 'the timeout ran out before it could be read' }
    if (error instanceof Interrupted) return { unknown: `the run was interrupted (${error.signalName}) before it could be read` }
    if (error instanceof RequestFailed) return { unknown: `${error.request}: ${describeFault(error.fault)}` }
    return { unknown: error instanceof Error ? error.message : String(error) }
  }
}
