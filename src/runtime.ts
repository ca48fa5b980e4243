import { Agent, EnvHttpProxyAgent } from 'undici'
import { systemClock } from './clock.ts'
import { Interrupted } from './faults.ts'
import { githubIO } from './github-io.ts'
import type { RunDeps } from './main.ts'
import { QoveryClient } from './qovery-client.ts'
import { USER_AGENT } from './version.ts'

/**
 * What the runner cancels a workflow run with: SIGINT, then SIGTERM 7.5 s later. On Windows the
 * two are Ctrl-C and Ctrl-Break, which Node reports as SIGINT and SIGBREAK. SIGHUP comes when the
 * runner's terminal or session goes away under a cancelled run.
 */
export const INTERRUPTIONS = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const

export interface Runtime {
  deps: RunDeps
  /** Closes the connections; after an interruption, makes sure the process ends. */
  dispose(): Promise<void>
}

/** The action's dependencies on a GitHub runner: the process, its signals, the network. */
export function githubRuntime(): Runtime {
  const interruption = new AbortController()
  const onSignal = (name: string) => () => interruption.abort(new Interrupted(name))
  const listeners = INTERRUPTIONS.map((name) => [name, onSignal(name)] as const)
  for (const [name, listener] of listeners) process.on(name, listener)

  // HTTPS_PROXY and NO_PROXY, as self-hosted runners set them, for https://. Plain http:// is only
  // allowed to a loopback address and never goes through a proxy: the token would travel in clear.
  const proxied = new EnvHttpProxyAgent()
  const direct = new Agent()
  const io = githubIO()

  return {
    deps: {
      io,
      clock: systemClock,
      signal: interruption.signal,
      random: Math.random,
      createApi: (settings, deadline) =>
        new QoveryClient({
          baseUrl: settings.apiUrl,
          authorization: settings.authorization.header,
          requestTimeoutMs: settings.requestTimeoutMs,
          deadline,
          dispatcher: settings.apiUrl.protocol === 'https:' ? proxied : direct,
          userAgent: USER_AGENT,
          debug: (line) => io.debug(line),
          now: systemClock.now
        })
    },
    async dispose() {
      await Promise.all([proxied.destroy(), direct.destroy()])
      for (const [name, listener] of listeners) process.off(name, listener)
      // Everything is closed, so the process ends by itself; should anything still hold it after
      // an interruption, the runner's next signal must not find it waiting.
      if (interruption.signal.aborted) setTimeout(() => process.exit(process.exitCode ?? 1), 500).unref()
    }
  }
}
