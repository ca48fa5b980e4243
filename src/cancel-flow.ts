import type { Clock } from './clock.ts'
import { describeFault, Interrupted, RequestFailed } from './faults.ts'
import { formatDuration } from './duration.ts'
import { type Outcome, outcomeOfFinalState, outcomeWithoutWaiting } from './outcome.ts'
import type { EnvironmentStatus, QoveryApi } from './qovery-client.ts'
import { ResolutionFailed, type ResolvedEnvironment, resolveEnvironment } from './resolve-environment.ts'
import { policyFor } from './retry-policy.ts'
import { DeadlineReached, RetriesExhausted, retrying } from './retrying.ts'
import type { Target } from './settings.ts'
import { isFinalState } from './states.ts'

export interface FlowOptions {
  target: Target
  /** When the timeout input runs out (timeoutMs after the start). */
  deadline: number
  force: boolean
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
}

export interface FlowDeps {
  api: QoveryApi
  clock: Clock
  signal: AbortSignal
  random: () => number
  log: (line: string) => void
  group: (name: string, lines: string[]) => void
}

/** A state and when it was first seen, in order. */
export interface Sighting {
  state: string
  at: number
}

export interface Report {
  outcome: Outcome
  /** The environment acted on, once known. */
  environmentId?: string
  /** Organization, project and environment, when the user named them. */
  resolved?: ResolvedEnvironment
  /** The last status read, if any. */
  status?: EnvironmentStatus
  timeline: Sighting[]
  startedAt: number
  cancelRequestedAt?: number
  /** When a final state was first seen after the cancel request. */
  settledAt?: number
  endedAt: number
  apiCalls: number
  /** The API answered 409: a cancel was already under way, or another operation. */
  conflict?: string
  /** Why the run failed, timed out or was interrupted, in a sentence. */
  reason?: string
}

type Phase = 'resolve' | 'before-cancel' | 'cancel' | 'wait'

/**
 * Finds the environment, reads its status, requests the cancel when something is in progress,
 * and waits until the state is final. Everything it learns goes into the report, whichever way
 * the run ends.
 */
