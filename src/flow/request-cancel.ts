/**
 * The phase that asks Qovery to cancel: with queued: cancel, the waiting requests first (so that
 * none of them starts in between), then the targeted request, through the environment while it
 * runs and through the queue while it waits, as Qovery's console does.
 */
import { foundWaiting, shownRequest } from '../rules/deployment-request.ts'
import { describeFault, Interrupted, mayHaveBeenReceived, RequestFailed, statusLine } from '../qovery/faults.ts'
import { type EnvironmentContext, stamp } from './flow-context.ts'
import type { CancelAnswer } from '../qovery/client.ts'
import type { EnvironmentStatus } from '../rules/qovery-records.ts'
import { actionsValueFor, isAllowed } from '../rules/request-kind.ts'
import { isTransient, policyFor } from '../qovery/retry-policy.ts'
import { type CancelRecord, recordStatus, type RunState, type TargetRequest } from './run-state.ts'
import { isFinalState } from '../rules/states.ts'
import { describeRequest, nameRequest } from '../rules/words.ts'

/** What a 409 means when Qovery's answer says nothing more (the spec's own description). */
export const CONFLICT = 'already cancelled or an operation is in progress'

/**
 * How the target's cancel went: accepted (any 2xx), refused with 409, or not sent again because
 * the target had ended meanwhile; and the environment's status that goes with it, when known:
 * the 202's body, or a fresh read.
 */
export interface CancelOutcome {
  accepted: boolean
  /** Before a retry, the status showed the target ended: the environment cancel would have hit the next request. */
  targetEnded?: true
  status?: EnvironmentStatus
}

/** Thrown inside a retried environment cancel: the target is no longer what runs. */
class TargetEnded extends Error {
  readonly status: EnvironmentStatus
  constructor(status: EnvironmentStatus) {
    super('the targeted request has ended')
    this.status = status
  }
}

/** Sends the cancels; the target's answer decides what follows (a 409 is an answer, not a failure). */
export async function requestCancel(run: RunState, target: TargetRequest, context: EnvironmentContext): Promise<CancelOutcome> {
  if (context.options.queued === 'cancel') await cancelWaiting(run, target, context)
  return target.via === 'queue' ? cancelThroughQueue(run, target, context) : cancelThroughEnvironment(run, target, context)
}

/**
 * The environment cancel, with force_cancel as asked. Its 202 body may already show how things
 * stand; after a 409, a read says what is under way.
 */
export async function cancelThroughEnvironment(run: RunState, target: TargetRequest, context: EnvironmentContext): Promise<CancelOutcome> {
  const { api, environmentId, log, options, reads, signal } = context
  log(`Requesting the cancel of the running ${describeRequest(target)} (force_cancel: ${options.force})`)
  const record = (run.cancel ??= {})
  let attempts = 0
  let answer: CancelAnswer
  try {
    answer = await sendCancel(record, context, 'The cancel request', async () => {
      // The environment cancel cancels whatever runs: before a retry, or when the status is no
      // longer fresh (the waiting requests were canceled since, or a call had to be retried, its
      // wait letting the running request end), make sure the target still is what runs.
      const stale = run.waitingCancels.size > 0 || context.retries() > (run.statusRead?.retries ?? Number.POSITIVE_INFINITY)
      if (attempts++ > 0 || stale) await stillRunning(run, target, context)
      return api.cancelDeployment(environmentId, options.force, signal)
    })
  } catch (error) {
    if (!(error instanceof TargetEnded)) throw error
    log(`The ${nameRequest(target)} has ended before the cancel could be sent again: it is not sent, so that no other request is canceled`)
    return { accepted: false, targetEnded: true, status: error.status }
  }
  noteAnswer(record, answer, log)
  if (answer.accepted) return answer.status === undefined ? { accepted: true } : { accepted: true, status: answer.status }
  // A 409 may come because the target ended meanwhile: then it is followed to its end, as above.
  const status = await reads.status()
  return hasEnded(target, status) ? { accepted: false, targetEnded: true, status } : { accepted: false, status }
}

/** Throws TargetEnded when the status shows another request, or the target in a final state. */
async function stillRunning(run: RunState, target: TargetRequest, context: EnvironmentContext): Promise<void> {
  const status = await context.reads.status()
  const line = recordStatus(run, status, stamp(context))
  if (line !== undefined) context.log(line)
  if (hasEnded(target, status)) throw new TargetEnded(status)
}

