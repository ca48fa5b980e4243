import type { Dispatcher } from 'undici'
import { type Fault, RequestFailed } from './faults.ts'
import { Interrupted } from '../util/interrupted.ts'
import { ACCEPTED_ENCODINGS, decoding, limitFault } from './answer-limits.ts'
import type * as Records from '../rules/qovery-records.ts'
import { environmentDetails, historyEntry, isHistoryEntry, serviceStatuses } from './bodies.ts'

export const STATUS_REQUIRED_FIELDS = ['id', 'state', 'last_deployment_state'] as const

/**
 * Any 2xx accepts a cancel, whatever its body: sending it again could cancel what came next.
 * The environment cancel's body is an EnvironmentStatus when it is one.
 */
export type CancelAnswer = { accepted: true; httpStatus: number; status?: Records.EnvironmentStatus } | { accepted: false; detail?: string }

/** What the action needs from Qovery; tests can stand in for it. */
export interface QoveryApi {
  getStatus(environmentId: string, signal: AbortSignal): Promise<Records.EnvironmentStatus>
  /** 202: accepted, with a status. 409 ("already cancelled or an operation is in progress"): not accepted. */
  cancelDeployment(environmentId: string, force: boolean, signal: AbortSignal): Promise<CancelAnswer>
  /** The requests waiting their turn, in order. */
  getQueue(environmentId: string, signal: AbortSignal): Promise<Records.WaitingRequest[]>
  /** One request's state; a 404 is an answer (Qovery does not know it), not a failure. */
  getRequestStatus(deploymentRequestId: string, signal: AbortSignal): Promise<Records.RequestLookup>
  /** Cancels one waiting request: 202 with no body, or 409. */
  cancelRequest(deploymentRequestId: string, signal: AbortSignal): Promise<CancelAnswer>
  listOrganizations(signal: AbortSignal): Promise<Records.Named[]>
  listProjects(organizationId: string, signal: AbortSignal): Promise<Records.Named[]>
  listEnvironments(projectId: string, signal: AbortSignal): Promise<Records.Named[]>
  /** The environment's name, organization and project (`GET /environment/{id}`, getEnvironment). */
  getEnvironment(environmentId: string, signal: AbortSignal): Promise<Records.EnvironmentDetails>
  /** Each service's state now (`GET /environment/{id}/statuses`, getEnvironmentStatuses), list by list. */
  getServiceStatuses(environmentId: string, signal: AbortSignal): Promise<Records.ServiceStatus[]>
  /** The last `pageSize` deployments, newest first (`GET /environment/{id}/deploymentHistoryV2`, listEnvironmentDeploymentHistoryV2). */
  getDeploymentHistory(environmentId: string, pageSize: number, signal: AbortSignal): Promise<Records.DeploymentHistoryEntry[]>
  /** Requests sent so far, failed ones included. */
  readonly requestCount: number
}

export interface ClientOptions {
  baseUrl: URL
  authorization: string
  requestTimeoutMs: number
  /** When the timeout input runs out: no request outlives it. */
  deadline: number
  /** Built with connectionLimits() (answer-limits.ts); the client decodes compressed bodies itself. */
  dispatcher: Dispatcher
  userAgent: string
  debug: (line: string) => void
  now: () => number
}

interface Answer {
  /** Method and path, such as `GET /environment/<id>/status`, for messages. */
  request: string
  status: number
  text: string
  retryAfter?: string
}

/**
 * The one HTTP client of the Qovery API: one attempt per call, faults as RequestFailed. It asks
 * for compressed answers and decodes them, within the caps of answer-limits.ts.
 */
export class QoveryClient implements QoveryApi {
  #sent = 0
  /** Whether the API has answered any request yet: a host that does not resolve before then is likely a wrong one. */
  #answered = false
  readonly #dispatcher: Dispatcher
  private readonly options: ClientOptions

  constructor(options: ClientOptions) {
    this.options = options
    this.#dispatcher = decoding(options.dispatcher)
  }

  get requestCount(): number {
    return this.#sent
  }

  async getStatus(environmentId: string, signal: AbortSignal): Promise<Records.EnvironmentStatus> {
    return parseStatus(await this.read(`environment/${encodeURIComponent(environmentId)}/status`, signal))
  }

  listOrganizations(signal: AbortSignal): Promise<Records.Named[]> {
    return this.list('organization', signal)
  }

  listProjects(organizationId: string, signal: AbortSignal): Promise<Records.Named[]> {
    return this.list(`organization/${encodeURIComponent(organizationId)}/project`, signal)
  }

