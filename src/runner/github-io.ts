import * as core from '@actions/core'
import type { ActionIO, RunContext } from './action-io.ts'
import { redact } from './redaction.ts'
import { runContextOf } from './workflow-run.ts'

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

/**
 * Unicode's bidirectional controls: the embeddings and overrides (U+202A-U+202E), the isolates
 * (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C). Raw in a line they reorder what follows
 * them, so that a name from the API can make the rest of a line read otherwise than it is.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** `text` with each bidirectional control shown as its code point, `[U+202E]`, and so without effect. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (control) => `[U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)
}

/** An annotation's message: the command escapes its line breaks; only `##[` is left to break up. */
function safeMessage(text: string): string {
  return text.replace(/##\[/g, '## [')
}

/** The workflow run as @actions/github's context describes it. */
export type WorkflowContext = Pick<typeof import('@actions/github').context, 'runId' | 'runAttempt' | 'serverUrl' | 'actor' | 'eventName'>

/**
 * What the action uses of GitHub's toolkit: @actions/core's side of the runner's protocol, the job
 * summary, and @actions/github's context. In-process tests stand in for it, recording instead of
 * printing, so that what the action prints goes through the same ActionIO as on a runner.
 */
export interface Toolkit {
  core: Pick<
    typeof core,
    'getInput' | 'setSecret' | 'setOutput' | 'info' | 'debug' | 'notice' | 'warning' | 'error' | 'startGroup' | 'endGroup'
  >
  /** Fails the step once the process ends, as core.setFailed does besides its untitled annotation. */
  fail(): void
  /** Appends to the job summary file; rejects when it cannot be written. */
  appendSummary(markdown: string): Promise<void>
  /** Loaded on demand: the package and its Octokit client weigh on start-up, and nothing before the cancel needs them. */
  context(): Promise<WorkflowContext>
}

/** The toolkit on a GitHub runner. */
const githubToolkit: Toolkit = {
  core,
  fail: () => void (process.exitCode = core.ExitCode.Failure),
  appendSummary: async (markdown) => {
    try {
      await core.summary.addRaw(markdown, true).write()
    } catch (error) {
      core.summary.emptyBuffer()
      throw error
    }
  },
  context: async () => (await import('@actions/github')).context
}

/**
 * ActionIO on a GitHub runner, through GitHub's toolkit. Each secret given to setSecret is also
 * redacted from everything written after it (log, annotations, outputs, summary), in part and
 * Markdown-escaped too: text from the API may carry it back. What people read (log, annotations,
 * summary) shows bidirectional controls as code points (showBidiControls); outputs are data for
 * later steps, and keep Qovery's text as it came.
 */
export function githubIO(env: NodeJS.ProcessEnv = process.env, toolkit: Toolkit = githubToolkit): ActionIO {
  const { core } = toolkit
  const secrets: string[] = []
  const redacted = (text: string) => redact(text, secrets)
  const clean = (text: string) => showBidiControls(redacted(text))
  const annotation = (title: string | undefined) => (title === undefined ? {} : { title: clean(title) })
  return {
    getInput: (name) => core.getInput(name),
    setSecret: (value) => {
      secrets.push(value)
      core.setSecret(value)
    },
    setOutput: (name, value) => core.setOutput(name, redacted(value)),
    info: (message) => core.info(safeLine(clean(message))),
    debug: (message) => core.debug(clean(message)),
    notice: (message, title) => core.notice(safeMessage(clean(message)), annotation(title)),
    warning: (message, title) => core.warning(safeMessage(clean(message)), annotation(title)),
    error: (message, title) => core.error(safeMessage(clean(message)), annotation(title)),
    // core.setFailed gives its annotation no title: an error annotation with one, and the exit code.
    setFailed: (message, title) => {
      core.error(safeMessage(clean(message)), annotation(title))
      toolkit.fail()
    },
    group: (name, lines) => {
      core.startGroup(safeLine(clean(name)))
      for (const line of lines) core.info(safeLine(clean(line)))
      core.endGroup()
    },
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written')
      try {
        await toolkit.appendSummary(clean(markdown))
      } catch (error) {
        core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`, {
          title: 'Job summary not written'
        })
      }
    },
    runContext: async () => runContext(env, await toolkit.context())
  }
}

/** The workflow run, as far as the runner's context says; a link only from well-formed parts. */
function runContext(env: NodeJS.ProcessEnv, context: WorkflowContext): RunContext {
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
