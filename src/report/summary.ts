/**
 * The job summary, as GitHub-flavoured Markdown: what happened in a headline and a sentence, then
 * only the details that carry something, each service's end, and the timeline. Holds no secret:
 * ids, states, names and times. Every text from the API is escaped so that it cannot break a table
 * or inject HTML.
 */
import type { RunContext } from '../runner/action-io.ts'
import { type FoundRequest, foundWaiting, shortId, shownRequest } from '../rules/deployment-request.ts'
import { formatDuration } from '../util/duration.ts'
import { statusLine } from '../qovery/faults.ts'
import { type ClosingContext, environmentName, OUTCOMES } from './outcome-words.ts'
import type { ServiceVersion } from '../rules/qovery-records.ts'
import { actionsValueFor, type RequestKind } from '../rules/request-kind.ts'
import { type ConsoleLinks, stillWaiting, unreadableServicesOf } from './report-views.ts'
import { type Report, stateOwner } from '../flow/run.ts'
import { type Known } from '../util/known.ts'
import { endWords, type ServiceEnd } from '../rules/service-ends.ts'
import type { InputProblem, Queued } from '../inputs/settings.ts'
import { isCanceling, isFinalState } from '../rules/states.ts'
import { listed } from '../rules/words.ts'

export interface SummaryContext extends ClosingContext {
  queued: Queued
  links: ConsoleLinks
  /** Each service's end in the targeted request's deployment, when it ran. */
  services?: Known<ServiceEnd[]>
  /** The workflow run: its link, repository, actor and event, as far as the runner says. */
  run: RunContext
}

export function renderSummary(report: Report, context: SummaryContext): string {
  const words = OUTCOMES[report.outcome]
  const lines = [
    `## ${words.mark} ${escape(words.headline(report))}`,
    '',
    paragraph(words.closing(report, { ...context, followAt: undefined }), context),
    ''
  ]
  const rows = detailRows(report, context)
  if (rows.length > 0) lines.push('| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`), '')
  lines.push(...servicesSection(context.services, report.target?.kind, unreadableServicesOf(report)))
  lines.push(...timelineSection(report))
  lines.push(...footer(report, context.run))
  return lines.join('\n')
}

/** The closing sentence, with the links that let a person follow up. */
function paragraph(closing: string, context: SummaryContext): string {
  const links = [
    context.links.deployment === undefined ? undefined : `[the deployment in Qovery's console](${context.links.deployment})`,
    context.links.environment === undefined ? undefined : `[the environment](${context.links.environment})`
  ].filter((link) => link !== undefined)
  return `${escape(closing)}${links.length > 0 ? ` Open ${links.join(' or ')}.` : ''}`
}

function detailRows(report: Report, context: SummaryContext): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Environment', environmentCell(report, context.links)],
    ['Request', requestCell(report)],
    ['How it ended', endCell(report)],
    ['From the cancel request to the end', settledCell(report)],
    ['Cancel request', cancelCell(report)],
    ['Qovery answered 409', report.cancel?.conflict === undefined ? undefined : escape(report.cancel.conflict)],
    ['Environment state', stateCell(report)],
    ['Also canceled', alsoCanceledCell(report)],
    ['Still waiting', waitingCell(report)],
    ['Left alone', leftAloneCell(report)],
    ['Force', forceCell(report, context.force)]
  ]
  return rows.filter((row): row is [string, string] => row[1] !== undefined)
}

function environmentCell(report: Report, links: ConsoleLinks): string | undefined {
  if (report.environmentId === undefined) return undefined
  const name = environmentName(report)
  const where =
    report.resolved === undefined ? '' : ` in ${escape(report.resolved.organization.name)} / ${escape(report.resolved.project.name)}`
  const link = links.environment === undefined ? '' : ` · [console](${links.environment})`
  return `${name === undefined ? '' : `**${escape(name)}** `}${code(report.environmentId)}${where}${link}`
}

function requestCell(report: Report): string | undefined {
  const target = report.target
  if (target === undefined) return undefined
  const how = target.alreadyEnded !== undefined ? 'had already ended' : target.via === 'queue' ? 'was waiting in the queue' : 'was running'
  return `${target.id === undefined ? 'not named by Qovery' : code(target.id)} · ${describeKindAndWho(target)} · ${how}`
}