  listEnvironments(projectId: string, signal: AbortSignal): Promise<Records.Named[]> {
    return this.list(`project/${encodeURIComponent(projectId)}/environment`, signal)
  }

  async cancelDeployment(environmentId: string, force: boolean, signal: AbortSignal): Promise<CancelAnswer> {
    const path = `environment/${encodeURIComponent(environmentId)}/cancelDeployment`
    const answer = await this.send('POST', path, JSON.stringify({ force_cancel: force }), signal)
    const verdict = cancelVerdict(answer)
    if (!verdict.accepted) return verdict
    const status = statusOrUndefined(answer)
    return status === undefined ? verdict : { ...verdict, status }
  }

  async cancelRequest(deploymentRequestId: string, signal: AbortSignal): Promise<CancelAnswer> {
    const answer = await this.send('POST', `deploymentQueue/${encodeURIComponent(deploymentRequestId)}/cancelDeployment`, '{}', signal)
    return cancelVerdict(answer)
  }

  async getQueue(environmentId: string, signal: AbortSignal): Promise<Records.WaitingRequest[]> {
    const answer = await this.read(`environment/${encodeURIComponent(environmentId)}/deploymentQueue`, signal)
    return resultsOf(
      answer,
      (item) => typeof field(item, 'identifier', 'deployment_request_id') === 'string',
      'not a list of queued requests with identifier.deployment_request_id'
    ).map(waitingRequest)
  }

  async getRequestStatus(deploymentRequestId: string, signal: AbortSignal): Promise<Records.RequestLookup> {
    const answer = await this.send(
      'GET',
      `environment/deploymentStatus?deploymentRequestId=${encodeURIComponent(deploymentRequestId)}`,
      undefined,
      signal
    )
    // 404: Qovery does not know the request. 405 or 501: no lookup here (a proxy, an older API).
    if (NO_ANSWER_FROM_LOOKUP.includes(answer.status)) {
      const detail = errorDetail(answer.text)
      return { found: false, detail: `HTTP ${answer.status}${detail === undefined ? '' : `: ${detail}`}` }
    }
    if (answer.status !== 200) throw httpFailure(answer)
    // Every field of EnvDeploymentStatus is optional: an answer without a state tells nothing.
    const body = parseJson(answer) as { status?: unknown; environment_id?: unknown } | null
    const state = body?.status
    if (typeof state !== 'string' || state === '') {
      throw new RequestFailed(
        { kind: 'bad-body', status: answer.status, reason: 'not an EnvDeploymentStatus with a status' },
        answer.request
      )
    }
    const environmentId = body?.environment_id
    return typeof environmentId === 'string' && environmentId !== '' ? { found: true, state, environmentId } : { found: true, state }
  }

  /**
   * `GET /environment/{id}` (getEnvironment), read by environmentDetails. A body without id,
   * name, organization.id and project.id is a bad-body RequestFailed; an HTTP error, an 'http' one.
   */
  async getEnvironment(environmentId: string, signal: AbortSignal): Promise<Records.EnvironmentDetails> {
    const answer = await this.read(`environment/${encodeURIComponent(environmentId)}`, signal)
    const details = environmentDetails(parseJson(answer))
    if (details === undefined) throw badBody(answer, 'not an Environment with id, name, organization.id and project.id')
    return details
  }

  /**
   * `GET /environment/{id}/statuses` (getEnvironmentStatuses), read by serviceStatuses: each service,
   * typed by its list. A list that is not one, or an item without id and state, is a bad body.
   */
  async getServiceStatuses(environmentId: string, signal: AbortSignal): Promise<Records.ServiceStatus[]> {
    const answer = await this.read(`environment/${encodeURIComponent(environmentId)}/statuses`, signal)
    const statuses = serviceStatuses(parseJson(answer))
    if (statuses === undefined) throw badBody(answer, 'not EnvironmentStatuses with lists of statuses with id and state')
    return statuses
  }

  /**
   * `GET /environment/{id}/deploymentHistoryV2?pageSize=N` (listEnvironmentDeploymentHistoryV2): the last `pageSize`
   * deployments (a whole number from 1), newest first as Qovery lists them, read by historyEntry.
   * An entry without identifier.execution_id or status is a bad body; inside one, what cannot be
   * read is left out.
   */
  async getDeploymentHistory(environmentId: string, pageSize: number, signal: AbortSignal): Promise<Records.DeploymentHistoryEntry[]> {
    const path = `environment/${encodeURIComponent(environmentId)}/deploymentHistoryV2?pageSize=${encodeURIComponent(String(pageSize))}`
    const answer = await this.read(path, signal)
    return resultsOf(answer, isHistoryEntry, 'not a list of deployments with identifier.execution_id and status').map(historyEntry)
  }

