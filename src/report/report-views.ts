/**
 * Readings of a run that several reports share: each service's end in the deployment the targeted
 * request ran, and the links into Qovery's console.
 */
import { deploymentLink, environmentLink } from './console-links.ts'
import type { Known, Report } from '../flow/run-state.ts'
import { type ServiceEnd, serviceEnds } from '../rules/service-ends.ts'

/**
 * The services of the deployment the targeted request ran: [] for a request canceled before it
 * ran (it touched none), why not known when the reads failed or its history entry lists them in a
 * shape that cannot be read (never none for a request that ran: those that could be read, when
 * some could), undefined where no deployment is in question (nothing was targeted, or it had
 * ended before the run).
 */
export function serviceEndsOf(report: Report): Known<ServiceEnd[]> | undefined {
  const target = report.target
  if (target === undefined || target.alreadyEnded !== undefined) return undefined
  if (target.via === 'queue' && target.fate !== undefined) return { value: [] }
  const deployment = report.deployment
  if (deployment === undefined) return undefined
  if ('unknown' in deployment.entry) return { unknown: deployment.entry.unknown }
  const statuses = 'value' in deployment.statuses ? deployment.statuses.value : undefined
  const { unreadable } = deployment.entry.value
  const ends = serviceEnds(deployment.entry.value, statuses, target.kind?.action)
  if (ends.length === 0 && unreadable !== undefined)
    return { unknown: `Qovery's deployment history lists them in a shape the action cannot read (${unreadable})` }
  return { value: ends }
}

/** What the targeted request's history entry lists that could not be read (see DeploymentHistoryEntry), if anything. */
export function unreadableServicesOf(report: Report): string | undefined {
  const entry = report.deployment?.entry
  return entry !== undefined && 'value' in entry ? entry.value.unreadable : undefined
}

/** Links into Qovery's console, when the ids they need are known. */
export interface ConsoleLinks {
  environment?: string
  /** The deployment the targeted request ran. */
  deployment?: string
}

/** The environment's page, and the targeted request's deployment page once it ran. */
export function consoleLinksOf(report: Report): ConsoleLinks {
  const details = report.environment !== undefined && 'value' in report.environment ? report.environment.value : undefined
  const place = {
    organizationId: report.resolved?.organization.id ?? details?.organizationId,
    projectId: report.resolved?.project.id ?? details?.projectId,
    environmentId: report.environmentId
  }
  const environment = environmentLink(place)
  const deployment = report.target?.via === 'environment' ? deploymentLink(place, report.target.executionId) : undefined
  return { ...(environment === undefined ? {} : { environment }), ...(deployment === undefined ? {} : { deployment }) }
}
