/** Why one HTTP request to the Qovery API did not give a usable answer. */
export type Fault =
  | { kind: 'http'; status: number; detail?: string; retryAfter?: string }
  /** beforeAnyAnswer: no request of this run had been answered by the API yet (a wrong api-url, a proxy that does not resolve). */
  | { kind: 'network'; code: string; message: string; beforeAnyAnswer?: true }
  /** Cut by request-timeout, or by the timeout input's deadline when that came first (notSent: before it left). */
  | { kind: 'timeout'; afterMs: number; atDeadline?: boolean; notSent?: true }
  | { kind: 'bad-body'; status: number; reason: string }
  /** An answer's body (decoded) or its headers went past the cap the action reads, in bytes (answer-limits.ts). */
  | { kind: 'too-large'; part: 'body' | 'headers'; limitBytes: number }

export class RequestFailed extends Error {
  readonly fault: Fault
  /** Method and path, such as `GET /environment/<id>/status`. */
  readonly request: string
  constructor(fault: Fault, request: string) {
    super(`${request}: ${describeFault(fault)}`)
    this.name = 'RequestFailed'
    this.fault = fault
    this.request = request
  }
}

/**
 * Network failures no retry fixes: a certificate refused, a request the client refuses. A host
 * that does not resolve (ENOTFOUND) is not among them: a runner's resolver that restarts, or a
 * cold cache, answers so for a moment (see attemptsFor in retry-policy.ts).
 */
export const PERMANENT_NETWORK_CODES = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  // Refused by the HTTP client before anything was sent (a header it cannot carry): no retry fixes it.
  'UND_ERR_INVALID_ARG',
  'ERR_INVALID_CHAR'
])

/**
 * Failures that happen before a request leaves this machine or reaches a server: nothing was
 * received. After any other fault (a timeout, a reset, an answer), the server may have acted on it.
 */
const NEVER_RECEIVED = new Set([...PERMANENT_NETWORK_CODES, 'ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/** Whether the server may have received the request that failed so: anything but a failure to reach it. */
export function mayHaveBeenReceived(fault: Fault): boolean {
  if (fault.kind === 'timeout') return fault.notSent !== true
  return fault.kind !== 'network' || !NEVER_RECEIVED.has(fault.code)
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

/** `HTTP 503 Service Unavailable`: the status with its reason phrase, where it has a common one. */
export function statusLine(status: number): string {
  const reason = REASONS[status]
  return `HTTP ${status}${reason ? ` ${reason}` : ''}`
}

export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'http':
      return `${statusLine(fault.status)}${fault.detail ? `: ${fault.detail}` : ''}`
    case 'network':
      // Node's messages often start with the code already: "connect ECONNREFUSED 127.0.0.1:443".
      return fault.message.includes(fault.code) ? fault.message : `${fault.code} (${fault.message})`
    case 'timeout':
      return fault.atDeadline
        ? 'no complete answer before the timeout ran out'
        : `no complete answer within ${fault.afterMs}ms (request-timeout)`
    case 'bad-body':
      return `HTTP ${fault.status} with an unusable body: ${fault.reason}`
    case 'too-large':
      return fault.part === 'body'
        ? `the answer's body is larger than ${formatBytes(fault.limitBytes)} (decoded), the most the action reads of one answer and far above any Qovery answer: a proxy or gateway in between may be sending something else`
        : `the answer's headers are larger than ${formatBytes(fault.limitBytes)}, the most the action reads: a proxy or load balancer in between may be adding them`
  }
}

/** A size in bytes as `32 MiB` or `128 KiB` (rounded down), or in bytes below 1 KiB. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor(bytes / (1024 * 1024))} MiB`
  return bytes >= 1024 ? `${Math.floor(bytes / 1024)} KiB` : `${bytes} bytes`
}
