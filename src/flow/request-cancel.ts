/**
 * The phase that asks Qovery to cancel: with queued: cancel, the waiting requests first (so that
 * none of them starts in between), then the targeted request, through the environment while it
 * runs and through the queue while it waits, as Qovery's console does.
 */
import { dedupedQueue, foundWaiting, type QueuedRequest, shownRequest } from '../rules/deployment-request.ts'
import type { EnvironmentStatus, RequestLookup } from '../rules/qovery-records.ts'
import type { Known } from '../util/known.ts'
import { actionsValueFor, isAllowed } from '../rules/request-kind.ts'
import { isCanceling, isFinalState } from '../rules/states.ts'
import { describeRequest, nameRequest } from '../rules/words.ts'
import type { CancelAnswer } from '../qovery/client.ts'
import { describeFault, mayHaveBeenReceived, RequestFailed, statusLine } from '../qovery/faults.ts'
import { isTransient, policyFor } from '../qovery/retry-policy.ts'
import { Interrupted } from '../util/interrupted.ts'
import { type EnvironmentContext, note, stamp } from './flow-context.ts'
import type { Run, TargetRequest } from './run.ts'

/** The least time the lookup sent beside the cancel is given. */
const BESIDE_CANCEL_MS = 2_000

/**
 * How old a status read may be when the environment cancel leaves on its word (ms since its answer
 * came): older, the running request may have ended and the next one started, which the cancel would hit.
 */
const STATUS_FRESH_MS = 2_000

/** What a 409 means when Qovery's answer says nothing more (the spec's own description). */
export const CONFLICT = 'already cancelled or an operation is in progress'

/**
 * How the target's cancel went: accepted (any 2xx), refused with 409, or not sent again because
 * the target had ended meanwhile, or was being canceled.
 */
export interface CancelOutcome {
  accepted: boolean
  /** Before a retry, the status showed the target ended: the environment cancel would have hit the next request. */
  targetEnded?: true
  /**
   * Before a retry, the status showed the target CANCELING: a cancel is under way (the one that
   * left, its answer lost, or another's). Not sent again: once the target ends, a second cancel would
   * hit the next request.
   */
  underWay?: true
  /** Qovery's lookup of the target, sent beside the environment cancel: recorded once answered (see noteLookup). */
  lookup?: Promise<void>
}

/** Thrown inside a retried environment cancel: the target is no longer what runs. */
class TargetEnded extends Error {
  constructor() {
    super('the targeted request has ended')
  }
}

/** Thrown inside a retried environment cancel: the target shows CANCELING, the cancel that left is under way. */
class CancelUnderWay extends Error {
  constructor() {
    super('the targeted request is being canceled')
  }
}

/** Sends the cancels; the target's answer decides what follows (a 409 is an answer, not a failure). */
export async function requestCancel(run: Run, context: EnvironmentContext): Promise<CancelOutcome> {
  if (context.settings.queued === 'cancel') await cancelWaiting(run, context)
  return run.target?.via === 'queue' ? cancelThroughQueue(run, run.target, context) : cancelThroughEnvironment(run, context)
}

/**
 * The environment cancel, with force_cancel as asked; side by side with it, Qovery's lookup of the
 * target, which says whether the id the status named is the request that runs. Its 202 body is
 * not taken as the request's state: it may show a state of the moment before, or after, the cancel
 * takes effect. After a 409, a read says what is under way.
 */
export async function cancelThroughEnvironment(run: Run, context: EnvironmentContext): Promise<CancelOutcome> {
  const target = run.chosen
  const { log, settings, reads } = context
  log(`Requesting the cancel of the running ${describeRequest(target)} (force_cancel: ${settings.force})`)
  const id = target.id
  let lookup: Promise<Known<RequestLookup>> | undefined
  // The lookup leaves with the first cancel request, not before the reads that may precede it; it
  // only confirms, so it gives up soon (within a poll-interval, 2 s at least) and never holds the wait long.
  const budget = Math.min(settings.requestTimeoutMs, Math.max(settings.pollIntervalMs, BESIDE_CANCEL_MS))
  const lookUp = (): void => {
    if (id !== undefined) lookup ??= reads.within(budget).lookUpNow(id)
  }
  const answer = await sendEnvironmentCancel(run, context, lookUp)
  // Recorded once answered, not waited for here: should the status later show this id in progress
  // after its lookup said it ended, the id does not name what runs.
  const looked = lookup?.then((found) => {
    if (id !== undefined && 'value' in found) note(context, run.lookupRead(id, found.value, context.clock.now()))
  })
  const beside = looked === undefined ? {} : { lookup: looked }
  if (answer === 'under way') {
    await looked
    log(
      `The ${nameRequest(target)} shows CANCELING: a cancel is under way (the one sent, its answer lost, or another's). It is not sent again, so that no other request is canceled`
    )
    return { accepted: false, underWay: true }
  }
  if (answer === 'ended') {
    await looked
    const again = run.state.cancel?.sentAt === undefined ? '' : ' again'
    log(
      `The ${nameRequest(target)} has ended before the cancel could be sent${again}: it is not sent, so that no other request is canceled`
    )
    return { accepted: false, targetEnded: true }
  }
  noteAnswer(run, answer, context)
  if (answer.accepted) return { accepted: true, ...beside }
  await looked
  // A 409 may come because the target ended meanwhile: then it is followed to its end, as above.
  const status = await reads.status()
  note(context, run.statusRead(status, stamp(context)))
  return hasEnded(run.chosen, status) ? { accepted: false, targetEnded: true } : { accepted: false }
}

