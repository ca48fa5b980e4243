import type { Report } from './cancel-flow.ts'
import { formatDuration } from './duration.ts'
import type { Outcome } from './outcome.ts'
import { describeWaiting, shortId } from './deployment-request.ts'
import type { RunContext } from './main.ts'
import type { InputProblem, Queued } from './settings.ts'
import { isFinalState } from './states.ts'

export interface SummaryContext {
  force: boolean
  queued: Queued
  /** The Qovery console, for a link to the environment when its organization and project are known. */
  consoleUrl: string
  /** The workflow run: its link, repository, actor and event, as far as the runner says. */
  run: RunContext
}

const MARKS: Record<Outcome, string> = {
  canceled: '✅',
  finished: '⚠️',
  unknown: '❔',
  'nothing-to-cancel': 'ℹ️',
  requested: '✅',
  conflict: '⚠️',
  'timed-out': '⏱️',
  interrupted: '🛑',
  failed: '❌'
}

function headline(report: Report): string {
  const state = report.status?.state ?? 'unknown'
  const ended = report.request?.fate?.state ?? state
  switch (report.outcome) {
    case 'canceled':
      return 'Deployment canceled'
    case 'finished':
      return report.request?.sawCanceling
        ? `Deployment ended ${ended} after the cancel took effect`
        : `Deployment finished before the cancel took effect (${ended})`
    case 'unknown':
      return 'Deployment ended; whether it was canceled is not known'
    case 'nothing-to-cancel':
      return 'Nothing to cancel'
    case 'requested':
      return 'Cancel requested'
    case 'conflict':
      return 'Cancel refused (409)'
    case 'timed-out':
      return `Timed out while ${report.request?.lastState ?? state}`
    case 'interrupted':
      return 'Interrupted'
    case 'failed':
      return 'Cancel failed'
  }
}

