/**
 * What every phase of the flow is handed besides the run's state: the settings it acts on and the
 * means to act (the API, the clock, the log, retries). Built once per run.
 */
import type { Clock } from '../util/clock.ts'
import { type EnvironmentReads, environmentReads } from '../qovery/environment-reads.ts'
import type { QoveryApi } from '../qovery/client.ts'
import type { AllowedActions } from '../rules/request-kind.ts'
import { policyFor } from '../qovery/retry-policy.ts'
import { type Retrying, retrying } from '../qovery/retrying.ts'
import type { Stamp } from './run-state.ts'
import type { Queued, Target } from '../inputs/settings.ts'

/** The settings the flow acts on, and the deadline the timeout sets. */
export interface FlowOptions {
  target: Target
  /** When the timeout input runs out (timeoutMs after the start). */
  deadline: number
  force: boolean
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  queued: Queued
  /** The kinds of request the action may cancel. */
  actions: AllowedActions
  deploymentRequestId?: string
  /** The API's base URL, for hints when a path answers 404. */
  apiUrl: URL
}

export interface FlowDeps {
  api: QoveryApi
  clock: Clock
  signal: AbortSignal
  random: () => number
  log: (line: string) => void
  group: (name: string, lines: string[]) => void
}

export interface FlowContext extends FlowDeps {
  options: FlowOptions
  /** Calls and sleeps under the deadline and the run's signal. */
  retry: Retrying
  /** Retries so far, of any call: a read answered before a retry may no longer hold after it. */
  retries(): number
  onRetry(): void
}

/** The context once the environment is known: its reads. */
export interface EnvironmentContext extends FlowContext {
  environmentId: string
  reads: EnvironmentReads
}

export function flowContext(options: FlowOptions, deps: FlowDeps): FlowContext {
  const { clock, signal, random, log } = deps
  let retries = 0
  const onRetry = (): void => {
    retries += 1
  }
  return {
    ...deps,
    options,
    retries: () => retries,
    onRetry,
    retry: retrying({ clock, signal, random, log, deadline: options.deadline, onRetry })
  }
}

/** Now, as a read's stamp. */
export function stamp(context: FlowContext): Stamp {
  return { at: context.clock.now(), retries: context.retries() }
}

export function environmentContext(context: FlowContext, environmentId: string): EnvironmentContext {
  const { api, clock, signal, random, log, options, onRetry } = context
  const reads = environmentReads(environmentId, {
    api,
    clock,
    signal,
    random,
    log,
    onRetry,
    deadline: options.deadline,
    policy: policyFor('first-read', options.pollIntervalMs),
    pollIntervalMs: options.pollIntervalMs
  })
  return { ...context, environmentId, reads }
}
