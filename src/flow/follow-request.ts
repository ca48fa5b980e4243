/**
 * The phase that waits: a read every poll-interval until the targeted request has ended, and what
 * the records naming it say of how. A request that runs is followed in the environment's status
 * while the status names it (by its id or its execution); once the status shows another request,
 * its lookup and its history entry say how it ended. One that waits is followed in its lookup and
 * the queue. When the records disagree, they are read again a few times; if they still disagree,
 * how it ended is not known, and the report says what each said.
 */
import { isQueuedState, isRunningState, shownRequest, statusNaming } from '../rules/deployment-request.ts'
import type { EnvironmentStatus } from '../rules/qovery-records.ts'
import { disagreement, type Fate, judge, noRecord, type Testimony } from '../rules/request-end.ts'
import { isCanceling } from '../rules/states.ts'
import { nameRequest } from '../rules/words.ts'
import { findDeployment } from '../rules/service-ends.ts'
import { policyFor } from '../qovery/retry-policy.ts'
import { DeadlineReached } from '../qovery/retrying.ts'
import { formatDuration } from '../util/duration.ts'
import { type EnvironmentContext, note, stamp } from './flow-context.ts'
import { cancelThroughEnvironment, type CancelOutcome } from './request-cancel.ts'
import type { Run } from './run.ts'

/** Rounds of reads given to records that disagree, before their disagreement is the answer. */
const DISAGREEMENT_ROUNDS = 3

/**
 * Follows the target until it has ended, then records how; the deadline or a signal stops it by
 * throwing. After `answer.targetEnded`, the read after the cancel's answer showed it ended (a 409
 * because it ended meanwhile, or a cancel not sent again for that reason). The lookup sent beside
 * the cancel is recorded before the first decision.
 */
export async function followRequest(run: Run, context: EnvironmentContext, answer: CancelOutcome): Promise<void> {
  const { log, settings } = context
  log(
    `Waiting for ${nameRequest(run.chosen)} to end: a read every ${formatDuration(settings.pollIntervalMs)}, for at most ${formatDuration(settings.timeoutMs)} from the start`
  )
  const since = run.state.statusRead?.at
  let fate = answer.targetEnded === true && since !== undefined ? await settle(run, context, since) : undefined
  // Until a read of the wait is timed, the cancel's round trip tells how long one takes.
  const pace = new Pace(context, context.clock.now() - (run.state.cancel?.sentAt ?? context.clock.now()))
  while (fate === undefined) {
    await pace.sleep()
    await answer.lookup
    fate = run.chosen.via === 'queue' ? await followWaiting(run, context) : await followRunning(run, context, pace)
  }
  run.targetEnded(fate, context.clock.now())
}

/**
 * Paces the reads while waiting: one every poll-interval, never sooner; and the last one before
 * the deadline as late as it can be, so that a request that ended in the last interval is seen to
 * have ended rather than timed out. The margin before the deadline is what a read took lately,
 * twice, within 100 ms and 1 s.
 */
class Pace {
  #readMs: number
  readonly #context: EnvironmentContext
  /** `readMs`: how long a read takes, until one is timed (ms). */
  constructor(context: EnvironmentContext, readMs: number) {
    this.#context = context
    this.#readMs = readMs
  }

