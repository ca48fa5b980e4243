// First, so that a signal is caught while the rest loads (see interruptions-from-start.ts).
import { fromStart } from './interruptions-from-start.ts'
import { crashReporter } from './crash-report.ts'
import { githubIO } from './github-io.ts'
import { runOnRunner } from './main.ts'

// The entry point action.yml names (bundled as dist/index.js); the logic is run() in main.ts.
// Whatever escapes it, the runtime's set-up included, still ends the step with outputs, a
// summary and a message, never with a bare stack trace.
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
