/**
 * The HTTP client against servers on loopback that answer as gateways and broken proxies do:
 * compressed bodies, asked for or not; bodies that never end or decode to gigabytes; long
 * headers, direct and through a forward proxy. The dispatchers are the runtime's own.
 */
import { getCACertificates, setDefaultCACertificates } from 'node:tls'
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { Dispatcher } from 'undici'
import { MAX_ANSWER_BYTES, MAX_HEADER_BYTES } from '../../src/qovery/answer-limits.ts'
import { QoveryClient } from '../../src/qovery/client.ts'
import { type Fault, RequestFailed } from '../../src/qovery/faults.ts'
import { isTransient } from '../../src/qovery/retry-policy.ts'
import { dispatcherFor } from '../../src/runtime.ts'
import { ForwardProxy } from '../../test-support/forward-proxy.ts'
import type { QoverySimulator, SimulatorOptions } from '../../test-support/qovery-simulator.ts'
import { simulatedEnvironment, simulatorsForTest, stoppedAfterEachTest } from '../../test-support/simulators.ts'
import { makeCertificate, type TestCertificate } from '../../test-support/test-certificate.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_answer_limits_secret'
const never = new AbortController().signal

const stopAfterTest = stoppedAfterEachTest()
const dispatchers: Dispatcher[] = []
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.destroy()))
})

const environment = simulatedEnvironment(TOKEN, simulatorsForTest(), { script: { before: [{ state: 'DEPLOYING' }] } })
/** A simulator with a deploy running, started with `options`. */
const simulate = (options: Partial<SimulatorOptions> = {}) => environment.simulate({}, options)

/** A client of `url` through the runtime's dispatcher for the route (direct unless a proxy is given). */
function clientOf(url: string, proxy?: ForwardProxy): QoveryClient {
  const dispatcher = dispatcherFor(
    proxy === undefined ? { route: 'direct' } : { route: 'proxy', variable: 'HTTPS_PROXY', url: new URL(proxy.url) },
    () => {}
  )
  dispatchers.push(dispatcher)
  return new QoveryClient({
    baseUrl: new URL(url),
    authorization: `Token ${TOKEN}`,
    requestTimeoutMs: 20_000,
    deadline: Date.now() + 60_000,
    dispatcher,
    userAgent: 'qovery-cancel-deployment-test',
    debug: () => {},
    now: Date.now
  })
}

