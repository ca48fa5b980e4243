/**
 * The simulator's model of what a deployment request does to each service, and the bodies of
 * the three reads that show it: `GET /environment/{id}` (Environment), `/statuses`
 * (EnvironmentStatuses) and `/deploymentHistoryV2` (DeploymentHistoryEnvironmentV2 entries),
 * shaped as Qovery's OpenAPI spec describes them (by operation and schema name).
 *
 * The rule, for a request with stages S0, S1, ... and a stage reached R (default 1, the second;
 * capped at the last):
 * - while it runs: stages before R are DONE (services in the kind's done state, such as
 *   DEPLOYED), R is ONGOING (services in the request's state), later ones QUEUED (services in
 *   the kind's queued state, such as DEPLOYMENT_QUEUED);
 * - ended CANCELED: before R DONE, from R on CANCELED with their services CANCELED (Qovery's
 *   docs: services not yet deployed are canceled, the one in progress is rolled back);
 * - ended in an *_ERROR state: before R DONE, R in ERROR (services in that state), later ones
 *   SKIPPED (services still in the kind's queued state);
 * - ended otherwise (DEPLOYED, STOPPED...): every stage DONE.
 * A request's `serviceEnds` overrides the state of the services it names once it has ended.
 */
import { createHash } from 'node:crypto'
import type { ServiceVersion } from '../src/rules/qovery-records.ts'
import { isFinalState } from '../src/rules/states.ts'

/** A service of the environment, in a deployment stage; stages run in the order they first appear. */
export interface ServiceScript {
  id: string
  name: string
  /** ServiceTypeEnum: APPLICATION, CONTAINER, JOB, DATABASE, HELM, TERRAFORM, AGENTIC_WORKFLOW... */
  type: string
  stage: string
  /** What every request gives it to run (default: made up from its type and name). */
  version?: ServiceVersion
}

/** One deployment request that ran, as the model needs it. */
export interface Run {
  requestId: string
  executionId: string
  /** Its trigger_action: DEPLOY (the default), STOP, DELETE, RESTART... */
  kind: string
  /** Its state now (StateEnum). */
  state: string
  ended: boolean
  /** Epoch milliseconds. */
  startedAt: number
  endedAt?: number
  stageReached?: number
  serviceEnds?: Record<string, string>
  triggeredBy: string
  /** How the API names a state of this run (a world may rename the kind's states; default: as it is). */
  show?: (state: string) => string
}

const DONE_STATE: Record<string, string> = { DEPLOY: 'DEPLOYED', STOP: 'STOPPED', DELETE: 'DELETED', RESTART: 'RESTARTED' }
const QUEUED_STATE: Record<string, string> = {
  DEPLOY: 'DEPLOYMENT_QUEUED',
  STOP: 'STOP_QUEUED',
  DELETE: 'DELETE_QUEUED',
  RESTART: 'RESTART_QUEUED'
}

/** The state of a request of this kind (trigger_action) while it waits: DEPLOYMENT_QUEUED, STOP_QUEUED... or QUEUED. */
export function queuedStateOf(kind: string): string {
  return QUEUED_STATE[kind] ?? 'QUEUED'
}
const STATUS_LIST: Record<string, string> = {
  APPLICATION: 'applications',
  CONTAINER: 'containers',
  JOB: 'jobs',
  DATABASE: 'databases',
  HELM: 'helms',
  TERRAFORM: 'terraforms',
  AGENTIC_WORKFLOW: 'agentic_workflows'
}
const STAMP = '2026-01-05T10:00:00Z'

interface RunStage {
  name: string
  /** StageStatusEnum. */
  status: string
  /** Whether the stage ran (it has a duration). */
  ran: boolean
  services: Array<{ service: ServiceScript; state: string }>
}

/** The stages of a run by the rule above, in order, with each service's state. */
export function runStages(services: ServiceScript[], run: Run): RunStage[] {
  const names = [...new Set(services.map((service) => service.stage))]
  const reached = Math.max(0, Math.min(run.stageReached ?? 1, names.length - 1))
  const done = DONE_STATE[run.kind] ?? 'DEPLOYED'
  const queued = queuedStateOf(run.kind)
  const state = run.state.toUpperCase()
  const [at, after]: [string, string] = !isFinalState(state)
    ? ['ONGOING', 'QUEUED']
    : state === 'CANCELED'
      ? ['CANCELED', 'CANCELED']
      : state.endsWith('_ERROR')
        ? ['ERROR', 'SKIPPED']
        : ['DONE', 'DONE']
  const serviceState: Record<string, string> = {
    DONE: done,
    ONGOING: run.state,
    QUEUED: queued,
    CANCELED: 'CANCELED',
    ERROR: run.state,
    SKIPPED: queued
  }
  return names.map((name, index) => {
    const status = index < reached ? 'DONE' : index === reached ? at : after
    return {
      name,
      status,
      ran: index <= reached || status === 'DONE',
      services: services
        .filter((service) => service.stage === name)
        .map((service) => ({ service, state: (run.ended ? run.serviceEnds?.[service.id] : undefined) ?? (serviceState[status] as string) }))
    }
  })
}

