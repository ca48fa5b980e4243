import { checkBypass } from '@actions/http-client/lib/proxy'
import { printable } from '../util/printable.ts'

/** The process's environment, or a stand-in for it: variable names to values. */
export type Environment = Readonly<Record<string, string | undefined>>

/**
 * How requests reach the API. `url` is the proxy's origin, without credentials; `authorization`
 * is the Proxy-Authorization header its user:password@ asks for (`Basic <base64>`), if any.
 */
export type ProxyRoute = { route: 'direct' } | { route: 'proxy'; variable: string; url: URL; authorization?: string }

/** A proxy variable the API's requests need but cannot use; the message never shows its credentials. */
export interface ProxyProblem {
  variable: string
  message: string
}

/**
 * The variables an https:// API's requests may go through, first found first: HTTPS_PROXY, else
 * HTTP_PROXY (as undici's EnvHttpProxyAgent reads them, so that a runner set up for it works the
 * same), the lower-case form before the upper-case one (as curl and @actions/http-client do).
 */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

const ACCEPTED =
  'Accepted: http://host:port or https://host:port, with user:password@ before the host if the proxy asks for them (percent-encode @, : and / in them), or host:port alone, read as http://host:port.'

/**
 * The route of the API's requests, from the runner's proxy variables. Plain http:// (allowed only
 * to a loopback address) never goes through a proxy: the token would travel in clear. An
 * https:// API goes direct to a host NO_PROXY names (or a loopback one), else through the first
 * proxy variable set. A variable is checked only when the requests need it; a problem names it
 * and says what is accepted.
 */
export function proxyFor(apiUrl: URL, env: Environment): ProxyRoute | { problem: ProxyProblem } {
  if (apiUrl.protocol !== 'https:' || namedByNoProxy(apiUrl, env)) return { route: 'direct' }
  for (const variable of PROXY_VARIABLES) {
    const value = env[variable]?.trim()
    if (value === undefined || value === '') continue
    const proxy = parseProxy(value)
    if ('problem' in proxy) {
      const message = `Environment variable ${variable} is "${printable(hideCredentials(value))}", ${proxy.problem}, and the requests to ${apiUrl.host} need it (NO_PROXY does not name that host). ${ACCEPTED}`
      return { problem: { variable, message } }
    }
    return { route: 'proxy', variable, ...proxy }
  }
  return { route: 'direct' }
}

/**
 * A proxy variable's value as curl reads it: no scheme means http://, and the credentials are
 * percent-decoded. Returns the proxy's origin and Proxy-Authorization, or why the value is unusable.
 */
export function parseProxy(value: string): { url: URL; authorization?: string } | { problem: string } {
  let url: URL
  try {
    url = new URL(SCHEME.test(value) ? value : `http://${value}`)
  } catch {
    return { problem: 'which is not a URL, even read as http://' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `whose scheme ${url.protocol.replace(/:$/, '')}:// the action does not support` }
  }
  if (url.hostname === '') return { problem: 'which names no host' }
  const origin = new URL(url.origin)
  if (url.username === '' && url.password === '') return { url: origin }
  const credentials = `${decodeLeniently(url.username)}:${decodeLeniently(url.password)}`
  return { url: origin, authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` }
}

/**
 * Percent-escapes decoded where they are valid, taken as written where not: a password with a raw
 * `%` (as shells and runner settings often hold it) stays that password, where decodeURIComponent
 * would throw "URI malformed".
 */
export function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      // A run that is not UTF-8 as a whole: each escape that decodes on its own does.
      return run.replace(/%[0-9a-f]{2}/gi, (escape) => {
        try {
          return decodeURIComponent(escape)
        } catch {
          return escape
        }
      })
    }
  })
}

/**
 * The value with whatever comes before its last `@` (after the scheme) shown as `***`: the
 * credentials of a proxy URL, even one too broken to parse.
 */
export function hideCredentials(value: string): string {
  const scheme = SCHEME.exec(value)?.[0] ?? ''
  const at = value.lastIndexOf('@')
  return at < scheme.length ? value : `${scheme}***${value.slice(at)}`
}

/**
 * Whether NO_PROXY (or no_proxy) names the API's host, by the rule of @actions/http-client, which
 * GitHub's toolkit and the actions built on it follow on the same runner (`*`, a host, host:port,
 * a domain suffix with or without its leading dot; loopback hosts always). checkBypass reads
 * process.env, so another environment (a test's) is lent to it for this synchronous call only.
 */
function namedByNoProxy(apiUrl: URL, env: Environment): boolean {
  const names = ['no_proxy', 'NO_PROXY'] as const
  if (env === process.env || names.every((name) => env[name] === process.env[name])) return checkBypass(apiUrl)
  const own = names.map((name) => process.env[name])
  try {
    names.forEach((name) => setVariable(name, env[name]))
    return checkBypass(apiUrl)
  } finally {
    names.forEach((name, index) => setVariable(name, own[index]))
  }
}

/** Assigning undefined to process.env would store the string "undefined". */
function setVariable(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}
