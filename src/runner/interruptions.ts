import { Interrupted } from '../util/interrupted.ts'

/**
 * What the runner cancels a workflow run with: SIGINT, then SIGTERM 7.5 s later. On Windows the
 * two are Ctrl-C and Ctrl-Break, which Node reports as SIGINT and SIGBREAK. SIGHUP comes when the
 * runner's terminal or session goes away under a cancelled run.
 */
export const INTERRUPTIONS = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const

/** The runner's interruptions, caught instead of ending the process. */
export interface Interruptions {
  /** Aborted, with an `Interrupted` naming the signal, at the first one: also one that came before anyone looked. */
  readonly signal: AbortSignal
  /** Stops catching: a later signal has Node's default effect again, and ends the process. */
  release(): void
}

/** Catches the runner's interruptions from now on. */
export function catchInterruptions(): Interruptions {
  const controller = new AbortController()
  const listeners = INTERRUPTIONS.map((name) => [name, () => controller.abort(new Interrupted(name))] as const)
  for (const [name, listener] of listeners) process.on(name, listener)
  return {
    signal: controller.signal,
    release: () => {
      for (const [name, listener] of listeners) process.off(name, listener)
    }
  }
}
