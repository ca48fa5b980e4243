import { describe, expect, it } from '@jest/globals'
import { backoffDelay, policyFor, retryDelay } from '../../src/qovery/retry-policy.ts'

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0)
const limited = (retryAfter: string, status = 429) => ({ kind: 'http', status, retryAfter }) as const

describe('Retry-After is a floor, not a ceiling', () => {
  const cancel = policyFor('cancel', 5_000)

  it('keeps the backoff when Retry-After asks for less', () => {
    for (const attempt of [1, 2, 3, 4]) {
      for (const random of [0, 0.5, 1]) {
        const own = backoffDelay(attempt, cancel, random)
        expect(retryDelay(limited('0'), attempt, cancel, NOW, random)).toBe(own)
        expect(retryDelay(limited('1', 503), attempt, cancel, NOW, random)).toBe(Math.max(own, 1_000))
        expect(retryDelay(limited(new Date(NOW - 60_000).toUTCString()), attempt, cancel, NOW, random)).toBe(own)
      }
    }
    expect(retryDelay(limited('0'), 1, cancel, NOW, 0)).toBe(500)
    expect(retryDelay(limited('0'), 4, cancel, NOW, 1)).toBe(8_000)
  })

  it('waits as long as Retry-After asks when that is longer', () => {
    expect(retryDelay(limited('12'), 1, cancel, NOW, 1)).toBe(12_000)
    expect(retryDelay(limited(new Date(NOW + 7_000).toUTCString(), 503), 2, cancel, NOW, 0)).toBe(7_000)
  })

  it('ignores Retry-After on other statuses, and an unreadable one', () => {
    expect(retryDelay(limited('60', 502), 1, cancel, NOW, 0)).toBe(500)
    expect(retryDelay(limited('soon'), 1, cancel, NOW, 0)).toBe(500)
  })
})

describe('a read while waiting', () => {
  it('is never retried sooner than the poll interval, whatever the jitter or Retry-After', () => {
    for (const interval of [20, 1_000, 5_000, 60_000]) {
      const poll = policyFor('poll', interval)
      for (const random of [0, 0.3, 1]) {
        for (const fault of [limited('0'), limited('0', 503), { kind: 'timeout', afterMs: 1 } as const]) {
          expect(retryDelay(fault, 1, poll, NOW, random)).toBeGreaterThanOrEqual(interval)
        }
      }
    }
  })

  it('still backs off beyond the interval, and still follows a longer Retry-After', () => {
    const poll = policyFor('poll', 1_000)
    expect(retryDelay(limited('0'), 3, poll, NOW, 1)).toBe(4_000)
    expect(retryDelay(limited('9'), 1, poll, NOW, 0)).toBe(9_000)
  })

  it('is the only policy with a floor: the cancel and the first read keep their jitter', () => {
    expect(policyFor('poll', 5_000).floorMs).toBe(5_000)
    expect(policyFor('cancel', 5_000).floorMs).toBeUndefined()
    expect(policyFor('first-read', 5_000).floorMs).toBeUndefined()
  })
})
