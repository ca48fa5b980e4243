/**
 * The run as a sequence of phases, each handed the run's state and the context: find the
 * environment, find the target, request the cancel, follow the request to its end, look at what is
 * left. Whichever way it ends, everything it learned is in the report.
 */
import type { Choice } from '../rules/deployment-request.ts'
import {
  environmentContext,
  type EnvironmentContext,
  type FlowContext,
  flowContext,
  type FlowDeps,
  type FlowOptions,
  stamp
} from './flow-context.ts'
import { findTarget, FRESH_REQUEST_GRACE_MS } from './find-target.ts'
import { followRequest } from './follow-request.ts'
import { outcomeOfFate } from '../report/outcome-words.ts'
import type { EnvironmentDetails } from '../rules/qovery-records.ts'
import { requestCancel } from './request-cancel.ts'
import { resolveEnvironment } from './resolve-environment.ts'
import { policyFor } from '../qovery/retry-policy.ts'
import { requestElsewhere, type Stop, stoppedBy, unexpected, unknownRequest, unlocatedRequest } from './run-failure.ts'
import { type Known, newRun, type Outcome, recordStatus, type Report, type RunState, type TargetRequest } from './run-state.ts'
import { isCanceled } from '../rules/states.ts'
import { lookAtWhatIsLeft } from './what-is-left.ts'

export async function cancelAndWait(options: FlowOptions, deps: FlowDeps): Promise<Report> {
  const context = flowContext(options, deps)
  const run = newRun(deps.clock.now())
  let details: Promise<Known<EnvironmentDetails>> | undefined
  let environment: EnvironmentContext | undefined
  try {
    environment = environmentContext(context, await findEnvironment(run, context))
    run.phase = 'before-cancel'
    const choice = await findTarget(run, environment)
    if (choice.decision !== 'cancel') {
      details = readDetails(run, environment)
      return await finish(run, context, details, ...withoutCancel(run, choice, environment))
    }
    const target: TargetRequest = { ...choice.request, sawCanceling: false }
    run.target = target
    run.passedOver = choice.passedOver
    run.phase = 'cancel'
    const answer = await requestCancel(run, target, environment)
    // Read once the cancel is on its way, side by side with what follows.
    details = readDetails(run, environment)
    // A target that ended before the cancel could be sent again is followed to its end, even without wait.
    if (!options.wait && answer.targetEnded !== true) {
      if (answer.status !== undefined) recordStatus(run, answer.status, stamp(context))
      return await finish(run, context, details, answer.accepted ? 'requested' : 'conflict')
    }
    run.phase = 'wait'
    target.fate = await followRequest(run, target, environment, answer)
    run.settledAt = deps.clock.now()
    if (target.fate.state !== undefined && isCanceled(target.fate.state) && target.id !== undefined) run.canceledRequests.push(target.id)
    run.phase = 'after'
    await lookAtWhatIsLeft(run, target, environment)
    return await finish(run, context, details, outcomeOfFate(target.fate))
  } catch (error) {
    const stopped = stoppedBy(error, run, {
      timeoutMs: options.timeoutMs,
      apiUrl: options.apiUrl,
      ...(deps.signal.aborted ? { interruption: deps.signal.reason } : {})
    })
    // A cancel that failed after it left (refused, or never accepted) still gets the environment's
    // name and console link; a run stopped by its deadline or a signal sends nothing more.
    if (details === undefined && environment !== undefined && stopped.outcome === 'failed' && run.cancel?.sentAt !== undefined)
      details = readDetails(run, environment)
    return await finish(run, context, details, stopped.outcome, stopped)
  }
}

/** The environment's id, from the input or by walking the names. */
async function findEnvironment(run: RunState, context: FlowContext): Promise<string> {
  const { api, group, options, retry, signal } = context
  if (!('names' in options.target)) return (run.environmentId = options.target.environmentId)
  const resolved = await resolveEnvironment(options.target.names, api, retry, policyFor('first-read', options.pollIntervalMs), signal)
  run.resolved = resolved
  group(`Resolved ${resolved.organization.name} / ${resolved.project.name} / ${resolved.environment.name}`, [
    `organization: ${resolved.organization.name} (${resolved.organization.id})`,
    `project: ${resolved.project.name} (${resolved.project.id})`,
    `environment: ${resolved.environment.name} (${resolved.environment.id})`
  ])
  return (run.environmentId = resolved.environment.id)
}

/** How a run that sends nothing ends, and why. */
function withoutCancel(run: RunState, choice: Exclude<Choice, { decision: 'cancel' }>, context: EnvironmentContext): [Outcome, Stop?] {
  const lookedFor = Math.min(context.clock.now() - run.startedAt, FRESH_REQUEST_GRACE_MS)
  switch (choice.decision) {
    case 'none':
      run.passedOver = choice.passedOver
      return ['nothing-to-cancel']
    case 'ended':
      run.target = {
        id: choice.id,
        via: 'environment',
        sawCanceling: false,
        alreadyEnded: choice.state,
        fate: { state: choice.state, basis: `Qovery reports it ${choice.state}` }
      }
      return ['nothing-to-cancel']
    case 'unknown':
      return ['failed', unknownRequest(choice.id, context.environmentId, lookedFor, choice.detail)]
    case 'unlocated':
      return ['failed', unlocatedRequest(choice.id, choice.state, context.environmentId, lookedFor, run.queueUnreadable)]
    case 'elsewhere':
      return ['failed', requestElsewhere(choice.id, choice.state, choice.environmentId, context.environmentId)]
    case 'kind-needed':
      return ['failed', unexpected('the kind of the running request was never asked for.')]
  }
}

/**
 * GET /environment/{id}, for its name and where it lives (links into the console), unless the
 * names given already told. Started without waiting for it: it is awaited when the run ends.
 */
function readDetails(run: RunState, context: EnvironmentContext): Promise<Known<EnvironmentDetails>> | undefined {
  if (run.resolved !== undefined) {
    const { organization, project, environment } = run.resolved
    run.environment = { value: { id: environment.id, name: environment.name, organizationId: organization.id, projectId: project.id } }
    return undefined
  }
  return context.reads.environment()
}

async function finish(
  run: RunState,
  context: FlowContext,
  details: Promise<Known<EnvironmentDetails>> | undefined,
  outcome: Outcome,
  stop?: Stop
): Promise<Report> {
  if (details !== undefined) run.environment = await details
  run.outcome = outcome
  if (stop !== undefined) run.reason = stop.reason
  if (stop?.cause !== undefined) run.failure = stop.cause
  run.endedAt = context.clock.now()
  run.apiCalls = context.api.requestCount
  return run as Report
}
