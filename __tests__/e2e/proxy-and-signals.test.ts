/**
 * The bundled action behind a forward proxy, as on a self-hosted runner, and interrupted by
 * the runner's SIGINT and SIGTERM when a workflow run is cancelled.
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret } from '../../test-support/assertions.ts'
import { ForwardProxy } from '../../test-support/forward-proxy.ts'
import type { QoverySimulator } from '../../test-support/qovery-simulator.ts'
import { ROOT, runAction } from '../../test-support/run-action.ts'
import { simulatedEnvironment, simulatorsForTest, stoppedAfterEachTest } from '../../test-support/simulators.ts'
import { makeCertificate, type TestCertificate } from '../../test-support/test-certificate.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_proxy_and_signals_secret'

/** A deploy; the simulators and the proxies a test starts are stopped once it has ended. */
const environment = simulatedEnvironment(TOKEN, simulatorsForTest(), { script: { before: [{ state: 'DEPLOYING' }] } })
const stopAfterTest = stoppedAfterEachTest()

async function start(after = [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }]) {
  const api = await environment.simulate({ after })
  const proxy = stopAfterTest(await new ForwardProxy().start())
  return { api, proxy }
}

// Against a host that is not loopback (the TLS tests), 1s is the shortest poll-interval allowed.
const inputs = (api: QoverySimulator) =>
  environment.inputs(api, { 'poll-interval': new URL(api.url).hostname === '127.0.0.1' ? '20ms' : '1s' })

describe('behind a proxy', () => {
  it('is a real forward proxy: it relays absolute-URI requests and tunnels CONNECT', async () => {
    const { api, proxy } = await start()
    const target = new URL(api.url)
    const relayed = await new Promise<number>((resolve, reject) => {
      const proxyUrl = new URL(proxy.url)
      request(
        {
          host: proxyUrl.hostname,
          port: proxyUrl.port,
          path: `${api.url}environment/${ENV_ID}/status`,
          headers: { authorization: `Token ${TOKEN}` }
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }
      )
        .on('error', reject)
        .end()
    })
    expect(relayed).toBe(200)
    const tunneled = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(proxy.url).port), '127.0.0.1', () =>
        socket.write(`CONNECT ${target.host} HTTP/1.1\r\nHost: ${target.host}\r\n\r\n`)
      )
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString()
        if (text.includes('\r\n\r\n') && !text.includes('HTTP/1.1 200 OK'))
          socket.write(
            `GET /environment/${ENV_ID}/status HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Token ${TOKEN}\r\nConnection: close\r\n\r\n`
          )
        if (text.includes('HTTP/1.1 200 OK')) {
          socket.destroy()
          resolve(text)
        }
      })
      socket.on('error', reject)
    })
    expect(tunneled).toContain('200 Connection Established')
    expect(proxy.seen.map((seen) => seen.kind)).toEqual(['absolute-uri', 'connect'])
    expect(api.requests).toHaveLength(2)
  })

  it('never sends plain http:// through any proxy variable, where the token would travel in clear', async () => {
    const { api, proxy } = await start()
    const variables = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']
    const run = await runAction(inputs(api), { env: Object.fromEntries(variables.map((name) => [name, proxy.url])) })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('canceled')
    expect(proxy.seen).toEqual([])
    expect(api.requests.length).toBeGreaterThanOrEqual(4)
    expect(api.requests.every((request) => request.via === undefined)).toBe(true)
    expectNoSecret(run, TOKEN)
  })
})

