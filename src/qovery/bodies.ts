/**
 * Qovery's answers to the reads of what a deployment did (the environment, its services'
 * statuses, its deployment history) read into the action's shapes (qovery-types.ts). Fields are
 * read by the names of Qovery's own generated client, and every value is checked before use:
 * the API is untrusted, and adds fields and enum values over time. Pure; the client turns an
 * unusable body into a bad-body fault.
 */
import type * as Qovery from 'qovery-typescript-axios'
import type {
  AsSent,
  DeploymentHistoryEntry,
  EnvironmentDetails,
  HistoryService,
  ServiceStatus,
  ServiceVersion
} from '../rules/qovery-records.ts'
import { compact } from '../util/compact.ts'
import { counted, textOf } from '../util/text.ts'

/**
 * A JSON object read as Qovery's type T before its fields are checked: the names are Qovery's
 * (a field renamed in Qovery's client fails the type check), each value may be anything.
 */
type Unchecked<T> = { [K in keyof T]?: unknown }

function objectOf<T>(value: unknown): Unchecked<T> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Unchecked<T>) : undefined
}

/** The lists of EnvironmentStatuses (getEnvironmentStatuses) and the ServiceTypeEnum name of their services. */
export const SERVICE_LISTS = {
  applications: 'APPLICATION',
  containers: 'CONTAINER',
  jobs: 'JOB',
  databases: 'DATABASE',
  helms: 'HELM',
  terraforms: 'TERRAFORM',
  agentic_workflows: 'AGENTIC_WORKFLOW'
} as const satisfies Record<Exclude<keyof Qovery.EnvironmentStatuses, 'environment'>, Qovery.ServiceTypeEnum>

/**
 * `GET /environment/{id}`: an Environment (getEnvironment) with its id, name, organization.id
 * and project.id, ids lower-cased; mode and cluster_name when they are text. Undefined when one
 * of the four is missing.
 */
export function environmentDetails(body: unknown): EnvironmentDetails | undefined {
  const environment = objectOf<AsSent<Qovery.Environment>>(body)
  const id = textOf(environment?.id)
  const name = textOf(environment?.name)
  const organizationId = textOf(objectOf<Qovery.ReferenceObject>(environment?.organization)?.id)
  const projectId = textOf(objectOf<Qovery.ReferenceObject>(environment?.project)?.id)
  if (id === undefined || name === undefined || organizationId === undefined || projectId === undefined) return undefined
  return compact({
    id: id.toLowerCase(),
    name,
    organizationId: organizationId.toLowerCase(),
    projectId: projectId.toLowerCase(),
    mode: textOf(environment?.mode),
    clusterName: textOf(environment?.cluster_name)
  })
}

/**
 * `GET /environment/{id}/statuses`: EnvironmentStatuses (getEnvironmentStatuses) flattened in the
 * lists' order, each Status typed by its list. A missing list is empty. Undefined when the body
 * is not an object, a list is not an array, or an item has no id or state.
 */
export function serviceStatuses(body: unknown): ServiceStatus[] | undefined {
  const statuses = objectOf<AsSent<Qovery.EnvironmentStatuses>>(body)
  if (statuses === undefined) return undefined
  const lists = Object.entries(SERVICE_LISTS).map(([list, type]) => ({ type, items: statuses[list as keyof typeof SERVICE_LISTS] ?? [] }))
  if (!lists.every(({ items }) => Array.isArray(items) && items.every(isStatus))) return undefined
  return lists.flatMap(({ type, items }) => (items as Array<Unchecked<AsSent<Qovery.Status>>>).map((item) => serviceStatus(type, item)))
}

function isStatus(item: unknown): boolean {
  const status = objectOf<AsSent<Qovery.Status>>(item)
  return textOf(status?.id) !== undefined && textOf(status?.state) !== undefined
}

/** A Status whose id and state were checked. */
function serviceStatus(type: string, item: Unchecked<AsSent<Qovery.Status>>): ServiceStatus {
  const details = objectOf<AsSent<Qovery.StatusDetails>>(item.status_details)
  return compact({
    id: (item.id as string).toLowerCase(),
    type,
    state: item.state as string,
    action: textOf(details?.action),
    deploymentRequestId: textOf(item.deployment_request_id)?.toLowerCase(),
    executionId: textOf(item.execution_id),
    isPartOfLastDeployment: typeof item.is_part_last_deployment === 'boolean' ? item.is_part_last_deployment : undefined
  })
}

/** Whether a deploymentHistoryV2 result has what an entry needs: identifier.execution_id and status. */
export function isHistoryEntry(item: unknown): boolean {
  const entry = objectOf<AsSent<Qovery.DeploymentHistoryEnvironmentV2>>(item)
  const identifier = objectOf<AsSent<Qovery.DeploymentHistoryEnvironmentV2Identifier>>(entry?.identifier)
  return textOf(identifier?.execution_id) !== undefined && textOf(entry?.status) !== undefined
}

/**
 * A DeploymentHistoryEnvironmentV2 (listEnvironmentDeploymentHistoryV2) that passed isHistoryEntry. What cannot be
 * read inside it is left out rather than failing, and said in `unreadable`: stages that are not
 * a list (missing, null, an object) or not objects, a stage's services that are not a list,
 * services without identifier.service_id. So an entry whose services could not be read is never
 * taken for a deployment that touched none. Service ids come lower-cased; execution ids as given
 * (they are not UUIDs, and the status's last_deployment_id they are compared with is passed on
 * as given too).
 */