function endCell(report: Report): string | undefined {
  const fate = report.target?.fate
  if (fate === undefined) {
    const last = report.target?.lastState
    return last === undefined || report.target?.alreadyEnded !== undefined
      ? undefined
      : `not ended when the step stopped: last seen ${code(last)}`
  }
  return `${fate.state === undefined ? 'not known' : code(fate.state)}: ${escape(fate.basis)}`
}

function settledCell(report: Report): string | undefined {
  return report.settledAt === undefined || report.cancel?.sentAt === undefined
    ? undefined
    : formatDuration(report.settledAt - report.cancel.sentAt)
}

/** When the cancel left and what Qovery answered, while its end is not known. */
function cancelCell(report: Report): string | undefined {
  const cancel = report.cancel
  if (cancel?.sentAt === undefined || report.settledAt !== undefined) return undefined
  const answer =
    cancel.acceptedWith !== undefined
      ? `accepted (HTTP ${cancel.acceptedWith})`
      : cancel.conflict !== undefined
        ? 'refused (409)'
        : cancel.refusedWith !== undefined
          ? `refused (${statusLine(cancel.refusedWith)})`
          : cancel.lastAnswer !== undefined
            ? `not accepted (the last answer: ${cancel.lastAnswer})`
            : 'no answer'
  return `sent at ${time(cancel.sentAt)} UTC, ${answer}`
}

/** The environment's state, labelled with the request it belongs to. */
function stateCell(report: Report): string | undefined {
  const status = report.status
  if (status === undefined) return undefined
  const shown = stateOwner(report, status)
  const whose =
    shown === undefined
      ? shownRequest(status) === undefined
        ? ''
        : ': the next request waits to start'
      : shown === report.target?.id
        ? `, of the request above`
        : shown === report.startedNext
          ? `, of request ${code(shown)}, which started once it ended`
          : `, of request ${code(shown)}`
  return `${code(status.state)}${whose}`
}

function alsoCanceledCell(report: Report): string | undefined {
  const others = report.canceledRequests.filter((id) => id !== report.target?.id)
  return others.length > 0 ? listed(others.map(code), ', ') : undefined
}

function waitingCell(report: Report): string | undefined {
  const waiting = stillWaiting(report)
  if (waiting === undefined) return report.queueUnreadable === undefined ? undefined : `not known: ${escape(report.queueUnreadable)}`
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
  return held ? 'no: a lifecycle job may be what keeps it CANCELING; force: true aborts it' : undefined
}

/** Each service's end, as a table; `unreadable`: what the history listed that could not be read, said under it. */
function servicesSection(
  services: Known<ServiceEnd[]> | undefined,
  kind: RequestKind | undefined,
  unreadable: string | undefined
): string[] {
  if (services === undefined) return []
  if ('unknown' in services) return ['### Services', '', `Not known: ${escape(services.unknown)}.`, '']
  if (services.value.length === 0) return []
  const missing =
    unreadable === undefined
      ? []
      : [`Not shown: what Qovery's deployment history lists in a shape the action cannot read (${escape(unreadable)}).`, '']
  return [
    '### Services',
    '',
    '| Stage | Service | How it ended | Runs | Duration |',
    '|---|---|---|---|---|',
    ...services.value.map(
      (service) =>
        `| ${escape(service.stage)} | ${serviceCell(service)} | ${END_MARKS[service.end]} ${escape(endWords(service.end, kind?.action))} | ${versionCell(service.version)} | ${service.durationMs === undefined ? '' : formatDuration(service.durationMs)} |`
    ),
    '',
    ...missing
  ]
}

/** `**api** (application)`; a service Qovery gave no name is shown by its id, a type not given is left out. */
function serviceCell(service: ServiceEnd): string {
  const name = service.name === '' ? code(service.id) : `**${escape(service.name)}**`
  return service.type === '' ? name : `${name} (${escape(service.type.toLowerCase())})`
}

const END_MARKS: Record<ServiceEnd['end'], string> = {
  canceled: '🛑',
  'done-before-cancel': '✅',
  failed: '❌',
  'in-progress': '⏳',
  'not-started': '⏸️',
  unknown: '❔'
}

