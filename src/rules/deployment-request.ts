/**
 * The deployment request: the unit the action cancels. Qovery runs one request per environment
 * at a time and queues the others. This module is pure policy: which request runs and which
 * wait, as the records that name them say (the status, the queue's rows, the services' statuses,
 * the deployment history), and which one to target.
 */
import { sameId } from '../util/ids.ts'
import type { DeploymentHistoryEntry, EnvironmentStatus, RequestLookup, ServiceStatus, WaitingRequest } from './qovery-records.ts'
import { type AllowedActions, isAllowed, kindHintOfState, kindOfRecords, kindsOfServices, type RequestKind } from './request-kind.ts'
import { type Fate, judge, type Testimony, disagreement } from './request-end.ts'
import { isFinalState, isKnownState, stateWords } from './states.ts'
import { compact } from '../util/compact.ts'
import { textOf } from '../util/text.ts'

/** What the action knows of a request besides where it is: its kind, who triggered it, from where. */
interface Described {
  /** Undefined when no record of the request said what it does (or its records disagreed). */
  kind?: RequestKind
  triggeredBy?: string
  origin?: string
}

/** The request that runs: canceled through the environment, which cancels whatever runs. */
export interface RunningRequest extends Described {
  via: 'environment'
  /** Its deployment_request_id, when the records that name one agree (the status's field is optional). */
  id?: string
  /** Its execution: the status's last_deployment_id, when the records that name one agree. */
  executionId?: string
  /** The deployment history lists that execution in progress: a deployment page of the console shows it. */
  inHistory?: true
  /** The kind its state suggests (DEPLOYING: a deploy), a hint for words only. */
  stateHint?: string
  /** Records that disagreed on its id or kind, as `source: value`, for the report. */
  disagreements?: string[]
}

/** A request waiting its turn: canceled through the per-request cancel. Its queue row names it. */
export interface QueuedRequest extends Described {
  via: 'queue'
  id: string
}

/** A request that runs or waits, as the action found it, by where it was found. */
export type FoundRequest = RunningRequest | QueuedRequest

/** What the action decided to act on. */
export type Choice =
  | { decision: 'cancel'; request: FoundRequest; passedOver: FoundRequest[] }
  /** Nothing the action may cancel runs or waits; what does is of a kind `actions` leaves alone. */
  | { decision: 'none'; passedOver: FoundRequest[] }
  /** Something runs or waits whose kind no record confirms, or the records disagree on what runs: nothing is sent on a guess. */
  | { decision: 'unsure'; passedOver: FoundRequest[]; why: string; detail?: string }
  /** The request asked for has already ended (how, as far as its records agree): nothing to send. */
  | { decision: 'ended'; id: string; fate: Fate }
  /** Qovery does not know the request asked for. */
  | { decision: 'unknown'; id: string; detail?: string }
  /** Qovery says the request is in progress, but neither the status nor the queue shows it yet. */
  | { decision: 'unlocated'; id: string; state: string }
  /** Qovery's lookup places the request asked for in another environment. */
  | { decision: 'elsewhere'; id: string; state: string; environmentId: string }

/** What one look at the environment read, side by side. */
export interface Sight {
  status: EnvironmentStatus
  /** The queue's rows, in order; undefined when the queue could not be read. */
  queue: readonly WaitingRequest[] | undefined
  /** Each service's status now; undefined when they could not be read. */
  services: readonly ServiceStatus[] | undefined
  /** The newest deployments; undefined when the history could not be read. */
  history: readonly DeploymentHistoryEntry[] | undefined
  allowed: AllowedActions
  /** The environment asked for: a request the lookup places in another one is not this run's. */
  environmentId?: string
  /** deployment-request-id: exactly this request, lower-case. */
  wanted?: string
  lookup?: RequestLookup
}

/** A state of waiting for a turn (DEPLOYMENT_QUEUED, STOP_QUEUED...): no request runs. */
export function isQueuedState(state: string): boolean {
  return state.toUpperCase().includes('QUEUED')
}

/** A request runs: the state is in progress and not a waiting one. */
export function isRunningState(state: string): boolean {
  return !isFinalState(state) && !isQueuedState(state)
}

/** The request the status names, lower-case, when it names one. */
export function shownRequest(status: Pick<EnvironmentStatus, 'deployment_request_id'>): string | undefined {
  return textOf(status.deployment_request_id)?.toLowerCase()
}

/** The execution the status names (last_deployment_id), when it names one. */
export function shownExecution(status: Pick<EnvironmentStatus, 'last_deployment_id'>): string | undefined {
  return textOf(status.last_deployment_id)
}

