/**
 * What the job summary folds into `<details>`: the ids, the cancel request and Qovery's answer,
 * the environment's state, the queue, the timeline, secondary links and the run's context. Raw
 * values (ids, states, kinds) are in tables and code here, as Qovery gives them.
 */
import type { RunContext } from '../runner/action-io.ts'
import { type FoundRequest, foundWaiting, shortId, shownRequest } from '../rules/deployment-request.ts'
import { formatDuration } from '../util/duration.ts'
import { statusLine } from '../qovery/faults.ts'
import { environmentName } from './phrases.ts'
import { actionsValueFor } from '../rules/request-kind.ts'
import type { ConsoleLinks } from './report-views.ts'
import { type Report, stateOwner } from '../flow/run.ts'
import { alsoCanceledIds, stillWaiting } from './report-views.ts'
import { isCanceling, isFinalState } from '../rules/states.ts'
import { listed } from '../rules/words.ts'
import { code, link, prose } from './markdown.ts'

/** The details table's rows, `[what, detail]`, only those that carry something. */
export function detailRows(report: Report, links: ConsoleLinks, force: boolean): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Environment', environmentCell(report, links)],
    ['Service logs', serviceLogsCell(links)],
    ['Request', requestCell(report)],
    ['First targeted', firstTargetedCell(report)],
    ['Cancel reached', reachedOtherCell(report)],
    ['Request asked for', askedForCell(report)],
    ['How it ended', endCell(report)],
    ['Cancel request', cancelCell(report)],
    ['Environment state', stateCell(report)],
    ['Also canceled', alsoCanceledCell(report)],
    ['Still waiting', waitingCell(report)],
    ['Left alone', leftAloneCell(report)],
    ['Force', forceCell(report, force)]
  ]
  return rows.filter((row): row is [string, string] => row[1] !== undefined)
}

function environmentCell(report: Report, links: ConsoleLinks): string | undefined {
  if (report.environmentId === undefined) return undefined
  const name = environmentName(report)
  const where =
    report.resolved === undefined ? '' : ` in ${prose(report.resolved.organization.name)} / ${prose(report.resolved.project.name)}`
  const console = links.environment === undefined ? '' : ` · ${link("the environment in Qovery's console", links.environment)}`
  const deployments = links.deployments === undefined ? '' : ` · ${link('its deployments', links.deployments)}`
  return `${name === undefined ? '' : `**${prose(name)}** `}${code(report.environmentId)}${where}${console}${deployments}`
}

/** Each service's logs of the deployment in Qovery's console: `[api](...) · [worker](...)`; a service with no name by its id. */
function serviceLogsCell(links: ConsoleLinks): string | undefined {
  const logs = links.serviceLogs
  if (logs === undefined) return undefined
  return listed(
    logs.map((service) => link(service.name === '' ? service.id : service.name, service.link)),
    ' · '
  )
}

function requestCell(report: Report): string | undefined {
  const target = report.target
  if (target === undefined) return undefined
  const how =
    target.alreadyEnded !== undefined
      ? 'had already ended'
      : report.missed !== undefined
        ? 'started as the request first targeted ended: the cancel reached it'
        : target.via === 'queue'
          ? 'was waiting in the queue'
          : 'was running'
  return `${idCell(target.id)} · ${describeKindAndWho(target)} · ${how}`
}

/** The request the cancel first targeted, when it reached the next one instead: the first one's id, kind, and how it ended. */
function firstTargetedCell(report: Report): string | undefined {
  const missed = report.missed
  if (missed === undefined) return undefined
  const fate = missed.fate
  const ended = fate?.state === undefined ? 'how it ended is not known' : `ended ${code(fate.state)}`
  return `${idCell(missed.id)} · ${describeKindAndWho(missed)} · ${ended}${fate === undefined ? '' : `: ${prose(fate.basis)}`}`
}

/** The request the cancel reached instead of the one deployment-request-id asked for: its id, kind, and the last state seen. */
function reachedOtherCell(report: Report): string | undefined {
  const reached = report.reachedOther
  if (reached === undefined) return undefined
  const state = reached.lastState === undefined ? '' : ` · last seen ${code(reached.lastState)}`
  return `${idCell(reached.id)} · ${describeKindAndWho(reached)} · started as the request asked for ended${state}`
}

function idCell(id: string | undefined): string {
  return id === undefined ? 'not named by Qovery' : code(id)
}

