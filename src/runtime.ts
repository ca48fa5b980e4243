import { Agent, type Dispatcher, ProxyAgent } from 'undici'
import { systemClock } from './util/clock.ts'
import { extraCaCertificatesWarning } from './inputs/extra-ca-certificates.ts'
import { githubIO } from './runner/github-io.ts'
import type { Interruptions } from './runner/interruptions.ts'
import type { ActionIO } from './runner/action-io.ts'
import type { Clock } from './util/clock.ts'
import type { ProxyRoute } from './inputs/proxy-environment.ts'
import { type QoveryApi, QoveryClient } from './qovery/client.ts'
import type { Settings } from './inputs/settings.ts'
import { USER_AGENT } from './util/version.ts'
import { connectionLimits } from './qovery/answer-limits.ts'

/** What the action runs on: the runner's I/O, time, the workflow run's cancellation, the network. */
export interface RunDeps {
  io: ActionIO
  clock: Clock
  /** Aborts when the workflow run is cancelled. */
  signal: AbortSignal
  random: () => number
  /** The client for the run; no request may outlive the deadline. */
  createApi(settings: Settings, deadline: number): QoveryApi
}

export interface Runtime {
  deps: RunDeps
  /** Closes the connections; after an interruption, makes sure the process ends. */
  dispose(): Promise<void>
}

/**
 * The action's dependencies on a GitHub runner: the process, its signals (`interruptions`), the
 * network. Builds nothing that can fail on the runner's
 * environment: the network agents come with the client, once the settings (the proxy variables
 * included) have been checked and can be reported on.
 */
export function githubRuntime(interruptions: Interruptions): Runtime {
  const io = githubIO()
  const dispatchers: Dispatcher[] = []

  return {
    deps: {
      io,
      clock: systemClock,
      signal: interruptions.signal,
      random: Math.random,
      createApi: (settings, deadline) => {
        // Here, once the token is masked and the inputs are known good: the first request is next.
        const certificates = extraCaCertificatesWarning(process.env)
        if (certificates !== undefined) io.warning(certificates, 'NODE_EXTRA_CA_CERTS not used')
        const dispatcher = dispatcherFor(settings.proxy, (line) => io.info(line))
        dispatchers.push(dispatcher)
        return qoveryClient(settings, deadline, dispatcher, (line) => io.debug(line))
      }
    },
    async dispose() {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.destroy()))
      interruptions.release()
      // Everything is closed, so the process ends by itself; should anything still hold it after
      // an interruption, the runner's next signal must not find it waiting.
      if (interruptions.signal.aborted) setTimeout(() => process.exit(process.exitCode ?? 1), 500).unref()
    }
  }
}

/**
 * The run's one client of the Qovery API, sending through `dispatcher`; no request leaves at or
 * after `deadline`, nor outlives it, on the clock `now` (ms, the deadline's).
 */
export function qoveryClient(
  settings: Settings,
  deadline: number,
  dispatcher: Dispatcher,
  debug: (line: string) => void,
  now: () => number = systemClock.now
): QoveryApi {
  return new QoveryClient({
    baseUrl: settings.apiUrl,
    authorization: settings.authorization.header,
    requestTimeoutMs: settings.requestTimeoutMs,
    deadline,
    dispatcher,
    userAgent: USER_AGENT,
    debug,
    now
  })
}

/**
 * The agent for a route, with the caps on an answer's headers and body (connectionLimits); the
 * one place the action's agents are built (in-process tests build theirs here too). Through a
 * proxy, an https:// API is reached in a CONNECT tunnel, with TLS to the API host inside it and
 * its certificate checked; `info` says which proxy. The Proxy-Authorization goes in as a token,
 * already encoded, so that undici never decodes the credentials itself (it would throw on a raw `%`).
 */
export function dispatcherFor(route: ProxyRoute, info: (line: string) => void): Dispatcher {
  if (route.route === 'direct') return new Agent(connectionLimits())
  info(
    `Requests go through the proxy ${route.url.origin} (from ${route.variable}${route.authorization === undefined ? '' : ', with its credentials'})`
  )
  return new ProxyAgent({
    uri: route.url.href,
    ...connectionLimits(),
    ...(route.authorization === undefined ? {} : { token: route.authorization })
  })
}