describe('HTTPS through a proxy', () => {
  const API_HOST = 'api.qovery.test'
  let certificate: TestCertificate
  beforeAll(() => {
    certificate = makeCertificate([API_HOST], ['127.0.0.1'])
  })
  afterAll(() => certificate.remove())

  /** An https API under a host name that only the proxy resolves (to 127.0.0.1). */
  async function startTls(hostname = API_HOST) {
    const api = await environment.simulate({}, { tls: { key: certificate.key, cert: certificate.cert, hostname } })
    const proxy = stopAfterTest(await new ForwardProxy({ [API_HOST]: '127.0.0.1' }).start())
    return { api, proxy }
  }

  // Tunnelling through HTTPS_PROXY, https_proxy, credentials, no scheme, an untrusted certificate
  // and NO_PROXY's other cases: runner-environment.test.ts.
  it('goes straight to a host that NO_PROXY names', async () => {
    const { api, proxy } = await startTls('127.0.0.1')
    const run = await runAction(inputs(api), {
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1', NODE_EXTRA_CA_CERTS: certificate.certFile }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('canceled')
    expect(proxy.seen).toEqual([])
    expect(api.requests.length).toBeGreaterThanOrEqual(4)
  })
})

// On Windows, child.kill() ends a process at once whatever the signal named: these signals cannot
// be sent there. The runner sends Ctrl-C and Ctrl-Break, which Node reports as SIGINT and SIGBREAK.
const describeSignals = process.platform === 'win32' ? describe.skip : describe

describeSignals('when the workflow run is cancelled', () => {
  // Once the cancel is accepted, the action waits ten minutes between reads: a run that did not
  // stop on the signal would be killed at killAfterMs, and run.signal would say so.
  const waiting = (api: QoverySimulator) => ({ ...inputs(api), 'poll-interval': '10m', timeout: '30m' })
  const WAITING = 'Waiting for deployment request'

  it('stops on SIGBREAK, the second signal on Windows, as on SIGINT and SIGTERM', async () => {
    const { api } = await start([{ state: 'CANCELING' }])
    let sent = false
    const run = await runAction(waiting(api), {
      env: { NODE_OPTIONS: `--import=${join(ROOT, 'test-support', 'emit-signal.mjs')}`, EMIT_SIGNAL: 'SIGBREAK' },
      killAfterMs: 20_000,
      onStdout: (chunk, child) => {
        if (!sent && chunk.includes(WAITING)) sent = child.kill('SIGUSR2')
      }
    })
    expect(sent).toBe(true)
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', state: 'DEPLOYING' })
    expect(annotations(run, 'error')[0]).toMatch(/^The action was interrupted by SIGBREAK \(the workflow run was cancelled\)/)
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('stops waiting on %s at once, and reports the last status', async (signal) => {
    const { api } = await start([{ state: 'CANCELING' }])
    let sent = false
    const run = await runAction(waiting(api), {
      killAfterMs: 20_000,
      onStdout: (chunk, child) => {
        if (!sent && chunk.includes(WAITING)) sent = child.kill(signal)
      }
    })
    expect(sent).toBe(true)
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    // The environment's name is read beside the wait: the signal may come before its answer.
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', state: 'DEPLOYING', canceled: 'false', 'environment-id': ENV_ID })
    expect(annotations(run, 'error')[0]).toMatch(
      new RegExp(
        `^The action was interrupted by ${signal} \\(the workflow run was cancelled\\); the deploy was last seen canceling\\. Qovery had accepted the cancel request sent at \\d\\d:\\d\\d:\\d\\dZ\\. Qovery goes on with the cancel it accepted\\.$`
      )
    )
    expect(run.summary.split('\n')[0]).toMatch(
      /^## 🛑 Interrupted on the deploy( of env-3f50b8f5)?, still (deploying|canceling): Qovery goes on with the cancel it accepted$/
    )
    expect(run.stdout).toMatch(/^::error title=Interrupted::/m)
    expect(run.summary).toContain('| `DEPLOYING` |')
    expect(run.stderr).not.toMatch(/unhandled|Unhandled|rejection/)
    expect(api.cancelRequests()).toHaveLength(1)
    expectNoSecret(run, TOKEN)
  })

  it('stops a request that hangs at once on SIGINT, without waiting for request-timeout', async () => {
    const api = await environment.simulate({ after: [{ state: 'CANCELING' }] }, { faults: [{ on: 'status', fault: 'hang', skip: 2 }] })
    let statusReads = 0
    const hanging = api.waitForRequest((request) => request.path.endsWith('/status') && ++statusReads === 3)
    const running = runAction({ ...inputs(api), 'request-timeout': '10m', timeout: '30m' }, { killAfterMs: 20_000 })
    await hanging
    running.child.kill('SIGINT')
    const run = await running
    expect(api.requests.at(-1)!.answer).toBe('hang')
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', state: 'CANCELING' })
  })
})