/** deployment-request-id, when the run failed on it: the id, and where Qovery places it. */
function askedForCell(report: Report): string | undefined {
  const cause = report.failure
  if (cause === undefined || !('id' in cause)) return undefined
  const where =
    cause.kind === 'request-elsewhere'
      ? `Qovery places it in environment ${code(cause.otherEnvironmentId)}, not in ${code(cause.environmentId)}`
      : cause.kind === 'request-unknown'
        ? 'Qovery does not know it'
        : `neither running nor waiting in environment ${code(cause.environmentId)}`
  return `${code(cause.id)} · ${where}`
}

function endCell(report: Report): string | undefined {
  const fate = report.target?.fate
  if (fate === undefined) {
    const last = report.target?.lastState
    return last === undefined || report.target?.alreadyEnded !== undefined
      ? undefined
      : `not ended when the step stopped: last seen ${code(last)}`
  }
  return `${fate.state === undefined ? 'not known' : code(fate.state)}: ${prose(fate.basis)}`
}

/** When the cancel left, Qovery's answer (a 409 with its words), and how long the request took to end after it. */
function cancelCell(report: Report): string | undefined {
  const cancel = report.cancel
  if (cancel?.sentAt === undefined) return undefined
  const answer =
    cancel.acceptedWith !== undefined
      ? `accepted (HTTP ${cancel.acceptedWith})`
      : cancel.conflict !== undefined
        ? `refused (409): ${prose(cancel.conflict)}`
        : cancel.refusedWith !== undefined
          ? `refused (${statusLine(cancel.refusedWith)})`
          : cancel.lastAnswer !== undefined
            ? `not accepted (the last answer: ${cancel.lastAnswer})`
            : 'no answer'
  const ended = report.settledAt === undefined ? '' : ` · its end seen ${formatDuration(report.settledAt - cancel.sentAt)} later`
  return `sent at ${time(cancel.sentAt)} UTC, ${answer}${ended}`
}

/** The environment's state, labelled with the request it belongs to. */
/**
 * The environment's state as the last status read gave it, and what that status named: the
 * request the action acted on, the one that started next, or another one, as the status says (it
 * may lag, or name the last request that ended); a queued state under a request that ran is the
 * next request waiting. `last_deployment_state` beside it when the two differ.
 */
function stateCell(report: Report): string | undefined {
  const status = report.status
  if (status === undefined) return undefined
  const named = shownRequest(status)
  const owner = stateOwner(report, status)
  const whose =
    named === undefined
      ? ''
      : owner === undefined
        ? ': the next request waits to start'
        : named === report.target?.id
          ? `; the status names the request above`
          : named === report.startedNext
            ? `; the status names request ${code(named)}, which started once it ended`
            : `; the status names request ${code(named)}`
  const last = typeof status.last_deployment_state === 'string' ? status.last_deployment_state : undefined
  const lastDiffers = last !== undefined && last !== '' && last.toUpperCase() !== status.state.toUpperCase()
  return `${code(status.state)}${lastDiffers ? ` (last deployment state ${code(last)})` : ''}${whose}`
}

function alsoCanceledCell(report: Report): string | undefined {
  const others = alsoCanceledIds(report)
  return others.length > 0 ? listed(others.map(code), ', ') : undefined
}

function waitingCell(report: Report): string | undefined {
  const waiting = stillWaiting(report)
  if (waiting === undefined) return report.queueUnreadable === undefined ? undefined : `not known: ${prose(report.queueUnreadable)}`
  if (waiting.length === 0) return undefined
  return listed(
    waiting.map((row) => `${code(row.id)} · ${describeKindAndWho(foundWaiting(row))}`),
    '<br>'
  )
}

function leftAloneCell(report: Report): string | undefined {
  if (report.passedOver.length === 0 || report.outcome === 'nothing-to-cancel') return undefined
  return listed(
    report.passedOver.map(
      (request) =>
        `${request.id === undefined ? 'the running request' : code(request.id)} · ${describeKindAndWho(request)} · actions: ${actionsValueFor(request.kind)} would cancel it`
    ),
    '<br>'
  )
}

/** Force only where it mattered: it was used, or a lifecycle job may be what held the cancel. */
function forceCell(report: Report, force: boolean): string | undefined {
  if (force) return `yes: ${code('force_cancel')} was sent, for Qovery to abort the lifecycle jobs too`
  const held = report.outcome === 'timed-out' && isCanceling(report.target?.lastState ?? report.status?.state ?? '')
  return held ? `no: a lifecycle job may be what keeps it ${code('CANCELING')}; force: true aborts it` : undefined
}

