import type { ActionIO, RunDeps } from './runner/action-io.ts'
import { authorizationFor, isSchemeOnly, secretsOf } from './inputs/authorization.ts'
import { cancelAndWait } from './flow/cancel-flow.ts'
import { formatDuration } from './util/duration.ts'
import type { FlowOptions } from './flow/flow-context.ts'
import { catchInterruptions, type Interruptions } from './runner/interruptions.ts'
import { describeAllowed } from './rules/request-kind.ts'
import { githubRuntime } from './runtime.ts'
import { InputError, readSettings, type Settings } from './inputs/settings.ts'
import { reportInvalidInput, reportRun } from './report/step-report.ts'

/**
 * The action. Without dependencies (as @github/local-action and the entry point call it), it
 * runs on the GitHub runner's: @actions/core, the process's signals, the network.
 */
export async function run(deps?: RunDeps): Promise<void> {
  if (deps === undefined) return runOnRunner(catchInterruptions())
  const { io, clock } = deps
  maskToken(io)
  let settings: Settings
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
  const report = await cancelAndWait(flowOptions(settings, deadline), {
    api: deps.createApi(settings, deadline),
    clock,
    signal: deps.signal,
    random: deps.random,
    log: (line) => io.info(line),
    group: (name, lines) => io.group(name, lines)
  })
  await reportRun(io, report, settings)
}

/** The action on a GitHub runner, stopped by `interruptions` (the entry point's are caught from its first moment). */
export async function runOnRunner(interruptions: Interruptions): Promise<void> {
  const runtime = githubRuntime(interruptions)
  try {
    return await run(runtime.deps)
  } finally {
    await runtime.dispose()
  }
}

/** What the flow acts on: the settings but the credential, which only the client holds. */
function flowOptions(settings: Settings, deadline: number): FlowOptions {
  const { target, force, wait, timeoutMs, pollIntervalMs, queued, actions, deploymentRequestId, apiUrl } = settings
  return {
    target,
    deadline,
    force,
    wait,
    timeoutMs,
    pollIntervalMs,
    queued,
    actions,
    apiUrl,
    ...(deploymentRequestId === undefined ? {} : { deploymentRequestId })
  }
}

/** The credential is masked before anything else can print it, even when other inputs are bad. */
function maskToken(io: ActionIO): void {
  const token = io.getInput('token').trim()
  if (token !== '' && !isSchemeOnly(token)) for (const secret of secretsOf(token, authorizationFor(token))) io.setSecret(secret)
}

function settingsLines(settings: Settings): string[] {
  const target = settings.target
  return [
    ...('names' in target
      ? [`organization: ${target.names.organization}`, `project: ${target.names.project}`, `environment: ${target.names.environment}`]
      : [`environment-id: ${target.environmentId}`]),
    `token: *** (${settings.authorization.explicit ? 'scheme given' : 'sent'} as ${settings.authorization.scheme})`,
    `actions: ${describeAllowed(settings.actions)}`,
    `force: ${settings.force}`,
    `wait: ${settings.wait}`,
    `timeout: ${formatDuration(settings.timeoutMs)}`,
    `poll-interval: ${formatDuration(settings.pollIntervalMs)}`,
    `request-timeout: ${formatDuration(settings.requestTimeoutMs)}`,
    `api-url: ${settings.apiUrl.href}`,
    `on-timeout: ${settings.onTimeout}`,
    `queued: ${settings.queued}`,
    ...(settings.deploymentRequestId === undefined ? [] : [`deployment-request-id: ${settings.deploymentRequestId}`])
  ]
}
