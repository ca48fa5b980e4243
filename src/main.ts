import { authorizationFor, secretsOf } from './authorization.ts'
import { cancelAndWait, type Report } from './cancel-flow.ts'
import type { Clock } from './clock.ts'
import { conclude, queueWarning } from './conclusion.ts'
import { formatDuration } from './duration.ts'
import { outputsOf, outputsWithoutReport } from './outputs.ts'
import type { QoveryApi } from './qovery-client.ts'
import { githubRuntime } from './runtime.ts'
import { InputError, readSettings, type Settings } from './settings.ts'
import { renderInputProblems, renderSummary, timelineLines } from './summary.ts'

const CONSOLE_URL = 'https://console.qovery.com'

const WARNING_TITLES: Partial<Record<Report['outcome'], string>> = {
  finished: 'Deployment not canceled',
  unknown: 'Deployment ended, fate unknown',
  conflict: 'Cancel refused',
  'timed-out': 'Timed out'
}

/** The runner as the action sees it: inputs, masking, outputs, logs, annotations, summary. */
export interface ActionIO {
  getInput(name: string): string
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  info(message: string): void
  debug(message: string): void
  notice(message: string, title?: string): void
  warning(message: string, title?: string): void
  error(message: string, title?: string): void
  setFailed(message: string): void
  group(name: string, lines: string[]): void
  writeSummary(markdown: string): Promise<void>
  /** The workflow run, for the summary; loaded once the cancel request is out of the way. */
  runContext(): Promise<RunContext>
}

/** The workflow run the action runs in, as far as the runner says. */
export interface RunContext {
  runUrl?: string
  repository?: string
  actor?: string
  event?: string
}

export interface RunDeps {
  io: ActionIO
  clock: Clock
  /** Aborts when the workflow run is cancelled. */
  signal: AbortSignal
  random: () => number
  /** The client for the run; no request may outlive the deadline. */
  createApi(settings: Settings, deadline: number): QoveryApi
}

/** The run's context for the summary; a summary without it beats no summary. */
async function runContextOrNone(io: ActionIO): Promise<RunContext> {
  try {
    return await io.runContext()
  } catch (error) {
    io.debug(`No workflow run context for the summary: ${error instanceof Error ? error.message : String(error)}`)
    return {}
  }
}

/** Writes every output it can; the first failure, as text, or undefined when all were written. */
function writeOutputs(io: ActionIO, outputs: Record<string, string>): string | undefined {
  let failure: string | undefined
  for (const [name, value] of Object.entries(outputs)) {
    try {
      io.setOutput(name, value)
    } catch (error) {
      failure ??= `${name}: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  return failure
}

/**
 * The action. Without dependencies (as @github/local-action and the entry point call it), it
 * runs on the GitHub runner's: @actions/core, the process's signals, the network.
 */
export async function run(deps?: RunDeps): Promise<void> {
  if (deps === undefined) {
    const runtime = githubRuntime()
    try {
      return await run(runtime.deps)
    } finally {
      await runtime.dispose()
    }
  }
  const { io, clock, signal, random, createApi } = deps
  // Mask the credential before anything else can print it, even when other inputs are bad.
  const rawToken = io.getInput('token').trim()
  if (rawToken !== '') secretsOf(rawToken, authorizationFor(rawToken)).forEach((secret) => io.setSecret(secret))

  let settings: Settings
  try {
    settings = readSettings((name) => io.getInput(name))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const problem of error.problems) io.error(problem.message, `Invalid input: ${problem.input}`)
    writeOutputs(io, outputsWithoutReport())
    io.setFailed(
      `Invalid input${error.problems.length > 1 ? 's' : ''}: ${error.problems.map((problem) => problem.input).join(', ')}. No request was sent to Qovery.`
    )
    await io.writeSummary(renderInputProblems(error.problems))
    return
  }

  const target = settings.target
  io.group('Settings', [
    ...('names' in target
      ? [`organization: ${target.names.organization}`, `project: ${target.names.project}`, `environment: ${target.names.environment}`]
      : [`environment-id: ${target.environmentId}`]),
    `token: *** (${settings.authorization.explicit ? 'scheme given' : 'sent'} as ${settings.authorization.scheme})`,
    `force: ${settings.force}`,
    `wait: ${settings.wait}`,
    `timeout: ${formatDuration(settings.timeoutMs)}`,
    `poll-interval: ${formatDuration(settings.pollIntervalMs)}`,
    `request-timeout: ${formatDuration(settings.requestTimeoutMs)}`,
    `api-url: ${settings.apiUrl.href}`,
    `on-timeout: ${settings.onTimeout}`,
    `queued: ${settings.queued}`,
    ...(settings.deploymentRequestId === undefined ? [] : [`deployment-request-id: ${settings.deploymentRequestId}`])
  ])

  // The timeout counts from here: it bounds the whole run, finding the environment included.
  const deadline = clock.now() + settings.timeoutMs
  io.debug(
    `Deadline: ${new Date(deadline).toISOString()} (timeout ${formatDuration(settings.timeoutMs)} from the start; no request is sent after it)`
  )
  const report = await cancelAndWait(
    { ...settings, deadline },
    {
      api: createApi(settings, deadline),
      clock,
      signal,
      random,
      log: (line) => io.info(line),
      group: (name, lines) => io.group(name, lines)
    }
  )

  // Each runner file on its own: outputs that cannot be written are reported, and the conclusion
  // and the summary still come out.
  const outputFailure = writeOutputs(io, outputsOf(report))
  if (report.timeline.length > 0)
    io.group(
      `Timeline (${report.timeline.length + report.timelineDropped} state${report.timeline.length > 1 ? 's' : ''})`,
      timelineLines(report)
    )

  const conclusion = conclude(report, settings)
  if (conclusion.failed) {
    io.setFailed(conclusion.message)
  } else if (conclusion.level === 'notice') {
    io.notice(conclusion.message, 'Nothing to cancel')
  } else if (conclusion.level === 'warning') {
    io.warning(conclusion.message, WARNING_TITLES[report.outcome] ?? 'Warning')
  } else {
    io.info(conclusion.message)
  }
  if (report.statusOfOther !== undefined) {
    io.warning(
      `The status Qovery answered names environment ${report.statusOfOther}, not ${report.environmentId}, the one asked for. The action went on with it; check api-url if this is not a mock.`,
      'Status of another environment'
    )
  }
  const left = queueWarning(report, settings.queued)
  if (left !== undefined)
    io.warning(left, report.waiting !== undefined && report.waiting.length > 0 ? 'Deployments still queued' : 'Next deployment started')
  if (outputFailure !== undefined) {
    io.setFailed(
      `The step outputs could not be written (${outputFailure}): later steps will not see outcome (${report.outcome}) or the others. The run itself ended as said above.`
    )
  }

  await io.writeSummary(
    renderSummary(report, { force: settings.force, queued: settings.queued, consoleUrl: CONSOLE_URL, run: await runContextOrNone(io) })
  )
}
