/**
 * Checks what the action claimed (its outputs, annotations and summary) against what truly
 * happened in the simulator (QoverySimulator.truth), in whatever world it ran. Pure. A claim that
 * says it does not know (outcome unknown, `null`, an empty string) is never false; it is listed as
 * not known. What is checked, claim by claim:
 * - `outcome`: canceled only if the targeted request ended CANCELED by the run's last call;
 *   finished only if it had ended by then in another final state; nothing-to-cancel only if,
 *   when the run first read the status (and the queue, or looked the named request up), nothing
 *   of a kind `actions` allows was running (or waiting); timed-out only if the target had not
 *   ended by the run's last status read or lookup (unless the cancel never got an answer, which
 *   timed-out also covers); requested only after a cancel answered 2xx, conflict only after one
 *   answered 409.
 * - `canceled`: true exactly when the outcome is canceled.
 * - `deployment-request-id`: a request of the environment; the one asked for, if one was; the one
 *   the run's environment cancel hit (the request running when it arrived), if one was hit.
 * - `deployment-request-action`: that request's trigger_action.
 * - `canceled-request-ids`: each ended CANCELED by the run's last call.
 * - `waiting-request-ids`: each was waiting when the run last read the queue (a request that ran
 *   then does not wait); a list with no read of the queue to rest on is false.
 * - `services`: once the target has ended, each service's state is its state in the target's
 *   deployment; [] only for a target that never ran (or ran no service).
 * - `console-url`: a deployment page names the target's execution id.
 * - every JSON output parses.
 * - the summary and the annotations: a sentence or a table row that says requests were canceled
 *   ("ended CANCELED", "was canceled", "were canceled", "been canceled", not negated by "not",
 *   "nothing", "never" or "whether"; or a row whose first cell names "canceled", such as "Also canceled") names, by
 *   their full ids, only requests that ended CANCELED by the run's last call. Nothing else in the
 *   prose is checked: its words are free to change.
 * The target is the request `deployment-request-id` names, else the one asked for, else the one
 * the run's first environment cancel hit, else the one request it canceled in the queue.
 */
import { type CallTruth, endedBy, type EnvironmentTruth, requestById, type RequestTruth, runningAt, waitingAt } from './ground-truth.ts'

export interface ActionClaims {
  /** The step outputs, by name. */
  outputs: Record<string, string>
  /** The annotations' messages (errors, warnings and notices). */
  annotations: string[]
  /** The job summary, Markdown. */
  summary: string
  /** The inputs the action was given, by name. */
  inputs: Record<string, string>
  /** When the run was (epoch ms): calls outside it are not the run's (default: every call about the environment). */
  window?: { from: number; to: number }
}

export interface ClaimVerdict {
  /** The false claims, one line each, such as `outcome canceled: d1000000-… ended DEPLOYED`. */
  falseClaims: string[]
  /** The claims left open: `outcome unknown`, `canceled-request-ids null`, `deployment-request-id empty`... */
  notKnown: string[]
}

/** What the checks need: the run's claims, the truth, the run's calls, its target, and when it ended. */
interface Evidence {
  claims: ActionClaims
  outputs: Record<string, string>
  truth: EnvironmentTruth
  calls: CallTruth[]
  target: RequestTruth | undefined
  /** The time of the run's last call (else of the truth). */
  end: number
}

/** The outputs action.yml declares as JSON (null when not known). */
const JSON_OUTPUTS = ['canceled-request-ids', 'waiting-request-ids', 'status-json', 'services'] as const

export function checkClaims(claims: ActionClaims, truth: EnvironmentTruth): ClaimVerdict {
  const calls = truth.calls.filter((call) => claims.window === undefined || (call.at >= claims.window.from && call.at <= claims.window.to))
  const partial = { claims, outputs: claims.outputs, truth, calls, end: calls.at(-1)?.at ?? truth.at }
  const evidence: Evidence = { ...partial, target: targetOf(partial) }
  const falseClaims = [
    ...outcomeClaims(evidence),
    ...requestClaims(evidence),
    ...canceledIdsClaims(evidence),
    ...waitingIdsClaims(evidence),
    ...servicesClaims(evidence),
    ...consoleUrlClaims(evidence),
    ...JSON_OUTPUTS.flatMap((name) => (parses(claims.outputs[name]) ? [] : [`${name}: not JSON: ${claims.outputs[name]}`])),
    ...proseClaims(evidence)
  ]
  return { falseClaims, notKnown: notKnown(claims.outputs) }
}