/**
 * The environment cancel under its retry policy; 'ended' when, before a retry, the target was seen
 * to have ended, 'under way' when it was seen CANCELING. `leaving` is told as each cancel request leaves.
 */
async function sendEnvironmentCancel(
  run: Run,
  context: EnvironmentContext,
  leaving: () => void
): Promise<CancelAnswer | 'ended' | 'under way'> {
  const { api, environmentId, settings, signal } = context
  let attempts = 0
  try {
    return await sendCancel(run, context, 'The cancel request', async () => {
      // The environment cancel cancels whatever runs: before a retry, or when the status is no
      // longer fresh (read a while ago, beside slower reads; the waiting requests were canceled
      // since; or a call had to be retried, its wait letting the running request end), make sure
      // the target still is what runs.
      const read = run.state.statusRead
      const old = read === undefined || context.clock.now() - (read.answeredAt ?? read.at) > STATUS_FRESH_MS
      const stale = old || run.state.waitingCancels.size > 0 || context.retries() > read.retries
      if (attempts++ > 0 || stale) await stillRunning(run, context)
      const sent = api.cancelDeployment(environmentId, settings.force, signal)
      leaving()
      return sent
    })
  } catch (error) {
    if (error instanceof TargetEnded) return 'ended'
    if (error instanceof CancelUnderWay) return 'under way'
    throw error
  }
}

/**
 * Throws TargetEnded when the status shows another request, or the target in a final state; once a
 * cancel may have reached Qovery, CancelUnderWay when it shows the target CANCELING.
 */
async function stillRunning(run: Run, context: EnvironmentContext): Promise<void> {
  const status = await context.reads.status()
  note(context, run.statusRead(status, stamp(context)))
  if (hasEnded(run.chosen, status)) throw new TargetEnded()
  const shown = shownRequest(status)
  // Only once a cancel may have reached Qovery: a refused connection sent nothing.
  const sent = run.state.cancel?.sentAt !== undefined
  if (sent && isCanceling(status.state) && (shown === undefined || shown === run.chosen.id)) throw new CancelUnderWay()
}

/** The status shows another request than the target, or the target in a final state. */
function hasEnded(target: TargetRequest, status: EnvironmentStatus): boolean {
  const shown = shownRequest(status)
  const another = shown !== undefined && target.id !== undefined && shown !== target.id
  return another || ((shown === undefined || shown === target.id) && isFinalState(status.state))
}

/** The per-request cancel of the target while it waits its turn (it takes no force_cancel). */
async function cancelThroughQueue(run: Run, target: QueuedRequest & TargetRequest, context: EnvironmentContext): Promise<CancelOutcome> {
  const { api, log, signal } = context
  log(`Requesting the cancel of the waiting ${describeRequest(target)}`)
  const answer = await sendCancel(run, context, 'The cancel request', () => api.cancelRequest(target.id, signal))
  noteAnswer(run, answer, context)
  return { accepted: answer.accepted }
}

