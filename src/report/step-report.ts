/**
 * What the step tells once the run has ended: its outputs, the timeline and the services in the
 * log, the closing annotation and the warnings, and the job summary. Each runner file is written on
 * its own: one that cannot be written is reported, and the others still come out.
 */
import type { ActionIO, RunContext } from '../runner/action-io.ts'
import { type FoundRequest, foundWaiting } from '../rules/deployment-request.ts'
import { actionsValueCovering, describeAllowed, isAllowed } from '../rules/request-kind.ts'
import { outputsOf, outputsWithout } from './outputs.ts'
import { INVALID_INPUT_TITLE, OUTCOMES } from './outcome-words.ts'
import type { Report } from '../flow/run.ts'
import { stillWaiting, consoleLinksOf, serviceEndsOf } from './report-views.ts'
import { describeServiceEnds } from '../rules/service-ends.ts'
import type { InputProblem, Settings } from '../inputs/settings.ts'
import { renderInputProblems, renderSummary } from './summary.ts'
import { timelineLines } from './summary-details.ts'
import { describeRequest, kindWords, listed } from '../rules/words.ts'
import { stateWords } from '../rules/states.ts'
import { aRequest, nextRequest } from './phrases.ts'
import { asSentence, capitalize, counted } from '../util/text.ts'

export async function reportRun(io: ActionIO, report: Report, settings: Settings): Promise<void> {
  const links = consoleLinksOf(report)
  const services = serviceEndsOf(report)
  const outputFailure = writeOutputs(io, outputsOf(report))
  if (services !== undefined && 'value' in services) io.info(describeServiceEnds(services.value, report.target?.kind?.action))
  if (report.timeline.length > 0)
    io.group(
      `Timeline (${report.timeline.length + report.timelineDropped} state${report.timeline.length > 1 ? 's' : ''})`,
      timelineLines(report)
    )

  const closing = { onTimeout: settings.onTimeout, force: settings.force, actions: settings.actions }
  const words = OUTCOMES[report.outcome]
  const title = words.title(report)
  const message = words.closing(report, closing)
  const level = words.level(settings.onTimeout)
  if (level === 'error') io.setFailed(message, title)
  else if (level === 'info') io.info(message)
  else io[level](message, title)
  for (const [warning, what] of warnings(report, settings)) io.warning(warning, `${title}: ${what}`)
  if (outputFailure !== undefined) {
    io.setFailed(
      `The step outputs could not be written (${outputFailure}): later steps will not see outcome (${report.outcome}) or the others. The run itself ended as said above.`,
      `${title}: outputs not written`
    )
  }
  await io.writeSummary(
    renderSummary(report, {
      ...closing,
      queued: settings.queued,
      links,
      ...(services === undefined ? {} : { services }),
      run: await runContextOrNone(io)
    })
  )
}

/**
 * Invalid input: each problem as one error annotation (the last one fails the step, and says that
 * nothing was sent), the outputs a workflow can still read, and the summary.
 */
export async function reportInvalidInput(io: ActionIO, problems: InputProblem[]): Promise<void> {
  const outputFailure = writeOutputs(io, outputsWithout('invalid-input'))
  const title = (problem: InputProblem) => `${INVALID_INPUT_TITLE}: ${problem.input}`
  const last = problems.at(-1)
  for (const problem of problems.slice(0, -1)) io.error(problem.message, title(problem))
  const all = problems.length > 1 ? ` Invalid inputs: ${problems.map((problem) => problem.input).join(', ')}.` : ''
  const outputs = outputFailure === undefined ? '' : ` The step outputs could not be written either (${outputFailure}).`
  io.setFailed(
    `${last === undefined ? 'Invalid input.' : asSentence(last.message)}${all} No request was sent to Qovery.${outputs}`,
    last === undefined ? INVALID_INPUT_TITLE : title(last)
  )
  await io.writeSummary(renderInputProblems(problems))
}

/** What else deserves a warning, `[message, what]`: the requests still waiting or started next, a status of another environment. */
function warnings(report: Report, settings: Settings): Array<[string, string]> {
  const found: Array<[string, string]> = []
  if (report.statusOfOther !== undefined) {
    found.push([
      'The status Qovery answered names another environment than the one asked for (see the status-json output). The action went on with it; check api-url if this is not a mock.',
      'status of another environment'
    ])
  }
  const waiting = report.outcome === 'nothing-to-cancel' ? [] : (stillWaiting(report) ?? [])
  if (waiting.length > 0) found.push([stillQueued(waiting.map(foundWaiting), report, settings), 'requests still queued'])
  if (report.startedNext !== undefined) found.push([startedNext(report, settings), 'next request started'])
  const reached = reachedWarning(report, settings)
  if (reached !== undefined) found.push([reached, 'cancel reached another request'])
  return found
}

