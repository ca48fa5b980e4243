/**
 * What became of each service of a canceled deployment, read from what Qovery says, never
 * inferred: the deployment's history entry (listEnvironmentDeploymentHistoryV2, the entry whose
 * execution id is the status's last_deployment_id, as Qovery's console pairs them; taken only when
 * nothing contradicts it, see deployment-record.ts) lists the services and their state in that
 * deployment; getEnvironmentStatuses gives their state now.
 */
import { sameId } from '../util/ids.ts'
import type { DeploymentHistoryEntry, ServiceStatus, ServiceVersion } from './qovery-records.ts'
import { isFinalState, stateWords } from './states.ts'

/**
 * How a service ended in the canceled deployment:
 * - canceled: CANCELED;
 * - done-before-cancel: it reached the done state of the request's kind (DEPLOYED, STOPPED,
 *   DELETED, RESTARTED) before the cancel took effect;
 * - failed: a *_ERROR state;
 * - in-progress: a state still in progress (…ING, QUEUED, WAITING…);
 * - not-started: in progress, in a stage Qovery calls QUEUED or SKIPPED (StageStatusEnum): the
 *   stage did not run;
 * - unknown: any other state (READY, a state new to the action, none at all), or the done state
 *   of another kind (DEPLOYED in a STOP): the history does not say what the request did to it.
 */
export type End = 'canceled' | 'done-before-cancel' | 'failed' | 'in-progress' | 'not-started' | 'unknown'

/** One service of the canceled deployment. Names, types and states are Qovery's text, untrusted. */
export interface ServiceEnd {
  /** Its service_id, lower-case. */
  id: string
  /** Its name, '' when Qovery gave none. */
  name: string
  /** ServiceTypeEnum: APPLICATION, CONTAINER, JOB... */
  type: string
  /** The name of its stage in the deployment. */
  stage: string
  /** Its state in that deployment (a StateEnum name, as given). */
  state: string
  end: End
  /** Its state now, when /statuses lists it. */
  now?: string
  version?: ServiceVersion
  /** Its total_duration in milliseconds, when readable. */
  durationMs?: number
}

/** The state each kind of request (trigger_action) leaves a service in once done with it (StateEnum). */
const DONE_STATES: Record<string, string> = { DEPLOY: 'DEPLOYED', STOP: 'STOPPED', DELETE: 'DELETED', RESTART: 'RESTARTED' }
const DONE_WORDS: Record<string, string> = { DEPLOY: 'deployed', STOP: 'stopped', DELETE: 'deleted', RESTART: 'restarted' }
/** StageStatusEnum values of a stage that did not run its services. */
const STAGES_NOT_RUN = ['QUEUED', 'SKIPPED']
const END_ORDER: End[] = ['canceled', 'done-before-cancel', 'failed', 'in-progress', 'not-started', 'unknown']

/**
 * The history entry of one deployment: the one whose identifier.execution_id is `executionId`
 * (the status's last_deployment_id), compared case-insensitively; undefined when none is.
 */
export function findDeployment(
  history: DeploymentHistoryEntry[],
  executionId: string | undefined | null
): DeploymentHistoryEntry | undefined {
  if (executionId === undefined || executionId === null || executionId === '') return undefined
  return history.find((entry) => sameId(entry.executionId, executionId))
}

/**
 * Why the history entry cannot tell how its services ended, if so: the request has ended, and the
 * entry still shows it in progress (Qovery's history may lag behind the status). A service it
 * shows in progress did not stay so, and one it shows done may have been rolled back since: what
 * each ended as is not known. Undefined when the entry can tell (it is final, or the request has
 * not ended: its services were in progress when the run stopped).
 */
export function entryBehindEnd(deployment: DeploymentHistoryEntry, requestEnded: boolean): string | undefined {
  if (!requestEnded || isFinalState(deployment.state)) return undefined
  return `Qovery's deployment history still showed the deployment ${stateWords(deployment.state)} after it had ended`
}

/**
 * Each service the deployment's history entry lists, stage by stage in Qovery's order, with how
 * it ended (End) and its state now from `statuses` (matched by id). A service only in
 * `statuses` is not one of the deployment's: it is left out. No entry: no services.
 * `kind` is the request's kind (DEPLOY, STOP, DELETE, RESTART...); without it, the entry's
 * trigger_action.
 */