/** The job summary as GitHub-flavoured Markdown. Holds no secret: only ids, states and times. */
export function renderSummary(report: Report, context: SummaryContext): string {
  const status = report.status
  const lines = [`## ${MARKS[report.outcome]} ${escape(headline(report))}`, '']
  if (report.reason !== undefined) lines.push(`> ${escape(report.reason)}`, '')

  const rows: Array<[string, string]> = [
    ['Outcome', code(report.outcome)],
    ['Environment', environmentCell(report, context.consoleUrl)],
    ['Deployment request', requestCell(report)],
    ['Environment state', status ? code(status.state) : 'not read'],
    [
      'Last deployment',
      status?.last_deployment_id
        ? `${code(status.last_deployment_id)}${status.last_deployment_date ? ` (${escape(status.last_deployment_date)})` : ''}`
        : '—'
    ],
    ['Canceled requests', report.canceledRequests.length > 0 ? listed(report.canceledRequests.map(code), ', ') : 'none'],
    [
      'Still waiting',
      report.waiting === undefined
        ? report.queueUnreadable === undefined
          ? 'not read'
          : `not known: ${escape(report.queueUnreadable)}`
        : report.waiting.length > 0
          ? listed(
              report.waiting.map((request) => escape(describeWaiting(request))),
              '<br>'
            )
          : 'none'
    ],
    ['Started next', report.startedNext === undefined ? '—' : code(report.startedNext)],
    ['Force', context.force ? 'yes' : 'no'],
    ['Queued', context.queued],
    [
      'Cancel to settled',
      report.cancelRequestedAt !== undefined && report.settledAt !== undefined
        ? formatDuration(report.settledAt - report.cancelRequestedAt)
        : '—'
    ],
    ['API calls', String(report.apiCalls)]
  ]
  if (report.conflict !== undefined) rows.push(['Qovery answered 409', escape(report.conflict)])
  lines.push('| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`), '')

  if (report.timeline.length > 0) {
    lines.push('### Timeline', '', '| State | Request | First seen (UTC) | Lasted |', '|---|---|---|---|')
    if (report.timelineDropped > 0) lines.push(`| … | | | ${report.timelineDropped} earlier changes not shown |`)
    for (const row of timelineRows(report))
      lines.push(
        `| ${code(row.state)} | ${row.request === undefined ? '—' : code(shortId(row.request))} | ${row.firstSeen} | ${row.lasted} |`
      )
    lines.push('')
  }
  const footer = runFooter(context.run)
  if (footer !== '') lines.push(footer, '')
  return lines.join('\n')
}

interface TimelineRow {
  state: string
  request?: string
  firstSeen: string
  lasted: string
}

function timelineRows(report: Report): TimelineRow[] {
  return report.timeline.map((sighting, index) => {
    // How long the state lasted for its request: until that request's next sighting.
    const next = report.timeline.slice(index + 1).find((later) => later.request === sighting.request)
    const lasted = next
      ? formatDuration(next.at - sighting.at)
      : isFinalState(sighting.state)
        ? 'final'
        : `${formatDuration(report.endedAt - sighting.at)} so far`
    const row: TimelineRow = { state: sighting.state, firstSeen: new Date(sighting.at).toISOString().slice(11, 23), lasted }
    if (sighting.request !== undefined) row.request = sighting.request
    return row
  })
}

/** The timeline for the log: one line a state. */
export function timelineLines(report: Report): string[] {
  return timelineRows(report).map(
    (row) =>
      `${row.firstSeen}Z  ${row.state.padEnd(18)} ${(row.request === undefined ? '' : shortId(row.request)).padEnd(8)}  ${row.lasted}`
  )
}

/** The summary when the inputs are rejected: which, and why; nothing was sent. */
export function renderInputProblems(problems: InputProblem[]): string {
  return [
    `## ${MARKS.failed} Invalid input`,
    '',
    'No request was sent to Qovery.',
    '',
    '| Input | Problem |',
    '|---|---|',
    ...problems.map((problem) => `| \`${problem.input}\` | ${escape(problem.message)} |`),
    ''
  ].join('\n')
}

/** At most LISTED items, then how many more: a long queue must not swell the summary. */
const LISTED = 20
function listed(items: string[], separator: string): string {
  const more = items.length > LISTED ? `${separator}and ${items.length - LISTED} more` : ''
  return items.slice(0, LISTED).join(separator) + more
}

/** `[Workflow run](...) · acme/shop · @octocat · workflow_dispatch`: what the runner told. */
function runFooter(run: RunContext): string {
  return [
    run.runUrl === undefined ? undefined : `[Workflow run](${run.runUrl})`,
    run.repository === undefined ? undefined : escape(run.repository),
    run.actor === undefined ? undefined : `@${escape(run.actor)}`,
    run.event === undefined ? undefined : code(run.event)
  ]
    .filter((part) => part !== undefined)
    .join(' · ')
}

/** The request acted on, how, and what became of it. */
function requestCell(report: Report): string {
  const request = report.request
  if (request === undefined) return '—'
  const id = request.id === undefined ? 'the running deployment (the status names no request)' : code(request.id)
  const how = report.alreadyEnded !== undefined ? 'had already ended' : request.via === 'queue' ? 'waited in the queue' : 'was running'
  const fate =
    request.fate === undefined
      ? ''
      : `; ${request.fate.state === undefined ? 'ended, how is not known' : `ended ${code(request.fate.state)}`}: ${escape(request.fate.basis)}`
  return `${id} (${how}${fate})`
}

function environmentCell(report: Report, consoleUrl: string): string {
  const { resolved, environmentId } = report
  if (resolved === undefined) return environmentId === undefined ? 'not found' : code(environmentId)
  const { organization, project, environment } = resolved
  const link = `${consoleUrl}/organization/${organization.id}/project/${project.id}/environment/${environment.id}`
  return `${escape(organization.name)} / ${escape(project.name)} / **${escape(environment.name)}** ${code(environment.id)} ([console](${link}))`
}

function code(value: string): string {
  return `\`${value.replace(/[`|\r\n]/g, ' ')}\``
}

/** Text from the API goes into Markdown: keep it from breaking tables or injecting HTML. */
function escape(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[|<>\\`*_[\]]/g, (char) => `\\${char}`)
}
