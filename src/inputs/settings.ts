import { UUID } from '../util/ids.ts'
import { type Authorization, authorizationFor, isSchemeOnly } from './authorization.ts'
import { DURATION_FORMS, formatDuration, parseDuration } from '../util/duration.ts'
import { ACTION_NAMES, type ActionName, type AllowedActions, describeAllowed } from '../rules/request-kind.ts'
import { printable } from '../util/printable.ts'
import { type Environment, proxyFor, type ProxyRoute } from './proxy-environment.ts'

/**
 * Every input of action.yml, read once and validated into typed settings before any request.
 * The defaults here must equal action.yml's (a test compares them): they apply when the action
 * runs outside a workflow, where the runner does not fill them in.
 */
export const DEFAULTS = {
  force: 'false',
  wait: 'true',
  timeout: '30m',
  'poll-interval': '5s',
  'request-timeout': '30s',
  'api-url': 'https://api.qovery.com',
  'on-timeout': 'fail',
  queued: 'keep',
  actions: 'deploy'
} as const

export type OnTimeout = 'fail' | 'warn'
/** What to do with the requests waiting behind the one canceled. */
export type Queued = 'keep' | 'cancel'

/** Which environment: its id, or the names (or ids) of its organization, project and itself. */
type Target = { environmentId: string } | { names: EnvironmentNames }

export interface EnvironmentNames {
  organization: string
  project: string
  environment: string
}

const NAME_INPUTS = ['organization', 'project', 'environment'] as const

export interface Settings {
  target: Target
  token: string
  authorization: Authorization
  force: boolean
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  requestTimeoutMs: number
  /** Base URL ending in `/`, so that endpoint paths resolve under any path prefix. */
  apiUrl: URL
  /** Direct, or through the proxy the runner's environment names for apiUrl. */
  proxy: ProxyRoute
  onTimeout: OnTimeout
  queued: Queued
  /** The kinds of request the action may cancel. */
  actions: AllowedActions
  /** Cancel exactly this deployment request, lower-case; otherwise the current one. */
  deploymentRequestId?: string
}

export interface InputProblem {
  input: string
  message: string
}

export class InputError extends Error {
  readonly problems: InputProblem[]
  constructor(problems: InputProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'))
    this.name = 'InputError'
    this.problems = problems
  }
}

export type GetInput = (name: string) => string

/** The shortest poll-interval against an API that is not on this machine. */
const MIN_REMOTE_POLL_MS = 1_000

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/**
 * Reads and checks every input, and the proxy variables of `env` the API's requests need (a
 * problem with one is reported under the variable's name); reports all the bad ones at once
 * (InputError), never echoing the token or a proxy's credentials.
 */
export function readSettings(getInput: GetInput, env: Environment = process.env): Settings {
  const problems: InputProblem[] = []
  const input = (name: string): string => {
    const value = getInput(name).trim()
    return value === '' && name in DEFAULTS ? DEFAULTS[name as keyof typeof DEFAULTS] : value
  }
  const fail: Fail = (name, message, fallback) => {
    problems.push({ input: name, message: `Input '${name}' ${message}` })
    return fallback
  }
  const target = readTarget(input, fail)
  const token = readToken(input('token'), fail)
  const force = readBoolean('force', input('force'), fail)
  const wait = readBoolean('wait', input('wait'), fail)
  const apiUrl = readApiUrl(input('api-url'), fail)
  const timing = readTiming(input, apiUrl, wait, fail)
  const onTimeout = readChoice('on-timeout', input('on-timeout'), ON_TIMEOUT, fail)
  const queued = readChoice('queued', input('queued'), QUEUED, fail)
  const actions = readActions(input('actions'), fail)
  const deploymentRequestId = readRequestId(input('deployment-request-id'), queued, fail)
  const proxy = apiUrl === undefined ? undefined : proxyFor(apiUrl, env)
  if (proxy !== undefined && 'problem' in proxy) problems.push({ input: proxy.problem.variable, message: proxy.problem.message })
  if (problems.length > 0) throw new InputError(problems)
  return {
    target: target as Target,
    token,
    authorization: authorizationFor(token),
    force,
    wait,
    ...timing,
    apiUrl: apiUrl as URL,
    proxy: proxy as ProxyRoute,
    onTimeout,
    queued,
    actions,
    ...(deploymentRequestId === undefined ? {} : { deploymentRequestId })
  }
}