/** The claims the action left open. */
function notKnown(outputs: Record<string, string>): string[] {
  return [
    ...(outputs.outcome === 'unknown' ? ['outcome unknown'] : []),
    ...JSON_OUTPUTS.filter((name) => outputs[name] === 'null').map((name) => `${name} null`),
    ...(['deployment-request-id', 'deployment-request-action', 'console-url'] as const)
      .filter((name) => outputs[name] === '')
      .map((name) => `${name} empty`)
  ]
}

/** See the target in the module's comment. */
function targetOf(evidence: Omit<Evidence, 'target'>): RequestTruth | undefined {
  const named = evidence.outputs['deployment-request-id'] || evidence.claims.inputs['deployment-request-id']
  if (named) return requestById(evidence.truth, named)
  const hit = firstHit(evidence)
  if (hit !== undefined) return hit
  const inQueue = new Set(
    evidence.calls
      .filter((call) => call.kind === 'cancel-request' && call.requestId !== undefined)
      .map((call) => requestById(evidence.truth, call.requestId!))
  )
  return inQueue.size === 1 ? [...inQueue][0] : undefined
}

/** The request the run's first environment cancel that found one running hit. */
function firstHit(evidence: Omit<Evidence, 'target'>): RequestTruth | undefined {
  const records = new Set(evidence.calls.map((call) => call.record))
  const hit = evidence.truth.environmentCancels.find((cancel) => records.has(cancel.record) && cancel.hit !== null)?.hit
  return hit == null ? undefined : requestById(evidence.truth, hit)
}

/** `outcome`, and `canceled` against it. */
function outcomeClaims(evidence: Evidence): string[] {
  const { outcome, canceled } = evidence.outputs
  const flag =
    canceled === undefined || canceled === String(outcome === 'canceled') ? [] : [`canceled: ${canceled} with outcome ${outcome}`]
  return [...flag, ...(OUTCOME_CHECKS[outcome ?? '']?.(evidence) ?? [])]
}

/** For each outcome that can be false, why it is (unknown, interrupted, failed and invalid-input never are). */
const OUTCOME_CHECKS: Record<string, (evidence: Evidence) => string[]> = {
  canceled: ({ target, end }) =>
    target !== undefined && !(target.canceled && endedBy(target, end))
      ? [`outcome canceled: ${target.id} ${describeEnd(target, end)}`]
      : [],
  finished: ({ target, end }) =>
    target !== undefined && (target.canceled || !endedBy(target, end))
      ? [`outcome finished: ${target.id} ${describeEnd(target, end)}`]
      : [],
  'nothing-to-cancel': (evidence) => nothingToCancelClaims(evidence),
  'timed-out': (evidence) => timedOutClaims(evidence),
  requested: (evidence) =>
    answered(evidence, (answer) => answer >= 200 && answer < 300) ? [] : ['outcome requested: no cancel was answered 2xx'],
  conflict: (evidence) => (answered(evidence, (answer) => answer === 409) ? [] : ['outcome conflict: no cancel was answered 409'])
}

/** `ended DEPLOYED`, `ended CANCELED only after the run`, `had not ended`. */
function describeEnd(request: RequestTruth, end: number): string {
  if (request.end === undefined) return request.ran ? 'had not ended (running)' : 'had not ended (waiting)'
  return endedBy(request, end) ? `ended ${request.end}` : `ended ${request.end} only after the run's last call`
}

