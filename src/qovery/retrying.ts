import type { Clock } from '../util/clock.ts'
import { describeFault, type Fault, RequestFailed } from './faults.ts'
import { formatDuration } from '../util/duration.ts'
import { attemptsFor, isTransient, type RetryPolicy, retryDelay } from './retry-policy.ts'

/** The deadline (the timeout input) came while sleeping or before a request could be sent. */
export class DeadlineReached extends Error {
  readonly lastFault: Fault | undefined
  constructor(lastFault?: Fault) {
    super('deadline reached')
    this.lastFault = lastFault
  }
}

/** A call failed transiently as many times in a row as its policy allows. */
export class RetriesExhausted extends Error {
  constructor(what: string, attempts: number, failure: RequestFailed) {
    super(`${what} failed ${attempts} times in a row; the last time: ${failure.message}`)
  }
}

export interface RetryingDeps {
  clock: Clock
  signal: AbortSignal
  random: () => number
  log: (line: string) => void
  /** No sleep runs past it and no request is sent after it. */
  deadline: number
  /** Told of each retry, before its wait: what was read before may no longer hold. */
  onRetry?: () => void
}

export interface Retrying {
  /** Calls until success, a fault not worth retrying, the policy's limit, or the deadline. */
  call<T>(what: string, policy: RetryPolicy, call: () => Promise<T>): Promise<T>
  /** Sleeps, cut at the deadline; throws DeadlineReached when it reaches it. */
  sleep(ms: number): Promise<void>
}

export function retrying({ clock, signal, random, log, deadline, onRetry }: RetryingDeps): Retrying {
  const sleep = async (ms: number): Promise<void> => {
    const until = Math.min(clock.now() + Math.max(0, ms), deadline)
    // Node sets a timer from the event loop's cached time, so it can fire a little early: sleep
    // the rest, lest a retry go out a moment before the deadline instead of ending at it.
    do await clock.sleep(Math.max(0, until - clock.now()), signal)
    while (clock.now() < until)
    if (clock.now() >= deadline) throw new DeadlineReached()
  }
  const call = async <T>(what: string, policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> => {
    let last: Fault | undefined
    for (let tries = 1; ; tries++) {
      if (clock.now() >= deadline) throw new DeadlineReached(last)
      try {
        return await attempt()
      } catch (error) {
        // The client refused to send, the deadline having come: what ends the call is the last answer.
        if (error instanceof RequestFailed && error.fault.kind === 'timeout' && error.fault.notSent) throw new DeadlineReached(last)
        if (!(error instanceof RequestFailed) || !isTransient(error.fault)) throw error
        const attempts = attemptsFor(error.fault, policy)
        // Fewer tries than the policy's (a host that never resolved): the fault itself is the
        // answer, and says which input to check; not "the API seems to be failing".
        if (tries >= attempts) throw attempts < policy.maxAttempts ? error : new RetriesExhausted(what, tries, error)
        last = error.fault
        const delay = retryDelay(error.fault, tries, policy, clock.wallNow(), random())
        // Never promise a wait longer than what is left of the timeout.
        const left = deadline - clock.now()
        const next =
          delay <= left
            ? `retrying in ${formatDuration(delay)}`
            : `the timeout runs out in ${formatDuration(left)}, before the ${formatDuration(delay)} a retry would wait`
        log(`${what} failed (${describeFault(error.fault)}), attempt ${tries} of ${attempts}; ${next}`)
        onRetry?.()
        try {
          await sleep(delay)
        } catch (stopped) {
          throw stopped instanceof DeadlineReached ? new DeadlineReached(error.fault) : stopped
        }
      }
    }
  }
  return { call, sleep }
}
