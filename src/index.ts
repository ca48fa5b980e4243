// The entry point action.yml names (bundled as dist/index.js); the logic is run() in main.ts.
// Signals are caught first, and the rest is loaded after: parsing and loading it takes a few
// hundred milliseconds on a busy runner, and a signal in that time must not end the process with
// no outcome and no summary.
import { fromStart } from './runner/interruptions-from-start.ts'

const { runStep } = await import('./step.ts')
await runStep(fromStart)