export async function cancelAndWait(options: FlowOptions, deps: FlowDeps): Promise<Report> {
  const { api, clock, signal, log } = deps
  const startedAt = clock.now()
  const retry = retrying({ clock, signal, random: deps.random, log, deadline: options.deadline })
  const report: Report = { outcome: 'failed', timeline: [], startedAt, endedAt: startedAt, apiCalls: 0 }

  const observe = (status: EnvironmentStatus): void => {
    const now = clock.now()
    const previous = report.timeline.at(-1)
    report.status = status
    if (previous?.state === status.state) return
    report.timeline.push({ state: status.state, at: now })
    const when = new Date(now).toISOString().slice(11, 19)
    log(
      previous === undefined
        ? `[${when}Z] Environment state: ${status.state}`
        : `[${when}Z] Environment state: ${previous.state} -> ${status.state} (after ${formatDuration(now - previous.at)})`
    )
  }

  const finish = (outcome: Outcome, reason?: string): Report => {
    report.outcome = outcome
    if (reason !== undefined) report.reason = reason
    report.endedAt = clock.now()
    report.apiCalls = api.requestCount
    return report
  }

  const readPolicy = policyFor('first-read', options.pollIntervalMs)
  let phase: Phase = 'resolve'
  try {
    let environmentId: string
    if ('names' in options.target) {
      const resolved = await resolveEnvironment(options.target.names, api, retry, readPolicy, signal)
      report.resolved = resolved
      environmentId = resolved.environment.id
      deps.group(`Resolved ${resolved.organization.name} / ${resolved.project.name} / ${resolved.environment.name}`, [
        `organization: ${resolved.organization.name} (${resolved.organization.id})`,
        `project: ${resolved.project.name} (${resolved.project.id})`,
        `environment: ${resolved.environment.name} (${resolved.environment.id})`
      ])
    } else {
      environmentId = options.target.environmentId
    }
    report.environmentId = environmentId
    const readStatus = (policy = readPolicy) => retry.call('Reading the environment status', policy, () => api.getStatus(environmentId, signal))

    phase = 'before-cancel'
    observe(await readStatus())
    if (isFinalState(report.status!.state)) return finish('nothing-to-cancel')

    phase = 'cancel'
    report.cancelRequestedAt = clock.now()
    log(`Requesting the cancel (force_cancel: ${options.force})`)
    const answer = await retry.call('The cancel request', policyFor('cancel', options.pollIntervalMs), () => api.cancelDeployment(environmentId, options.force, signal))
    if (answer.accepted) {
      log('Qovery accepted the cancel request (202)')
      observe(answer.status)
    } else {
      report.conflict = answer.detail ?? 'already cancelled or an operation is in progress'
      log(`Qovery answered 409 (${report.conflict}); reading the status to see where things stand`)
      observe(await readStatus())
    }
    // A final state right after the cancel call settles it; anything else is only "requested"
    // when not waiting, since the API can still show the old state after accepting.
    if (isFinalState(report.status!.state)) {
      report.settledAt = clock.now()
      return finish(outcomeOfFinalState(report.status!.state))
    }
    if (!options.wait) return finish(outcomeWithoutWaiting(report.status!.state))

    phase = 'wait'
    const pollPolicy = policyFor('poll', options.pollIntervalMs)
    log(`Waiting for the environment to settle: a status read every ${formatDuration(options.pollIntervalMs)}, for at most ${formatDuration(options.timeoutMs)}`)
    while (!isFinalState(report.status!.state)) {
      await retry.sleep(options.pollIntervalMs)
      observe(await readStatus(pollPolicy))
    }
    report.settledAt = clock.now()
    return finish(outcomeOfFinalState(report.status!.state))
  } catch (error) {
    if (error instanceof Interrupted || signal.aborted) {
      const name = signal.reason instanceof Interrupted ? signal.reason.signalName : 'an abort'
      return finish('interrupted', `The action was interrupted by ${name} (the workflow run was cancelled)${report.status ? `; the environment was last seen ${report.status.state}` : ''}.`)
    }
    if (error instanceof DeadlineReached) {
      const fault = error.lastFault ? `; the last request failed with ${describeFault(error.lastFault)}` : ''
      if (phase === 'wait') {
        return finish('timed-out', `Timed out after ${formatDuration(options.timeoutMs)} while the environment was still ${report.status!.state}${fault}.`)
      }
      const step = phase === 'cancel' ? 'the cancel request was accepted' : phase === 'resolve' ? 'the environment was found' : 'the status could be read'
      return finish('failed', `The timeout of ${formatDuration(options.timeoutMs)} ran out before ${step}${fault}.`)
    }
    return finish('failed', explain(error, phase, report.environmentId))
  }
}

/** A failure as a sentence a user can act on. */
function explain(error: unknown, phase: Phase, environmentId: string | undefined): string {
  if (error instanceof ResolutionFailed) return `${error.message} No cancel was sent.`
  if (error instanceof RetriesExhausted) {
    return `${error.message}. Giving up${phase === 'wait' ? ' waiting' : ''}; the Qovery API or the network in between seems to be failing.`
  }
  if (error instanceof RequestFailed) {
    const { fault } = error
    const detail = fault.kind === 'http' && fault.detail ? ` Qovery said: ${fault.detail}` : ''
    if (fault.kind === 'http' && fault.status === 401) {
      return `Qovery rejected the token (HTTP 401 on ${error.request}). Check that the token input holds a valid, unexpired Qovery API token or JWT.${detail}`
    }
    if (fault.kind === 'http' && fault.status === 403) {
      return `The token lacks the rights for this (HTTP 403 on ${error.request}). Give the token's role the right to deploy this environment.${detail}`
    }
    if (fault.kind === 'http' && fault.status === 404) {
      return environmentId === undefined
        ? `Not found (HTTP 404 on ${error.request}) while looking the environment up.${detail}`
        : `Environment ${environmentId} was not found (HTTP 404 on ${error.request}). Check environment-id, and that the token belongs to the environment's organization.${detail}`
    }
    if (fault.kind === 'network' && fault.code === 'ENOTFOUND') {
      return `${error.request} failed: the host could not be resolved (${fault.message}). Check api-url.`
    }
    return `${error.message}.`
  }
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`
}
