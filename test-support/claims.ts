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
 * - the summary's details table: `Request` "was running" only if the target had started by the
 *   run's last cancel (or its last call, without one) and had not ended before the first status
 *   read, "was waiting in the queue" only if it had not started by the first read of the queue;
 *   `How it ended` with a state only if the target had ended in that state by the run's last
 *   call; `Still waiting` only requests waiting at the run's last read of the queue.
 * - started next: a request the summary says "started once it ended" (by its full id) started
 *   once the target had ended, by the run's last call; a sentence that says a request "started
 *   once", "started next" or "now runs" without an id needs such a request to exist (and "now
 *   runs", one still running at the run's last status read).
 * - still waiting: a sentence that says "N requests still wait" (or "a restart still waits")
 *   needs at least N requests waiting at the run's last read of the queue (merged ids count once).
 * - the timeline: a row that shows a request (by the first 8 characters of its id) in a state in
 *   progress says the request was in progress then: false if it had ended over a second before
 *   the row's time (shown to the second), or was not known until over a second after it; one
 *   that says the state lasted "so far" says the request was still in it when the run ended:
 *   false if it had ended by the run's last status read or lookup.
 * - the summary and the annotations: a sentence or a table row that says requests were canceled
 *   ("ended CANCELED", "was canceled", "were canceled", "been canceled", not negated by "not",
 *   "nothing", "never" or "whether"; or a row whose first cell names "canceled", such as "Also canceled") names, by
 *   their full ids, only requests that ended CANCELED by the run's last call. Nothing else in the
 *   prose is checked: its words are free to change.
 * The target is the request `deployment-request-id` names, else the one asked for, else the one
 * the run's first environment cancel hit, else the one request it canceled in the queue.
 */
import { type CallTruth, endedBy, type EnvironmentTruth, requestById, type RequestTruth, runningAt, waitingAt } from './ground-truth.ts'
import { isFinalState } from '../src/rules/states.ts'
import { JSON_OUTPUTS } from '../src/report/outputs.ts'

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
    ...proseClaims(evidence),
    ...detailRowClaims(evidence),
    ...startedNextClaims(evidence),
    ...stillWaitsClaims(evidence),
    ...timelineClaims(evidence)
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
  return ids === undefined ? [] : waitingClaims(evidence, 'waiting-request-ids', ids)
}

/** Each of `ids` was waiting when the run last read the queue; `what` names the claim. */
function waitingClaims(evidence: Evidence, what: string, ids: string[]): string[] {
  const lastQueueRead = lastQueueReadAt(evidence)
  if (lastQueueRead === undefined) return [`${what}: ${JSON.stringify(ids)} without a read of the queue`]
  return ids.flatMap((id) => {
    const request = requestById(evidence.truth, id)
    if (request === undefined) return [`${what}: ${id} is no request of the environment`]
    if (waitingAt(request, lastQueueRead)) return []
    return [`${what}: ${id} was ${runningAt(request, lastQueueRead) ? 'running' : 'not waiting'} at the last read of the queue`]
  })
}

