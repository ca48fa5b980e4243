import type { Clock } from './clock.ts'
import { type Choice, chooseTarget, describeWaiting, type Fate, fateOf, isQueuedState, shownRequest } from './deployment-request.ts'
import { formatDuration } from './duration.ts'
import { type Outcome, outcomeOfFate } from './outcome.ts'
import type { CancelAnswer, QoveryApi } from './qovery-client.ts'
import type { EnvironmentStatus, RequestLookup, WaitingRequest } from './qovery-types.ts'
import { type ResolvedEnvironment, resolveEnvironment } from './resolve-environment.ts'
import { policyFor, type RetryPolicy } from './retry-policy.ts'
import { environmentReads } from './environment-reads.ts'
import { retrying } from './retrying.ts'
import { type Phase, stoppedBy } from './run-failure.ts'
import type { Queued, Target } from './settings.ts'
import { isCanceled, isCanceling, isFinalState } from './states.ts'
import { addSighting, type Sighting, type Timeline } from './timeline.ts'

export interface FlowOptions {
  target: Target
  /** When the timeout input runs out (timeoutMs after the start). */
  deadline: number
  force: boolean
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  queued: Queued
  deploymentRequestId?: string
  /** The API's base URL, for hints when a path answers 404. */
  apiUrl: URL
}

export interface FlowDeps {
  api: QoveryApi
  clock: Clock
  signal: AbortSignal
  random: () => number
  log: (line: string) => void
  group: (name: string, lines: string[]) => void
}

/** The deployment request the action acted on. */
export interface TargetReport {
  /** Unknown only when the status names no request (the field is optional). */
  id?: string
  /** How it was canceled: through the environment (it ran) or the queue (it waited). */
  via: 'environment' | 'queue'
  /** CANCELING was seen for it. */
  sawCanceling: boolean
  /** Once it ended: its final state and what that rests on. */
  fate?: Fate
  /** Its last state seen while in progress. */
  lastState?: string
}

export interface Report extends Timeline {
  outcome: Outcome
  /** The environment acted on, once known. */
  environmentId?: string
  /** Organization, project and environment, when the user named them. */
  resolved?: ResolvedEnvironment
  /** The last status read, if any. */
  status?: EnvironmentStatus
  /** The request targeted, once chosen. */
  request?: TargetReport
  /** With deployment-request-id: that request had already ended, in this state. */
  alreadyEnded?: string
  /** Requests seen to end CANCELED, the targeted one included. */
  canceledRequests: string[]
  /** Why the queue could not be read (403 or 404 on it), when it could not: what waits is not known. */
  queueUnreadable?: string
  /** Requests still waiting in the queue at the end, when the queue was read. */
  waiting?: WaitingRequest[]
  /** The request that took over once the targeted one ended, if any. */
  startedNext?: string
  /** The status named another environment than the one asked for (a mock, or a proxy's mix-up). */
  statusOfOther?: string
  startedAt: number
  cancelRequestedAt?: number
  /** When the targeted request was seen to have ended, after the cancel request. */
  settledAt?: number
  endedAt: number
  apiCalls: number
  /** The API answered 409: a cancel was already under way, or another operation. */
  conflict?: string
  /** Why the run failed, timed out or was interrupted, in a sentence. */
  reason?: string
}

/** What a 409 means when Qovery's answer says nothing more (the spec's own description). */
const CONFLICT = 'already cancelled or an operation is in progress'

/** How many times the reads are repeated for a request Qovery knows but does not show yet. */
const LOOKS_FOR_UNLOCATED = 3

/**
 * Finds the environment and the deployment request to cancel, cancels it, and waits until that
 * request has ended. Everything it learns goes into the report, whichever way the run ends.
 */
