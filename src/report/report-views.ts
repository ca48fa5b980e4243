/**
 * Readings of a run that several reports share: each service's end in the deployment the targeted
 * request ran, and the links into Qovery's console.
 */
import { isRunningState, shownIdentity, waitingRows } from '../rules/deployment-request.ts'
import type { WaitingRequest } from '../rules/qovery-records.ts'
import { deploymentLink, deploymentsLink, environmentLink, serviceLogsLink } from './console-links.ts'
import type { Report } from '../flow/run.ts'
import type { Known } from '../util/known.ts'
import { entryBehindEnd, type ServiceEnd, serviceEnds } from '../rules/service-ends.ts'
import { compact } from '../util/compact.ts'

/**
 * The services of the deployment the targeted request ran: [] for a request canceled before it
 * ran (it touched none), why not known when the reads failed, its history entry lists them in a
 * shape that cannot be read (never none for a request that ran: those that could be read, when
 * some could) or still shows the deployment in progress though the request ended (never "in
 * progress" for a service of a request that ended), undefined where no deployment is in question
 * (nothing was targeted, or it had ended before the run).
 */
export function serviceEndsOf(report: Report): Known<ServiceEnd[]> | undefined {
  const target = report.target
  if (target === undefined || target.alreadyEnded !== undefined) return undefined
  if (target.via === 'queue' && target.fate !== undefined) return { value: [] }
  const deployment = report.deployment
  if (deployment === undefined) return undefined
  if ('unknown' in deployment.entry) return { unknown: deployment.entry.unknown }
  const behind = entryBehindEnd(deployment.entry.value, target.fate !== undefined)
  if (behind !== undefined) return { unknown: behind }
  const statuses = 'value' in deployment.statuses ? deployment.statuses.value : undefined
  const { unreadable } = deployment.entry.value
  const ends = serviceEnds(deployment.entry.value, statuses, target.kind?.action)
  if (ends.length === 0 && unreadable !== undefined)
    return { unknown: `Qovery's deployment history lists them in a shape the action cannot read (${unreadable})` }
  return { value: ends }
}

/**
 * The requests seen to end CANCELED besides the target and the one the cancel first targeted (told
 * apart, when the cancel reached the next request): the waiting requests canceled (queued: cancel).
 */
export function alsoCanceledIds(report: Report): string[] {
  return report.canceledRequests.filter((id) => id !== report.target?.id && id !== report.missed?.id)
}

/** What the targeted request's history entry lists that could not be read (see DeploymentHistoryEntry), if anything. */
export function unreadableServicesOf(report: Report): string | undefined {
  const entry = report.deployment?.entry
  return entry !== undefined && 'value' in entry ? entry.value.unreadable : undefined
}

/**
 * The targeted request's execution, for its page in the console, when its history entry confirms
 * it: the entry read once it ended and taken as its own, or, before that, an entry of that
 * execution in progress while it ran. An execution the history does not show may be an id of
 * another kind, or another deployment's: its page would be another's, or none.
 */
function confirmedExecution(report: Report): string | undefined {
  const target = report.target
  if (target?.via !== 'environment' || target.executionId === undefined) return undefined
  const entry = report.deployment?.entry
  if (entry !== undefined) return 'value' in entry ? entry.value.executionId : undefined
  return target.inHistory === true ? target.executionId : undefined
}

/** Links into Qovery's console, when the ids they need are known. */
export interface ConsoleLinks {
  environment?: string
  /** The environment's deployments, newest first. */
  deployments?: string
  /** The deployment the targeted request ran. */
  deployment?: string
  /** Each service's logs in that deployment, by service id, in the history entry's order. */
  serviceLogs?: Array<{ id: string; name: string; link: string }>
}

/** The environment's page, and the targeted request's deployment page once it ran. */
export function consoleLinksOf(report: Report): ConsoleLinks {
  const details = report.environment !== undefined && 'value' in report.environment ? report.environment.value : undefined
  const place = {
    organizationId: report.resolved?.organization.id ?? details?.organizationId,
    projectId: report.resolved?.project.id ?? details?.projectId,
    environmentId: report.environmentId
  }
  const execution = confirmedExecution(report)
  const entry = report.deployment !== undefined && 'value' in report.deployment.entry ? report.deployment.entry.value : undefined
  const serviceLogs = (entry?.stages ?? []).flatMap((stage) =>
    stage.services.flatMap((service) => {
      const logs = serviceLogsLink(place, service.id, execution)
      return logs === undefined ? [] : [{ id: service.id, name: service.name, link: logs }]
    })
  )
  return compact({
    environment: environmentLink(place),
    deployments: deploymentsLink(place),
    deployment: deploymentLink(place, execution),
    serviceLogs: serviceLogs.length > 0 ? serviceLogs : undefined
  })
}

/**
 * What still waits, as the queue was last read (the report says when, if that was before the end):
 * each request once, but the target, the request that runs (a queue may list it first) and the one
 * that started next; a request whose cancel was sent after that read, and not refused, is not
 * counted. Undefined when the queue was not read, or could not be; and when a request runs that
 * no record names (the status names none, or names one its other records contradict): any row
 * could be the one that runs.
 */
export function stillWaiting(report: Report): WaitingRequest[] | undefined {
  if (report.queue === undefined) return undefined
  const running = runningNow(report)
  if (running === 'not named' && report.queue.length > 0) return undefined
  return waitingRows(report.queue, running === 'not named' ? undefined : running).filter(
    (request) =>
      request.id !== report.target?.id &&
      request.id !== report.startedNext &&
      (report.queueReadAfterCancel || (report.waitingCancels.get(request.id)?.accepted ?? false) === false)
  )
}

/** The request that runs as the last status read shows it, when it is named without doubt; 'not named' when one runs unnamed; undefined when none runs. */
function runningNow(report: Report): string | 'not named' | undefined {
  const status = report.status
  if (status === undefined || !isRunningState(status.state)) return undefined
  const services = report.deployment !== undefined && 'value' in report.deployment.statuses ? report.deployment.statuses.value : undefined
  const named = shownIdentity(status, services)
  if (named.id === undefined || named.disagreements.length > 0 || report.doubts.length > 0) return 'not named'
  return named.id
}