/** When the run last read the queue and got it (200). */
function lastQueueReadAt(evidence: Evidence): number | undefined {
  return evidence.calls.filter((call) => call.kind === 'queue' && call.answer === 200).at(-1)?.at
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
const UUID_ONE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

function proseClaims(evidence: Evidence): string[] {
  const { claims, truth, end } = evidence
  const units = proseUnits(claims)
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

/** The summary's details table: the Request, How it ended and Still waiting rows (see the module's comment). */
function detailRowClaims(evidence: Evidence): string[] {
  const { claims, target, calls, end } = evidence
  const problems: string[] = []
  const firstAt = (kind: string) => calls.find((call) => call.kind === kind)?.at
  const requestRow = tableRow(claims.summary, 'Request')
  if (requestRow !== undefined && target !== undefined) {
    // A waiting target that started before its cancel took is canceled again where it runs: the last cancel counts.
    const decidedBy = calls.filter((call) => call.kind === 'cancel' || call.kind === 'cancel-request').at(-1)?.at ?? end
    const firstStatus = firstAt('status')
    const firstQueue = firstAt('queue')
    if (/· was running$/.test(requestRow)) {
      if (target.startedAt === undefined || target.startedAt > decidedBy)
        problems.push(`Request row "was running": ${target.id} had not started by the ${decidedBy === end ? "run's end" : 'cancel'}`)
      else if (firstStatus !== undefined && target.endedAt !== undefined && target.endedAt < firstStatus)
        problems.push(`Request row "was running": ${target.id} had ended ${target.end} before the first status read`)
    }
    if (/· was waiting in the queue$/.test(requestRow) && firstQueue !== undefined && !waitingAt(target, firstQueue))
      problems.push(
        `Request row "was waiting in the queue": ${target.id} was ${describeAt(target, firstQueue)} at the first read of the queue`
      )
  }
  const endRow = /^`([A-Z_]+)`: /.exec(tableRow(claims.summary, 'How it ended') ?? '')
  if (endRow !== null && target !== undefined && !(endedBy(target, end) && target.end === endRow[1]))
    problems.push(`How it ended row ${endRow[1]}: ${target.id} ${describeEnd(target, end)}`)
  const waitingRow = tableRow(claims.summary, 'Still waiting')
  if (waitingRow !== undefined && !waitingRow.startsWith('not known'))
    problems.push(...waitingClaims(evidence, 'Still waiting row', [...new Set(waitingRow.match(UUID) ?? [])]))
  return problems
}

/** `running`, `waiting`, `ended CANCELED`, `not known yet`: where a request was at `at`. */
function describeAt(request: RequestTruth, at: number): string {
  if (endedBy(request, at)) return `ended ${request.end}`
  if (runningAt(request, at)) return 'running'
  return waitingAt(request, at) ? 'waiting' : 'not known yet'
}

/** A request said to have started once the target had ended: by its id in the summary, or unnamed in a sentence. */
function startedNextClaims(evidence: Evidence): string[] {
  const { claims, truth, target, end, calls } = evidence
  if (target === undefined) return []
  const startedAfter = (request: RequestTruth) =>
    request !== target &&
    request.startedAt !== undefined &&
    request.startedAt <= end &&
    target.endedAt !== undefined &&
    request.startedAt >= target.endedAt
  const named = [...claims.summary.matchAll(/the status names request `([0-9a-f-]{36})`, which started once it ended/gi)].flatMap(
    ([, id]) => {
      const request = requestById(truth, id!)
      if (request === undefined) return [`started next: ${id} is no request of the environment`]
      return startedAfter(request)
        ? []
        : [`started next: ${id} did not start once ${target.id} had ended (${target.id} ${describeEnd(target, end)})`]
    }
  )
  const lastStatus = calls.filter((call) => call.kind === 'status').at(-1)?.at ?? end
  const unnamed = proseUnits(claims)
    .filter((unit) => /\b(?:started once|started next|now runs)\b/i.test(unit) && !UUID_ONE.test(unit))
    .flatMap((unit) => {
      const started = truth.requests.filter(startedAfter)
      if (started.length === 0) return [`"${unit.trim()}": no request started once ${target.id} had ended (${describeEnd(target, end)})`]
      if (/\bnow runs\b/i.test(unit) && !started.some((request) => runningAt(request, lastStatus)))
        return [`"${unit.trim()}": no request that started once ${target.id} had ended still ran at the last status read`]
      return []
    })
  return [...named, ...unnamed]
}

/** "2 requests still wait", "a restart still waits": at least that many waited at the last read of the queue. */
function stillWaitsClaims(evidence: Evidence): string[] {
  const lastQueueRead = lastQueueReadAt(evidence)
  return proseUnits(evidence.claims).flatMap((unit) => {
    const said = /\b(\d+|an?|one) (?:[a-z]+ )?(?:\([^)]*\) )?requests? still waits?\b|\b(an?) [a-z]+ (?:\([^)]*\) )?still waits\b/i.exec(
      unit
    )
    if (said === null) return []
    const word = (said[1] ?? said[2])!.toLowerCase()
    const count = /^\d+$/.test(word) ? Number(word) : 1
    if (lastQueueRead === undefined) return [`"${unit.trim()}": without a read of the queue`]
    const waiting = evidence.truth.requests.filter((request) => waitingAt(request, lastQueueRead)).length
    return waiting >= count ? [] : [`"${unit.trim()}": ${waiting} waited at the last read of the queue`]
  })
}

/** The summary's timeline rows: a state in progress shown for a request that was not in progress then, or no longer at the end. */
function timelineClaims(evidence: Evidence): string[] {
  const { claims, truth, calls } = evidence
  const date = /^#+ Timeline \((\d{4}-\d\d-\d\d), UTC\)$/m.exec(claims.summary)?.[1]
  if (date === undefined) return []
  const lastRead = calls.filter((call) => call.kind === 'status' || call.kind === 'lookup').at(-1)?.at
  const rows = [
    ...claims.summary.matchAll(/^\| (?:(\d{4}-\d\d-\d\d) )?(\d\d:\d\d:\d\d) \| `([A-Z_]+)` \| `([0-9a-f-]{1,8})` \| (.+) \|$/gm)
  ]
  return rows.flatMap(([row, day, time, state, short, lasted]) => {
    if (isFinalState(state!)) return []
    const matching = truth.requests.filter((request) => request.id.startsWith(short!))
    if (matching.length !== 1) return []
    const request = matching[0]!
    const at = Date.parse(`${day ?? date}T${time}Z`)
    const problems: string[] = []
    if (request.endedAt !== undefined && request.endedAt < at - 1000)
      problems.push(`timeline "${row}": ${request.id} had ended ${request.end} before then`)
    if (request.knownFrom > at + 2000) problems.push(`timeline "${row}": ${request.id} was not known then`)
    if (/( so far| up to the last read)$/.test(lasted!) && lastRead !== undefined && endedBy(request, lastRead))
      problems.push(`timeline "${row}": ${request.id} had ended ${request.end} by the last read`)
    // One claim a row: the first reason it is false.
    return problems.slice(0, 1)
  })
}

/** The value of a row of the summary's details table. */
function tableRow(summary: string, name: string): string | undefined {
  return new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm').exec(summary)?.[1]
}

/** The summary's and the annotations' sentences, and its table rows, one unit each. */
function proseUnits(claims: ActionClaims): string[] {
  return [claims.summary, ...claims.annotations].flatMap((text) =>
    text.split('\n').flatMap((line) => (line.trimStart().startsWith('|') ? [line] : line.split(/(?<=[.!?])\s+(?=[A-Z])/)))
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