/**
 * Whether the status names a request by its id, and by its execution (last_deployment_id): each
 * true or false when both the status and the request give one, undefined when either does not.
 */
export function statusNaming(
  status: Pick<EnvironmentStatus, 'deployment_request_id' | 'last_deployment_id'>,
  request: { id?: string; executionId?: string }
): { byId?: boolean; byExecution?: boolean } {
  const shown = shownRequest(status)
  const execution = shownExecution(status)
  return compact({
    byId: shown === undefined || request.id === undefined ? undefined : shown === request.id,
    byExecution: execution === undefined || request.executionId === undefined ? undefined : sameId(execution, request.executionId)
  })
}

/** The services that take part in the deployment shown (is_part_last_deployment not false). */
function takingPart(services: readonly ServiceStatus[] | undefined): ServiceStatus[] {
  return (services ?? []).filter((service) => service.isPartOfLastDeployment !== false)
}

/** One value when every record that says one agrees; else what each said. */
function agreed(said: Array<[source: string, value: string | undefined]>): { value?: string; disagreement?: string } {
  const given = said.filter((entry): entry is [string, string] => entry[1] !== undefined)
  const values = [...new Set(given.map(([, value]) => value.toLowerCase()))]
  if (values.length <= 1) return given[0] === undefined ? {} : { value: given[0][1] }
  return { disagreement: given.map(([source, value]) => `${source}: ${value}`).join('; ') }
}

/**
 * The request the status shows, as named by the status and by the services taking part in the
 * deployment shown (each Status names its deployment_request_id and execution_id): its id and
 * execution when those that name one agree, and what each said when they do not.
 */
export function shownIdentity(
  status: EnvironmentStatus,
  services: readonly ServiceStatus[] | undefined
): {
  id?: string
  executionId?: string
  disagreements: string[]
} {
  const part = takingPart(services)
  const ids = agreed([
    ['the status', shownRequest(status)],
    ...part.map((service): [string, string | undefined] => [`service ${service.id}`, service.deploymentRequestId])
  ])
  const executions = agreed([
    ['the status', shownExecution(status)],
    ...part.map((service): [string, string | undefined] => [`service ${service.id}`, service.executionId])
  ])
  const disagreements = [ids.disagreement, executions.disagreement].filter((text) => text !== undefined)
  return {
    ...(ids.value === undefined ? {} : { id: ids.value.toLowerCase() }),
    ...(executions.value === undefined ? {} : { executionId: executions.value }),
    disagreements
  }
}

/**
 * The history entry of the deployment that runs: the entry of its execution, when known and in
 * progress; else the one entry in progress, when exactly one is. An entry of that execution that
 * has already ended is not the running deployment's (the status may name another deployment's
 * execution), and none is taken.
 */
function runningEntry(
  history: readonly DeploymentHistoryEntry[] | undefined,
  executionId: string | undefined
): DeploymentHistoryEntry | undefined {
  const entries = history ?? []
  if (executionId !== undefined) {
    const entry = entries.find((candidate) => sameId(candidate.executionId, executionId))
    if (entry !== undefined) return isFinalState(entry.state) ? undefined : entry
  }
  const inProgress = entries.filter((entry) => !isFinalState(entry.state))
  return inProgress.length === 1 ? inProgress[0] : undefined
}

/**
 * The request the status shows in progress, if any, named and described by its records. A
 * queued state with no waiting request read (an empty queue, or one that could not be read) is
 * still in progress by Qovery's rule: it is canceled through the environment, as the console
 * does while DEPLOYMENT_QUEUED. Its kind comes from its records (a queue row naming it, its
 * history entry, its services), never from its state's name.
 */
