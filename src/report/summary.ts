/**
 * The job summary, as GitHub-flavoured Markdown, for a reader who looks for two seconds: a
 * headline (what happened and what runs now, or a failure's cause), a lead of a sentence or two
 * with one link into Qovery's console, and what each service ended as; the rest (ids, the cancel
 * request, the environment's state, the queue, the timeline, secondary links) folded into
 * `<details>`. Holds no secret; every text from the API goes through `prose` or `code`.
 */
import type { RunContext } from '../runner/action-io.ts'
import { formatDuration } from '../util/duration.ts'
import { type ClosingContext, INVALID_INPUT_HEADLINE, OUTCOMES } from './outcome-words.ts'
import type { ServiceVersion } from '../rules/qovery-records.ts'
import type { RequestKind } from '../rules/request-kind.ts'
import { type ConsoleLinks, unreadableServicesOf } from './report-views.ts'
import type { Report } from '../flow/run.ts'
import type { Known } from '../util/known.ts'
import { counted } from '../util/text.ts'
import { endWords, type ServiceEnd } from '../rules/service-ends.ts'
import type { InputProblem, Queued } from '../inputs/settings.ts'
import { code, link, prose } from './markdown.ts'
import { detailRows, footer, timelineSection } from './summary-details.ts'

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
  return [
    `## ${words.mark} ${prose(words.headline(report, context))}`,
    '',
    lead(words.closing(report, context), context.links),
    '',
    ...servicesSection(context.services, report.target?.kind, unreadableServicesOf(report)),
    ...detailsSection(report, context)
  ].join('\n')
}

/** The closing sentence, and the one link into Qovery's console: the deployment's page, else the environment's. */
function lead(closing: string, links: ConsoleLinks): string {
  const to =
    links.deployment !== undefined
      ? link("See the deployment in Qovery's console", links.deployment)
      : links.environment !== undefined
        ? link("See the environment in Qovery's console", links.environment)
        : undefined
  return `${prose(closing)}${to === undefined ? '' : ` ${to}.`}`
}

/** Everything a reader opens only to dig: closed by default (GitHub keeps `<details>` and `<summary>`). */
function detailsSection(report: Report, context: SummaryContext): string[] {
  const rows = detailRows(report, context.links, context.force)
  return [
    '<details>',
    '<summary>Details</summary>',
    '',
    ...(rows.length === 0 ? [] : ['| What | Detail |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`), '']),
    ...timelineSection(report),
    footer(report, context.run),
    '',
    '</details>',
    ''
  ]
}

/** The services shown in the summary's table, at most: a reader scans a few dozen; the output holds them all. */
const MAX_SERVICE_ROWS = 200

/** Each service's end, as a table; `unreadable`: what the history listed that could not be read, said under it. */
function servicesSection(
  services: Known<ServiceEnd[]> | undefined,
  kind: RequestKind | undefined,
  unreadable: string | undefined
): string[] {
  if (services === undefined) return []
  if ('unknown' in services) return [`What became of each service is not known: ${prose(services.unknown)}.`, '']
  if (services.value.length === 0) return []
  const missing =
    unreadable === undefined
      ? []
      : [`Not shown: what Qovery's deployment history lists in a shape the action cannot read (${prose(unreadable)}).`, '']
  const more = services.value.length - MAX_SERVICE_ROWS
  const rest = more > 0 ? [`And ${counted(more, 'more service')}: the services output lists them all.`, ''] : []
  return [
    '| Stage | Service | How it ended | Version | Duration |',
    '|---|---|---|---|---|',
    ...services.value
      .slice(0, MAX_SERVICE_ROWS)
      .map(
        (service) =>
          `| ${prose(service.stage)} | ${serviceCell(service)} | ${END_MARKS[service.end]} ${prose(endWords(service.end, kind?.action))} | ${versionCell(service.version)} | ${service.durationMs === undefined ? '' : formatDuration(service.durationMs)} |`
      ),
    '',
    ...rest,
    ...missing
  ]
}

/** `**api** (application)`; a service Qovery gave no name is shown by its id, a type not given is left out. */
function serviceCell(service: ServiceEnd): string {
  const name = service.name === '' ? code(service.id) : `**${prose(service.name)}**`
  return service.type === '' ? name : `${name} (${prose(service.type.toLowerCase())})`
}

const END_MARKS: Record<ServiceEnd['end'], string> = {
  canceled: '🛑',
  'done-before-cancel': '✅',
  failed: '❌',
  'in-progress': '⏳',
  'not-started': '⏸️',
  unknown: '❔'
}

/** The version the deployment carried for the service: a commit, an image and its tag, a chart (deployed or not: see how it ended). */
function versionCell(version: ServiceVersion | undefined): string {
  if (version === undefined) return ''
  if ('commit' in version) return `commit ${code(version.commit.slice(0, 12))}`
  if ('image' in version) return code(`${version.image}:${version.tag}`)
  return `chart ${code(version.version === undefined ? version.chart : `${version.chart} ${version.version}`)}`
}

/** The summary when the inputs are rejected: which, and why; nothing was sent. */
export function renderInputProblems(problems: InputProblem[]): string {
  return [
    `## ${OUTCOMES['invalid-input'].mark} ${INVALID_INPUT_HEADLINE}`,
    '',
    `Fix ${problems.length === 1 ? 'this input' : 'these inputs'} and run the step again.`,
    '',
    '| Input | Problem |',
    '|---|---|',
    ...problems.map((problem) => `| ${code(problem.input)} | ${prose(problem.message)} |`),
    ''
  ].join('\n')
}
