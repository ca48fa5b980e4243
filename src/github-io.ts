import type { ActionIO } from './main.ts'
import type { Runner } from './runner.ts'

/**
 * A log line that cannot start a workflow command, whatever text from the API or the inputs it
 * carries: line breaks become spaces (a second line `::error::...` would be obeyed), a line that
 * would begin with `::` (the runner ignores leading blanks) gets a backslash, and the legacy `##[`
 * syntax, which the runner finds anywhere in a line, is broken up.
 */
export function safeLine(text: string): string {
  const line = safeMessage(text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?'))
  return line.replace(/^(\s*)::/, '$1\\::')
}

/** An annotation's message: the command escapes its line breaks; only `##[` is left to break up. */
export function safeMessage(text: string): string {
  return text.replace(/##\[/g, '## [')
}

/** ActionIO on a GitHub runner. */
export function githubIO(runner: Runner, env: NodeJS.ProcessEnv): ActionIO {
  const io: ActionIO = {
    getInput: (name) => runner.getInput(name),
    setSecret: (value) => runner.setSecret(value),
    setOutput: (name, value) => runner.setOutput(name, value),
    info: (message) => runner.info(safeLine(message)),
    debug: (message) => runner.debug(message),
    notice: (message, title) => runner.issue('notice', safeMessage(message), { title }),
    warning: (message, title) => runner.issue('warning', safeMessage(message), { title }),
    error: (message, title) => runner.issue('error', safeMessage(message), { title }),
    setFailed: (message) => runner.setFailed(safeMessage(message)),
    group: (name, lines) => {
      runner.issue('group', name)
      lines.forEach((line) => runner.info(safeLine(line)))
      runner.issue('endgroup', '')
    },
    writeSummary: async (markdown) => {
      try {
        if (!runner.appendSummary(markdown)) runner.debug('GITHUB_STEP_SUMMARY is not set: no job summary written')
      } catch (error) {
        runner.issue('warning', `Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }
  const runUrl = workflowRunUrl(env)
  return runUrl === undefined ? io : { ...io, runUrl }
}

function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env
  if (!server || !repository || !runId) return undefined
  return `${server}/${repository}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`
}
