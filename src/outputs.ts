import type { Report } from './cancel-flow.ts'
import { isCanceled } from './states.ts'

/**
 * The step outputs of action.yml. outcome and canceled are always set once the inputs are
 * valid, environment-id once the environment is known, and the status fields whenever a status
 * was read, failures included.
 */
export function outputsOf(report: Report): Record<string, string> {
  const status = report.status
  const outputs: Record<string, string> = {
    outcome: report.outcome,
    ...(report.environmentId === undefined ? {} : { 'environment-id': report.environmentId }),
    canceled: String(status !== undefined && isCanceled(status.state))
  }
  if (status === undefined) return outputs
  return {
    ...outputs,
    state: status.state,
    'last-deployment-state': status.last_deployment_state,
    'last-deployment-id': text(status.last_deployment_id),
    'last-deployment-date': text(status.last_deployment_date),
    'deployment-request-id': text(status.deployment_request_id),
    'total-deployment-duration-in-seconds': text(status.total_deployment_duration_in_seconds),
    'deployment-status': text(status.deployment_status),
    'status-json': JSON.stringify(status)
  }
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}
