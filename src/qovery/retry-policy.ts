import { type Fault, PERMANENT_NETWORK_CODES } from './faults.ts'

/**
 * When and how long to retry. Pure: the caller supplies the time and the random draw, so the
 * rules are tested without sleeping.
 */
export interface RetryPolicy {
  /** Delay before the first retry; it doubles with each further one. */
  baseMs: number
  capMs: number
  /** Consecutive failed attempts after which the caller gives up. */
  maxAttempts: number
  /**
   * The shortest wait before any retry, in ms, whatever the jitter or a Retry-After says: a read
   * while waiting is never sent sooner than the poll interval after the one before.
   */
  floorMs?: number
}

export const BACKOFF_CAP_MS = 30_000
/** Failed status reads in a row that end the wait (the error budget). */
const READ_BUDGET = 10
/** Cancel requests sent at most; repeating one is safe, the API answers 409. */
const CANCEL_ATTEMPTS = 5
/** Tries of a read that only adds to the report (names, services): it must not hold the step up. */
const EXTRA_READ_ATTEMPTS = 3

/**
 * The cancel request and the first status read back off from about a second (less when the
 * poll interval is shorter): the user is waiting on them. Reads during the wait back off from
 * the poll interval, up to 16 intervals and 30 s, never below one interval. Reads that only add
 * to the report ('extra') back off as the first read, and give up sooner.
 */
export function policyFor(kind: 'first-read' | 'cancel' | 'poll' | 'extra', pollIntervalMs: number): RetryPolicy {
  const baseMs = kind === 'poll' ? pollIntervalMs : Math.min(1000, pollIntervalMs)
  const capMs = Math.max(baseMs, Math.min(BACKOFF_CAP_MS, baseMs * 16))
  const maxAttempts = kind === 'cancel' ? CANCEL_ATTEMPTS : kind === 'extra' ? EXTRA_READ_ATTEMPTS : READ_BUDGET
  const policy: RetryPolicy = { baseMs, capMs, maxAttempts }
  // The jitter alone could halve the first wait: a read while waiting keeps the poll interval.
  return kind === 'poll' ? { ...policy, floorMs: pollIntervalMs } : policy
}

/**
 * Tries of a request whose host does not resolve (ENOTFOUND) before the API has answered any
 * request of the run: after them the name is taken as wrong (api-url, or a proxy variable), not
 * as a resolver's blip, and the step fails within seconds rather than after its whole error budget.
 */
export const UNRESOLVED_HOST_ATTEMPTS = 3

/** Transient: worth another try. 4xx answers other than 408 and 429 never are, nor an answer over the caps. */
export function isTransient(fault: Fault): boolean {
  switch (fault.kind) {
    case 'http':
      // 501 Not Implemented is an answer about the endpoint, not a passing fault.
      return fault.status === 408 || fault.status === 429 || (fault.status >= 500 && fault.status !== 501)
    case 'network':
      return !PERMANENT_NETWORK_CODES.has(fault.code)
    case 'timeout':
    case 'bad-body':
      return true
    case 'too-large':
      return false
  }
}

/**
 * The tries a call gets while it fails with `fault` (transient): the policy's, but at most
 * UNRESOLVED_HOST_ATTEMPTS for a host that does not resolve before the API has answered any
 * request of the run. Once the API has answered, such a failure is a resolver's blip, and gets
 * the whole budget, as a refused connection does.
 */
export function attemptsFor(fault: Fault, policy: RetryPolicy): number {
  const unresolved = fault.kind === 'network' && fault.code === 'ENOTFOUND' && fault.beforeAnyAnswer === true
  return unresolved ? Math.min(policy.maxAttempts, UNRESOLVED_HOST_ATTEMPTS) : policy.maxAttempts
}

/** Exponential backoff with equal jitter: half the step is fixed, half random. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(step / 2 + (step / 2) * random)
}

/** Retry-After as seconds or as an HTTP date (against the wall clock); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/[a-z]/i.test(text)) return undefined
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}

/**
 * The delay in ms before retry number `attempt` (1 for the first retry): the backoff, never less
 * than the policy's floor. The server's Retry-After on a 429 or 503 is a floor too, not a
 * ceiling: a rate limiter that answers `Retry-After: 0` must not turn the retries into a burst.
 * The caller still cuts every sleep at its deadline.
 */
export function retryDelay(fault: Fault, attempt: number, policy: RetryPolicy, nowMs: number, random: number): number {
  const own = Math.max(backoffDelay(attempt, policy, random), policy.floorMs ?? 0)
  if (fault.kind === 'http' && (fault.status === 429 || fault.status === 503)) {
    return Math.max(own, parseRetryAfter(fault.retryAfter, nowMs) ?? 0)
  }
  return own
}