async function faultOf(call: Promise<unknown>): Promise<Fault> {
  try {
    await call
  } catch (error) {
    if (error instanceof RequestFailed) return error.fault
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('compressed answers', () => {
  it.each(['gzip', 'deflate', 'br'] as const)('asks for compression and decodes %s', async (encoding) => {
    const simulator = await simulate({ encoding })
    const api = clientOf(simulator.url)
    await expect(api.getStatus(ENV_ID, never)).resolves.toMatchObject({ id: ENV_ID, state: 'DEPLOYING' })
    await expect(api.cancelDeployment(ENV_ID, false, never)).resolves.toMatchObject({ accepted: true, status: { id: ENV_ID } })
    expect(simulator.requests.map((request) => request.acceptEncoding)).toEqual(['gzip, deflate, br', 'gzip, deflate, br'])
  })

  it("decodes a compressed error answer, for Qovery's words", async () => {
    const simulator = await simulate({ encoding: 'gzip' })
    const fault = await faultOf(clientOf(simulator.url).getStatus('0b7f0c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f', never))
    expect(fault).toEqual({ kind: 'http', status: 404, detail: 'Environment 0b7f0c9e-1d2a-4c3b-8e5f-6a7b8c9d0e1f not found' })
  })
})

describe('the cap on what one answer may hold', () => {
  it('fails a body that never ends at the cap, naming it, as a fault no retry fixes', async () => {
    const simulator = await simulate({ faults: [{ on: 'status', fault: 'endless-body' }] })
    const fault = await faultOf(clientOf(simulator.url).getStatus(ENV_ID, never))
    expect(fault).toEqual({ kind: 'too-large', part: 'body', limitBytes: MAX_ANSWER_BYTES })
    expect(isTransient(fault)).toBe(false)
    expect(new RequestFailed(fault, 'GET /status').message).toContain("the answer's body is larger than 32 MiB (decoded)")
  })

  it('fails a gzip body that decodes past the cap, however small on the wire', async () => {
    const simulator = await simulate({ faults: [{ on: 'status', fault: 'gzip-bomb' }] })
    expect(await faultOf(clientOf(simulator.url).getStatus(ENV_ID, never))).toEqual({
      kind: 'too-large',
      part: 'body',
      limitBytes: MAX_ANSWER_BYTES
    })
  })

  it('reads the largest real answers: the history and the statuses of 1,500 services', async () => {
    const services = Array.from({ length: 1500 }, (_, index) => ({
      id: `5a000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      name: `service-${index}`,
      type: 'CONTAINER',
      stage: `stage-${index % 20}`
    }))
    const simulator = await simulate({
      environments: [
        {
          id: ENV_ID,
          before: [{ state: 'DEPLOYING' }],
          services,
          past: Array.from({ length: 9 }, (_, index) => ({ requestId: `d4000000-0000-4000-8000-00000000000${index}`, state: 'DEPLOYED' }))
        }
      ]
    })
    const api = clientOf(simulator.url)
    const history = await api.getDeploymentHistory(ENV_ID, 10, never)
    expect(history).toHaveLength(10)
    expect(history.every((entry) => entry.stages.flatMap((stage) => stage.services).length === 1500)).toBe(true)
    await expect(api.getServiceStatuses(ENV_ID, never)).resolves.toHaveLength(1500)
  })
})

describe('long response headers', () => {
  let certificate: TestCertificate
  beforeAll(() => {
    certificate = makeCertificate(['api.qovery.test'])
  })
  afterAll(() => certificate.remove())

  /** An https simulator under api.qovery.test, which only the proxy resolves, and the proxy. */
  async function behindProxy(headerBytes: number): Promise<{ simulator: QoverySimulator; proxy: ForwardProxy }> {
    const simulator = await simulate({ headerBytes, tls: { key: certificate.key, cert: certificate.cert, hostname: 'api.qovery.test' } })
    const proxy = stopAfterTest(await new ForwardProxy({ 'api.qovery.test': '127.0.0.1' }).start())
    return { simulator, proxy }
  }

  it('reads an answer with 64 KiB of headers, direct', async () => {
    const simulator = await simulate({ headerBytes: 64 * 1024 })
    await expect(clientOf(simulator.url).getStatus(ENV_ID, never)).resolves.toMatchObject({ state: 'DEPLOYING' })
  })

  it('fails an answer whose headers pass the cap, naming them, as a fault no retry fixes, direct', async () => {
    const simulator = await simulate({ headerBytes: MAX_HEADER_BYTES + 16 * 1024 })
    const fault = await faultOf(clientOf(simulator.url).getStatus(ENV_ID, never))
    expect(fault).toEqual({ kind: 'too-large', part: 'headers', limitBytes: MAX_HEADER_BYTES })
    expect(isTransient(fault)).toBe(false)
    expect(new RequestFailed(fault, 'GET /status').message).toContain("the answer's headers are larger than 128 KiB")
  })

  describe('through a forward proxy', () => {
    // The test's certificate is trusted as a runner trusts a private CA (NODE_EXTRA_CA_CERTS): by every connection.
    const defaults = getCACertificates('default')
    beforeAll(() => setDefaultCACertificates([...defaults, certificate.cert]))
    afterAll(() => setDefaultCACertificates(defaults))

    it('reads an answer with 64 KiB of headers', async () => {
      const { simulator, proxy } = await behindProxy(64 * 1024)
      const api = clientOf(simulator.url, proxy)
      await expect(api.getStatus(ENV_ID, never)).resolves.toMatchObject({ state: 'DEPLOYING' })
      expect(proxy.seen.map((request) => request.line)).toEqual([`CONNECT api.qovery.test:${new URL(simulator.url).port}`])
    })

    it('fails an answer whose headers pass the cap, naming them', async () => {
      const { simulator, proxy } = await behindProxy(MAX_HEADER_BYTES + 16 * 1024)
      expect(await faultOf(clientOf(simulator.url, proxy).getStatus(ENV_ID, never))).toEqual({
        kind: 'too-large',
        part: 'headers',
        limitBytes: MAX_HEADER_BYTES
      })
      expect(proxy.seen).toHaveLength(1)
    })
  })
})
