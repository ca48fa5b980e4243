/**
 * The first phase once the environment is known: read the status and the queue (and, with
 * deployment-request-id, Qovery's lookup of that request) side by side, and choose what to cancel.
 */
import { type Choice, chooseTarget, kindOfHistory, type Sight } from '../rules/deployment-request.ts'
import { formatDuration } from '../util/duration.ts'
import { type EnvironmentContext, stamp } from './flow-context.ts'
import { kindOfServices, type RequestKind } from '../rules/request-kind.ts'
import { DeadlineReached } from '../qovery/retrying.ts'
import { recordQueue, recordStatus, type RunState } from './run-state.ts'

/**
 * Qovery may not know a request for a few seconds after the deploy call answered its id (its
 * Terraform provider waits 5 s before its first check): a request nobody knows yet is looked
 * for again for this long (never past the timeout), every poll-interval or more often, so that
 * it is looked for a few times whatever the interval.
 */
export const FRESH_REQUEST_GRACE_MS = 10_000
const LOOKS_IN_GRACE = 4

/** Reads and chooses; looks again for a request not known or not shown yet; asks Qovery for a kind the state leaves open. */
export async function findTarget(run: RunState, context: EnvironmentContext): Promise<Choice> {
  const { clock, options, log, retry } = context
  let seen = await look(run, context)
  const graceEnds = Math.min(run.startedAt + FRESH_REQUEST_GRACE_MS, options.deadline)
  const every = Math.min(options.pollIntervalMs, FRESH_REQUEST_GRACE_MS / LOOKS_IN_GRACE)
  let said: string | undefined
  while (isNotSeenYet(seen.choice) && clock.now() + every < graceEnds) {
    // Said once, and again only when what is not seen changes: not one line per look.
    const saying = notSeenYet(seen.choice)
    if (saying !== said)
      log(`${saying}; looking again every ${formatDuration(every)}, for up to ${formatDuration(graceEnds - clock.now())}`)
    said = saying
    try {
      await retry.sleep(every)
      seen = await look(run, context)
    } catch (error) {
      // The timeout ran out while looking again: what the last look said stands.
      if (!(error instanceof DeadlineReached)) throw error
      break
    }
  }
  if (seen.choice.decision !== 'kind-needed') return seen.choice
  const runningKind = await askKind(run, context, seen.choice.request.id)
  return chooseTarget({ ...seen.sight, runningKind: runningKind ?? 'not said' })
}

/** One look: the reads side by side, recorded, and the choice they lead to. */
async function look(run: RunState, context: EnvironmentContext): Promise<{ choice: Choice; sight: Sight }> {
  const { api, log, options, reads } = context
  const wanted = options.deploymentRequestId
  const sentBefore = api.requestCount
  const [status, queue, lookup] = await reads.sideBySide(
    (read) => [read.status(), read.queue(), wanted === undefined ? undefined : read.lookUp(wanted)] as const
  )
  note(log, recordStatus(run, status, stamp(context)))
  note(log, recordQueue(run, queue))
  const sight: Sight = {
    status,
    queue: run.queue,
    allowed: options.actions,
    environmentId: context.environmentId,
    ...(wanted === undefined ? {} : { wanted }),
    ...(lookup === undefined ? {} : { lookup })
  }
  const choice = chooseTarget(sight)
  // A read retried later than the others answers for a later moment: the running request may
  // have ended and the next one started in between (an old status, a new queue). The decision
  // then rests on a status read taken after every other answer.
  const retried = api.requestCount - sentBefore > (wanted === undefined ? 2 : 3)
  if (!retried) return { choice, sight }
  log('A read had to be retried: reading the status once more before deciding')
  const confirmed = await reads.status()
  note(log, recordStatus(run, confirmed, stamp(context)))
  const again: Sight = { ...sight, status: confirmed }
  return { choice: chooseTarget(again), sight: again }
}

/**
 * The state leaves the running request's kind open (EXECUTING runs lifecycle jobs of a deploy, a
 * stop or a delete): the deployment history's entry for its execution, or failing that what its
 * services say they are part of, read side by side. Undefined when neither says.
 */
async function askKind(run: RunState, context: EnvironmentContext, requestId: string | undefined): Promise<RequestKind | undefined> {
  const { log, reads } = context
  const state = run.status?.state ?? 'unknown'
  log(`The state ${state} does not say what the running request does: asking Qovery`)
  const [history, services] = await reads.sideBySide((read) => [read.history(), read.serviceStatuses()] as const)
  const kind =
    ('value' in history ? kindOfHistory(history.value, run.status?.last_deployment_id) : undefined) ??
    ('value' in services ? kindOfServices(services.value, requestId) : undefined)
  const unknowns = [history, services].flatMap((read) => ('unknown' in read ? [read.unknown] : []))
  log(
    kind === undefined
      ? `Qovery did not say what the request in state ${state} does${unknowns.length > 0 ? ` (${unknowns.join('; ')})` : ''}`
      : `Qovery's ${kind.source === 'history' ? 'deployment history' : 'services'} say${kind.source === 'history' ? 's' : ''} the running request is a ${kind.action}`
  )
  return kind
}

function isNotSeenYet(choice: Choice): boolean {
  return choice.decision === 'unknown' || choice.decision === 'unlocated'
}

function notSeenYet(choice: Choice): string {
  return choice.decision === 'unlocated'
    ? `Qovery reports deployment request ${choice.id} ${choice.state}, but the environment does not show it yet`
    : `Qovery does not know deployment request ${choice.decision === 'unknown' ? choice.id : ''} yet`
}

function note(log: (line: string) => void, line: string | undefined): void {
  if (line !== undefined) log(line)
}