  /** A GET that must answer 200: any other status is an HTTP fault. */
  private async read(path: string, signal: AbortSignal): Promise<Answer> {
    const answer = await this.send('GET', path, undefined, signal)
    if (answer.status !== 200) throw httpFailure(answer)
    return answer
  }

  private async send(method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal): Promise<Answer> {
    const url = new URL(path, this.options.baseUrl)
    const label = `${method} ${url.pathname}`
    if (signal.aborted) throw stopped(signal, false)
    const started = this.options.now()
    // No request leaves once the timeout input has run out, whoever asks for it.
    if (started >= this.options.deadline) throw new RequestFailed({ kind: 'timeout', afterMs: 0, atDeadline: true, notSent: true }, label)
    const limitMs = Math.min(this.options.requestTimeoutMs, this.options.deadline - started)
    const timeout = AbortSignal.timeout(limitMs)
    this.#sent += 1
    try {
      const response = await this.#dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method,
        signal: AbortSignal.any([signal, timeout]),
        headers: {
          authorization: this.options.authorization,
          accept: 'application/json',
          'accept-encoding': ACCEPTED_ENCODINGS,
          'user-agent': this.options.userAgent,
          ...(body === undefined ? {} : { 'content-type': 'application/json' })
        },
        ...(body === undefined ? {} : { body })
      })
      this.#answered = true
      const text = await this.#bodyOf(response, method, label)
      this.options.debug(`${label} -> ${response.statusCode} in ${this.options.now() - started}ms`)
      const answer: Answer = { request: label, status: response.statusCode, text }
      const retryAfter = header(response.headers, 'retry-after')
      if (retryAfter !== undefined) answer.retryAfter = retryAfter
      return answer
    } catch (error) {
      if (signal.aborted) throw stopped(signal, true)
      const fault: Fault = timeout.aborted
        ? { kind: 'timeout', afterMs: limitMs, ...(limitMs < this.options.requestTimeoutMs ? { atDeadline: true } : {}) }
        : (limitFault(error) ?? networkFault(error, this.#answered))
      this.options.debug(`${label} -> failed in ${this.options.now() - started}ms: ${fault.kind}`)
      throw new RequestFailed(fault, label)
    }
  }

  /**
   * The answer's body as text. A cancel answered 2xx is accepted by its status alone: should its
   * body then fail to come whole (over the cap, cut short), the answer stands, bodiless, rather
   * than a fault that would have the cancel sent again or reported as not confirmed.
   */
  async #bodyOf(response: Dispatcher.ResponseData, method: 'GET' | 'POST', label: string): Promise<string> {
    if (method === 'GET' || response.statusCode < 200 || response.statusCode > 299) return response.body.text()
    try {
      return await response.body.text()
    } catch (error) {
      this.options.debug(
        `${label} -> ${response.statusCode}, its body not read whole (${error instanceof Error ? error.message : String(error)})`
      )
      return ''
    }
  }

  /** The list endpoints answer `{"results": [{"id", "name", ...}]}`. */
  private async list(path: string, signal: AbortSignal): Promise<Records.Named[]> {
    const results = resultsOf(
      await this.read(path, signal),
      (item) => typeof item.id === 'string' && typeof item.name === 'string',
      'not a list of results with id and name'
    )
    return results.map((item) => ({ id: item.id as string, name: item.name as string }))
  }
}

/** 409 refuses; any 2xx accepts; anything else is a failure. */
function cancelVerdict(answer: Answer): CancelAnswer {
  if (answer.status === 409) {
    const detail = errorDetail(answer.text)
    return detail === undefined ? { accepted: false } : { accepted: false, detail }
  }
  if (answer.status < 200 || answer.status > 299) throw httpFailure(answer)
  return { accepted: true, httpStatus: answer.status }
}

/**
 * `{"results": [...]}`. The spec makes `results` optional, so an object without it is an empty
 * list; a body that is not an object, or items of the wrong shape, are unusable.
 */
function resultsOf(answer: Answer, valid: (item: Record<string, unknown>) => boolean, expected: string): Array<Record<string, unknown>> {
  const body = parseJson(answer)
  const results =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? ((body as { results?: unknown }).results ?? []) : undefined
  if (
    !Array.isArray(results) ||
    !results.every((item) => typeof item === 'object' && item !== null && valid(item as Record<string, unknown>))
  ) {
    throw badBody(answer, expected)
  }
  return results as Array<Record<string, unknown>>
}

