/**
 * The phase after the targeted request has ended: what still waits in the queue, which of the
 * waiting requests canceled are gone, which request runs now, and what the deployment the target
 * ran did to each service. Reads side by side, under one short budget (about one request-timeout
 * in all); none of them failing changes how the run ended: what could not be read is not known.
 * The status is read again only for a request that waited: for one that ran, the read that showed
 * it ended shows what runs now.
 */
import { deploymentEntry } from '../rules/deployment-record.ts'
import { isRunningState, shownIdentity, shownRequest, waitingRows } from '../rules/deployment-request.ts'
import type { DeploymentHistoryEntry, ServiceStatus } from '../rules/qovery-records.ts'
import { isFinalState } from '../rules/states.ts'
import type { Known } from '../util/known.ts'
import { type EnvironmentContext, note, stamp } from './flow-context.ts'
import type { Run } from './run.ts'

/** Reads what is left once the target ended, and records it; `budgetMs` bounds them all. */
export async function lookAtWhatIsLeft(run: Run, context: EnvironmentContext, budgetMs: number): Promise<void> {
  const { clock, reads } = context
  const budgetEnds = clock.now() + budgetMs
  const ran = run.chosen.via === 'environment'
  // The history read beside the last status, to judge how the target ended, is not read again.
  const judged = run.state.history
  const fresh = judged !== undefined && judged.at >= (run.state.statusRead?.at ?? Number.POSITIVE_INFINITY) ? judged : undefined
  const within = reads.within(budgetMs)
  const [queue, status, read, statuses] = await within.sideBySide(
    (read) =>
      [
        read.queueNow(),
        ran ? undefined : read.statusNow(),
        ran && fresh === undefined ? read.history() : undefined,
        read.serviceStatuses()
      ] as const
  )
  const history = fresh === undefined ? read : { value: [...fresh.entries] }
  if (status !== undefined && 'value' in status) note(context, run.statusRead(status.value, stamp(context)))
  note(context, run.queueRead('value' in queue ? queue.value : { unreadable: queue.unknown }, clock.now()))
  const services = 'value' in statuses ? statuses.value : undefined
  noteStartedNext(run, services)
  confirmWaitingCancels(run)
  if (!ran || history === undefined) return
  const entry = await entryOnceFinal(run, context, history, budgetEnds)
  run.deploymentRead({ entry, statuses })
}

/**
 * The target's history entry, read again while it is still in progress though the target ended
 * (the history may lag the status), until the budget ends.
 */
async function entryOnceFinal(
  run: Run,
  context: EnvironmentContext,
  first: Known<DeploymentHistoryEntry[]>,
  budgetEnds: number
): Promise<Known<DeploymentHistoryEntry>> {
  const { clock, reads, retry, settings } = context
  let entry = entryOf(run, first)
  const every = Math.min(settings.pollIntervalMs, 1000)
  while ('value' in entry && !isFinalState(entry.value.state) && clock.now() + every < budgetEnds) {
    await retry.sleep(every)
    const again = await reads.within(budgetEnds - clock.now()).history()
    if ('unknown' in again) break
    entry = entryOf(run, again)
  }
  return entry
}

function entryOf(run: Run, history: Known<DeploymentHistoryEntry[]>): Known<DeploymentHistoryEntry> {
  if ('unknown' in history) return history
  const { pairs, startedNext, laterExecutions } = run.state
  const target = run.chosen
  return deploymentEntry(history.value, {
    ...(target.via === 'environment' && target.executionId !== undefined ? { executionId: target.executionId } : {}),
    ...(target.id === undefined ? {} : { id: target.id }),
    pairs,
    ...(target.kind === undefined ? {} : { kind: target.kind }),
    ...(target.fate === undefined ? {} : { fate: target.fate }),
    newer: Math.max(startedNext === undefined ? 0 : 1, laterExecutions.size)
  })
}

/**
 * The request that runs now, as the one that started next: one the status shows running that is
 * not the target, was not running before the cancel, and that another record names too (it waited
 * in a queue read before, or the services say they are part of it). The status's id alone may lag,
 * or name the last request that ended.
 */
function noteStartedNext(run: Run, services: readonly ServiceStatus[] | undefined): void {
  const { status, seenRunning, seenWaiting, doubts } = run.state
  if (status === undefined || !isRunningState(status.state) || doubts.length > 0) return
  const shown = shownRequest(status)
  const reached = [run.state.missed?.id, run.state.reachedOther?.id]
  if (shown === undefined || shown === run.target?.id || reached.includes(shown) || seenRunning.has(shown)) return
  const named = services === undefined ? undefined : shownIdentity(status, services)
  if (seenWaiting.has(shown) || (named?.id === shown && named.disagreements.length === 0 && services!.length > 0))
    run.startedNextSeen(shown)
}

/** A canceled waiting request is known canceled once the queue was read without it after the cancel, and it does not run. */
function confirmWaitingCancels(run: Run): void {
  const { queue, queueReadAfterCancel, status, waitingCancels } = run.state
  if (queue === undefined || !queueReadAfterCancel) return
  const running = status === undefined ? undefined : shownRequest(status)
  const waiting = waitingRows(queue, running)
  for (const [id, answer] of waitingCancels) {
    if (!answer.accepted || id === run.target?.id || id === running) continue
    if (!waiting.some((row) => row.id === id) && !queue.some((row) => row.id === id)) run.canceledSeen(id)
  }
}