  async sleep(): Promise<void> {
    const { clock, deadline, retry, settings } = this.#context
    const every = settings.pollIntervalMs
    const lastChance = deadline - Math.min(1000, Math.max(100, 2 * this.#readMs))
    const now = clock.now()
    // When the read after next would come too late, the next one is the last: it waits until the last chance.
    const last = now + every <= lastChance && now + 2 * every > lastChance
    await retry.sleep(last ? lastChance - now : every)
  }

  /** Times a read, for the margin. */
  async timed<T>(read: () => Promise<T>): Promise<T> {
    const started = this.#context.clock.now()
    try {
      return await read()
    } finally {
      this.#readMs = this.#context.clock.now() - started
    }
  }
}

/** One status read for a request that runs, and, when it says the request may have ended, what its records say. */
async function followRunning(run: Run, context: EnvironmentContext, pace: Pace): Promise<Fate | undefined> {
  const policy = policyFor('poll', context.settings.pollIntervalMs)
  const at = context.clock.now()
  const status = await pace.timed(() => context.reads.status(policy))
  note(context, run.statusRead(status, stamp(context)))
  const round = run.chosen.said.filter((testimony) => testimony.at >= at)
  if (round.length > 0) {
    // The status speaks of the target: a status that names it (its request, or without one its
    // execution) is taken at its word unless it disagrees with itself; one that names neither says
    // it ended only with the target's own records beside it.
    const verdict = judge(round)
    if (verdict.verdict === 'in progress') return undefined
    if (verdict.verdict === 'ended' && namesTarget(run, status)) return verdict.fate
    return settle(run, context, at)
  }
  const reached = reachedNext(run)
  if (reached === undefined) return settle(run, context, at)
  // The target had ended before the cancel took effect: how, from its records; then the request
  // reached is followed, unless deployment-request-id asked for the target alone: its end is then the run's.
  const missed = (await settle(run, context, at)) ?? noRecord('it had left the status when the next request showed CANCELING')
  if (context.settings.deploymentRequestId !== undefined) {
    note(context, run.cancelReachedOther(reached, context.clock.now()))
    return missed
  }
  note(context, run.cancelReached(reached, missed, context.clock.now()))
  return undefined
}

/** The status names the target: by its request id when that is known, else by its execution. */
function namesTarget(run: Run, status: EnvironmentStatus): boolean {
  const target = run.chosen
  const { byId, byExecution } = statusNaming(status, target.via === 'environment' ? target : { id: target.id })
  return target.id !== undefined ? byId === true : byExecution === true
}

/**
 * The target may have ended: the status says it ended, or shows another request. What the records
 * naming it say decides; they are read again while they disagree, a few rounds at most.
 */
async function settle(run: Run, context: EnvironmentContext, since: number): Promise<Fate | undefined> {
  let from = since
  for (let round = 0; ; round++) {
    const said = await confirm(run, context, from)
    if (said.length === 0)
      return noRecord("it left the environment's status, and neither its lookup nor its history entry says how it ended")
    const verdict = judge(said)
    if (verdict.verdict === 'ended') return verdict.fate
    if (verdict.verdict === 'in progress') return undefined
    if (round + 1 >= DISAGREEMENT_ROUNDS || !roomFor(context)) return disagreement(said)
    context.log(`Qovery's records of the ${nameRequest(run.chosen)} disagree; reading them again`)
    await context.retry.sleep(context.settings.pollIntervalMs)
    from = context.clock.now()
    note(context, run.statusRead(await context.reads.status(), stamp(context)))
  }
}

/**
 * The testimonies of this round: those read since `from` (the status), with, beside them, the
 * target's lookup (when its id is known) and its history entry (when its execution is), read now.
 * Should the timeout run out first, what was read stands.
 */
async function confirm(run: Run, context: EnvironmentContext, from: number): Promise<Testimony[]> {
  const target = run.chosen
  const id = target.id
  const executionId = target.via === 'environment' ? target.executionId : undefined
  try {
    const [lookup, history] = await context.reads
      .within(context.settings.requestTimeoutMs)
      .sideBySide(
        (read) => [id === undefined ? undefined : read.lookUpNow(id), executionId === undefined ? undefined : read.history()] as const
      )
    const at = context.clock.now()
    if (id !== undefined && lookup !== undefined && 'value' in lookup) note(context, run.lookupRead(id, lookup.value, at))
    if (history !== undefined && 'value' in history) run.historyRead(history.value, findDeployment(history.value, executionId), at)
  } catch (error) {
    if (!(error instanceof DeadlineReached)) throw error
  }
  return run.chosen.said.filter((testimony) => testimony.at >= from)
}

/** Whether a round of reads still fits before the deadline. */
function roomFor(context: EnvironmentContext): boolean {
  return context.clock.now() + context.settings.pollIntervalMs < context.deadline
}

/**
 * After an accepted environment cancel, a request other than the target that shows first as
 * CANCELING was reached by that cancel: the target had ended before the cancel took effect, and
 * the next request had started. Its id, when so; it is then followed and reported as the request
 * the cancel reached, never as one that started next.
 */
function reachedNext(run: Run): string | undefined {
  const { status, cancel, seenRunning, timeline } = run.state
  const target = run.chosen
  if (status === undefined || cancel?.acceptedWith === undefined || target.via !== 'environment' || target.sawCanceling) return undefined
  const shown = shownRequest(status)
  if (shown === undefined || shown === target.id || !isCanceling(status.state) || seenRunning.has(shown)) return undefined
  const seenOtherwise = timeline.some((sighting) => sighting.request === shown && !isCanceling(sighting.state))
  return seenOtherwise ? undefined : shown
}

/**
 * One round for a request that waited: its lookup decides when it says the request ended; else
 * the status and the queue say whether it still waits, started (then it is canceled where it now
 * runs), or left the queue after its cancel was accepted.
 */
async function followWaiting(run: Run, context: EnvironmentContext): Promise<Fate | undefined> {
  const { clock, reads } = context
  const policy = policyFor('poll', context.settings.pollIntervalMs)
  const target = run.chosen
  if (target.via !== 'queue') return undefined
  const id = target.id
  const from = clock.now()
  note(context, run.lookupRead(id, await reads.lookUp(id, policy), clock.now()))
  const lookupSays = run.chosen.said.filter((testimony) => testimony.at >= from)
  if (lookupSays.length > 0 && judge(lookupSays).verdict === 'ended') return judgeWaiting(run, context, from)
  const [status, queue] = await reads.sideBySide((read) => [read.status(policy), read.queue(policy)] as const)
  note(context, run.statusRead(status, stamp(context)))
  note(context, run.queueRead(queue, clock.now()))
  if (run.state.queue?.some((row) => row.id === id)) return undefined
  if (shownRequest(status) === id && isRunningState(status.state)) return startedDespiteCancel(run, context)
  if (run.state.queue !== undefined && run.state.cancel?.acceptedWith !== undefined) run.leftQueue(clock.now())
  return judgeWaiting(run, context, from)
}

/** The verdict of a waiting request's records read since `from`; a lookup that still says it waits, while the queue no longer lists it, is read again. */
async function judgeWaiting(run: Run, context: EnvironmentContext, from: number): Promise<Fate | undefined> {
  const said = run.chosen.said.filter((testimony) => testimony.at >= from)
  const verdict = judge(said)
  if (verdict.verdict === 'ended') return verdict.fate
  if (verdict.verdict === 'disagree') return disagreementAfterRounds(run, context, said)
  if (said.some((testimony) => testimony.source === 'lookup' && !isQueuedState(testimony.state))) return undefined
  return said.length === 0 ? noRecord("it left the queue, and Qovery's lookup does not know it") : undefined
}

/** A waiting request's records disagree: counted in rounds of the wait itself; after a few, the disagreement is the answer. */
function disagreementAfterRounds(run: Run, context: EnvironmentContext, said: Testimony[]): Fate | undefined {
  const disagreements = run.chosen.said.filter((testimony) => testimony.source === 'queue').length
  if (disagreements < DISAGREEMENT_ROUNDS && roomFor(context)) {
    context.log(`Qovery's records of the ${nameRequest(run.chosen)} disagree; reading them again`)
    return undefined
  }
  return disagreement(said)
}

/** The waiting request started before its cancel took: cancel it where it now runs. */
async function startedDespiteCancel(run: Run, context: EnvironmentContext): Promise<Fate | undefined> {
  context.log(`The ${nameRequest(run.chosen)} started before its cancel took effect; canceling it through the environment`)
  run.targetStarted()
  await cancelThroughEnvironment(run, context)
  return undefined
}