/**
 * The environment cancel reached the request that started as the target ended: which, and what
 * came of it; undefined when it reached none, or when the failure already says so (a kind not allowed).
 */
function reachedWarning(report: Report, settings: Settings): string | undefined {
  const why = "Qovery's environment cancel stops whatever runs when it arrives"
  const other = report.reachedOther
  if (other !== undefined) {
    const seen = other.lastState === undefined ? '' : ` It was last seen ${stateWords(other.lastState)}.`
    return `The cancel reached ${describeRequest(other)}, which started as the ${kindWords(report.target?.kind).noun} asked for ended: ${why}.${seen}`
  }
  const { missed, target } = report
  if (missed === undefined || target === undefined || report.failure?.kind === 'reached-disallowed') return undefined
  const unknownKind =
    target.kind === undefined && settings.actions !== 'all'
      ? ` No record gave its kind: whether actions: ${describeAllowed(settings.actions)} allows it is not known.`
      : ''
  return `The cancel reached ${describeRequest(target)}, not the ${kindWords(missed.kind).noun} first targeted, which had ended as it arrived: ${why}.${unknownKind}`
}

/** The request that started next, with its kind and why it was not canceled when it was left alone. */
function startedNext(report: Report, settings: Settings): string {
  const next = nextRequest(report)
  const leftAlone = report.passedOver.find((request) => request.id === report.startedNext)
  const started = `${capitalize(aRequest(next?.request ?? {}, 'the next'))} started once the ${kindWords(report.target?.kind).noun} had ended.`
  if (leftAlone === undefined) return started
  return `${started} It was left alone: actions: ${describeAllowed(settings.actions)} does not cancel it, and actions: ${actionsValueCovering([leftAlone.kind], settings.actions) ?? 'all'} would.`
}

/** The warning about requests still waiting: with queued: keep, how to cancel them; with cancel, why each was not. */
function stillQueued(requests: FoundRequest[], report: Report, settings: Settings): string {
  // Entries, not a count of requests: Qovery may list one merged request under two ids.
  const count =
    requests.length === 1 ? 'A request still waits in the queue' : `The queue still lists ${counted(requests.length, 'entry', 'entries')}`
  const actions = actionsValueCovering(
    requests.map((request) => request.kind),
    settings.actions
  )
  if (settings.queued === 'keep') {
    const them = requests.length > 1 ? 'them' : 'it'
    const how = `queued: cancel${actions === undefined ? '' : ` with actions: ${actions}`}`
    // deployment-request-id touches no other request, and takes no queued: cancel.
    const advice =
      settings.deploymentRequestId === undefined
        ? `Use ${how} to cancel ${them} too.`
        : `deployment-request-id cancels only the request it names: to cancel ${them} too, run the action without it, with ${how}.`
    return `${count} and will start next: ${listed(
      requests.map((request) => aRequest(request, 'a')),
      ', '
    )}. ${advice}`
  }
  const why = (request: FoundRequest): string => {
    if (!isAllowed(request.kind, settings.actions)) return 'of a kind actions leaves alone'
    const cancel = request.id === undefined ? undefined : report.waitingCancels.get(request.id)
    if (cancel === undefined) return 'queued after the cancels were sent'
    if (cancel.accepted === false) return `its cancel was refused (${cancel.detail})`
    return cancel.accepted ? 'its cancel was accepted, and it still waited at the last read' : 'its cancel got no answer'
  }
  const list = listed(
    requests.map((request) => `${aRequest(request, 'a')}, ${why(request)}`),
    '; '
  )
  return `${count} despite queued: cancel: ${list}.${actions === undefined ? '' : ` actions: ${actions} would cancel those of a kind left alone.`}`
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

/** The run's context for the summary; a summary without it beats no summary. */
async function runContextOrNone(io: ActionIO): Promise<RunContext> {
  try {
    return await io.runContext()
  } catch (error) {
    io.debug(`No workflow run context for the summary: ${error instanceof Error ? error.message : String(error)}`)
    return {}
  }
}
