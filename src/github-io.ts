import * as core from '@actions/core'
import type { ActionIO } from './main.ts'

/** ActionIO on a GitHub runner, through @actions/core. */
export function githubIO(env: NodeJS.ProcessEnv): ActionIO {
  const io: ActionIO = {
    getInput: (name) => core.getInput(name),
    setSecret: (value) => core.setSecret(value),
    setOutput: (name, value) => core.setOutput(name, value),
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    notice: (message, title) => core.notice(message, title === undefined ? {} : { title }),
    warning: (message, title) => core.warning(message, title === undefined ? {} : { title }),
    error: (message, title) => core.error(message, title === undefined ? {} : { title }),
    setFailed: (message) => core.setFailed(message),
    group: (name, lines) => {
      core.startGroup(name)
      lines.forEach((line) => core.info(line))
      core.endGroup()
    },
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written')
      try {
        await core.summary.addRaw(markdown, true).write()
      } catch (error) {
        core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }
  const runUrl = workflowRunUrl(env)
  return runUrl === undefined ? io : { ...io, runUrl }
}

export function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env
  if (!server || !repository || !runId) return undefined
  return `${server}/${repository}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`
}
