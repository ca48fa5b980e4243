import { crashReporter } from './report/crash-report.ts'
import { githubIO } from './runner/github-io.ts'
import type { Interruptions } from './runner/interruptions.ts'
import { runOnRunner } from './main.ts'

/**
 * The step on a runner, with the runner's interruptions caught from the start (or why they could
 * not be). Whatever escapes run(), the runtime's set-up included, still ends the step with
 * outputs, a summary and a message, never with a bare stack trace.
 */
export async function runStep(fromStart: { interruptions: Interruptions } | { error: unknown }): Promise<void> {
  const reportCrash = crashReporter(githubIO)
  const crashAndExit = (error: unknown): void => {
    // Node would end the process here: the report first, then the same exit.
    void reportCrash(error).finally(() => process.exit(1))
  }
  process.on('uncaughtException', crashAndExit)
  process.on('unhandledRejection', crashAndExit)
  try {
    if ('error' in fromStart) throw fromStart.error
    await runOnRunner(fromStart.interruptions)
  } catch (error) {
    await reportCrash(error)
  }
}
