/**
 * The first phase once the environment is known: read, side by side, the status, the queue, the
 * services' statuses and the deployment history (and, with deployment-request-id, Qovery's lookup
 * of that request), and choose what to cancel. The kind of what runs is taken from its records
 * in the same round trip, so that the cancel still follows one round trip after the first read.
 */
import { type Choice, chooseTarget, type Sight } from '../rules/deployment-request.ts'
import { familyOf } from '../rules/request-kind.ts'
import { DeadlineReached } from '../qovery/retrying.ts'
import { formatDuration } from '../util/duration.ts'
import type { Known } from '../util/known.ts'
import { type EnvironmentContext, note, stamp } from './flow-context.ts'
import type { Run } from './run.ts'

/**
 * Qovery may not know a request for a few seconds after the deploy call answered its id (its
 * Terraform provider waits 5 s before its first check), and its reads may not agree at once: a
 * request nobody knows yet, or reads that disagree, are looked at again for this long (never past
 * the timeout), every poll-interval or more often, so that it is looked at a few times whatever the interval.
 */
export const FRESH_REQUEST_GRACE_MS = 10_000

/**
 * The most the first look waits on its reads that only add (the services' statuses, the history):
 * the status read beside them grows older meanwhile, and the cancel must follow it closely.
 */
const FIRST_LOOK_EXTRAS_MS = 10_000
const LOOKS_IN_GRACE = 4

/** Reads and chooses; looks again for a request not known or not shown yet, or when the reads disagree. */
export async function findTarget(run: Run, context: EnvironmentContext): Promise<Choice> {
  const { clock, deadline, settings, log, retry } = context
  let choice = await look(run, context)
  const graceEnds = Math.min(run.state.startedAt + FRESH_REQUEST_GRACE_MS, deadline)
  const every = Math.min(settings.pollIntervalMs, FRESH_REQUEST_GRACE_MS / LOOKS_IN_GRACE)
  let said: string | undefined
  while (isNotSettled(choice) && clock.now() + every < graceEnds) {
    // Said once, and again only when what is not seen changes: not one line per look.
    const saying = notSettled(choice)
    if (saying !== said)
      log(`${saying}; looking again every ${formatDuration(every)}, for up to ${formatDuration(graceEnds - clock.now())}`)
    said = saying
    try {
      await retry.sleep(every)
      choice = await look(run, context)
    } catch (error) {
      // The timeout ran out while looking again: what the last look said stands.
      if (!(error instanceof DeadlineReached)) throw error
      break
    }
  }
  return choice
}

/** One look: the reads side by side, recorded, and the choice they lead to. */
async function look(run: Run, context: EnvironmentContext): Promise<Choice> {
  const { settings, reads } = context
  const wanted = settings.deploymentRequestId
  const retriesBefore = context.retries()
  const answered = answerTime(context)
  const [status, queue, lookup, services, history] = await reads
    .within(Math.min(settings.requestTimeoutMs, FIRST_LOOK_EXTRAS_MS))
    .sideBySide(
      (read) =>
        [
          answered.of(read.status()),
          read.queue(),
          wanted === undefined ? undefined : read.lookUp(wanted),
          read.serviceStatuses(),
          read.history()
        ] as const
    )
  note(context, run.statusRead(status, { ...stamp(context), answeredAt: answered.at() }))
  note(context, run.queueRead(queue, context.clock.now()))
  if (wanted !== undefined && lookup !== undefined) note(context, run.lookupRead(wanted, lookup, context.clock.now()))
  const sight: Sight = {
    status,
    queue: run.state.queue,
    services: valueOf(services),
    history: valueOf(history),
    allowed: settings.actions,
    environmentId: context.environmentId,
    ...(wanted === undefined ? {} : { wanted }),
    ...(lookup === undefined ? {} : { lookup })
  }
  // A read retried later than the others answers for a later moment: the running request may
  // have ended and the next one started in between (an old status, a new queue). The decision
  // then rests on a status, and records of what runs, read after every other answer.
  if (context.retries() > retriesBefore) {
    context.log('A read had to be retried: reading the status once more before deciding')
    const again = answerTime(context)
    const [confirmed, servicesAgain, historyAgain] = await reads
      .within(Math.min(settings.requestTimeoutMs, FIRST_LOOK_EXTRAS_MS))
      .sideBySide((read) => [again.of(read.status()), read.serviceStatuses(), read.history()] as const)
    note(context, run.statusRead(confirmed, { ...stamp(context), answeredAt: again.at() }))
    Object.assign(sight, { status: confirmed, services: valueOf(servicesAgain), history: valueOf(historyAgain) })
  }
  const choice = chooseTarget(sight)
  sayKind(context, choice, status.state)
  return choice
}

/** When one read of several side by side was answered: `of` wraps it, `at` tells (ms on the run's clock). */
function answerTime(context: EnvironmentContext): { of<T>(read: Promise<T>): Promise<T>; at(): number } {
  let at: number | undefined
  return {
    of: (read) =>
      read.then((value) => {
        at = context.clock.now()
        return value
      }),
    at: () => at ?? context.clock.now()
  }
}

/** The log says where the kind of what runs came from, and when its state suggested another. */
function sayKind(context: EnvironmentContext, choice: Choice, state: string): void {
  const running =
    'request' in choice ? choice.request : choice.decision === 'none' || choice.decision === 'unsure' ? choice.passedOver[0] : undefined
  if (running?.via !== 'environment') return
  const request = running
  if (request.disagreements !== undefined)
    context.log(`Qovery's records disagree on the running request: ${request.disagreements.join('; ')}`)
  const kind = request.kind
  if (kind === undefined) return
  const from = kind.source === 'history' ? 'its deployment history entry' : kind.source === 'queue' ? 'its queue row' : 'its services'
  const hint = request.stateHint
  const differs = hint !== undefined && familyOf(hint) !== familyOf(kind.action)
  context.log(`The running request is a ${kind.action}, as ${from} says${differs ? ` (its state ${state} suggested a ${hint})` : ''}`)
}

function valueOf<T>(read: Known<T>): T | undefined {
  return 'value' in read ? read.value : undefined
}

function isNotSettled(choice: Choice): boolean {
  return choice.decision === 'unknown' || choice.decision === 'unlocated' || choice.decision === 'unsure'
}

function notSettled(choice: Choice): string {
  switch (choice.decision) {
    case 'unlocated':
      return `Qovery reports deployment request ${choice.id} ${choice.state}, but the environment does not show it yet`
    case 'unknown':
      return `Qovery does not know deployment request ${choice.id} yet`
    case 'unsure':
      return `Not deciding yet: ${choice.why}${choice.detail === undefined ? '' : ` (${choice.detail})`}`
    default:
      return ''
  }
}
