import { describe, expect, it } from '@jest/globals'
import {
  attemptsFor,
  backoffDelay,
  BACKOFF_CAP_MS,
  isTransient,
  parseRetryAfter,
  policyFor,
  retryDelay,
  UNRESOLVED_HOST_ATTEMPTS
} from '../../src/qovery/retry-policy.ts'

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0)

describe('isTransient', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %d', (status) => expect(isTransient({ kind: 'http', status })).toBe(true))
  it.each([400, 401, 403, 404, 405, 409, 422, 501])('never retries HTTP %d', (status) =>
    expect(isTransient({ kind: 'http', status })).toBe(false)
  )
  it('retries resets, refusals, DNS hiccups, timeouts and unusable bodies', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'EPIPE']) {
      expect(isTransient({ kind: 'network', code, message: '' })).toBe(true)
    }
    expect(isTransient({ kind: 'timeout', afterMs: 30_000 })).toBe(true)
    expect(isTransient({ kind: 'bad-body', status: 200, reason: 'html' })).toBe(true)
  })
  it('does not retry a bad certificate, nor an answer over the caps', () => {
    expect(isTransient({ kind: 'network', code: 'CERT_HAS_EXPIRED', message: '' })).toBe(false)
    expect(isTransient({ kind: 'too-large', part: 'body', limitBytes: 1024 })).toBe(false)
    expect(isTransient({ kind: 'too-large', part: 'headers', limitBytes: 1024 })).toBe(false)
  })
  it('retries a host that does not resolve, as a refused connection', () => {
    expect(isTransient({ kind: 'network', code: 'ENOTFOUND', message: '' })).toBe(true)
    expect(isTransient({ kind: 'network', code: 'ENOTFOUND', message: '', beforeAnyAnswer: true })).toBe(true)
  })
})

describe('attemptsFor', () => {
  const poll = policyFor('poll', 5_000)
  it("gives a host that does not resolve once the API has answered the policy's whole budget", () => {
    expect(attemptsFor({ kind: 'network', code: 'ENOTFOUND', message: '' }, poll)).toBe(10)
  })
  it('gives a host that does not resolve before any answer a few tries only: it is likely a wrong api-url', () => {
    expect(UNRESOLVED_HOST_ATTEMPTS).toBe(3)
    expect(attemptsFor({ kind: 'network', code: 'ENOTFOUND', message: '', beforeAnyAnswer: true }, poll)).toBe(3)
    expect(attemptsFor({ kind: 'network', code: 'ENOTFOUND', message: '', beforeAnyAnswer: true }, { ...poll, maxAttempts: 2 })).toBe(2)
    // A refused connection before any answer keeps the whole budget.
    expect(attemptsFor({ kind: 'network', code: 'ECONNREFUSED', message: '', beforeAnyAnswer: true }, poll)).toBe(10)
  })
})

describe('policyFor', () => {
  it('backs the cancel and the first read off from about a second', () => {
    expect(policyFor('cancel', 5_000)).toEqual({ baseMs: 1_000, capMs: 16_000, maxAttempts: 5 })
    expect(policyFor('first-read', 5_000)).toEqual({ baseMs: 1_000, capMs: 16_000, maxAttempts: 10 })
    expect(policyFor('cancel', 20)).toEqual({ baseMs: 20, capMs: 320, maxAttempts: 5 })
  })
  it('backs reads off from the poll interval, capped at 30 s but never under one interval', () => {
    expect(policyFor('poll', 5_000)).toEqual({ baseMs: 5_000, capMs: BACKOFF_CAP_MS, maxAttempts: 10, floorMs: 5_000 })
    expect(policyFor('poll', 60_000)).toEqual({ baseMs: 60_000, capMs: 60_000, maxAttempts: 10, floorMs: 60_000 })
    expect(policyFor('poll', 10)).toEqual({ baseMs: 10, capMs: 160, maxAttempts: 10, floorMs: 10 })
  })
})

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, capMs: 30_000, maxAttempts: 10 }
  it('doubles from the base, with half of each step random', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, 0))).toEqual([500, 1_000, 2_000, 4_000])
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, 1))).toEqual([1_000, 2_000, 4_000, 8_000])
    expect(backoffDelay(2, policy, 0.5)).toBe(1_500)
  })
  it('stops growing at the cap', () => {
    expect(backoffDelay(6, policy, 1)).toBe(30_000)
    expect(backoffDelay(60, policy, 1)).toBe(30_000)
    expect(backoffDelay(60, policy, 0)).toBe(15_000)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds', () => {
    expect(parseRetryAfter('5', NOW)).toBe(5_000)
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0)
  })
  it('reads an HTTP date, relative to now', () => {
    expect(parseRetryAfter(new Date(NOW + 7_000).toUTCString(), NOW)).toBe(7_000)
    expect(parseRetryAfter(new Date(NOW - 7_000).toUTCString(), NOW)).toBe(0)
  })
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined()
    expect(parseRetryAfter('', NOW)).toBeUndefined()
    expect(parseRetryAfter('-5', NOW)).toBeUndefined()
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined()
    expect(parseRetryAfter('soon', NOW)).toBeUndefined()
  })
})

describe('retryDelay', () => {
  const policy = { baseMs: 1_000, capMs: 30_000, maxAttempts: 10 }
  it('follows Retry-After on 429 and 503', () => {
    expect(retryDelay({ kind: 'http', status: 429, retryAfter: '12' }, 1, policy, NOW, 0)).toBe(12_000)
    expect(retryDelay({ kind: 'http', status: 503, retryAfter: new Date(NOW + 3_000).toUTCString() }, 1, policy, NOW, 0)).toBe(3_000)
  })
  it('backs off otherwise', () => {
    expect(retryDelay({ kind: 'http', status: 502, retryAfter: '12' }, 1, policy, NOW, 0)).toBe(500)
    expect(retryDelay({ kind: 'http', status: 429, retryAfter: 'later' }, 3, policy, NOW, 1)).toBe(4_000)
    expect(retryDelay({ kind: 'timeout', afterMs: 1 }, 2, policy, NOW, 1)).toBe(2_000)
  })
})
