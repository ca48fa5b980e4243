import { authorizationFor, secretsOf } from './authorization.ts'
import { cancelAndWait, type Report } from './cancel-flow.ts'
import type { Clock } from './clock.ts'
import { conclude, queueWarning } from './conclusion.ts'
import { formatDuration } from './duration.ts'
import { outputsOf } from './outputs.ts'
import type { QoveryApi } from './qovery-client.ts'
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
  /** Link to the workflow run, when known. */
  runUrl?: string
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

export async function run({ io, clock, signal, random, createApi }: RunDeps): Promise<void> {
  // Mask the credential before anything else can print it, even when other inputs are bad.
  const rawToken = io.getInput('token').trim()
  if (rawToken !== '') secretsOf(rawToken, authorizationFor(rawToken)).forEach((secret) => io.setSecret(secret))

  let settings: Settings
  try {
    settings = readSettings((name) => io.getInput(name))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const problem of error.problems) io.error(problem.message, `Invalid input: ${problem.input}`)
    io.setFailed(`Invalid input${error.problems.length > 1 ? 's' : ''}: ${error.problems.map((problem) => problem.input).join(', ')}. No request was sent to Qovery.`)
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
  const report = await cancelAndWait({ ...settings, deadline }, {
    api: createApi(settings, deadline),
    clock,
    signal,
    random,
    log: (line) => io.info(line),
    group: (name, lines) => io.group(name, lines)
  })

  for (const [name, value] of Object.entries(outputsOf(report))) io.setOutput(name, value)
  if (report.timeline.length > 0) io.group(`Timeline (${report.timeline.length} state${report.timeline.length > 1 ? 's' : ''})`, timelineLines(report))

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
  const left = queueWarning(report, settings.queued)
  if (left !== undefined) io.warning(left, report.waiting !== undefined && report.waiting.length > 0 ? 'Deployments still queued' : 'Next deployment started')

  const summaryContext = { force: settings.force, queued: settings.queued, consoleUrl: CONSOLE_URL }
  await io.writeSummary(renderSummary(report, io.runUrl === undefined ? summaryContext : { ...summaryContext, runUrl: io.runUrl }))
}