function badBody(answer: Answer, reason: string): RequestFailed {
  return new RequestFailed({ kind: 'bad-body', status: answer.status, reason }, answer.request)
}

function field(item: Record<string, unknown>, outer: string, inner: string): unknown {
  const value = item[outer]
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[inner] : undefined
}

function waitingRequest(item: Record<string, unknown>): Records.WaitingRequest {
  const request: Records.WaitingRequest = { id: (field(item, 'identifier', 'deployment_request_id') as string).toLowerCase() }
  const triggeredBy = field(item, 'auditing_data', 'triggered_by')
  const origin = field(item, 'auditing_data', 'origin')
  if (typeof triggeredBy === 'string' && triggeredBy !== '') request.triggeredBy = triggeredBy
  if (typeof origin === 'string' && origin !== '') request.origin = origin
  if (typeof item.trigger_action === 'string' && item.trigger_action !== '') request.action = item.trigger_action
  return request
}

/** The environment cancel's body, when it is an EnvironmentStatus; never a reason to fail. */
function statusOrUndefined(answer: Answer): Records.EnvironmentStatus | undefined {
  try {
    return parseStatus(answer)
  } catch {
    return undefined
  }
}

export const NO_ANSWER_FROM_LOOKUP: readonly number[] = [404, 405, 501]

function httpFailure(answer: Answer): RequestFailed {
  const fault: Fault = { kind: 'http', status: answer.status }
  const detail = errorDetail(answer.text)
  if (detail !== undefined) fault.detail = detail
  if (answer.retryAfter !== undefined) fault.retryAfter = answer.retryAfter
  return new RequestFailed(fault, answer.request)
}

/** A 2xx body that is not JSON is a fault worth retrying: a proxy's page, a cut connection. */
function parseJson(answer: Answer): unknown {
  try {
    return JSON.parse(answer.text)
  } catch {
    const start = answer.text.trimStart().slice(0, 1)
    const reason =
      answer.text.trim() === ''
        ? 'it is empty'
        : start === '<'
          ? 'it is HTML, not JSON (a proxy or gateway page?)'
          : 'it is not valid JSON (cut short?)'
    throw new RequestFailed({ kind: 'bad-body', status: answer.status, reason }, answer.request)
  }
}

/** The required fields must be there; every other field, and any state name, is taken as it comes. */
function parseStatus(answer: Answer): Records.EnvironmentStatus {
  const value = parseJson(answer)
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  const missing = STATUS_REQUIRED_FIELDS.filter((field) => typeof record?.[field] !== 'string' || record[field] === '')
  if (record === undefined || missing.length > 0) {
    throw new RequestFailed(
      { kind: 'bad-body', status: answer.status, reason: `not an Records.EnvironmentStatus (missing ${missing.join(', ')})` },
      answer.request
    )
  }
  return record as Records.EnvironmentStatus
}

/**
 * Why a request was stopped by its caller's signal: the run's interruption (cutting a request on
 * its way when `during`), or the error the caller aborted with (a read's budget spent), as it is.
 */
function stopped(signal: AbortSignal, during: boolean): Error {
  const reason: unknown = signal.reason
  if (reason instanceof Interrupted) return during ? new Interrupted(reason.signalName, true) : reason
  return reason instanceof Error && reason.name !== 'AbortError' ? reason : new Interrupted('an abort', during)
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Qovery's error bodies look like {"status":404,"error":"Not Found","detail":"..."}. */
function errorDetail(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as Record<string, unknown> | null
    for (const field of ['detail', 'message', 'error']) {
      const value = body?.[field]
      if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 500)
    }
  } catch {
    // Not JSON: a proxy's page says nothing the status code does not.
  }
  return undefined
}

/** A failure of the network as a fault; `answered`: whether the API had answered a request of the run before. */
function networkFault(error: unknown, answered: boolean): Fault {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  const own = error as { code?: unknown; message?: unknown } | null
  const code = typeof own?.code === 'string' ? own.code : typeof cause?.code === 'string' ? cause.code : 'ERR_NETWORK'
  const message = typeof cause?.message === 'string' ? cause.message : typeof own?.message === 'string' ? own.message : String(error)
  return answered ? { kind: 'network', code, message } : { kind: 'network', code, message, beforeAnyAnswer: true }
}
