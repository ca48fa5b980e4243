/**
 * The phase after the targeted request has ended: what still waits in the queue, which of the
 * waiting requests canceled are gone, which request runs now, and what the deployment the target
 * ran did to each service. Reads side by side; none of them failing changes how the run ended:
 * what could not be read is said to be not known.
 */
import { shownRequest } from '../rules/deployment-request.ts'
import { knownOrWhy as known } from '../qovery/environment-reads.ts'
import { type EnvironmentContext, stamp } from './flow-context.ts'
import type { DeploymentHistoryEntry } from '../rules/qovery-records.ts'
import { findDeployment } from '../rules/service-ends.ts'
import { type Known, recordQueue, recordStartedNext, recordStatus, type RunState, type TargetRequest } from './run-state.ts'

export async function lookAtWhatIsLeft(run: RunState, target: TargetRequest, context: EnvironmentContext): Promise<void> {
  const { log, reads } = context
  const ran = target.via === 'environment'
  const [queue, status, history, statuses] = await reads.sideBySide(
    (read) =>
      [
        known(read.queue()),
        target.via === 'queue' ? known(read.status()) : undefined,
        ran ? read.history() : undefined,
        ran ? read.serviceStatuses() : undefined
      ] as const
  )
  if (status !== undefined && 'value' in status) {
    const line = recordStatus(run, status.value, stamp(context))
    if (line !== undefined) log(line)
  }
  if ('value' in queue) {
    const line = recordQueue(run, queue.value)
    if (line !== undefined) log(line)
  } else {
    run.queue = undefined
    run.queueUnreadable = queue.unknown
  }
  if (run.status !== undefined) recordStartedNext(run, run.status)
  confirmWaitingCancels(run)
  if (history !== undefined && statuses !== undefined) {
    const entry = deploymentOf(history, target.executionId)
    run.deployment = { entry, statuses }
    // A kind the state left open (and actions: all did not need) is the deployment's own.
    if (target.kind === undefined && 'value' in entry && entry.value.action !== undefined && entry.value.action.toUpperCase() !== 'UNKNOWN')
      target.kind = { action: entry.value.action, source: 'history' }
  }
}

/** A canceled waiting request is known canceled once the queue was read without it after the cancel. */
function confirmWaitingCancels(run: RunState): void {
  if (run.queue === undefined || !run.queueReadAfterCancel) return
  const running = run.status === undefined ? undefined : shownRequest(run.status)
  for (const [id, answer] of run.waitingCancels) {
    if (!answer.accepted || id === run.target?.id || id === running) continue
    if (!run.queue.some((request) => request.id === id) && !run.canceledRequests.includes(id)) run.canceledRequests.push(id)
  }
}

/** The history entry of the target's execution, as the console pairs them (execution id = last_deployment_id). */
function deploymentOf(history: Known<DeploymentHistoryEntry[]>, executionId: string | undefined): Known<DeploymentHistoryEntry> {
  if ('unknown' in history) return history
  if (executionId === undefined) return { unknown: 'Qovery named no execution for the request (no last_deployment_id while it ran)' }
  const entry = findDeployment(history.value, executionId)
  return entry === undefined ? { unknown: `the deployment history has no entry for execution ${executionId}` } : { value: entry }
}
