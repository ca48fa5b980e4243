import { catchInterruptions, type Interruptions } from './interruptions.ts'

/**
 * The entry point's first import, so that it is evaluated before the dependencies: loading them
 * takes a few hundred milliseconds on a busy runner, and a signal in that time would otherwise end
 * the process with no outcome and no summary. Should catching fail, the error waits here for the
 * crash report, which is not loaded yet.
 */
export const fromStart: { interruptions: Interruptions } | { error: unknown } = (() => {
  try {
    return { interruptions: catchInterruptions() }
  } catch (error) {
    return { error }
  }
})()
