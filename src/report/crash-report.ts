import { authorizationFor, secretsOf } from '../inputs/authorization.ts'
import { safeLine } from '../runner/github-io.ts'
import type { ActionIO } from '../runner/action-io.ts'
import { outputsWithout } from './outputs.ts'
import { redact } from '../runner/redaction.ts'
import { asSentence } from '../util/text.ts'

/** What a crash report writes through: the runner's files and commands. */
export type CrashIO = Pick<ActionIO, 'getInput' | 'debug' | 'setOutput' | 'writeSummary' | 'setFailed'>

/**
 * Reports an error that escaped the run (a bug, or the runner's environment breaking something
 * the run does not expect): the outputs of a run without a report, a job summary, and the step
 * failed, each written on its own so that one failing does not stop the others. Reports once;
 * later calls (a second error on the way out) do nothing. `io` is made on first use, so that an
 * error in making it is reported as far as possible too.
 */
export function crashReporter(io: () => CrashIO): (error: unknown) => Promise<void> {
  let reported = false
  return async (error) => {
    if (reported) return
    reported = true
    let runner: CrashIO | undefined
    const attempt = async (write: (runner: CrashIO) => unknown): Promise<void> => {
      try {
        runner ??= io()
        await write(runner)
      } catch {
        // Each write on its own: what can still be written is.
      }
    }
    let message = describe(error)
    let stack = error instanceof Error && error.stack !== undefined ? withoutUrlCredentials(error.stack) : undefined
    await attempt((runner) => {
      message = redactToken(message, runner)
      if (stack !== undefined) stack = redactToken(stack, runner)
    })
    // Where it broke, for whoever looks into it with the runner's debug logging on.
    if (stack !== undefined) await attempt((runner) => runner.debug(stack as string))
    for (const [name, value] of Object.entries(outputsWithout('failed'))) await attempt((runner) => runner.setOutput(name, value))
    await attempt((runner) => runner.writeSummary(crashSummary(message)))
    await attempt((runner) =>
      runner.setFailed(
        `The action failed unexpectedly: ${message} Whether a cancel request reached Qovery is not known: check the environment's deployments in the Qovery console.`,
        'Failed unexpectedly'
      )
    )
    // The step fails even if the runner could not be told.
    process.exitCode = 1
  }
}

/** The job summary of a crash: what happened, the error as a block of text, what is not known. */
export function crashSummary(message: string): string {
  // A fence longer than any run of backticks in the message, so that nothing in it is Markdown.
  const fence = '`'.repeat(Math.max(3, ...[...message.matchAll(/`+/g)].map((run) => run[0].length + 1)))
  return [
    '## ❌ Failed unexpectedly',
    '',
    'The action stopped on an unexpected error:',
    '',
    fence,
    message,
    fence,
    '',
    "Whether a cancel request reached Qovery is not known: check the environment's deployments in the Qovery console before running the action again.",
    ''
  ].join('\n')
}

/** The error's message, one line ending in a full stop. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)
  return asSentence(safeLine(withoutUrlCredentials(text)))
}

/** A URL's user:password@ shown as ***@, wherever the text holds one. */
function withoutUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@')
}

/**
 * The text without the token: the message goes into the summary file as written, and the error
 * may have come before run() masked the token (which it does first, before any other line).
 */
function redactToken(text: string, runner: CrashIO): string {
  const token = runner.getInput('token').trim()
  if (token === '') return text
  return redact(text, secretsOf(token, authorizationFor(token)))
}