/** queued: cancel. Every waiting request of a kind `actions` allows, side by side; the others are left alone. */
async function cancelWaiting(run: Run, context: EnvironmentContext): Promise<void> {
  const { log, settings } = context
  const target = run.chosen
  const others = dedupedQueue(run.state.queue)
    .map(foundWaiting)
    .filter((request) => request.id !== target.id)
  const allowed = others.filter((request) => isAllowed(request.kind, settings.actions))
  const left = others.filter((request) => !isAllowed(request.kind, settings.actions))
  if (left.length > 0)
    run.targetChosen(target, [
      ...run.state.passedOver,
      ...left.filter((request) => !run.state.passedOver.some((known) => known.id === request.id))
    ])
  for (const request of left)
    log(`Leaving the waiting ${describeRequest(request)} alone: actions: ${actionsValueFor(request.kind)} would cancel it`)
  if (allowed.length === 0) return
  log(`Canceling the ${allowed.length} request${allowed.length > 1 ? 's' : ''} waiting in the queue (queued: cancel)`)
  await Promise.all(allowed.map((request) => cancelOneWaiting(run, request, context)))
}

/**
 * One waiting request's cancel. A 409 may mean it was already canceled (a merged request whose
 * twin's cancel took it along): Qovery's lookup of it says so, or not.
 */
async function cancelOneWaiting(run: Run, request: QueuedRequest, context: EnvironmentContext): Promise<void> {
  const { api, log, signal, reads } = context
  const what = describeRequest(request)
  let sent = false
  let refused: string | undefined
  const answer = await sendCancel(run, context, `The cancel of the waiting ${what}`, () => api.cancelRequest(request.id, signal), {
    sent: () => (sent = true),
    failed: (error) => {
      if (isRefusal(error.fault)) refused = describeFault(error.fault)
    }
  }).catch((error: unknown) => {
    if (refused !== undefined) run.waitingCancelAnswered(request.id, { accepted: false, detail: refused })
    else if (sent) run.waitingCancelAnswered(request.id, { accepted: undefined })
    throw error
  })
  if (answer.accepted) {
    run.waitingCancelAnswered(request.id, { accepted: true })
    return log(`Qovery accepted the cancel of the waiting ${what} (HTTP ${answer.httpStatus})`)
  }
  const detail = answer.detail ?? CONFLICT
  const lookup = await reads.lookUp(request.id).catch(() => undefined)
  const state = lookup?.found === true ? lookup.state : undefined
  run.waitingCancelAnswered(request.id, { accepted: false, detail, ...(state === undefined ? {} : { state }) })
  log(`Qovery refused the cancel of the waiting ${what} (409: ${detail})${state === undefined ? '' : `; Qovery reports it ${state}`}`)
}

/** Who hears of a cancel that left (it may have reached Qovery), and of each answer that failed it. */
interface CancelHooks {
  sent(at: number): void
  failed(error: RequestFailed): void
}

/**
 * Sends a cancel under its retry policy. By default the target's: when one first reached Qovery (or
 * may have), and each answer that was not an acceptance, go to the run's record of it.
 */
async function sendCancel(
  run: Run,
  context: EnvironmentContext,
  what: string,
  call: () => Promise<CancelAnswer>,
  hooks: CancelHooks = targetHooks(run)
): Promise<CancelAnswer> {
  const { clock, settings, retry } = context
  return retry.call(what, policyFor('cancel', settings.pollIntervalMs), async () => {
    const at = clock.now()
    try {
      const answer = await call()
      hooks.sent(at)
      return answer
    } catch (error) {
      if ((error instanceof RequestFailed && mayHaveBeenReceived(error.fault)) || (error instanceof Interrupted && error.duringRequest))
        hooks.sent(at)
      if (error instanceof RequestFailed) hooks.failed(error)
      throw error
    }
  })
}

function targetHooks(run: Run): CancelHooks {
  return {
    sent: (at) => run.cancelSent(at),
    failed: ({ fault }) => {
      if (fault.kind !== 'http' && fault.kind !== 'bad-body') return
      run.cancelAnswered({ lastAnswer: statusLine(fault.status) })
      if (isRefusal(fault)) run.cancelAnswered({ refusedWith: fault.status })
    }
  }
}

/** An answer that refuses the cancel for good (401, 403, 404, 400...): it was not carried out. */
function isRefusal(fault: RequestFailed['fault']): boolean {
  return fault.kind === 'http' && fault.status >= 400 && fault.status < 500 && !isTransient(fault)
}

function noteAnswer(run: Run, answer: CancelAnswer, context: EnvironmentContext): void {
  if (answer.accepted) {
    run.cancelAnswered({ acceptedWith: answer.httpStatus })
    context.log(`Qovery accepted the cancel request (HTTP ${answer.httpStatus})`)
  } else {
    const conflict = answer.detail ?? CONFLICT
    run.cancelAnswered({ conflict })
    context.log(`Qovery answered 409 (${conflict}); reading where things stand`)
  }
}
