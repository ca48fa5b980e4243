/**
 * The bundled action behind a forward proxy, as on a self-hosted runner, and interrupted by
 * the runner's SIGINT and SIGTERM when a workflow run is cancelled.
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret } from '../../test-support/assertions.ts'
import { ForwardProxy } from '../../test-support/forward-proxy.ts'
import { QoverySimulator, startSimulator } from '../../test-support/qovery-simulator.ts'
import { runAction } from '../../test-support/run-action.ts'

const ENV_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'
const TOKEN = 'qov_proxy_and_signals_secret'

let simulator: QoverySimulator | undefined
let proxy: ForwardProxy | undefined
afterEach(async () => {
  await simulator?.stop()
  await proxy?.stop()
  simulator = undefined
  proxy = undefined
})

async function start(after = [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }]) {
  simulator = await startSimulator({ token: TOKEN, environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }], after }] })
  proxy = await new ForwardProxy().start()
  return { api: simulator, proxy }
}

const inputs = (api: QoverySimulator) => ({ 'environment-id': ENV_ID, token: TOKEN, 'api-url': api.url, 'poll-interval': '20ms', timeout: '20s' })

describe('behind a proxy', () => {
  it('is a real forward proxy: it relays absolute-URI requests and tunnels CONNECT', async () => {
    const { api, proxy } = await start()
    const target = new URL(api.url)
    const relayed = await new Promise<number>((resolve, reject) => {
      const proxyUrl = new URL(proxy.url)
      request({ host: proxyUrl.hostname, port: proxyUrl.port, path: `${api.url}environment/${ENV_ID}/status`, headers: { authorization: `Token ${TOKEN}` } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      }).on('error', reject).end()
    })
    expect(relayed).toBe(200)
    const tunneled = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(proxy.url).port), '127.0.0.1', () => socket.write(`CONNECT ${target.host} HTTP/1.1\r\nHost: ${target.host}\r\n\r\n`))
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString()
        if (text.includes('\r\n\r\n') && !text.includes('HTTP/1.1 200 OK')) socket.write(`GET /environment/${ENV_ID}/status HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Token ${TOKEN}\r\nConnection: close\r\n\r\n`)
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

  it.each(['HTTP_PROXY', 'http_proxy'])('sends every request through %s', async (variable) => {
    const { api, proxy } = await start()
    const run = await runAction(inputs(api), { env: { [variable]: proxy.url } })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('canceled')
    expect(proxy.seen.length).toBeGreaterThan(0)
    const host = new URL(api.url).host
    expect(proxy.seen.every((seen) => seen.line.includes(host))).toBe(true)
    expect(api.requests.length).toBeGreaterThanOrEqual(4)
    expectNoSecret(run, TOKEN)
  })

  it.each([['NO_PROXY', '127.0.0.1'], ['no_proxy', 'localhost,127.0.0.1'], ['NO_PROXY', '*']])('bypasses the proxy when %s=%s covers the host', async (variable, value) => {
    const { api, proxy } = await start()
    const run = await runAction(inputs(api), { env: { HTTP_PROXY: proxy.url, [variable]: value } })
    expect(run.exitCode).toBe(0)
    expect(proxy.seen).toEqual([])
    expect(api.requests.length).toBeGreaterThanOrEqual(4)
  })

  it('uses HTTPS_PROXY for https only, not for a plain loopback URL', async () => {
    const { api, proxy } = await start()
    const run = await runAction(inputs(api), { env: { HTTPS_PROXY: proxy.url } })
    expect(run.exitCode).toBe(0)
    expect(proxy.seen).toEqual([])
  })
})

describe('when the workflow run is cancelled', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('stops waiting on %s, reports the last status and exits within a second', async (signal) => {
    const { api } = await start([{ state: 'CANCELING' }])
    let sentAt = 0
    const run = await runAction(inputs(api), {
      killAfterMs: 15_000,
      onStdout: (chunk, child) => {
        if (sentAt === 0 && chunk.includes('-> CANCELING')) {
          sentAt = Date.now()
          child.kill(signal)
        }
      }
    })
    expect(sentAt).toBeGreaterThan(0)
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.endedAt - sentAt).toBeLessThan(1_000)
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', state: 'CANCELING', canceled: 'false', 'environment-id': ENV_ID })
    expect(annotations(run, 'error')[0]).toMatch(new RegExp(`^The action was interrupted by ${signal} \\(the workflow run was cancelled\\); the environment was last seen CANCELING\\. A cancel request had been sent at \\d\\d:\\d\\d:\\d\\dZ\\.$`))
    expect(run.summary).toContain('## 🛑 Interrupted')
    expect(run.summary).toContain('| `CANCELING` |')
    expect(run.stderr).not.toMatch(/unhandled|Unhandled|rejection/)
    expect(api.requests.every((request) => request.at <= sentAt + 50)).toBe(true)
    expectNoSecret(run, TOKEN)
  })

  it('stops a request that hangs at once on SIGINT, without waiting for request-timeout', async () => {
    simulator = await startSimulator({ token: TOKEN, environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] }], faults: [{ on: 'status', fault: 'hang', skip: 2 }] })
    const api = simulator
    let sentAt = 0
    const run = await runAction({ ...inputs(api), 'request-timeout': '60s' }, {
      killAfterMs: 15_000,
      onStdout: (chunk, child) => {
        if (sentAt === 0 && chunk.includes('-> CANCELING')) {
          // The next read hangs; interrupt while it does.
          setTimeout(() => {
            sentAt = Date.now()
            child.kill('SIGINT')
          }, 200)
        }
      }
    })
    expect(api.requests.at(-1)!.answer).toBe('hang')
    expect(run.exitCode).toBe(1)
    expect(run.endedAt - sentAt).toBeLessThan(1_000)
    expect(run.outputs).toMatchObject({ outcome: 'interrupted', state: 'CANCELING' })
  })
})
