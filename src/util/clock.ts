/** Time, injectable so that waiting logic is tested without sleeping. */
export interface Clock {
  /**
   * Milliseconds on a clock that only moves forward, at a steady pace: deadlines, sleeps and
   * durations. Its values read as epoch milliseconds, for timestamps in the log.
   */
  now(): number
  /** The wall clock, for what is compared with dates from outside (an HTTP date in Retry-After). */
  wallNow(): number
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  // Monotonic, anchored at the process's start: an NTP step of the wall clock mid-run neither
  // stretches nor cuts the timeout. Whole milliseconds, as timers and AbortSignal.timeout want.
  now: () => Math.floor(performance.timeOrigin + performance.now()),
  wallNow: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal.reason)
      }
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms)
      )
      signal.addEventListener('abort', onAbort, { once: true })
    })
}