/** What the service runs now, as far as the deployment said: a commit, an image and its tag, a chart. */
function versionCell(version: ServiceVersion | undefined): string {
  if (version === undefined) return ''
  if ('commit' in version) return `commit ${code(version.commit.slice(0, 12))}`
  if ('image' in version) return code(`${version.image}:${version.tag}`)
  return `chart ${code(version.version === undefined ? version.chart : `${version.chart} ${version.version}`)}`
}

/** The timeline, the date said once in its heading. */
function timelineSection(report: Report): string[] {
  if (report.timeline.length === 0) return []
  const date = new Date(report.timeline[0]!.at).toISOString().slice(0, 10)
  const rows = timelineRows(report).map(
    (row) =>
      `| ${row.date === date ? '' : `${row.date} `}${row.time} | ${code(row.state)} | ${row.request === undefined ? '' : code(shortId(row.request))} | ${row.lasted} |`
  )
  return [
    `### Timeline (${date}, UTC)`,
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
  time: string
  state: string
  request?: string
  lasted: string
}

function timelineRows(report: Report): TimelineRow[] {
  return report.timeline.map((sighting, index) => {
    // How long the state lasted for its request: until that request's next sighting.
    const later = report.timeline.slice(index + 1)
    const next = later.find((other) => other.request === sighting.request)
    // Once the status shows another request, this one's state no longer holds "so far".
    const replaced =
      sighting.source === 'status'
        ? later.find((other) => other.source === 'status' && other.request !== undefined && other.request !== sighting.request)
        : undefined
    const lasted = next
      ? formatDuration(next.at - sighting.at)
      : isFinalState(sighting.state)
        ? 'final'
        : replaced !== undefined
          ? `${formatDuration(replaced.at - sighting.at)}, until another request showed`
          : `${formatDuration(report.endedAt - sighting.at)} so far`
    const iso = new Date(sighting.at).toISOString()
    return {
      date: iso.slice(0, 10),
      time: iso.slice(11, 23),
      state: sighting.state,
      lasted,
      ...(sighting.request === undefined ? {} : { request: sighting.request })
    }
  })
}

/** The timeline for the log: one line a state. */
export function timelineLines(report: Report): string[] {
  return timelineRows(report).map(
    (row) => `${row.time}Z  ${row.state.padEnd(18)} ${(row.request === undefined ? '' : shortId(row.request)).padEnd(8)}  ${row.lasted}`
  )
}

/** `[Workflow run](...) · acme/shop · @octocat · workflow_dispatch · 8 requests to Qovery`: what the runner told, and the cost. */
function footer(report: Report, run: RunContext): string[] {
  const parts = [
    run.runUrl === undefined ? undefined : `[Workflow run](${run.runUrl})`,
    run.repository === undefined ? undefined : escape(run.repository),
    run.actor === undefined ? undefined : `@${escape(run.actor)}`,
    run.event === undefined ? undefined : code(run.event),
    `${report.apiCalls} request${report.apiCalls === 1 ? '' : 's'} to Qovery's API`
  ].filter((part) => part !== undefined)
  return ['---', '', parts.join(' · '), '']
}

/** The summary when the inputs are rejected: which, and why; nothing was sent. */
export function renderInputProblems(problems: InputProblem[]): string {
  return [
    `## ${OUTCOMES['invalid-input'].mark} Invalid input`,
    '',
    'No request was sent to Qovery.',
    '',
    '| Input | Problem |',
    '|---|---|',
    ...problems.map((problem) => `| ${code(problem.input)} | ${escape(problem.message)} |`),
    ''
  ].join('\n')
}

/** `DEPLOY, triggered by alice@example.com from CONSOLE`. */
function describeKindAndWho(request: FoundRequest): string {
  const who =
    request.triggeredBy === undefined
      ? ''
      : `, triggered by ${escape(request.triggeredBy)}${request.origin === undefined ? '' : ` from ${escape(request.origin)}`}`
  return `${request.kind === undefined ? 'kind not known' : code(request.kind.action)}${who}`
}

function time(at: number): string {
  return new Date(at).toISOString().slice(11, 19)
}

/**
 * A value as a code span in a table cell, as given: a pipe escaped (GFM's tables split cells on
 * it first), backticks kept by a fence longer than any run of them, line breaks as spaces.
 */
function code(value: string): string {
  const text = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|')
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** Text from the API goes into Markdown: keep it from breaking tables or injecting HTML. */
function escape(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[|<>\\`*_[\]]/g, (char) => `\\${char}`)
}