const ON_TIMEOUT = { fail: 'the step fails when the wait times out', warn: 'the step succeeds with a warning' } as const
const QUEUED = {
  keep: 'cancel the current request only; the requests waiting behind it start next',
  cancel: 'cancel the waiting requests too'
} as const

/** The token, checked for what an HTTP header cannot carry; its value is never shown. */
function readToken(token: string, fail: Fail): string {
  const bare = token.replace(/^(token|bearer) +/i, '')
  if (token === '' || isSchemeOnly(token))
    return fail(
      'token',
      `is ${token === '' ? 'empty' : `the word ${token.trim()} with no credential after it`}. Pass a Qovery API token or JWT, for example token: \${{ secrets.QOVERY_API_TOKEN }}; an empty value usually means the secret is not set or not available to this workflow.`,
      ''
    )
  if (/[\s\u0000-\u001f\u007f]/.test(bare))
    return fail(
      'token',
      'contains spaces, line breaks or control characters (its value is not shown). Store the token alone in the secret, with no surrounding text.',
      ''
    )
  // An HTTP header carries visible ASCII only: a zero-width space or an emoji pasted with the
  // token would be refused by the HTTP client on every request.
  const odd = /[^\u0021-\u007e]/u.exec(bare)
  if (odd === null) return token
  const code = `U+${(odd[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
  return fail(
    'token',
    `contains a character an HTTP header cannot carry (${code}, such as a zero-width space or an emoji from a copy-paste; its value is not shown). Store the token alone in the secret, as Qovery gave it.`,
    ''
  )
}

/**
 * timeout, poll-interval and request-timeout; against a remote API, a poll-interval of 1s at
 * least; while waiting, one no longer than the timeout, or no read would follow the cancel.
 */
function readTiming(
  input: (name: string) => string,
  apiUrl: URL | undefined,
  wait: boolean,
  fail: Fail
): Pick<Settings, 'timeoutMs' | 'pollIntervalMs' | 'requestTimeoutMs'> {
  const timeoutMs = readDuration('timeout', input('timeout'), fail)
  const pollIntervalMs = readDuration('poll-interval', input('poll-interval'), fail)
  const requestTimeoutMs = readDuration('request-timeout', input('request-timeout'), fail)
  if (apiUrl !== undefined && pollIntervalMs > 0 && pollIntervalMs < MIN_REMOTE_POLL_MS && !isLoopback(apiUrl.hostname)) {
    fail(
      'poll-interval',
      `is "${printable(input('poll-interval'))}": against ${apiUrl.hostname} the shortest interval is 1s, so that the action never floods the API with reads. Use 1s or more (shorter intervals are for a local simulator on a loopback address).`,
      0
    )
  }
  if (wait && timeoutMs > 0 && pollIntervalMs > timeoutMs) {
    fail(
      'poll-interval',
      `is "${printable(input('poll-interval'))}", longer than timeout (${formatDuration(timeoutMs)}): no read of the state would follow the cancel before the timeout. Use a poll-interval no longer than the timeout.`,
      0
    )
  }
  return { timeoutMs, pollIntervalMs, requestTimeoutMs }
}

/** The kinds of request to cancel: a comma- or newline-separated list of deploy, restart, stop, delete, or all. */
function readActions(value: string, fail: Fail): AllowedActions {
  const items = value
    .split(/[,\n]/)
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '')
  const unknown = items.filter((item) => item !== 'all' && !(ACTION_NAMES as readonly string[]).includes(item))
  if (items.length === 0 || unknown.length > 0) {
    return fail(
      'actions',
      `${items.length === 0 ? 'lists no kind' : `names ${unknown.map((item) => `"${printable(item)}"`).join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not a kind of request`}. Accepted: a comma- or newline-separated list of ${ACTION_NAMES.join(', ')}, or all (for example: deploy, restart).`,
      new Set<ActionName>(['deploy'])
    )
  }
  return items.includes('all') ? 'all' : new Set(items as ActionName[])
}

/** deployment-request-id: a UUID, lower-cased; it cancels exactly that request, so not with queued: cancel. */
function readRequestId(value: string, queued: Queued, fail: Fail): string | undefined {
  if (value === '') return undefined
  if (!UUID.test(value)) {
    return fail(
      'deployment-request-id',
      `is "${printable(value)}", which is not a UUID. Expected the deployment_request_id that POST /environment/{id}/deploy answered, such as 7d3c1a52-0b4e-4f3a-9c1d-2e5f6a7b8c9d.`,
      undefined
    )
  }
  if (queued === 'cancel') {
    return fail(
      'queued',
      'is cancel while deployment-request-id is given: deployment-request-id cancels exactly that request and touches no other. Leave queued at keep, or drop deployment-request-id.',
      undefined
    )
  }
  return value.toLowerCase()
}

type Fail = <T>(name: string, message: string, fallback: T) => T

/** Either environment-id, or all three names: anything else is ambiguous or incomplete. */
function readTarget(input: (name: string) => string, fail: Fail): Target | undefined {
  const idText = input('environment-id')
  const names = Object.fromEntries(NAME_INPUTS.map((name) => [name, input(name)])) as unknown as EnvironmentNames
  const given = NAME_INPUTS.filter((name) => names[name] !== '')
  if (idText !== '' && given.length > 0) {
    return fail(
      'environment-id',
      `and ${given.join(', ')} are both given: name the environment either by environment-id or by organization, project and environment, not both.`,
      undefined
    )
  }
  if (given.length > 0) {
    if (given.length === NAME_INPUTS.length) return { names }
    const missing = NAME_INPUTS.filter((name) => names[name] === '')
    return fail(
      missing[0] as string,
      `is missing: ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} given, so ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} needed too (or use environment-id alone).`,
      undefined
    )
  }
  if (idText === '') {
    return fail(
      'environment-id',
      'is required, or else the three inputs organization, project and environment (names or ids): which Qovery environment to act on.',
      undefined
    )
  }
  if (!UUID.test(idText)) {
    return fail(
      'environment-id',
      `is "${printable(idText)}", which is not a UUID. Expected the environment's id, such as 3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d (the console shows it in the environment's URL); to name it instead, use organization, project and environment.`,
      undefined
    )
  }
  return { environmentId: idText.toLowerCase() }
}

/** One of a few values, in any case; the first is the fallback once the problem is noted. */
function readChoice<T extends string>(name: string, value: string, accepted: Readonly<Record<T, string>>, fail: Fail): T {
  const values = Object.keys(accepted) as T[]
  const found = values.find((choice) => choice === value.toLowerCase())
  if (found !== undefined) return found
  const listed = values.map((choice) => `${choice} (${accepted[choice]})`).join(' or ')
  return fail(name, `is "${printable(value)}". Accepted values: ${listed}.`, values[0] as T)
}

function readBoolean(name: string, value: string, fail: Fail): boolean {
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  return fail(name, `is "${printable(value)}", which is not a boolean. Accepted values: true, True, TRUE, false, False, FALSE.`, false)
}

function readDuration(name: string, value: string, fail: Fail): number {
  const parsed = parseDuration(value)
  if ('ms' in parsed) return parsed.ms
  return fail(name, `is "${printable(value)}", which is not a valid duration: ${parsed.problem}. Accepted forms: ${DURATION_FORMS}.`, 0)
}

function readApiUrl(value: string, fail: Fail): URL | undefined {
  const accepted =
    'Expected an absolute https:// URL such as https://api.qovery.com (http:// only for a loopback address such as http://127.0.0.1:8080).'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fail('api-url', `is "${printable(value)}", which is not an absolute URL. ${accepted}`, undefined)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('api-url', `uses ${url.protocol.replace(/:$/, '')}://, which is not supported. ${accepted}`, undefined)
  }
  if (url.username !== '' || url.password !== '') {
    return fail(
      'api-url',
      'contains a user name or password. Pass the credential in the token input and leave it out of the URL.',
      undefined
    )
  }
  if (url.search !== '' || url.hash !== '') {
    return fail('api-url', `has a query string or fragment (not shown, it may hold a secret). ${accepted}`, undefined)
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return fail(
      'api-url',
      `is "${printable(value)}": plain http:// would send the token unencrypted to ${url.hostname}. Use https://, or http:// only for a loopback address (127.0.0.1, ::1, localhost).`,
      undefined
    )
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}

/** Loopback hosts, where a token in clear never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** The settings as the log's Settings group shows them: every input, the token as `***`. */
export function settingsLines(settings: Settings): string[] {
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
