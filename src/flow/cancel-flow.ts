/**
 * The run as a sequence of phases, each handed the run and the context: find the environment, find
 * the target, request the cancel, follow the request to its end, look at what is left. Whichever
 * way it ends, everything it learned is in the report.
 */
import type { Settings } from '../inputs/settings.ts'
import type { Choice } from '../rules/deployment-request.ts'
import { type Outcome, outcomeOfFate } from '../rules/outcome.ts'
import type { EnvironmentDetails } from '../rules/qovery-records.ts'
import { policyFor } from '../qovery/retry-policy.ts'
import type { Known } from '../util/known.ts'
import { environmentContext, type EnvironmentContext, type FlowContext, flowContext, type FlowDeps } from './flow-context.ts'
import { findTarget, FRESH_REQUEST_GRACE_MS } from './find-target.ts'
import { followRequest } from './follow-request.ts'
import { requestCancel } from './request-cancel.ts'
import { resolveEnvironment } from './resolve-environment.ts'
import {
  reachedDisallowed,
  requestElsewhere,
  type Stop,
  stoppedBy,
  unknownRequest,
  unlocatedRequest,
  unsureRequest
} from './run-failure.ts'
import { type Report, Run } from './run.ts'
import { lookAtWhatIsLeft } from './what-is-left.ts'

/** Runs the phases under `settings`, until `deadline` (ms on the clock) at most; the report of what happened. */
export async function cancelAndWait(settings: Settings, deadline: number, deps: FlowDeps): Promise<Report> {
  const context = flowContext(settings, deadline, deps)
  const run = new Run(deps.clock.now())
  let details: Promise<Known<EnvironmentDetails>> | undefined
  let environment: EnvironmentContext | undefined
  try {
    environment = environmentContext(context, await findEnvironment(run, context))
    run.enter('before-cancel')
    const choice = await findTarget(run, environment)
    if (choice.decision !== 'cancel') {
      details = readDetails(run, environment)
      return await finish(run, context, details, ...withoutCancel(run, choice, environment))
    }
    run.targetChosen(choice.request, choice.passedOver)
    run.enter('cancel')
    const answer = await requestCancel(run, environment)
    // Read once the cancel is on its way, side by side with what follows.
    details = readDetails(run, environment)
    // A target that ended before the cancel could be sent again, or showed it under way, is followed
    // to its end, even without wait: no answer of Qovery's tells where the cancel stands.
    if (!settings.wait && answer.targetEnded !== true && answer.underWay !== true) {
      await answer.lookup
      return await finish(run, context, details, answer.accepted ? 'requested' : 'conflict')
    }
    run.enter('wait')
    await followRequest(run, environment, answer)
    run.enter('after')
    await lookAtWhatIsLeft(run, environment, settings.requestTimeoutMs)
    const disallowed = reachedDisallowed(run.state, settings.actions)
    if (disallowed !== undefined) return await finish(run, context, details, 'failed', disallowed)
    return await finish(run, context, details, outcomeOfFate(run.target!.fate!))
  } catch (error) {
    const stopped = stoppedBy(error, run.state, {
      timeoutMs: settings.timeoutMs,
      apiUrl: settings.apiUrl,
      ...(deps.signal.aborted ? { interruption: deps.signal.reason } : {})
    })
    // A cancel that failed after it left (refused, or never accepted) still gets the environment's
    // name and console link; a run stopped by its deadline or a signal sends nothing more.
    if (details === undefined && environment !== undefined && stopped.outcome === 'failed' && run.state.cancel?.sentAt !== undefined)
      details = readDetails(run, environment)
    return await finish(run, context, details, stopped.outcome, stopped)
  }
}

/** The environment's id, from the input or by walking the names. */
async function findEnvironment(run: Run, context: FlowContext): Promise<string> {
  const { api, group, settings, retry, signal } = context
  const target = settings.target
  if (!('names' in target)) {
    run.environmentFound(target.environmentId)
    return target.environmentId
  }
  const resolved = await resolveEnvironment(target.names, api, retry, policyFor('first-read', settings.pollIntervalMs), signal)
  run.environmentFound(resolved.environment.id, resolved)
  group(`Resolved ${resolved.organization.name} / ${resolved.project.name} / ${resolved.environment.name}`, [
    `organization: ${resolved.organization.name} (${resolved.organization.id})`,
    `project: ${resolved.project.name} (${resolved.project.id})`,
    `environment: ${resolved.environment.name} (${resolved.environment.id})`
  ])
  return resolved.environment.id
}

/** How a run that sends nothing ends, and why. */
function withoutCancel(run: Run, choice: Exclude<Choice, { decision: 'cancel' }>, context: EnvironmentContext): [Outcome, Stop?] {
  const lookedFor = Math.min(context.clock.now() - run.state.startedAt, FRESH_REQUEST_GRACE_MS)
  switch (choice.decision) {
    case 'none':
      run.nothingChosen(choice.passedOver)
      return ['nothing-to-cancel']
    case 'unsure':
      run.nothingChosen(choice.passedOver)
      return ['failed', unsureRequest(choice.why, context.settings.actions)]
    case 'ended':
      run.endedBefore(choice.id, choice.fate)
      return ['nothing-to-cancel']
    case 'unknown':
      return ['failed', unknownRequest(choice.id, context.environmentId, lookedFor, choice.detail)]
    case 'unlocated':
      return ['failed', unlocatedRequest(choice.id, choice.state, context.environmentId, lookedFor, run.state.queueUnreadable)]
    case 'elsewhere':
      return ['failed', requestElsewhere(choice.id, choice.state, choice.environmentId, context.environmentId)]
  }
}

/**
 * GET /environment/{id}, for its name and where it lives (links into the console), unless the
 * names given already told. Started without waiting for it: it is awaited when the run ends.
 */
function readDetails(run: Run, context: EnvironmentContext): Promise<Known<EnvironmentDetails>> | undefined {
  if (run.state.resolved !== undefined) return undefined
  return context.reads.within(context.settings.requestTimeoutMs).environment()
}

async function finish(
  run: Run,
  context: FlowContext,
  details: Promise<Known<EnvironmentDetails>> | undefined,
  outcome: Outcome,
  stop?: Stop
): Promise<Report> {
  if (details !== undefined) run.environmentRead(await details)
  return run.finish(outcome, stop, context.clock.now(), context.api.requestCount)
}
