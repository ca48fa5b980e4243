/**
 * What every phase of the flow is handed besides the run: the settings it acts on, the deadline
 * the timeout sets, and the means to act (the API, the clock, the log, retries). Built once per run.
 */
import type { Settings } from '../inputs/settings.ts'
import type { QoveryApi } from '../qovery/client.ts'
import { type EnvironmentReads, environmentReads } from '../qovery/environment-reads.ts'
import { policyFor } from '../qovery/retry-policy.ts'
import { type Retrying, retrying } from '../qovery/retrying.ts'
import type { Clock } from '../util/clock.ts'
import type { Stamp } from './run.ts'

/** The means the flow acts with. */
export interface FlowDeps {
  api: QoveryApi
  clock: Clock
  /** Aborts when the workflow run is cancelled. */
  signal: AbortSignal
  random: () => number
  log: (line: string) => void
  group: (name: string, lines: string[]) => void
}

export interface FlowContext extends FlowDeps {
  settings: Settings
  /** When the timeout input runs out (ms on the clock): no request is sent after it. */
  deadline: number
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

export function flowContext(settings: Settings, deadline: number, deps: FlowDeps): FlowContext {
  const { clock, signal, random, log } = deps
  let retries = 0
  const onRetry = (): void => {
    retries += 1
  }
  return {
    ...deps,
    settings,
    deadline,
    retries: () => retries,
    onRetry,
    retry: retrying({ clock, signal, random, log, deadline, onRetry })
  }
}

/** Now, as a read's stamp. */
export function stamp(context: FlowContext): Stamp {
  return { at: context.clock.now(), retries: context.retries() }
}

export function environmentContext(context: FlowContext, environmentId: string): EnvironmentContext {
  const { api, clock, signal, random, log, settings, deadline, onRetry } = context
  const reads = environmentReads(environmentId, {
    api,
    clock,
    signal,
    random,
    log,
    onRetry,
    deadline,
    policy: policyFor('first-read', settings.pollIntervalMs),
    pollIntervalMs: settings.pollIntervalMs
  })
  return { ...context, environmentId, reads }
}

/** Writes what the run had to say to the log, a line at a time, when it had something. */
export function note(context: Pick<FlowDeps, 'log'>, lines: string | undefined): void {
  if (lines !== undefined) for (const line of lines.split('\n')) context.log(line)
}
