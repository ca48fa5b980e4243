/**
 * The step outputs of action.yml, set on every path: a string output is empty when not known, a
 * JSON output holds `null` when not known and `[]` only when known to be empty, so that
 * `fromJSON(...)` works whatever happened.
 */
import type { Outcome } from '../rules/outcome.ts'
import { consoleLinksOf, serviceEndsOf, stillWaiting } from './report-views.ts'
import type { Report } from '../flow/run.ts'
import { isKnownEnd } from '../rules/deployment-request.ts'
import { isCanceled } from '../rules/states.ts'

/** Every output action.yml declares, in its order. */
export const OUTPUT_NAMES = [
  'outcome',
  'canceled',
  'state',
  'last-deployment-state',
  'last-deployment-id',
  'last-deployment-date',
  'deployment-request-id',
  'deployment-request-action',
  'canceled-request-ids',
  'waiting-request-ids',
  'total-deployment-duration-in-seconds',
  'deployment-status',
  'environment-id',
  'status-json',
  'services',
  'console-url'
] as const

/** The outputs holding JSON. */
export const JSON_OUTPUTS: ReadonlyArray<(typeof OUTPUT_NAMES)[number]> = [
  'canceled-request-ids',
  'waiting-request-ids',
  'status-json',
  'services'
]

export type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>

/**
 * The outputs of a run that learned nothing (invalid inputs, or an unexpected error): the outcome,
 * canceled false, empty strings, and `null` in every JSON output, which fromJSON reads where an
 * empty value would fail the expression.
 */
export function outputsWithout(outcome: Outcome): Outputs {
  const outputs = Object.fromEntries(OUTPUT_NAMES.map((name) => [name, JSON_OUTPUTS.includes(name) ? 'null' : ''])) as Outputs
  return { ...outputs, outcome, canceled: 'false' }
}

/** The outputs of a run, from what it learned. */
export function outputsOf(report: Report): Outputs {
  const status = report.status
  const waiting = stillWaiting(report)
  const services = serviceEndsOf(report)
  const links = consoleLinksOf(report)
  // The request acted on, else the one left alone for its kind.
  const request = report.target ?? report.passedOver[0]
  return {
    ...outputsWithout(report.outcome),
    canceled: String(report.outcome === 'canceled'),
    'environment-id': report.environmentId ?? '',
    'deployment-request-id': request?.id ?? '',
    'deployment-request-action': request?.kind?.action ?? '',
    'canceled-request-ids': JSON.stringify(canceledRequestIds(report)),
    'waiting-request-ids': JSON.stringify(waiting === undefined ? null : waiting.map((request) => request.id)),
    services: JSON.stringify(
      services === undefined || 'unknown' in services
        ? null
        : services.value.map(({ id, name, type, stage, state }) => ({ id, name, type, stage, state }))
    ),
    'console-url': links.deployment ?? links.environment ?? '',
    ...(status === undefined
      ? {}
      : {
          state: status.state,
          'last-deployment-state': status.last_deployment_state,
          'last-deployment-id': text(status.last_deployment_id),
          'last-deployment-date': text(status.last_deployment_date),
          'total-deployment-duration-in-seconds': text(status.total_deployment_duration_in_seconds),
          'deployment-status': text(status.deployment_status),
          'status-json': JSON.stringify(status)
        })
  }
}

/**
 * The requests seen to end CANCELED; null when a request the action canceled may have been, and
 * the action cannot say which: its cancel was sent and its end not seen, it ended and how is not
 * known, its id is not known, a waiting request's accepted cancel was never confirmed by a read
 * of the queue, or a waiting request's cancel was sent with no answer and the request was not seen
 * still waiting after it.
 */
function canceledRequestIds(report: Report): readonly string[] | null {
  const target = report.target
  const sent = report.cancel?.sentAt !== undefined && report.cancel.refusedWith === undefined
  if (sent && target?.fate === undefined) return null
  if (target?.fate !== undefined && (target.fate.state === undefined || !isKnownEnd(target.fate.state))) return null
  if (target?.fate?.state !== undefined && isCanceled(target.fate.state) && target.id === undefined) return null
  const readAfter = report.queue !== undefined && report.queueReadAfterCancel ? report.queue : undefined
  for (const [id, answer] of report.waitingCancels) {
    if (answer.accepted === false || report.canceledRequests.includes(id)) continue
    // Accepted: the queue read after it tells. Sent with no answer: only still waiting tells (it was not).
    const told = answer.accepted ? readAfter !== undefined : readAfter?.some((request) => request.id === id) === true
    if (!told) return null
  }
  return report.canceledRequests
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value)
}