/** `` `DEPLOY`, triggered by `alice@example.com` from API ``. */
function describeKindAndWho(request: FoundRequest): string {
  const who =
    request.triggeredBy === undefined
      ? ''
      : `, triggered by ${prose(request.triggeredBy)}${request.origin === undefined ? '' : ` from ${prose(request.origin)}`}`
  return `${request.kind === undefined ? 'kind not known' : code(request.kind.action)}${who}`
}

/** The timeline, to the second, the date said once in its heading. */
export function timelineSection(report: Report): string[] {
  if (report.timeline.length === 0) return []
  const date = new Date(report.timeline[0]!.at).toISOString().slice(0, 10)
  const rows = timelineRows(report).map(
    (row) =>
      `| ${row.date === date ? '' : `${row.date} `}${row.time.slice(0, 8)} | ${code(row.state)} | ${row.request === undefined ? '' : code(shortId(row.request))} | ${row.lasted} |`
  )
  return [
    `#### Timeline (${date}, UTC)`,
    '',
    '| Time | State | Request | Lasted |',
    '|---|---|---|---|',
    ...(report.timelineDropped > 0 ? [`| … | | | ${report.timelineDropped} earlier changes not shown |`] : []),
    ...rows,
    ''
  ]
}

interface TimelineRow {
  date: string
  /** `21:08:29.672`: to the millisecond; the summary shows it to the second. */
  time: string
  state: string
  request?: string
  lasted: string
}

/**
 * The timeline's rows, each state's time lasted told by `duration`. A state the status showed is
 * labeled with the request it named, unless the run found the status's ids not to be taken at their
 * word (they disagreed with other records): then with none. A state still in progress at the end
 * lasted "up to the last read": what the reads showed, not what holds after them.
 */
function timelineRows(report: Report, duration: (ms: number) => string = seconds): TimelineRow[] {
  const labeled = report.doubts.length === 0
  return report.timeline.map((sighting, index) => {
    // How long the state lasted for its request: until that request's next sighting.
    const later = report.timeline.slice(index + 1)
    const next = later.find((other) => other.request === sighting.request)
    // Once the status shows another request, this one's state no longer holds "so far".
    const replaced =
      sighting.source === 'status'
        ? later.find((other) => other.source === 'status' && other.request !== undefined && other.request !== sighting.request)
        : undefined
    const disputed = sighting.request !== undefined && sighting.request === report.target?.id && report.target.fate?.said !== undefined
    const lasted = next
      ? duration(next.at - sighting.at)
      : disputed
        ? "not known: Qovery's records of it disagree"
        : isFinalState(sighting.state)
          ? 'final'
          : replaced !== undefined
            ? `${duration(replaced.at - sighting.at)}, until another request showed`
            : `${duration(report.endedAt - sighting.at)} up to the last read`
    const iso = new Date(sighting.at).toISOString()
    return {
      date: iso.slice(0, 10),
      time: iso.slice(11, 23),
      state: sighting.state,
      lasted,
      ...(sighting.request === undefined || (!labeled && sighting.source === 'status') ? {} : { request: sighting.request })
    }
  })
}

/** The timeline for the log: one line a state, to the millisecond. */
export function timelineLines(report: Report): string[] {
  return timelineRows(report, formatDuration).map(
    (row) => `${row.time}Z  ${row.state.padEnd(18)} ${(row.request === undefined ? '' : shortId(row.request)).padEnd(8)}  ${row.lasted}`
  )
}

/** A duration for the summary: `under 1s` rather than milliseconds. */
function seconds(ms: number): string {
  return ms < 1000 ? 'under 1s' : formatDuration(ms)
}

/** `12 requests to Qovery's API · [Workflow run](...) · acme/shop · @octocat · workflow_dispatch`: the cost, and what the runner told. */
export function footer(report: Report, run: RunContext): string {
  return [
    `${report.apiCalls} request${report.apiCalls === 1 ? '' : 's'} to Qovery's API`,
    run.runUrl === undefined ? undefined : link('Workflow run', run.runUrl),
    run.repository === undefined ? undefined : prose(run.repository),
    run.actor === undefined ? undefined : `@${prose(run.actor)}`,
    run.event === undefined ? undefined : code(run.event)
  ]
    .filter((part) => part !== undefined)
    .join(' · ')
}

function time(at: number): string {
  return new Date(at).toISOString().slice(11, 19)
}
