import type { Report } from './cancel-flow.ts'

/**
 * The step outputs of action.yml. outcome, canceled and canceled-request-ids are always set once the
 * inputs are valid, environment-id once the environment is known, deployment-request-id once a request is targeted, waiting-request-ids once the queue was read, and the status fields whenever
 * a status was read, failures included.
 */
export function outputsOf(report: Report): Record<string, string> {
  const status = report.status
  const outputs: Record<string, string> = {
    outcome: report.outcome,
    ...(report.environmentId === undefined ? {} : { 'environment-id': report.environmentId }),
    canceled: String(report.outcome === 'canceled'),
    ...(report.request?.id === undefined ? {} : { 'deployment-request-id': report.request.id }),
    'canceled-request-ids': JSON.stringify(report.canceledRequests),
    // Unknown, not empty, when the queue was never read.
    ...(report.waiting === undefined ? {} : { 'waiting-request-ids': JSON.stringify(report.waiting.map((request) => request.id)) })
  }
  if (status === undefined) return outputs
  return {
    ...outputs,
    state: status.state,
    'last-deployment-state': status.last_deployment_state,
    'last-deployment-id': text(status.last_deployment_id),
    'last-deployment-date': text(status.last_deployment_date),
    'total-deployment-duration-in-seconds': text(status.total_deployment_duration_in_seconds),
    'deployment-status': text(status.deployment_status),
    'status-json': JSON.stringify(status)
  }
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}

/** The outputs of action.yml that hold JSON, for fromJSON in later steps. */
export const JSON_OUTPUTS = ['canceled-request-ids', 'waiting-request-ids', 'status-json'] as const

/**
 * The outputs of a run that ended with no report: invalid inputs or the runner's environment
 * (nothing sent), or an unexpected error (whether a cancel was sent is not known). outcome is
 * failed, canceled false, and every JSON output `null`, which fromJSON reads, where an empty
 * value would fail the expression; the others stay unset.
 */
export function outputsWithoutReport(): Record<string, string> {
  return { outcome: 'failed', canceled: 'false', ...Object.fromEntries(JSON_OUTPUTS.map((name) => [name, 'null'])) }
}
