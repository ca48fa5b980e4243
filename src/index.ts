import { Agent, EnvHttpProxyAgent } from 'undici'
import { systemClock } from './clock.ts'
import { Interrupted } from './faults.ts'
import { githubIO } from './github-io.ts'
import { run } from './main.ts'
import { QoveryClient } from './qovery-client.ts'
import { Runner } from './runner.ts'
import { USER_AGENT } from './version.ts'

// The runner sends SIGINT when the workflow run is cancelled, then SIGTERM: stop waiting, report
// what was seen, and exit.
const interruption = new AbortController()
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => interruption.abort(new Interrupted(name)))
}

// HTTPS_PROXY and NO_PROXY, as self-hosted runners set them, for https://. Plain http:// is only
// allowed to a loopback address and never goes through a proxy: the token would travel in clear.
const proxied = new EnvHttpProxyAgent()
const direct = new Agent()
const runner = new Runner({ env: process.env, write: (text) => process.stdout.write(text) })

try {
  await run({
    io: githubIO(runner, process.env),
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
        debug: (line) => runner.debug(line),
        now: systemClock.now
      })
  })
} catch (error) {
  runner.setFailed(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  await Promise.all([proxied.destroy(), direct.destroy()])
}
// Everything is closed, so the process ends by itself; should anything still hold it after an
// interruption, the runner's SIGTERM must not find it waiting.
if (interruption.signal.aborted) setTimeout(() => process.exit(process.exitCode ?? 1), 500).unref()