export function serviceEnds(
  deployment: DeploymentHistoryEntry | undefined,
  statuses: ServiceStatus[] | undefined,
  kind: string | undefined
): ServiceEnd[] {
  if (deployment === undefined) return []
  const requestKind = kind ?? deployment.action
  const now = new Map((statuses ?? []).map((status) => [status.id.toLowerCase(), status.state]))
  return deployment.stages.flatMap((stage) =>
    stage.services.map((service) => {
      const end: ServiceEnd = {
        id: service.id.toLowerCase(),
        name: service.name,
        type: service.type,
        stage: stage.name,
        state: service.state,
        end: endOf(service.state, stage.status, requestKind)
      }
      const state = now.get(end.id)
      const durationMs = parseIsoDuration(service.duration)
      if (state !== undefined) end.now = state
      if (service.version !== undefined) end.version = service.version
      if (durationMs !== undefined) end.durationMs = durationMs
      return end
    })
  )
}

/** How a service in `state` ended, in a stage of `stageStatus` (StageStatusEnum), for a request of `kind` (see End). */
export function endOf(state: string, stageStatus: string | undefined, kind: string | undefined): End {
  const name = state.trim().toUpperCase()
  if (name === '') return 'unknown'
  if (name === 'CANCELED') return 'canceled'
  if (name.endsWith('_ERROR')) return 'failed'
  if (!isFinalState(name)) return STAGES_NOT_RUN.includes(stageStatus?.trim().toUpperCase() ?? '') ? 'not-started' : 'in-progress'
  const expected = DONE_STATES[kind?.trim().toUpperCase() ?? '']
  const done = expected === undefined ? Object.values(DONE_STATES).includes(name) : name === expected
  return done ? 'done-before-cancel' : 'unknown'
}

/**
 * How a service ended, in words: "canceled", "deployed before the cancel" (the words for the
 * services done follow `kind`: deployed, stopped, deleted, restarted; "done" for another kind).
 */
export function endWords(end: End, kind: string | undefined): string {
  const words: Record<End, string> = {
    canceled: 'canceled',
    'done-before-cancel': `${DONE_WORDS[kind?.trim().toUpperCase() ?? ''] ?? 'done'} before the cancel`,
    failed: 'failed',
    'in-progress': 'still in progress',
    'not-started': 'not started',
    unknown: 'in an unknown state'
  }
  return words[end]
}

/**
 * The one-line sum-up for the log, such as `3 services: 1 canceled, 2 deployed before the
 * cancel`. Counts only: no text from the API.
 */
export function describeServiceEnds(ends: ServiceEnd[], kind: string | undefined): string {
  if (ends.length === 0) return 'no service listed'
  const counts = END_ORDER.map((end) => ({ end, count: ends.filter((service) => service.end === end).length }))
  const parts = counts.filter(({ count }) => count > 0).map(({ end, count }) => `${count} ${endWords(end, kind)}`)
  return `${ends.length} service${ends.length === 1 ? '' : 's'}: ${parts.join(', ')}`
}

/** PnW, PnD, then T with nH, nM, nS; each number may have a fraction (`.` or `,`). */
const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/
const ISO_UNIT_MS = [604_800_000, 86_400_000, 3_600_000, 60_000, 1000]

/**
 * An ISO 8601 duration as Qovery gives it (`format: duration`, such as PT1M30.5S) in
 * milliseconds, rounded; undefined when unreadable: not text, empty, negative, with years or
 * months (no fixed length), or a bare P or T.
 */
export function parseIsoDuration(text: string | undefined): number | undefined {
  if (typeof text !== 'string') return undefined
  const value = text.trim().toUpperCase()
  const match = ISO_DURATION.exec(value)
  if (match === null || value === 'P' || value.endsWith('T')) return undefined
  const ms = match
    .slice(1)
    .reduce((sum, part, index) => sum + (part === undefined ? 0 : Number(part.replace(',', '.')) * ISO_UNIT_MS[index]!), 0)
  return Number.isFinite(ms) ? Math.round(ms) : undefined
}