export function runningRequest(sight: Sight, shownIsWanted = false): RunningRequest | undefined {
  const { status } = sight
  if (isFinalState(status.state)) return undefined
  if (!shownIsWanted && isQueuedState(status.state) && dedupedQueue(sight.queue).length > 0) return undefined
  const identity = shownIdentity(status, sight.services)
  const row = identity.id === undefined ? undefined : dedupedQueue(sight.queue).find((candidate) => candidate.id === identity.id)
  const entry = runningEntry(sight.history, identity.executionId)
  const said: RequestKind[] = [
    ...(row?.action === undefined ? [] : [{ action: row.action, source: 'queue' as const }]),
    ...(entry?.action === undefined ? [] : [{ action: entry.action, source: 'history' as const }]),
    ...kindsOfServices(sight.services ?? [], identity.id)
  ]
  const finding = kindOfRecords(said)
  const disagreements = [
    ...identity.disagreements,
    ...('disagree' in finding ? [finding.disagree.map((kind) => `${kind.source}: ${kind.action}`).join('; ')] : [])
  ]
  const hint = kindHintOfState(status.state)
  // Who asked for it, from a record of that request only: the status's words are of the request it
  // names, which may not be this one when the records disagree on who runs.
  const statusSpeaks = shownRequest(status) === identity.id
  const own =
    entry !== undefined && identity.executionId !== undefined && sameId(entry.executionId, identity.executionId) ? entry : undefined
  const who = statusSpeaks ? textOf(status.triggered_by) : (row?.triggeredBy ?? own?.triggeredBy)
  const from = statusSpeaks ? textOf(status.origin) : (row?.origin ?? own?.origin)
  return compact<RunningRequest>({
    via: 'environment',
    id: identity.id,
    executionId: identity.executionId,
    inHistory: own === undefined ? undefined : true,
    kind: 'kind' in finding ? finding.kind : undefined,
    stateHint: hint,
    triggeredBy: who,
    origin: from,
    disagreements: disagreements.length > 0 ? disagreements : undefined
  })
}

/** The queue's rows, each request once (merged requests may be listed twice). */
export function dedupedQueue(queue: readonly WaitingRequest[] | undefined): WaitingRequest[] {
  const seen = new Set<string>()
  return (queue ?? []).filter((row) => !seen.has(row.id) && (seen.add(row.id), true))
}

/** A queue row as a request found waiting: its kind is its trigger_action (UNKNOWN says nothing). */
export function foundWaiting(row: WaitingRequest): QueuedRequest {
  const finding = kindOfRecords(row.action === undefined ? [] : [{ action: row.action, source: 'queue' }])
  return compact<QueuedRequest>({
    id: row.id,
    via: 'queue',
    kind: 'kind' in finding ? finding.kind : undefined,
    triggeredBy: row.triggeredBy,
    origin: row.origin
  })
}

/**
 * Something is in progress that the status does not show: a history entry in progress, or a
 * service in a running state, while the status says nothing runs. Then the reads do not agree on
 * whether anything runs, and nothing is decided on them.
 */
function activityNotShown(sight: Sight): { why: string; detail: string } | undefined {
  if (!isFinalState(sight.status.state)) return undefined
  const said = `the status says ${stateWords(sight.status.state)}`
  const entry = (sight.history ?? []).find((candidate) => !isFinalState(candidate.state))
  if (entry !== undefined)
    return {
      why: `${said}, but the deployment history shows a deployment still ${stateWords(entry.state)}`,
      detail: `status ${sight.status.state}; history execution ${entry.executionId} ${entry.state}`
    }
  const service = takingPart(sight.services).find((candidate) => isRunningState(candidate.state))
  return service === undefined
    ? undefined
    : {
        why: `${said}, but a service is ${stateWords(service.state)}`,
        detail: `status ${sight.status.state}; service ${service.id} ${service.state}`
      }
}

/**
 * The current request: the first one, in the order Qovery runs them (the running one, then the
 * waiting ones), of a kind `actions` allows. With `wanted`, exactly that request, wherever it is.
 * A request whose kind no record gives, ahead of the one chosen, makes the choice unsure: with
 * `actions` short of all, it might be one the action must cancel.
 */
export function chooseTarget(sight: Sight): Choice {
  const quiet = activityNotShown(sight)
  if (quiet !== undefined) return { decision: 'unsure', passedOver: [], ...quiet }
  if (sight.wanted !== undefined) return chooseWanted(sight, sight.wanted.toLowerCase())
  const passedOver: FoundRequest[] = []
  const running = runningRequest(sight)
  const candidates: FoundRequest[] = [
    ...(running === undefined ? [] : [running]),
    ...waitingRows(sight.queue, running?.id).map(foundWaiting)
  ]
  for (const request of candidates) {
    if (isAllowed(request.kind, sight.allowed)) return { decision: 'cancel', request, passedOver }
    if (request.kind === undefined) return unsure(request, passedOver)
    passedOver.push(request)
  }
  return { decision: 'none', passedOver }
}

/** The rows that wait: every request listed, once, but the one that runs (a queue may list it first). */
export function waitingRows(queue: readonly WaitingRequest[] | undefined, runningId: string | undefined): WaitingRequest[] {
  return dedupedQueue(queue).filter((row) => row.id !== runningId)
}

