/**
 * The action, wired: the inputs read once into settings, the run's phases, the report. Its
 * dependencies come once, from the caller (the tests), or from the runner (local-action and the
 * entry point).
 */
import { cancelAndWait } from './flow/cancel-flow.ts'
import { authorizationFor, isSchemeOnly, secretsOf } from './inputs/authorization.ts'
import { InputError, readSettings, settingsLines } from './inputs/settings.ts'
import { reportInvalidInput, reportRun } from './report/step-report.ts'
import type { ActionIO } from './runner/action-io.ts'
import { catchInterruptions, type Interruptions } from './runner/interruptions.ts'
import { githubRuntime, type RunDeps } from './runtime.ts'
import { formatDuration } from './util/duration.ts'

/**
 * The action on `deps`; without them (as @github/local-action calls it), on the GitHub runner's:
 * @actions/core, the process's signals, the network.
 */
export async function run(deps?: RunDeps): Promise<void> {
  return deps === undefined ? runOnRunner(catchInterruptions()) : act(deps)
}

/** The action on a GitHub runner, stopped by `interruptions` (the entry point's are caught from its first moment). */
export async function runOnRunner(interruptions: Interruptions): Promise<void> {
  const runtime = githubRuntime(interruptions)
  try {
    return await act(runtime.deps)
  } finally {
    await runtime.dispose()
  }
}

async function act({ io, clock, signal, random, createApi }: RunDeps): Promise<void> {
  maskToken(io)
  let settings
  try {
    settings = readSettings((name) => io.getInput(name))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return reportInvalidInput(io, error.problems)
  }
  io.group('Settings', settingsLines(settings))
  // The timeout counts from here: it bounds the whole run, finding the environment included.
  const deadline = clock.now() + settings.timeoutMs
  io.debug(
    `Deadline: ${new Date(deadline).toISOString()} (timeout ${formatDuration(settings.timeoutMs)} from the start; no request is sent after it)`
  )
  const report = await cancelAndWait(settings, deadline, {
    api: createApi(settings, deadline),
    clock,
    signal,
    random,
    log: (line) => io.info(line),
    group: (name, lines) => io.group(name, lines)
  })
  await reportRun(io, report, settings)
}

/** The credential is masked before anything else can print it, even when other inputs are bad. */
function maskToken(io: ActionIO): void {
  const token = io.getInput('token').trim()
  if (token !== '' && !isSchemeOnly(token)) for (const secret of secretsOf(token, authorizationFor(token))) io.setSecret(secret)
}
