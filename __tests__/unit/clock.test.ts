import { describe, expect, it } from '@jest/globals'
import { systemClock } from '../../src/util/clock.ts'

describe('systemClock', () => {
  it('sleeps for the time asked', async () => {
    const started = Date.now()
    await systemClock.sleep(30, new AbortController().signal)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
  })

  it('stops sleeping when the signal aborts, with its reason', async () => {
    // Ten minutes: a sleep that missed the abort would outlast the test's own time limit.
    const controller = new AbortController()
    const sleeping = systemClock.sleep(600_000, controller.signal)
    controller.abort(new Error('stop'))
    await expect(sleeping).rejects.toThrow('stop')
  })

  it('does not sleep at all on an aborted signal', async () => {
    await expect(systemClock.sleep(10_000, AbortSignal.abort(new Error('already')))).rejects.toThrow('already')
  })
})

describe('systemClock.now', () => {
  it('does not follow a step of the wall clock', () => {
    const realNow = Date.now
    const before = systemClock.now()
    Date.now = () => realNow() + 3_600_000
    try {
      expect(systemClock.now() - before).toBeLessThan(1_000)
      expect(systemClock.wallNow() - before).toBeGreaterThan(3_599_000)
    } finally {
      Date.now = realNow
    }
  })

  it('reads as whole epoch milliseconds, for timestamps and timers', () => {
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(1_000)
    expect(Number.isInteger(systemClock.now())).toBe(true)
  })
})