export function historyEntry(value: unknown): DeploymentHistoryEntry {
  const item = value as Unchecked<AsSent<Qovery.DeploymentHistoryEnvironmentV2>>
  const identifier = objectOf<AsSent<Qovery.DeploymentHistoryEnvironmentV2Identifier>>(item.identifier)
  const auditing = objectOf<AsSent<Qovery.DeploymentHistoryAuditingData>>(item.auditing_data)
  const listed = Array.isArray(item.stages) ? item.stages.map((stage) => objectOf<AsSent<Qovery.DeploymentHistoryStage>>(stage)) : []
  const stages = listed.flatMap((stage) => (stage === undefined ? [] : [historyStage(stage)]))
  const unreadable = [
    Array.isArray(item.stages) ? undefined : `stages is ${kindOf(item.stages)}, not a list`,
    countedOrNone(listed.length - stages.length, 'stage is not an object', 'stages are not objects'),
    countedOrNone(stages.filter((stage) => !stage.listed).length, "stage's services are not a list", "stages' services are not lists"),
    countedOrNone(
      stages.reduce((sum, stage) => sum + stage.unreadable, 0),
      'service has no identifier.service_id',
      'services have no identifier.service_id'
    )
  ].filter((part) => part !== undefined)
  return compact({
    executionId: identifier?.execution_id as string,
    state: item.status as string,
    action: textOf(item.trigger_action),
    triggeredBy: textOf(auditing?.triggered_by),
    origin: textOf(auditing?.origin),
    createdAt: textOf(auditing?.created_at),
    duration: textOf(item.total_duration),
    stages: stages.map((stage) => stage.stage),
    unreadable: unreadable.length === 0 ? undefined : unreadable.join('; ')
  })
}

/** What a JSON value is, in words: `null`, `missing`, `an object`, `a string`... */
function kindOf(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** `1 stage is not an object`, `2 stages are not objects`; undefined for none. */
function countedOrNone(count: number, one: string, many: string): string | undefined {
  return count === 0 ? undefined : counted(count, one, many)
}

/**
 * A stage: its name ('' when Qovery gives none) and the services that have a service_id; whether
 * its services came as a list, and how many of them could not be read.
 */
function historyStage(stage: Unchecked<AsSent<Qovery.DeploymentHistoryStage>>): {
  stage: DeploymentHistoryEntry['stages'][number]
  listed: boolean
  unreadable: number
} {
  const listed = Array.isArray(stage.services)
  const services = (listed ? (stage.services as unknown[]) : []).map((service) =>
    objectOf<AsSent<Qovery.DeploymentHistoryService>>(service)
  )
  const read = services.flatMap((service) => (service === undefined ? [] : historyService(service)))
  return {
    stage: compact({ name: textOf(stage.name) ?? '', status: textOf(stage.status), duration: textOf(stage.duration), services: read }),
    listed,
    unreadable: services.length - read.length
  }
}

/** A DeploymentHistoryService; none without identifier.service_id. Name, type and state are '' when absent. */
function historyService(service: Unchecked<AsSent<Qovery.DeploymentHistoryService>>): HistoryService[] {
  const identifier = objectOf<AsSent<Qovery.DeploymentHistoryServiceIdentifier>>(service.identifier)
  const id = textOf(identifier?.service_id)
  if (id === undefined) return []
  const type = textOf(identifier?.service_type) ?? ''
  return [
    compact({
      id: id.toLowerCase(),
      name: textOf(identifier?.name) ?? '',
      type,
      state: textOf(service.status) ?? '',
      action: textOf(objectOf<AsSent<Qovery.StatusDetails>>(service.status_details)?.action),
      version: versionOf(type, service.details),
      duration: textOf(service.total_duration)
    })
  ]
}

/** Any of DeploymentHistoryServiceDetails' four shapes: the fields of all of them. */
type ServiceDetails = AsSent<Qovery.DeploymentHistoryServiceDetailsOneOf> &
  AsSent<Qovery.DeploymentHistoryServiceDetailsOneOf1> &
  AsSent<Qovery.DeploymentHistoryServiceDetailsOneOf2> &
  AsSent<Qovery.DeploymentHistoryServiceDetailsOneOf3>

/**
 * What the service was given to run, by its type: an application's commit; a container's or a
 * job's image and tag (a job built from git without them: its commit); a helm chart and its
 * version, or its commit. Other types, and details without these fields, have none.
 */
function versionOf(type: string, value: unknown): ServiceVersion | undefined {
  const details = objectOf<ServiceDetails>(value)
  const commit = objectOf<AsSent<Qovery.Commit>>(details?.commit)
  const commitId = textOf(commit?.git_commit_id)
  const byCommit = commitId === undefined ? undefined : compact({ commit: commitId, message: textOf(commit?.message) })
  const image = textOf(details?.image_name)
  const tag = textOf(details?.tag)
  const byImage = image === undefined || tag === undefined ? undefined : { image, tag }
  const repository = objectOf<AsSent<Qovery.DeploymentHistoryServiceDetailsOneOf3Repository>>(details?.repository)
  const chart = textOf(repository?.chart_name)
  const byChart = chart === undefined ? undefined : compact({ chart, version: textOf(repository?.chart_version) })
  switch (type.toUpperCase()) {
    case 'APPLICATION':
      return byCommit
    case 'CONTAINER':
      return byImage
    case 'JOB':
      return byImage ?? byCommit
    case 'HELM':
      return byChart ?? byCommit
    default:
      return undefined
  }
}