/** DeploymentHistoryEnvironmentV2 (listEnvironmentDeploymentHistoryV2) for one run, with its stages and services. */
export function historyEntry(environmentId: string, services: ServiceScript[], run: Run, now: number): Record<string, unknown> {
  const auditing = {
    created_at: new Date(run.startedAt).toISOString(),
    updated_at: new Date(run.endedAt ?? now).toISOString(),
    triggered_by: run.triggeredBy,
    origin: 'API'
  }
  const elapsed = (run.endedAt ?? now) - run.startedAt
  const stages = runStages(services, run)
  const share = elapsed / Math.max(1, stages.filter((stage) => stage.ran).length)
  const show = run.show ?? ((state: string) => state)
  return {
    identifier: { execution_id: run.executionId, environment_id: environmentId },
    auditing_data: auditing,
    status: show(run.state),
    trigger_action: run.kind,
    total_duration: isoDuration(elapsed),
    action_status: actionStatus(run.state),
    stages: stages.map((stage) => ({
      name: stage.name,
      status: stage.status,
      duration: isoDuration(stage.ran ? share : 0),
      services: stage.services.map(({ service, state }) => ({
        identifier: { name: service.name, service_id: service.id, service_type: service.type, execution_id: run.executionId },
        status: show(state),
        auditing_data: auditing,
        details: detailsOf(service, run.executionId),
        status_details: statusDetails(run.kind, state),
        icon_uri: `https://icons.example.com/${service.type.toLowerCase()}.svg`,
        ...(stage.ran ? { total_duration: isoDuration(share) } : {})
      }))
    }))
  }
}

/**
 * EnvironmentStatuses (getEnvironmentStatuses): the environment's status, and each service (by the
 * list of its type; other types are left out) in its state in the run shown, if any.
 */
export function statusesBody(
  status: Record<string, unknown>,
  services: ServiceScript[],
  run: Run | undefined,
  waiting: number
): Record<string, unknown> {
  const body: Record<string, unknown> = { environment: status, ...Object.fromEntries(Object.values(STATUS_LIST).map((list) => [list, []])) }
  if (run === undefined) return body
  for (const { service, state } of runStages(services, run).flatMap((stage) => stage.services)) {
    const list = body[STATUS_LIST[service.type.toUpperCase()] ?? ''] as unknown[] | undefined
    list?.push({
      id: service.id,
      state: run.show?.(state) ?? state,
      service_deployment_status: state === DONE_STATE[run.kind] ? 'UP_TO_DATE' : 'OUT_OF_DATE',
      last_deployment_date: new Date(run.startedAt).toISOString(),
      is_part_last_deployment: true,
      execution_id: run.executionId,
      status_details: statusDetails(run.kind, state),
      deployment_request_id: run.requestId,
      deployment_requests_count: waiting
    })
  }
  return body
}

/** Environment (getEnvironment), as `GET /environment/{id}` and the environment list give it. */
export function environmentBody(
  environment: { id: string; name?: string; mode?: string },
  organizationId: string,
  projectId: string
): Record<string, unknown> {
  return {
    id: environment.id,
    created_at: STAMP,
    updated_at: '2026-11-01T09:30:00Z',
    name: environment.name ?? `env-${environment.id.slice(0, 8)}`,
    organization: { id: organizationId },
    project: { id: projectId },
    mode: environment.mode ?? 'DEVELOPMENT',
    cloud_provider: { provider: 'AWS', cluster: 'eu-west-3' },
    cluster_id: '9d4e2f10-7c3b-4a5e-8f6d-1b2c3d4e5f60',
    cluster_name: 'production-cluster'
  }
}

/** StatusDetails: the request's kind as a ServiceActionEnum, and how the service's action stands. */
function statusDetails(kind: string, state: string): Record<string, string> {
  return { action: kind in DONE_STATE ? kind : 'UNKNOWN', status: actionStatus(state), sub_action: 'NONE' }
}

/** A state as DeploymentHistoryActionStatus and ServiceActionStatusEnum (the values both have). */
function actionStatus(state: string): string {
  const name = state.toUpperCase()
  if (name === 'CANCELED' || name === 'CANCELING') return name
  if (name.endsWith('_ERROR')) return 'ERROR'
  if (name.includes('QUEUED')) return 'QUEUED'
  return isFinalState(name) ? 'SUCCESS' : 'ONGOING'
}

/** DeploymentHistoryServiceDetails of the service's type, from its version or one made up. */
function detailsOf(service: ServiceScript, executionId: string): Record<string, unknown> {
  const version = service.version
  const given = version !== undefined && 'commit' in version ? version : undefined
  const commit = {
    created_at: STAMP,
    git_commit_id: given?.commit ?? hex(`commit:${service.id}`).slice(0, 40),
    tag: 'v1.0.0',
    message: given === undefined ? `Update ${service.name}` : (given.message ?? ''),
    author_name: 'Simulator'
  }
  const image = version !== undefined && 'image' in version ? version : { image: `registry.example.com/${service.name}`, tag: '1.0.0' }
  const chart = version !== undefined && 'chart' in version ? version : { chart: service.name, version: '1.0.0' }
  switch (service.type.toUpperCase()) {
    case 'APPLICATION':
      return { commit, build_pod_name: `build-${executionId}-0` }
    case 'CONTAINER':
      return { image_name: image.image, tag: image.tag, arguments: [] }
    case 'JOB':
      return { image_name: image.image, tag: image.tag, job_type: 'LIFECYCLE' }
    case 'HELM':
      return given === undefined ? { repository: { chart_name: chart.chart, chart_version: chart.version ?? '1.0.0' } } : { commit }
    default:
      return {}
  }
}

/**
 * An ISO 8601 duration such as PT1M30S (the spec's `format: duration`), in whole seconds: the
 * JSON Schema format, RFC 3339 appendix A, has no fractions (Qovery may send them all the same).
 */
function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`
  return `PT${parts || '0S'}`
}

/** A UUID (version 4 form) that is always the same for the same seed. */
export function stableUuid(seed: string): string {
  const digits = hex(seed)
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-8${digits.slice(17, 20)}-${digits.slice(20, 32)}`
}

function hex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex')
}