function unsure(request: FoundRequest, passedOver: FoundRequest[]): Choice {
  const where = request.via === 'environment' ? 'runs' : 'waits'
  const disagreements = request.via === 'environment' ? request.disagreements : undefined
  return {
    decision: 'unsure',
    passedOver: [...passedOver, request],
    why: `a request ${where} whose kind no record of it gives${disagreements === undefined ? '' : ' (its records disagree)'}`,
    ...(disagreements === undefined ? {} : { detail: disagreements.join('; ') })
  }
}

function chooseWanted(sight: Sight, id: string): Choice {
  const { status, lookup } = sight
  const contradiction = wantedContradiction(sight, id)
  if (contradiction !== undefined) return { decision: 'unsure', passedOver: [], ...contradiction }
  const running = runningRequest(sight, shownRequest(status) === id)
  const runs =
    running !== undefined && (running.id === id || (running.id === undefined && lookup?.found === true && isRunningState(lookup.state)))
  const waiting = runs ? undefined : waitingRows(sight.queue, running?.id).find((row) => row.id === id)
  const found: FoundRequest | undefined = runs ? { ...running, id } : waiting === undefined ? undefined : foundWaiting(waiting)
  if (found === undefined) return wantedElsewhere(sight, id)
  if (isAllowed(found.kind, sight.allowed)) return { decision: 'cancel', request: found, passedOver: [] }
  return found.kind === undefined ? unsure(found, []) : { decision: 'none', passedOver: [found] }
}

/** Qovery's lookup says the request asked for has ended, while the status shows it in progress or the queue lists it. */
function wantedContradiction(sight: Sight, id: string): { why: string; detail: string } | undefined {
  const { status, lookup } = sight
  if (lookup?.found !== true || !isFinalState(lookup.state)) return undefined
  const said = `Qovery's lookup says the request asked for ended ${stateWords(lookup.state)}`
  if (shownRequest(status) === id && !isFinalState(status.state) && !isQueuedState(status.state))
    return { why: `${said}, and the status shows it ${stateWords(status.state)}`, detail: `lookup ${lookup.state}; status ${status.state}` }
  if (dedupedQueue(sight.queue).some((row) => row.id === id))
    return { why: `${said}, and the deployment queue still lists it`, detail: `lookup ${lookup.state}; queue lists ${id}` }
  return undefined
}

/** The request asked for neither runs nor waits here: it ended, it is elsewhere, or Qovery does not know it (yet). */
function wantedElsewhere(sight: Sight, id: string): Choice {
  const { lookup } = sight
  const theirs = lookup?.found === true ? lookup.environmentId : undefined
  if (lookup?.found === true && theirs !== undefined && sight.environmentId !== undefined && !sameId(theirs, sight.environmentId))
    return { decision: 'elsewhere', id, state: lookup.state, environmentId: theirs }
  const said = wantedSaid(sight, id)
  const verdict = judge(said)
  if (verdict.verdict === 'ended') return { decision: 'ended', id, fate: verdict.fate }
  if (verdict.verdict === 'disagree') return { decision: 'ended', id, fate: disagreement(said) }
  if (lookup === undefined || !lookup.found)
    return lookup?.detail === undefined ? { decision: 'unknown', id } : { decision: 'unknown', id, detail: lookup.detail }
  return { decision: 'unlocated', id, state: lookup.state }
}

/**
 * What the records that name the request asked for say of it: the status's state and last
 * deployment state while it names the request (not a queued state: under the id of a request
 * that ran, that is the next request waiting), and its lookup.
 */
function wantedSaid(sight: Sight, id: string): Testimony[] {
  const { status, lookup } = sight
  const shown = shownRequest(status) === id && !isQueuedState(status.state)
  return [
    ...(shown ? [{ source: 'status' as const, state: status.state, at: 0 }] : []),
    ...(shown && typeof status.last_deployment_state === 'string' && status.last_deployment_state !== ''
      ? [{ source: 'last deployment' as const, state: status.last_deployment_state, at: 0 }]
      : []),
    ...(lookup?.found === true ? [{ source: 'lookup' as const, state: lookup.state, at: 0 }] : [])
  ]
}

/** A final state the action knows, so that it can tell what it means; any other name is reported as seen. */
export function isKnownEnd(state: string): boolean {
  return isFinalState(state) && isKnownState(state)
}

/** `a1b2c3d4`: enough of a request id for logs and tables. */
export function shortId(id: string): string {
  return id.slice(0, 8)
}