/** Some cancel of the run (of the environment or of a request) got an HTTP answer that `matches`. */
function answered(evidence: Evidence, matches: (answer: number) => boolean): boolean {
  return evidence.calls.some(
    (call) => (call.kind === 'cancel' || call.kind === 'cancel-request') && typeof call.answer === 'number' && matches(call.answer)
  )
}

function nothingToCancelClaims(evidence: Evidence): string[] {
  const { claims, truth, calls } = evidence
  const firstOf = (...kinds: string[]) => calls.find((call) => kinds.includes(call.kind))?.at
  const statusAt = firstOf('status')
  if (statusAt === undefined) return []
  const named = claims.inputs['deployment-request-id']
  const candidates = named ? [requestById(truth, named)].filter((request) => request !== undefined) : truth.requests
  const waitingSeenAt = named ? firstOf('queue', 'lookup') : firstOf('queue')
  const allowed = allowedKinds(claims.inputs.actions)
  const running = candidates.find((request) => allowed(request.kind) && runningAt(request, statusAt))
  const waiting = candidates.find((request) => allowed(request.kind) && waitingSeenAt !== undefined && waitingAt(request, waitingSeenAt))
  return [
    ...(running ? [`outcome nothing-to-cancel: ${running.id} (${running.kind}) was running when the status was first read`] : []),
    ...(waiting ? [`outcome nothing-to-cancel: ${waiting.id} (${waiting.kind}) was waiting when the queue was first read`] : [])
  ]
}

function timedOutClaims(evidence: Evidence): string[] {
  const { target, calls } = evidence
  if (target === undefined) return []
  const cancels = calls.filter((call) => call.kind === 'cancel' || call.kind === 'cancel-request')
  // Timed out before the cancel got an answer: the outcome says that much, whatever the request did.
  if (cancels.length > 0 && !cancels.some((call) => typeof call.answer === 'number' && call.answer < 500 && call.answer !== 429)) return []
  const lastRead = calls.filter((call) => call.kind === 'status' || call.kind === 'lookup').at(-1)?.at
  return lastRead !== undefined && endedBy(target, lastRead)
    ? [`outcome timed-out: ${target.id} had ended ${target.end} by the last read`]
    : []
}

/** deployment-request-id and deployment-request-action. */
function requestClaims(evidence: Evidence): string[] {
  const { outputs, truth, claims } = evidence
  const id = outputs['deployment-request-id']
  const action = outputs['deployment-request-action']
  const request = id ? requestById(truth, id) : evidence.target
  const hit = firstHit(evidence)
  const named = claims.inputs['deployment-request-id']
  const problems = []
  if (id && request === undefined) problems.push(`deployment-request-id: ${id} is no request of the environment`)
  if (id && request !== undefined && named && requestById(truth, named) !== request)
    problems.push(`deployment-request-id: ${id}, not ${named} asked for`)
  if (id && request !== undefined && hit !== undefined && hit !== request)
    problems.push(`deployment-request-id: ${id}, but the environment cancel hit ${hit.id}`)
  if (action && request !== undefined && request.kind !== action)
    problems.push(`deployment-request-action: ${action}, but ${request.id} is a ${request.kind}`)
  return problems
}

function canceledIdsClaims(evidence: Evidence): string[] {
  const ids = jsonIds(evidence.outputs['canceled-request-ids'])
  return (ids ?? []).flatMap((id) => {
    const request = requestById(evidence.truth, id)
    if (request === undefined) return [`canceled-request-ids: ${id} is no request of the environment`]
    return request.canceled && endedBy(request, evidence.end) ? [] : [`canceled-request-ids: ${id} ${describeEnd(request, evidence.end)}`]
  })
}

function waitingIdsClaims(evidence: Evidence): string[] {
  const ids = jsonIds(evidence.outputs['waiting-request-ids'])
  if (ids === undefined) return []
  const lastQueueRead = evidence.calls.filter((call) => call.kind === 'queue' && call.answer === 200).at(-1)?.at
  if (lastQueueRead === undefined) return [`waiting-request-ids: ${JSON.stringify(ids)} without a read of the queue`]
  return ids.flatMap((id) => {
    const request = requestById(evidence.truth, id)
    if (request === undefined) return [`waiting-request-ids: ${id} is no request of the environment`]
    if (waitingAt(request, lastQueueRead)) return []
    return [`waiting-request-ids: ${id} was ${runningAt(request, lastQueueRead) ? 'running' : 'not waiting'} at the last read of the queue`]
  })
}