/** The status shows another request than the target, or the target in a final state. */
function hasEnded(target: TargetRequest, status: EnvironmentStatus): boolean {
  const shown = shownRequest(status)
  const another = shown !== undefined && target.id !== undefined && shown !== target.id
  return another || ((shown === undefined || shown === target.id) && isFinalState(status.state))
}

/** The per-request cancel of the target while it waits its turn (it takes no force_cancel). */
async function cancelThroughQueue(run: RunState, target: TargetRequest, context: EnvironmentContext): Promise<CancelOutcome> {
  const { api, log, signal } = context
  log(`Requesting the cancel of the waiting ${describeRequest(target)}`)
  const record = (run.cancel ??= {})
  const answer = await sendCancel(record, context, 'The cancel request', () => api.cancelRequest(target.id as string, signal))
  noteAnswer(record, answer, log)
  return { accepted: answer.accepted }
}

/** queued: cancel. Every waiting request of a kind `actions` allows, side by side; the others are left alone. */
async function cancelWaiting(run: RunState, target: TargetRequest, context: EnvironmentContext): Promise<void> {
  const { api, log, options, signal } = context
  const others = (run.queue ?? []).map(foundWaiting).filter((request) => request.id !== target.id)
  const allowed = others.filter((request) => isAllowed(request.kind, options.actions))
  for (const request of others.filter((other) => !isAllowed(other.kind, options.actions))) {
    if (!run.passedOver.some((known) => known.id === request.id)) run.passedOver.push(request)
    log(`Leaving the waiting ${describeRequest(request)} alone: actions: ${actionsValueFor(request.kind)} would cancel it`)
  }
  if (allowed.length === 0) return
  log(`Canceling the ${allowed.length} request${allowed.length > 1 ? 's' : ''} waiting in the queue (queued: cancel)`)
  await Promise.all(
    allowed.map(async (request) => {
      const id = request.id as string
      const what = describeRequest(request)
      const record: CancelRecord = {}
      const answer = await sendCancel(record, context, `The cancel of the waiting ${what}`, () => api.cancelRequest(id, signal)).catch(
        (error: unknown) => {
          // refusedWith is set from a RequestFailed's answer only.
          if (record.refusedWith !== undefined && error instanceof RequestFailed) {
            run.waitingCancels.set(id, { accepted: false, detail: describeFault(error.fault) })
          } else if (record.sentAt !== undefined) {
            // Sent, and no answer came: it may have been carried out.
            run.waitingCancels.set(id, { accepted: undefined })
          }
          throw error
        }
      )
      run.waitingCancels.set(id, answer.accepted ? { accepted: true } : { accepted: false, detail: answer.detail ?? CONFLICT })
      log(
        answer.accepted
          ? `Qovery accepted the cancel of the waiting ${what} (HTTP ${answer.httpStatus})`
          : `Qovery refused the cancel of the waiting ${what} (409: ${answer.detail ?? CONFLICT})`
      )
    })
  )
}

/** Sends a cancel under its retry policy, noting when one first reached Qovery, or may have. */
async function sendCancel(
  record: CancelRecord,
  context: EnvironmentContext,
  what: string,
  call: () => Promise<CancelAnswer>
): Promise<CancelAnswer> {
  const { clock, options, retry } = context
  return retry.call(what, policyFor('cancel', options.pollIntervalMs), async () => {
    const at = clock.now()
    try {
      const answer = await call()
      record.sentAt ??= at
      return answer
    } catch (error) {
      if ((error instanceof RequestFailed && mayHaveBeenReceived(error.fault)) || (error instanceof Interrupted && error.duringRequest))
        record.sentAt ??= at
      if (error instanceof RequestFailed && (error.fault.kind === 'http' || error.fault.kind === 'bad-body')) {
        record.lastAnswer = statusLine(error.fault.status)
        if (isRefusal(error.fault)) record.refusedWith = error.fault.status
      }
      throw error
    }
  })
}

/** An answer that refuses the cancel for good (401, 403, 404, 400...): it was not carried out. */
function isRefusal(fault: RequestFailed['fault']): boolean {
  return fault.kind === 'http' && fault.status >= 400 && fault.status < 500 && !isTransient(fault)
}

function noteAnswer(record: CancelRecord, answer: CancelAnswer, log: (line: string) => void): void {
  if (answer.accepted) {
    record.acceptedWith = answer.httpStatus
    log(`Qovery accepted the cancel request (HTTP ${answer.httpStatus})`)
  } else {
    record.conflict = answer.detail ?? CONFLICT
    log(`Qovery answered 409 (${record.conflict}); reading where things stand`)
  }
}
