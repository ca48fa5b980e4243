import type { ActionIO } from './main.ts'
import type { Runner } from './runner.ts'

/** ActionIO on a GitHub runner. */
export function githubIO(runner: Runner, env: NodeJS.ProcessEnv): ActionIO {
  const io: ActionIO = {
    getInput: (name) => runner.getInput(name),
    setSecret: (value) => runner.setSecret(value),
    setOutput: (name, value) => runner.setOutput(name, value),
    info: (message) => runner.info(message),
    debug: (message) => runner.debug(message),
    notice: (message, title) => runner.issue('notice', message, { title }),
    warning: (message, title) => runner.issue('warning', message, { title }),
    error: (message, title) => runner.issue('error', message, { title }),
    setFailed: (message) => runner.setFailed(message),
    group: (name, lines) => {
      runner.issue('group', name)
      lines.forEach((line) => runner.info(line))
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