export async function cancelAndWait(options: FlowOptions, deps: FlowDeps): Promise<Report> {
  const { api, clock, signal, log } = deps
  const startedAt = clock.now()
  const retry = retrying({ clock, signal, random: deps.random, log, deadline: options.deadline })
  const report: Report = {
    outcome: 'failed',
    canceledRequests: [],
    timeline: [],
    timelineDropped: 0,
    startedAt,
    endedAt: startedAt,
    apiCalls: 0
  }
  const readPolicy = policyFor('first-read', options.pollIntervalMs)
  const pollPolicy = policyFor('poll', options.pollIntervalMs)
  /** Ids whose per-request cancel Qovery accepted. */
  const canceledWaiting = new Set<string>()
  let lastQueue: WaitingRequest[] | undefined
  let queueReadAfterCancel = false

  /** A state seen, from the status or a request lookup; the log says when it changed. */
  const sight = (state: string, request: string | undefined, source: Sighting['source']): void => {
    const line = addSighting(report, { state, at: clock.now(), source, ...(request === undefined ? {} : { request }) })
    if (line !== undefined) log(line)
  }
  const observe = (status: EnvironmentStatus): void => {
    report.status = status
    if (report.statusOfOther === undefined && status.id.toLowerCase() !== report.environmentId?.toLowerCase())
      report.statusOfOther = status.id
    sight(status.state, shownRequest(status), 'status')
  }
  /** The queue as read; when it could not be read, what waits is not known, not empty. */
  const noteQueue = (queue: WaitingRequest[] | { unreadable: string }): WaitingRequest[] | undefined => {
    if (!Array.isArray(queue)) {
      if (report.queueUnreadable === undefined)
        log(`The deployment queue could not be read (${queue.unreadable}); going on without it: requests waiting in it are not known`)
      report.queueUnreadable = queue.unreadable
      lastQueue = undefined
      return undefined
    }
    lastQueue = queue
    queueReadAfterCancel = report.cancelRequestedAt !== undefined
    return queue
  }

  const finish = (outcome: Outcome, reason?: string): Report => {
    report.outcome = outcome
    if (reason !== undefined) report.reason = reason
    // What still waits, as last read; a request whose cancel was accepted after that read is not.
    if (lastQueue !== undefined) {
      report.waiting = lastQueue.filter(
        (request) => request.id !== report.request?.id && (queueReadAfterCancel || !canceledWaiting.has(request.id))
      )
    }
    report.endedAt = clock.now()
    report.apiCalls = api.requestCount
    return report
  }

  let phase: Phase = 'resolve'
  try {
    const environmentId = await findEnvironment()
    report.environmentId = environmentId
    const {
      status: readStatus,
      lookUp,
      sideBySide
    } = environmentReads(environmentId, { api, clock, signal, random: deps.random, log, deadline: options.deadline, policy: readPolicy })

    phase = 'before-cancel'
    const look = async (): Promise<Choice> => {
      const wanted = options.deploymentRequestId
      const sentBefore = api.requestCount
      const [status, queue, lookup] = await sideBySide(
        (read) => [read.status(), read.queue(), wanted === undefined ? undefined : read.lookUp(wanted)] as const
      )
      observe(status)
      const waiting = noteQueue(queue) ?? []
      const choice = chooseTarget(status, waiting, wanted, lookup)
      // A read retried later than the others can miss a request that left the queue and started
      // in between (an old status, a new queue): "nothing to cancel" then needs a status read
      // taken after the queue's answer.
      const retried = api.requestCount - sentBefore > (wanted === undefined ? 2 : 3)
      if (choice.kind !== 'none' || !retried) return choice
      log('A read had to be retried: reading the status once more before deciding there is nothing to cancel')
      const confirmed = await readStatus()
      observe(confirmed)
      return chooseTarget(confirmed, waiting, wanted, lookup)
    }
    let choice = await look()
    for (let looks = 1; choice.kind === 'unlocated' && looks < LOOKS_FOR_UNLOCATED; looks++) {
      log(
        `Qovery reports deployment request ${choice.id} ${choice.state}, but the environment does not show it yet; looking again in ${formatDuration(options.pollIntervalMs)}`
      )
      await retry.sleep(options.pollIntervalMs)
      choice = await look()
    }
    switch (choice.kind) {
      case 'none':
        return finish('nothing-to-cancel')
      case 'ended':
        report.alreadyEnded = choice.state
        report.request = {
          id: choice.id,
          via: 'environment',
          sawCanceling: false,
          fate: { state: choice.state, basis: `Qovery reports it ${choice.state}` }
        }
        return finish('nothing-to-cancel')
      case 'unknown':
        return finish(
          'failed',
          `Qovery knows no deployment request ${choice.id}: it is neither running nor waiting in environment ${environmentId}, and its lookup does not know it${choice.detail === undefined ? '' : ` (${choice.detail})`}. Check deployment-request-id. Nothing was canceled.`
        )
      case 'unlocated':
        return finish(
          'failed',
          `Qovery reports deployment request ${choice.id} ${choice.state}, but after ${LOOKS_FOR_UNLOCATED} reads it was neither running nor waiting in environment ${environmentId}'s queue. Nothing was canceled, so that no other request is touched.`
        )
    }

    phase = 'cancel'
    const target: TargetReport = {
      via: choice.kind === 'waiting' ? 'queue' : 'environment',
      sawCanceling: false,
      ...(choice.id === undefined ? {} : { id: choice.id })
    }
    report.request = target
    report.cancelRequestedAt = clock.now()
    if (options.queued === 'cancel') await cancelWaiting((lastQueue ?? []).filter((request) => request.id !== target.id))
    let fate = target.via === 'queue' ? await cancelWaitingTarget(target) : await cancelRunningTarget(target)
    if (fate === undefined && !options.wait) {
      return report.conflict === undefined ? finish('requested') : finish('conflict')
    }

    phase = 'wait'
    if (fate === undefined) {
      log(
        `Waiting for ${target.id === undefined ? 'the deployment' : `deployment request ${target.id}`} to end: a read every ${formatDuration(options.pollIntervalMs)}, for at most ${formatDuration(options.timeoutMs)} from the start`
      )
    }
    while (fate === undefined) {
      await retry.sleep(options.pollIntervalMs)
      fate =
        target.via === 'queue'
          ? await followWaiting(target, pollPolicy)
          : await followRunning(target, await readStatus(pollPolicy), pollPolicy)
    }
    target.fate = fate
    report.settledAt = clock.now()
    if (fate.state !== undefined && isCanceled(fate.state) && target.id !== undefined) report.canceledRequests.push(target.id)
    await lookAtWhatIsLeft(target)
    return finish(outcomeOfFate(fate))

    /** The environment's id, from the input or by walking the names. */
    async function findEnvironment(): Promise<string> {
      if (!('names' in options.target)) return options.target.environmentId
      const resolved = await resolveEnvironment(options.target.names, api, retry, readPolicy, signal)
      report.resolved = resolved
      deps.group(`Resolved ${resolved.organization.name} / ${resolved.project.name} / ${resolved.environment.name}`, [
        `organization: ${resolved.organization.name} (${resolved.organization.id})`,
        `project: ${resolved.project.name} (${resolved.project.id})`,
        `environment: ${resolved.environment.name} (${resolved.environment.id})`
      ])
      return resolved.environment.id
    }

    /** queued: cancel. The waiting requests go first, so that none of them starts in between. */
    async function cancelWaiting(requests: WaitingRequest[]): Promise<void> {
      if (requests.length === 0) return
      log(`Canceling the ${requests.length} request${requests.length > 1 ? 's' : ''} waiting in the queue (queued: cancel)`)
      await Promise.all(
        requests.map(async (request) => {
          const answer = await sendCancel(`The cancel of waiting request ${request.id}`, () => api.cancelRequest(request.id, signal))
          if (answer.accepted) canceledWaiting.add(request.id)
          log(
            answer.accepted
              ? `Qovery accepted the cancel of waiting request ${describeWaiting(request)} (HTTP ${answer.httpStatus})`
              : `Qovery refused the cancel of waiting request ${request.id} (409: ${answer.detail ?? CONFLICT})`
          )
        })
      )
    }

    /** The environment cancel; its answer may already show how things stand. */
    async function cancelRunningTarget(target: TargetReport): Promise<Fate | undefined> {
      log(
        `Requesting the cancel of ${target.id === undefined ? 'the running deployment' : `running deployment request ${target.id}`} (force_cancel: ${options.force})`
      )
      const answer = await sendCancel('The cancel request', () => api.cancelDeployment(environmentId, options.force, signal))
      if (answer.accepted) {
        log(`Qovery accepted the cancel request (HTTP ${answer.httpStatus})`)
        if (answer.status === undefined) return undefined
        return followRunning(target, answer.status, readPolicy)
      }
      noteConflict(answer)
      return followRunning(target, await readStatus(), readPolicy)
    }

    /** The per-request cancel, for a request still waiting its turn. */
    async function cancelWaitingTarget(target: TargetReport): Promise<Fate | undefined> {
      const id = target.id as string
      log(
        `Requesting the cancel of waiting deployment request ${describeWaiting(lastQueue?.find((request) => request.id === id) ?? { id })}`
      )
      const answer = await sendCancel('The cancel request', () => api.cancelRequest(id, signal))
      if (answer.accepted) {
        canceledWaiting.add(id)
        log(`Qovery accepted the cancel request (HTTP ${answer.httpStatus})`)
        return undefined
      }
      noteConflict(answer)
      return options.wait ? undefined : followWaiting(target, readPolicy)
    }

    async function sendCancel(what: string, call: () => Promise<CancelAnswer>): Promise<CancelAnswer> {
      return retry.call(what, policyFor('cancel', options.pollIntervalMs), call)
    }

    function noteConflict(answer: CancelAnswer & { accepted: false }): void {
      report.conflict = answer.detail ?? CONFLICT
      log(`Qovery answered 409 (${report.conflict}); reading where things stand`)
    }

    /**
     * One status read for a request that ran: while the status shows it (or names no request),
     * its state decides; once another request shows, the target has ended, and Qovery's lookup
     * (or what was seen) says how.
     */
    async function followRunning(target: TargetReport, status: EnvironmentStatus, policy: RetryPolicy): Promise<Fate | undefined> {
      observe(status)
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
      if (report.startedNext === undefined && !leftForQueue && !isFinalState(status.state)) report.startedNext = shown
      return fateFromLookup(target, await lookUp(target.id as string, policy), false)
    }

    /**
     * One lookup for a request that waited: Qovery's answer decides. Should the lookup not know
     * it, the status and the queue say whether it still waits, started, or left.
     */
    async function followWaiting(target: TargetReport, policy: RetryPolicy): Promise<Fate | undefined> {
      const id = target.id as string
      const lookup = await lookUp(id, policy)
      if (lookup.found) {
        if (isFinalState(lookup.state) || isQueuedState(lookup.state)) return fateFromLookup(target, lookup, canceledWaiting.has(id))
        sight(lookup.state, id, 'lookup')
        return startedDespiteCancel(target, await readStatus(policy), policy)
      }
      const [status, queue] = await sideBySide((read) => [read.status(policy), read.queue(policy)] as const)
      observe(status)
      const waiting = noteQueue(queue)
      if (waiting?.some((request) => request.id === id)) return undefined
      if (shownRequest(status) === id) return startedDespiteCancel(target, status, policy)
      // Leaving the queue is evidence only when the queue was seen without it.
      return fateFromLookup(target, lookup, waiting !== undefined && canceledWaiting.has(id))
    }

    /** The waiting request started before its cancel took: cancel it where it now runs. */
    async function startedDespiteCancel(target: TargetReport, status: EnvironmentStatus, policy: RetryPolicy): Promise<Fate | undefined> {
      observe(status)
      if (shownRequest(status) !== target.id) return undefined
      log(`Deployment request ${target.id} started before its cancel took effect; canceling it through the environment`)
      target.via = 'environment'
      return (await cancelRunningTarget(target)) ?? followRunning(target, status, policy)
    }

    function fateFromLookup(target: TargetReport, lookup: RequestLookup, canceledWhileWaiting: boolean): Fate | undefined {
      if (lookup.found) {
        sight(lookup.state, target.id, 'lookup')
        target.lastState = lookup.state
        if (isCanceling(lookup.state)) target.sawCanceling = true
      }
      return fateOf({ lookup, sawCanceling: target.sawCanceling, canceledWhileWaiting })
    }

    /**
     * The queue once more at the end: what still waits, which of the requests canceled while
     * waiting are gone, and, when the target waited, which request runs now.
     */
    async function lookAtWhatIsLeft(target: TargetReport): Promise<void> {
      const [queue, status] = await sideBySide((read) => [read.queue(), target.via === 'queue' ? read.status() : undefined] as const)
      if (status !== undefined) observe(status)
      const waiting = noteQueue(queue)
      const running = report.status !== undefined && !isFinalState(report.status.state) ? shownRequest(report.status) : undefined
      if (running !== undefined && running !== target.id) report.startedNext = running
      for (const id of canceledWaiting) {
        if (waiting !== undefined && id !== target.id && id !== running && !waiting.some((request) => request.id === id))
          report.canceledRequests.push(id)
      }
    }
  } catch (error) {
    const stopped = stoppedBy(error, {
      phase,
      timeoutMs: options.timeoutMs,
      apiUrl: options.apiUrl,
      ...(signal.aborted ? { interruption: signal.reason } : {}),
      ...(report.environmentId === undefined ? {} : { environmentId: report.environmentId }),
      ...(report.status === undefined ? {} : { lastState: report.status.state }),
      ...(report.request === undefined ? {} : { request: report.request }),
      ...(report.cancelRequestedAt === undefined ? {} : { cancelRequestedAt: report.cancelRequestedAt })
    })
    return finish(stopped.outcome, stopped.reason)
  }
}
