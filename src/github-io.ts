import * as core from '@actions/core'
import type { ActionIO, RunContext } from './main.ts'
import { runContextOf } from './run-context.ts'

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

/** ActionIO on a GitHub runner, through @actions/core; @actions/github only when the summary needs it. */
export function githubIO(env: NodeJS.ProcessEnv = process.env): ActionIO {
  const annotation = (title: string | undefined) => (title === undefined ? {} : { title })
  return {
    getInput: (name) => core.getInput(name),
    setSecret: (value) => core.setSecret(value),
    setOutput: (name, value) => core.setOutput(name, value),
    info: (message) => core.info(safeLine(message)),
    debug: (message) => core.debug(message),
    notice: (message, title) => core.notice(safeMessage(message), annotation(title)),
    warning: (message, title) => core.warning(safeMessage(message), annotation(title)),
    error: (message, title) => core.error(safeMessage(message), annotation(title)),
    setFailed: (message) => core.setFailed(safeMessage(message)),
    group: (name, lines) => {
      core.startGroup(safeLine(name))
      for (const line of lines) core.info(safeLine(line))
      core.endGroup()
    },
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written')
      try {
        await core.summary.addRaw(markdown, true).write()
      } catch (error) {
        core.summary.emptyBuffer()
        core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
      }
    },
    runContext: () => runContext(env)
  }
}

/**
 * The workflow run, from @actions/github's context. Loaded on demand: the package and its Octokit
 * client weigh on start-up, and nothing before the cancel request needs them.
 */
async function runContext(env: NodeJS.ProcessEnv): Promise<RunContext> {
  const { context } = await import('@actions/github')
  return runContextOf({
    // context.repo splits GITHUB_REPOSITORY on its first slash, whatever else it holds.
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    serverUrl: context.serverUrl,
    runId: context.runId,
    runAttempt: context.runAttempt,
    actor: context.actor,
    eventName: context.eventName
  })
}
