import type { Dispatcher } from 'undici'
import dispatchRequest from 'undici/lib/api/api-request.js'
import { type Fault, Interrupted, RequestFailed } from './faults.ts'
import type { Named } from './name-matching.ts'

/** The EnvironmentStatus schema of Qovery's OpenAPI spec, as far as the action reads it. */
export interface EnvironmentStatus {
  id: string
  state: string
  last_deployment_state: string
  last_deployment_date?: string | null
  last_deployment_id?: string | null
  total_deployment_duration_in_seconds?: number | null
  origin?: string | null
  triggered_by?: string | null
  deployment_status?: string | null
  deployment_request_id?: string | null
  [field: string]: unknown
}

export const STATUS_REQUIRED_FIELDS = ['id', 'state', 'last_deployment_state'] as const

export type CancelAnswer = { accepted: true; status: EnvironmentStatus } | { accepted: false; detail?: string }

/** What the action needs from Qovery; tests can stand in for it. */
export interface QoveryApi {
  getStatus(environmentId: string, signal: AbortSignal): Promise<EnvironmentStatus>
  /** 202: accepted, with a status. 409 ("already cancelled or an operation is in progress"): not accepted. */
  cancelDeployment(environmentId: string, force: boolean, signal: AbortSignal): Promise<CancelAnswer>
  listOrganizations(signal: AbortSignal): Promise<Named[]>
  listProjects(organizationId: string, signal: AbortSignal): Promise<Named[]>
  listEnvironments(projectId: string, signal: AbortSignal): Promise<Named[]>
  /** Requests sent so far, failed ones included. */
  readonly requestCount: number
}

export interface ClientOptions {
  baseUrl: URL
  authorization: string
  requestTimeoutMs: number
  /** When the timeout input runs out: no request outlives it. */
  deadline: number
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

/** The one HTTP client of the Qovery API: one attempt per call, faults as RequestFailed. */
export class QoveryClient implements QoveryApi {
  #sent = 0
  private readonly options: ClientOptions

  constructor(options: ClientOptions) {
    this.options = options
  }

  get requestCount(): number {
    return this.#sent
  }

  async getStatus(environmentId: string, signal: AbortSignal): Promise<EnvironmentStatus> {
    const path = `environment/${encodeURIComponent(environmentId)}/status`
    const answer = await this.send('GET', path, undefined, signal)
    if (answer.status !== 200) throw httpFailure(answer)
    return parseStatus(answer)
  }

  listOrganizations(signal: AbortSignal): Promise<Named[]> {
    return this.list('organization', signal)
  }

  listProjects(organizationId: string, signal: AbortSignal): Promise<Named[]> {
    return this.list(`organization/${encodeURIComponent(organizationId)}/project`, signal)
  }

  listEnvironments(projectId: string, signal: AbortSignal): Promise<Named[]> {
    return this.list(`project/${encodeURIComponent(projectId)}/environment`, signal)
  }

  async cancelDeployment(environmentId: string, force: boolean, signal: AbortSignal): Promise<CancelAnswer> {
    const path = `environment/${encodeURIComponent(environmentId)}/cancelDeployment`
    const answer = await this.send('POST', path, JSON.stringify({ force_cancel: force }), signal)
    if (answer.status === 409) {
      const detail = errorDetail(answer.text)
      return detail === undefined ? { accepted: false } : { accepted: false, detail }
    }
    // The spec declares 202; a 200 with the same body would mean the same.
    if (answer.status !== 202 && answer.status !== 200) throw httpFailure(answer)
    return { accepted: true, status: parseStatus(answer) }
  }

  private async send(method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal): Promise<Answer> {
    const url = new URL(path, this.options.baseUrl)
    const label = `${method} ${url.pathname}`
    if (signal.aborted) throw interruption(signal)
    const started = this.options.now()
    const limitMs = Math.min(this.options.requestTimeoutMs, Math.max(1, this.options.deadline - started))
    const timeout = AbortSignal.timeout(limitMs)
    this.#sent += 1
    try {
      const response = await dispatchRequest.call(this.options.dispatcher, {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method,
        signal: AbortSignal.any([signal, timeout]),
        headers: {
          authorization: this.options.authorization,
          accept: 'application/json',
          'user-agent': this.options.userAgent,
          ...(body === undefined ? {} : { 'content-type': 'application/json' })
        },
        ...(body === undefined ? {} : { body })
      })
      const text = await response.body.text()
      this.options.debug(`${label} -> ${response.statusCode} in ${this.options.now() - started}ms`)
      const answer: Answer = { request: label, status: response.statusCode, text }
      const retryAfter = header(response.headers, 'retry-after')
      if (retryAfter !== undefined) answer.retryAfter = retryAfter
      return answer
    } catch (error) {
      if (signal.aborted) throw interruption(signal)
      const fault: Fault = timeout.aborted
        ? { kind: 'timeout', afterMs: limitMs, ...(limitMs < this.options.requestTimeoutMs ? { atDeadline: true } : {}) }
        : networkFault(error)
      this.options.debug(`${label} -> failed in ${this.options.now() - started}ms: ${fault.kind}`)
      throw new RequestFailed(fault, label)
    }
  }

  /** The list endpoints answer `{"results": [{"id", "name", ...}]}`. */
  private async list(path: string, signal: AbortSignal): Promise<Named[]> {
    const answer = await this.send('GET', path, undefined, signal)
    if (answer.status !== 200) throw httpFailure(answer)
    const results = (parseJson(answer) as { results?: unknown } | null)?.results
    const valid = Array.isArray(results) && results.every((item) => typeof item?.id === 'string' && typeof item?.name === 'string')
    if (!valid) throw new RequestFailed({ kind: 'bad-body', status: answer.status, reason: 'not a list of results with id and name' }, answer.request)
    return (results as Named[]).map(({ id, name }) => ({ id, name }))
  }
}

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
    const reason = answer.text.trim() === '' ? 'it is empty' : start === '<' ? 'it is HTML, not JSON (a proxy or gateway page?)' : 'it is not valid JSON (cut short?)'
    throw new RequestFailed({ kind: 'bad-body', status: answer.status, reason }, answer.request)
  }
}

/** The required fields must be there; every other field, and any state name, is taken as it comes. */
function parseStatus(answer: Answer): EnvironmentStatus {
  const value = parseJson(answer)
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  const missing = STATUS_REQUIRED_FIELDS.filter((field) => typeof record?.[field] !== 'string' || record[field] === '')
  if (record === undefined || missing.length > 0) {
    throw new RequestFailed({ kind: 'bad-body', status: answer.status, reason: `not an EnvironmentStatus (missing ${missing.join(', ')})` }, answer.request)
  }
  return record as EnvironmentStatus
}

function interruption(signal: AbortSignal): Interrupted {
  return signal.reason instanceof Interrupted ? signal.reason : new Interrupted('an abort')
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

function networkFault(error: unknown): Fault {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  const own = error as { code?: unknown; message?: unknown } | null
  const code = typeof own?.code === 'string' ? own.code : typeof cause?.code === 'string' ? cause.code : 'ERR_NETWORK'
  const message = typeof cause?.message === 'string' ? cause.message : typeof own?.message === 'string' ? own.message : String(error)
  return { kind: 'network', code, message }
}
