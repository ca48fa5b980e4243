/**
 * The bundled action on Node 24 against servers that fail as networks, gateways and broken
 * proxies do: a resolver that fails for a moment or for good, a body that never ends or decodes to
 * gigabytes, compressed answers, long headers (direct and through a proxy), history entries in
 * shapes it cannot read, and text with bidirectional controls. Each run ends with its outcome,
 * valid JSON outputs, a summary, and no token anywhere; memory is measured, not time.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { annotations, expectReported } from '../../test-support/assertions.ts'
import { ForwardProxy } from '../../test-support/forward-proxy.ts'
import type { QoverySimulator } from '../../test-support/qovery-simulator.ts'
import { ROOT, runAction, type StartOptions } from '../../test-support/run-action.ts'
import { simulatedEnvironment, simulatorsForTest, stoppedAfterEachTest } from '../../test-support/simulators.ts'
import { makeCertificate, type TestCertificate } from '../../test-support/test-certificate.ts'
import { API_AND_WEB, API_ID, ENV_ID, WEB_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_odd_network_Zx81secretValue'

/** A deploy in staging; once canceled, CANCELING for two reads, then CANCELED. */
const { simulate, inputs } = simulatedEnvironment(TOKEN, simulatorsForTest(), {
  script: {
    name: 'staging',
    services: API_AND_WEB,
    before: [{ state: 'DEPLOYING' }],
    after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }]
  }
})
const stopAfterTest = stoppedAfterEachTest()
const dir = mkdtempSync(join(tmpdir(), 'qovery-odd-network-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A run's peak resident set size in MiB, recorded by bench/max-rss.mjs at its exit. */
function measured(name: string): { env: Record<string, string>; peakMiB: () => number } {
  const file = join(dir, `${name}.rss`)
  return {
    env: { BENCH_RSS_FILE: file, NODE_OPTIONS: `--import=${join(ROOT, 'bench', 'max-rss.mjs')}` },
    peakMiB: () => Number(readFileSync(file, 'utf8')) / 1024
  }
}

describe('a resolver that fails', () => {
  /** The flaky resolver (test-support/flaky-dns.mjs), failing as `state` says, and the lookups it saw. */
  function resolver(name: string, state: string): { env: StartOptions['env']; fail(count: number): void; lookups(): string[] } {
    const file = join(dir, `${name}.dns`)
    writeFileSync(file, state)
    return {
      env: { FLAKY_DNS_FILE: file, NODE_OPTIONS: `--import=${join(ROOT, 'test-support', 'flaky-dns.mjs')}` },
      fail: (count) => writeFileSync(file, String(count)),
      lookups: () => readFileSync(`${file}.log`, 'utf8').trim().split('\n')
    }
  }

  it('retries a host that stops resolving while it waits, and ends canceled', async () => {
    // Each answer closes its connection, so that each request looks the host up again.
    const api = await simulate({ after: [{ state: 'CANCELING', reads: 6 }, { state: 'CANCELED' }] }, { closeConnections: true })
    const dns = resolver('blip', '0')
    const running = runAction(inputs({ url: api.url.replace('127.0.0.1', 'api.localhost') }), { env: dns.env })
    // The resolver fails from the moment the cancel arrives: the reads of the wait meet it. Six
    // lookups fail: the read of the environment's name beside the wait takes at most three.
    await api.waitForRequest((request) => request.path.endsWith('/cancelDeployment'))
    dns.fail(6)
    const run = await running
    expect(run.exitCode).toBe(0)
    expectReported(run, 'canceled', TOKEN)
    expect(dns.lookups().filter((result) => result === 'fail')).toHaveLength(6)
    expect(run.stdout).toMatch(
      /^Reading the environment status failed \(getaddrinfo ENOTFOUND api\.localhost\), attempt 1 of 10; retrying in/m
    )
  })

  it('fails within a few tries, naming api-url, when the host never resolves before any answer', async () => {
    const dns = resolver('never', 'always')
    const run = await runAction(inputs({ url: 'http://nowhere.localhost:9/' }), { env: dns.env })
    expect(run.exitCode).toBe(1)
    expectReported(run, 'failed', TOKEN)
    const message = 'failed: the host could not be resolved (getaddrinfo ENOTFOUND nowhere.localhost). Check api-url.'
    expect(annotations(run, 'error')).toEqual([expect.stringContaining(message)])
    expect(run.summary).toContain('Check api-url.')
    // Three tries of the status read (the queue read beside it stops with it), none answered.
    expect(run.stdout).toContain('attempt 2 of 3;')
    expect(run.stdout).not.toContain('attempt 3 of')
    expect(dns.lookups()).toContain('fail')
    expect(dns.lookups()).not.toContain('ok')
  })
})

describe('the cap on what one answer may hold', () => {
  it.each([
    ['a body that never ends', 'endless-body' as const],
    ['a gzip body that decodes to 4 GiB', 'gzip-bomb' as const]
  ])('fails a read answered with %s, naming the cap, without retrying it, in bounded memory', async (name, fault) => {
    // The first status read answers; a read of the wait, after the cancel, gets the fault.
    const api = await simulate({}, { faults: [{ on: 'status', fault, skip: 2 }] })
    const rss = measured(fault)
    const run = await runAction(inputs(api, { 'request-timeout': '5s' }), { env: rss.env })
    expect(run.exitCode).toBe(1)
    expectReported(run, 'failed', TOKEN)
    const [error] = annotations(run, 'error')
    expect(error).toContain(`GET /environment/${ENV_ID}/status: the answer's body is larger than 32 MiB (decoded)`)
    expect(error).toContain('Qovery had accepted the cancel request')
    expect(run.summary).toContain('larger than 32 MiB')
    // Not retried: the faulty read was the last status read.
    const statusReads = api.requests.filter((request) => request.path.endsWith('/status'))
    expect(statusReads).toHaveLength(3)
    // Far under the 1 GiB a body read whole would reach; the action alone takes about 100 MiB.
    expect(rss.peakMiB()).toBeLessThan(300)
  })
})

describe('compressed answers', () => {
  it('asks for gzip, deflate or br, and reads a gateway that compresses every answer', async () => {
    const api = await simulate({}, { encoding: 'gzip' })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expectReported(run, 'canceled', TOKEN)
    expect(new Set(api.requests.map((request) => request.acceptEncoding))).toEqual(new Set(['gzip, deflate, br']))
    expect(JSON.parse(run.outputs.services!)).toEqual([
      { id: API_ID, name: 'api', type: 'APPLICATION', stage: 'build', state: 'DEPLOYED' },
      { id: WEB_ID, name: 'web', type: 'CONTAINER', stage: 'deploy', state: 'CANCELED' }
    ])
  })
})

describe('long response headers', () => {
  let certificate: TestCertificate
  beforeAll(() => {
    certificate = makeCertificate(['api.qovery.test'])
  })
  afterAll(() => certificate.remove())

  /** An https simulator under api.qovery.test, which only the proxy resolves, and the proxy; the runner trusts the certificate. */
  async function behindProxy(headerBytes: number): Promise<{ api: QoverySimulator; proxy: ForwardProxy; env: Record<string, string> }> {
    const api = await simulate({}, { headerBytes, tls: { key: certificate.key, cert: certificate.cert, hostname: 'api.qovery.test' } })
    const proxy = stopAfterTest(await new ForwardProxy({ 'api.qovery.test': '127.0.0.1' }).start())
    return { api, proxy, env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificate.certFile } }
  }

  it('reads answers with 64 KiB of headers, direct', async () => {
    const api = await simulate({}, { headerBytes: 64 * 1024 })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expectReported(run, 'canceled', TOKEN)
  })

  it('reads answers with 64 KiB of headers through a proxy', async () => {
    const { api, proxy, env } = await behindProxy(64 * 1024)
    const run = await runAction(inputs(api, { 'poll-interval': '1s' }), { env })
    expect(run.exitCode).toBe(0)
    expectReported(run, 'canceled', TOKEN)
    expect(proxy.seen.length).toBeGreaterThan(0)
    expect(proxy.seen.every((request) => request.kind === 'connect')).toBe(true)
  })

  it.each([
    ['direct', false],
    ['through a proxy', true]
  ])('fails answers whose headers pass 128 KiB, %s, naming them, without retrying', async (_, proxied) => {
    const headerBytes = 160 * 1024
    const { api, env } = proxied ? await behindProxy(headerBytes) : { api: await simulate({}, { headerBytes }), env: {} }
    const run = await runAction(inputs(api, { 'poll-interval': proxied ? '1s' : '20ms' }), { env })
    expect(run.exitCode).toBe(1)
    expectReported(run, 'failed', TOKEN)
    expect(annotations(run, 'error')).toEqual([
      expect.stringContaining("the answer's headers are larger than 128 KiB, the most the action reads")
    ])
    // The status read once (the queue read beside it stops with it): nothing retried, no cancel sent.
    expect(api.requests.filter((request) => request.path.endsWith('/status'))).toHaveLength(1)
    expect(api.requests.every((request) => request.method === 'GET')).toBe(true)
  })
})

describe('history entries in shapes the action cannot read', () => {
  it.each([
    ['stages: null', (entry: Record<string, unknown>) => ({ ...entry, stages: null }), 'stages is null, not a list'],
    [
      'stages as an object',
      (entry: Record<string, unknown>) => ({ ...entry, stages: { apps: entry.stages } }),
      'stages is an object, not a list'
    ],
    [
      'services whose fields are null',
      (entry: Record<string, unknown>) => ({
        ...entry,
        stages: (entry.stages as Array<{ services: unknown[] }>).map((stage) => ({
          ...stage,
          services: stage.services.map(() => ({ identifier: null, status: null, details: null }))
        }))
      }),
      '2 services have no identifier.service_id'
    ]
  ])('says the services are not known, never none, with %s', async (_, reshapeHistory, why) => {
    const api = await simulate({ reshapeHistory })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expectReported(run, 'canceled', TOKEN)
    expect(run.outputs.services).toBe('null')
    // The summary escapes Markdown: service\\_id.
    expect(run.summary).toContain(
      `What became of each service is not known: Qovery's deployment history lists them in a shape the action cannot read (${why.replace(/_/g, '\\_')}).`
    )
  })
})

describe('text from Qovery with bidirectional controls', () => {
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

  it('shows them as code points in the log and the summary', async () => {
    const api = await simulate({
      name: 'pr-12\u202Eweiver-\u2066x\u2069',
      services: [{ ...API_AND_WEB[0]!, name: 'api\u202Egpj.exe' }, API_AND_WEB[1]!]
    })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(0)
    expectReported(run, 'canceled', TOKEN)
    expect(run.stdout).not.toMatch(BIDI)
    expect(run.summary).not.toMatch(BIDI)
    expect(run.summary).toContain('api[U+202E]gpj.exe')
    expect(run.summary).toContain('pr-12[U+202E]weiver-[U+2066]x[U+2069]')
  })

  it("shows them as code points in an annotation that quotes Qovery's words", async () => {
    const detail = 'Token may not deploy pr-12\u202Eweiver\u200F'
    const body = JSON.stringify({ status: 403, error: 'Forbidden', detail })
    const api = await simulate({}, { faults: [{ on: 'cancel', fault: { status: 403, body } }] })
    const run = await runAction(inputs(api))
    expect(run.exitCode).toBe(1)
    expectReported(run, 'failed', TOKEN)
    expect(run.stdout).not.toMatch(BIDI)
    expect(run.summary).not.toMatch(BIDI)
    expect(annotations(run, 'error')).toEqual([expect.stringContaining('Token may not deploy pr-12[U+202E]weiver[U+200F]')])
  })
})