function servicesClaims(evidence: Evidence): string[] {
  const { target, outputs, end } = evidence
  let services: unknown
  try {
    services = JSON.parse(outputs.services ?? 'null')
  } catch {
    return []
  }
  if (!Array.isArray(services) || target === undefined) return []
  const known = Object.keys(target.services)
  if (services.length === 0) return target.ran && known.length > 0 ? [`services: [], but ${target.id} ran ${known.length} services`] : []
  if (!target.ran) return [`services: ${services.length} listed, but ${target.id} never ran`]
  if (!endedBy(target, end)) return []
  return (services as Array<{ id?: string; state?: string }>).flatMap((service) => {
    const truly = service.id === undefined ? undefined : target.services[service.id]
    return truly === service.state ? [] : [`services: ${service.id} ${service.state}, but it is ${truly ?? 'not in the deployment'}`]
  })
}

function consoleUrlClaims(evidence: Evidence): string[] {
  const executionId = /\/deployment\/([^/?#]+)$/.exec(evidence.outputs['console-url'] ?? '')?.[1]
  const target = evidence.target
  if (executionId === undefined || target === undefined) return []
  const named = decodeURIComponent(executionId)
  return named === target.executionId
    ? []
    : [`console-url: deployment ${named}, but ${target.id}'s execution is ${target.executionId ?? 'none (it never ran)'}`]
}

/** A sentence or a table row that says the requests it names were canceled (see the module's comment). */
const SAYS_CANCELED = /\b(?:ended|was|were|been) canceled\b/i
const NEGATED = /\b(?:not|nothing|never|whether)\b/i
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

function proseClaims(evidence: Evidence): string[] {
  const { claims, truth, end } = evidence
  const units = [claims.summary, ...claims.annotations].flatMap((text) =>
    text.split('\n').flatMap((line) => (line.trimStart().startsWith('|') ? [line] : line.split(/(?<=[.!?])\s+(?=[A-Z])/)))
  )
  const saysCanceled = (unit: string) =>
    (SAYS_CANCELED.test(unit) && !NEGATED.test(unit)) ||
    /canceled/i.test(unit.trimStart().startsWith('|') ? (unit.split('|')[1] ?? '') : '')
  return units.filter(saysCanceled).flatMap((unit) =>
    [...new Set(unit.match(UUID) ?? [])].flatMap((id) => {
      const request = requestById(truth, id)
      return request === undefined || (request.canceled && endedBy(request, end))
        ? []
        : [`"${unit.trim()}": ${request.id} ${describeEnd(request, end)}`]
    })
  )
}

/** The trigger_action values the `actions` input allows (see action.yml), as a test. */
function allowedKinds(actions: string | undefined): (kind: string) => boolean {
  const names = (actions || 'deploy').split(/[,\n]/).map((name) => name.trim().toLowerCase())
  if (names.includes('all')) return () => true
  const families: Record<string, string[]> = {
    deploy: ['DEPLOY', 'DEPLOY_DRY_RUN'],
    restart: ['RESTART'],
    stop: ['STOP'],
    delete: ['DELETE', 'DELETE_RESOURCES_ONLY', 'UNINSTALL']
  }
  const kinds = new Set(names.flatMap((name) => families[name] ?? []))
  return (kind) => kinds.has(kind)
}

/** The ids of a JSON array output; undefined for null, a missing output or one that does not parse (checked apart). */
function jsonIds(text: string | undefined): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text ?? 'null')
    return Array.isArray(value) ? value.map(String) : undefined
  } catch {
    return undefined
  }
}

function parses(text: string | undefined): boolean {
  if (text === undefined) return true
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
