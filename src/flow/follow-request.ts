/**
 * The phase that waits: a read every poll-interval until the targeted request has ended. A request
 * that ran is followed in the environment's status until another request shows or its state is
 * final; one that waited, in Qovery's lookup of it. What became of it is Qovery's to say.
 */
import { type Evidence, type Fate, fateOf, isQueuedState, shownRequest } from '../rules/deployment-request.ts'
import { formatDuration } from '../util/duration.ts'
import { type EnvironmentContext, stamp } from './flow-context.ts'
import type { EnvironmentStatus, RequestLookup } from '../rules/qovery-records.ts'
import { cancelThroughEnvironment, type CancelOutcome } from './request-cancel.ts'
import { policyFor, type RetryPolicy } from '../qovery/retry-policy.ts'
import { recordLookup, recordQueue, recordStartedNext, recordStatus, type RunState, type TargetRequest } from './run-state.ts'
import { isCanceling, isFinalState } from '../rules/states.ts'
import { nameRequest } from '../rules/words.ts'

/** Follows the target from the cancel's answer on, until it has ended; the deadline or a signal stops it by throwing. */
export async function followRequest(
  run: RunState,
  target: TargetRequest,
  context: EnvironmentContext,
  answer: CancelOutcome
): Promise<Fate> {
  const { log, options, retry, reads } = context
  const first = policyFor('first-read', options.pollIntervalMs)
  let fate =
    target.via === 'environment' && answer.status !== undefined
      ? await followRunning(run, target, answer.status, context, first)
      : undefined
  if (fate === undefined) {
    log(
      `Waiting for ${nameRequest(target)} to end: a read every ${formatDuration(options.pollIntervalMs)}, for at most ${formatDuration(options.timeoutMs)} from the start`
    )
  }
  const poll = policyFor('poll', options.pollIntervalMs)
  while (fate === undefined) {
    await retry.sleep(options.pollIntervalMs)
    fate =
      target.via === 'queue'
        ? await followWaiting(run, target, context, poll)
        : await followRunning(run, target, await reads.status(poll), context, poll)
  }
  return fate
}

/**
 * One status read for a request that ran: while the status shows it (or names no request), its
 * state decides; once another request shows, the target has ended, and Qovery's lookup (or what
 * was seen) says how.
 */
async function followRunning(
  run: RunState,
  target: TargetRequest,
  status: EnvironmentStatus,
  context: EnvironmentContext,
  policy: RetryPolicy
): Promise<Fate | undefined> {
  note(context, recordStatus(run, status, stamp(context)))
  const shown = shownRequest(status)
  // A request that ran does not wait again: a queued state under its id is the environment
  // waiting for the next one, so it has ended.
  const leftForQueue =
    target.id !== undefined &&
    shown === target.id &&
    isQueuedState(status.state) &&
    target.lastState !== undefined &&
    !isQueuedState(target.lastState)
  if (!leftForQueue && (target.id === undefined || shown === undefined || shown === target.id)) {
    if (target.id === undefined && shown !== undefined) target.id = shown
    target.lastState = status.state
    if (isCanceling(status.state)) target.sawCanceling = true
    return isFinalState(status.state) ? { state: status.state, basis: 'the environment status shows it' } : undefined
  }
  recordStartedNext(run, status)
  return fateFromLookup(run, target, context, await context.reads.lookUp(target.id as string, policy), false)
}

/**
 * One lookup for a request that waited: Qovery's answer decides. Should the lookup not know it,
 * the status and the queue say whether it still waits, started, or left.
 */
async function followWaiting(
  run: RunState,
  target: TargetRequest,
  context: EnvironmentContext,
  policy: RetryPolicy
): Promise<Fate | undefined> {
  const { clock, reads } = context
  const id = target.id as string
  const accepted = run.cancel?.acceptedWith !== undefined
  const lookup = await reads.lookUp(id, policy)
  if (lookup.found) {
    if (isFinalState(lookup.state) || isQueuedState(lookup.state)) return fateFromLookup(run, target, context, lookup, accepted)
    note(context, recordLookup(run, id, lookup.state, clock.now()))
    return startedDespiteCancel(run, target, await reads.status(policy), context, policy)
  }
  const [status, queue] = await reads.sideBySide((read) => [read.status(policy), read.queue(policy)] as const)
  note(context, recordStatus(run, status, stamp(context)))
  note(context, recordQueue(run, queue))
  if (run.queue?.some((request) => request.id === id)) return undefined
  if (shownRequest(status) === id) return startedDespiteCancel(run, target, status, context, policy)
  // Leaving the queue is evidence only when the queue was seen without it.
  return fateFromLookup(run, target, context, lookup, run.queue !== undefined && accepted)
}

/** The waiting request started before its cancel took: cancel it where it now runs. */
async function startedDespiteCancel(
  run: RunState,
  target: TargetRequest,
  status: EnvironmentStatus,
  context: EnvironmentContext,
  policy: RetryPolicy
): Promise<Fate | undefined> {
  note(context, recordStatus(run, status, stamp(context)))
  if (shownRequest(status) !== target.id) return undefined
  context.log(`The ${nameRequest(target)} started before its cancel took effect; canceling it through the environment`)
  target.via = 'environment'
  const answer = await cancelThroughEnvironment(run, target, context)
  return followRunning(run, target, answer.status ?? status, context, policy)
}

function fateFromLookup(
  run: RunState,
  target: TargetRequest,
  context: EnvironmentContext,
  lookup: RequestLookup,
  canceledWhileWaiting: Evidence['canceledWhileWaiting']
): Fate | undefined {
  if (lookup.found) note(context, recordLookup(run, target.id as string, lookup.state, context.clock.now()))
  return fateOf({ lookup, sawCanceling: target.sawCanceling, canceledWhileWaiting })
}

function note(context: EnvironmentContext, line: string | undefined): void {
  if (line !== undefined) context.log(line)
}
