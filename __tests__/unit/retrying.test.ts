import { describe, expect, it } from '@jest/globals'
import type { Clock } from '../../src/util/clock.ts'
import { type Fault, RequestFailed } from '../../src/qovery/faults.ts'
import { policyFor } from '../../src/qovery/retry-policy.ts'
import { DeadlineReached, retrying } from '../../src/qovery/retrying.ts'

/**
 * A clock whose timers fire a little early, as Node's do: a timer is set from the event loop's
 * cached time, which can lag the monotonic clock by the time the current turn has taken.
 */
class EarlyClock implements Clock {
  time = 0
  readonly sleeps: number[] = []
  readonly earlyMs: number
  constructor(earlyMs: number) {
    this.earlyMs = earlyMs
  }
  now(): number {
    return this.time
  }
  wallNow(): number {
    return Date.UTC(2026, 10, 30) + this.time
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms)
    // Early by at most the time the loop's turn took; a timer never fires in less than 1ms.
    this.time += Math.max(Math.min(ms, 1), ms - this.earlyMs)
  }
}

const UNAVAILABLE: Fault = { kind: 'http', status: 503, retryAfter: '3600' }

describe('retrying', () => {
  /** A call that fails with 503 and Retry-After: 1h, then as the client does once the deadline has come. */
  function failingCall(clock: Clock, deadline: number, sent: number[]) {
    return async (): Promise<never> => {
      if (clock.now() >= deadline) throw new RequestFailed({ kind: 'timeout', afterMs: 0, atDeadline: true, notSent: true }, 'GET /status')
      sent.push(clock.now())
      throw new RequestFailed(UNAVAILABLE, 'GET /status')
    }
  }

  it.each([0, 0.4, 1, 3])(
    'sleeps to the deadline and ends with the last answer, never a retry just before it (timers %dms early)',
    async (earlyMs) => {
      const clock = new EarlyClock(earlyMs)
      const deadline = 3_000
      const lines: string[] = []
      const { call } = retrying({ clock, signal: new AbortController().signal, random: () => 0, log: (line) => lines.push(line), deadline })
      const sent: number[] = []
      const failure = await call('Reading the environment status', policyFor('poll', 20), failingCall(clock, deadline, sent)).catch(
        (error: unknown) => error
      )
      expect(failure).toBeInstanceOf(DeadlineReached)
      expect((failure as DeadlineReached).lastFault).toEqual(UNAVAILABLE)
      expect(sent).toEqual([0])
      expect(clock.now()).toBeGreaterThanOrEqual(deadline)
      expect(lines).toEqual([
        'Reading the environment status failed (HTTP 503 Service Unavailable), attempt 1 of 10; the timeout runs out in 3s, before the 1h a retry would wait'
      ])
    }
  )

  it('keeps the last answer when the client refuses to send at the deadline', async () => {
    // The deadline can come between the check before an attempt and the client's own check.
    let time = 0
    const clock: Clock = { now: () => time, wallNow: () => time, sleep: async (ms) => void (time += ms) }
    const deadline = 1_000
    let attempts = 0
    const { call } = retrying({ clock, signal: new AbortController().signal, random: () => 0, log: () => undefined, deadline })
    const failure = await call('Reading the environment status', policyFor('poll', 500), async () => {
      attempts += 1
      if (attempts === 1) throw new RequestFailed({ kind: 'http', status: 502 }, 'GET /status')
      time = deadline
      throw new RequestFailed({ kind: 'timeout', afterMs: 0, atDeadline: true, notSent: true }, 'GET /status')
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DeadlineReached)
    expect((failure as DeadlineReached).lastFault).toEqual({ kind: 'http', status: 502 })
  })
})
