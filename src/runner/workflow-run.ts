import type { RunContext } from './action-io.ts'

/** The fields of @actions/github's context the summary uses, as the runner's variables gave them. */
export interface RunFields {
  /** GITHUB_REPOSITORY, `owner/name`. */
  repository?: string
  /** GITHUB_SERVER_URL, such as https://github.com. */
  serverUrl?: string
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT, as parsed integers (NaN when absent or not numbers). */
  runId?: number
  runAttempt?: number
  actor?: string
  eventName?: string
}

/** GitHub's owner and repository names: letters, digits, `-`, `_` and `.`. */
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
/** What a server URL may hold in a Markdown link: no space, no parenthesis, nothing to escape. */
const LINK_SAFE = /^[A-Za-z0-9\-._~:/%[\]]+$/

/**
 * The workflow run for the summary, keeping only what the runner's variables say soundly: a link
 * is made only from an http(s) server URL without credentials, query or fragment, an owner/name
 * repository and a positive run id, so that a variable set by hand cannot break the summary with
 * a broken or injected link. What is left out is simply not shown.
 */
export function runContextOf(fields: RunFields): RunContext {
  const found: RunContext = {}
  const repository = fields.repository !== undefined && REPOSITORY.test(fields.repository) ? fields.repository : undefined
  if (repository !== undefined) found.repository = repository
  const server = serverOf(fields.serverUrl)
  if (repository !== undefined && server !== undefined && isPositive(fields.runId)) {
    const attempt = isPositive(fields.runAttempt) && fields.runAttempt > 1 ? `/attempts/${fields.runAttempt}` : ''
    found.runUrl = `${server}/${repository}/actions/runs/${fields.runId}${attempt}`
  }
  if (fields.actor) found.actor = fields.actor
  if (fields.eventName) found.event = fields.eventName
  return found
}

/** The server URL without its trailing slash, or undefined when it is no sound link. */
function serverOf(text: string | undefined): string | undefined {
  let url: URL
  try {
    url = new URL(text ?? '')
  } catch {
    return undefined
  }
  const sound =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    LINK_SAFE.test(url.href)
  return sound ? url.href.replace(/\/+$/, '') : undefined
}

function isPositive(value: number | undefined): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0
}
