import type { Clock } from '../util/clock.ts'
import { describeFault, Interrupted, RequestFailed } from './faults.ts'
import type { QoveryApi } from './client.ts'
import type {
  DeploymentHistoryEntry,
  EnvironmentDetails,
  EnvironmentStatus,
  RequestLookup,
  ServiceStatus,
  WaitingRequest
} from '../rules/qovery-records.ts'
import { policyFor, type RetryPolicy } from './retry-policy.ts'
import { DeadlineReached, retrying } from './retrying.ts'
import type { Known } from '../flow/run-state.ts'

/** Deployments the history is asked for: the canceled one is among the newest. */
export const HISTORY_PAGE_SIZE = 10

/** The reads the flow makes of one environment, each retried on its own under its policy. */
export interface Reads {
  status(policy?: RetryPolicy): Promise<EnvironmentStatus>
  /**
   * The waiting requests, or why they are not known: a 403 or 404 (or 405, 410, 501) on the queue
   * is an answer (a token that may not read it, an API without it), not a reason to stop the run.
   */
  queue(policy?: RetryPolicy): Promise<WaitingRequest[] | { unreadable: string }>
  lookUp(deploymentRequestId: string, policy?: RetryPolicy): Promise<RequestLookup>
  /**
   * Reads that only add to what the action can tell (the environment's name, the services, the
   * deployment history): whatever they fail on, a fault, the timeout or a cancelled run, is what
   * is not known, never a reason to stop. They give up sooner than the reads the run needs.
   */
  environment(): Promise<Known<EnvironmentDetails>>
  serviceStatuses(): Promise<Known<ServiceStatus[]>>
  history(): Promise<Known<DeploymentHistoryEntry[]>>
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
}

/** 403: the token may not read the queue. 404, 405, 410, 501: no queue here (a proxy, an older API). */
export const QUEUE_NOT_AVAILABLE: readonly number[] = [403, 404, 405, 410, 501]

export function environmentReads(environmentId: string, deps: ReadsDeps): EnvironmentReads {
  const { api, signal } = deps
  const extra = policyFor('extra', deps.pollIntervalMs)
  const under = (stop: AbortSignal): Reads => {
    const retry = retrying({ ...deps, signal: stop })
    const known = <T>(what: string, call: () => Promise<T>): Promise<Known<T>> => knownOrWhy(retry.call(what, extra, call))
    return {
      status: (policy = deps.policy) => retry.call('Reading the environment status', policy, () => api.getStatus(environmentId, stop)),
      queue: async (policy = deps.policy) => {
        try {
          return await retry.call('Reading the deployment queue', policy, () => api.getQueue(environmentId, stop))
        } catch (error) {
          const refused = error instanceof RequestFailed && error.fault.kind === 'http' && QUEUE_NOT_AVAILABLE.includes(error.fault.status)
          if (refused) return { unreadable: `${error.request}: ${describeFault(error.fault)}` }
          throw error
        }
      },
      lookUp: (id, policy = deps.policy) => retry.call(`Looking up deployment request ${id}`, policy, () => api.getRequestStatus(id, stop)),
      environment: () => known('Reading the environment', () => api.getEnvironment(environmentId, stop)),
      serviceStatuses: () => known("Reading the services' statuses", () => api.getServiceStatuses(environmentId, stop)),
      history: () => known('Reading the deployment history', () => api.getDeploymentHistory(environmentId, HISTORY_PAGE_SIZE, stop))
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
    }
  }
}

/** A read's value, or why it is not known, in words for the report; it never throws. */
export async function knownOrWhy<T>(read: Promise<T>): Promise<Known<T>> {
  try {
    return { value: await read }
  } catch (error) {
    if (error instanceof DeadlineReached) return { unknown: 'the timeout ran out before it could be read' }
    if (error instanceof Interrupted) return { unknown: `the run was interrupted (${error.signalName}) before it could be read` }
    if (error instanceof RequestFailed) return { unknown: `${error.request}: ${describeFault(error.fault)}` }
    return { unknown: error instanceof Error ? error.message : String(error) }
  }
}
