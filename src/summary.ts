import type { Report } from './cancel-flow.ts'
import { formatDuration } from './duration.ts'
import type { Outcome } from './outcome.ts'
import type { InputProblem } from './settings.ts'
import { isFinalState } from './states.ts'

export interface SummaryContext {
  force: boolean
  /** The Qovery console, for a link to the environment when its organization and project are known. */
  consoleUrl: string
  /** Link to the workflow run, when the runner says where it is. */
  runUrl?: string
}

const MARKS: Record<Outcome, string> = {
  canceled: '✅',
  finished: '⚠️',
  'nothing-to-cancel': 'ℹ️',
  requested: '✅',
  'timed-out': '⏱️',
  interrupted: '🛑',
  failed: '❌'
}

function headline(report: Report): string {
  const state = report.status?.state ?? 'unknown'
  switch (report.outcome) {
    case 'canceled':
      return 'Deployment canceled'
    case 'finished':
      return `Deployment finished before the cancel took effect (${state})`
    case 'nothing-to-cancel':
      return 'Nothing to cancel'
    case 'requested':
      return 'Cancel requested'
    case 'timed-out':
      return `Timed out while ${state}`
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
    ['Final state', status ? code(status.state) : 'not read'],
    ['Last deployment', status?.last_deployment_id ? `${code(status.last_deployment_id)}${status.last_deployment_date ? ` (${escape(status.last_deployment_date)})` : ''}` : '—'],
    ['Deployment request', status?.deployment_request_id ? code(status.deployment_request_id) : '—'],
    ['Force', context.force ? 'yes' : 'no'],
    ['Cancel to settled', report.cancelRequestedAt !== undefined && report.settledAt !== undefined ? formatDuration(report.settledAt - report.cancelRequestedAt) : '—'],
    ['API calls', String(report.apiCalls)]
  ]
  if (report.conflict !== undefined) rows.push(['Qovery answered 409', escape(report.conflict)])
  lines.push('| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`), '')

  if (report.timeline.length > 0) {
    lines.push('### Timeline', '', '| State | First seen (UTC) | Lasted |', '|---|---|---|')
    for (const row of timelineRows(report)) lines.push(`| ${code(row.state)} | ${row.firstSeen} | ${row.lasted} |`)
    lines.push('')
  }
  if (context.runUrl !== undefined) lines.push(`[Workflow run](${context.runUrl})`, '')
  return lines.join('\n')
}

interface TimelineRow {
  state: string
  firstSeen: string
  lasted: string
}

function timelineRows(report: Report): TimelineRow[] {
  return report.timeline.map((sighting, index) => {
    const next = report.timeline[index + 1]
    const lasted = next ? formatDuration(next.at - sighting.at) : isFinalState(sighting.state) ? 'final' : `${formatDuration(report.endedAt - sighting.at)} so far`
    return { state: sighting.state, firstSeen: new Date(sighting.at).toISOString().slice(11, 23), lasted }
  })
}

/** The timeline for the log: one line a state. */
export function timelineLines(report: Report): string[] {
  return timelineRows(report).map((row) => `${row.firstSeen}Z  ${row.state.padEnd(18)} ${row.lasted}`)
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
