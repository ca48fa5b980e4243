/**
 * The bundled action under every environment variable it reads, each empty, malformed or pointing
 * nowhere, as a runner (often a self-hosted one) may set it: the proxy variables, the CA file, the
 * runner's files and the workflow run's context. Each run ends with outcome (where the output file
 * can be written at all), a summary (where it can be written) and a clear message: never a crash,
 * never a credential printed, never a broken link. The process reads them itself, so each case is
 * a run of the bundle; the rules over every value (each proxy variable, each part of the run's
 * link) are unit-tested on the pure readers (proxy-environment, runner-environment), and the runs
 * here go side by side.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret } from '../../test-support/assertions.ts'
import { ForwardProxy } from '../../test-support/forward-proxy.ts'
import { startSimulator } from '../../test-support/qovery-simulator.ts'
import { type ActionRun, runAction } from '../../test-support/run-action.ts'
import { outputsWithout } from '../../src/report/outputs.ts'
import { makeCertificate, type TestCertificate } from '../../test-support/test-certificate.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_runner_environment_secret'
/** The password in every proxy value with credentials: it must never be printed. */
const PROXY_PASSWORD = 'Pr0xyPassw0rd'
const API_HOST = 'api.qovery.test'
/** The outputs of a run stopped by its inputs, the runner's environment among them: nothing was sent. */
const WITHOUT_REPORT = outputsWithout('invalid-input')
/** A link to the run, as the summary may show it: an http(s) URL with nothing that could break it. */
const SOUND_LINK =
  /^\[Workflow run\]\(https?:\/\/[A-Za-z0-9\-._~:/%[\]]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/actions\/runs\/\d+(\/attempts\/\d+)?\)/

let certificate: TestCertificate
let dir: string
/** A loopback port nothing listens on. */
let closedPort: number
beforeAll(async () => {
  certificate = makeCertificate([API_HOST], ['127.0.0.1'])
  dir = mkdtempSync(join(tmpdir(), 'qovery-runner-env-'))
  mkdirSync(join(dir, 'a-directory'))
  writeFileSync(join(dir, 'not-pem.txt'), 'not a certificate\n')
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ repository: { name: 'shop', owner: { login: 'acme' } } }))
  writeFileSync(join(dir, 'bad-event.json'), '{"not json')
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
})
afterAll(() => {
  certificate.remove()
  rmSync(dir, { recursive: true, force: true })
})

/** A run of the bundle: against a loopback http:// simulator, or an https:// one only the proxy resolves. */
async function runWith(env: Record<string, string>, api: 'http' | 'https' = 'http', extra: Record<string, string> = {}) {
  const simulator = await startSimulator({
    token: TOKEN,
    // Over https (a poll-interval of 1s at least), the cancel takes effect at once: one read ends the wait.
    environments: [{ id: ENV_ID, before: [{ state: 'DEPLOYING' }], ...(api === 'https' ? { after: [{ state: 'CANCELED' }] } : {}) }],
    ...(api === 'https' ? { tls: { key: certificate.key, cert: certificate.cert, hostname: API_HOST } } : {})
  })
  const proxy = await new ForwardProxy({ [API_HOST]: '127.0.0.1' }).start()
  const fill = (value: string) =>
    value
      .replace('{proxy}', new URL(proxy.url).host)
      .replace('{closed}', String(closedPort))
      .replace('{dir}', join(dir, 'a-directory'))
      .replace('{files}', dir)
  const context = {
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    ...(api === 'https' ? { NODE_EXTRA_CA_CERTS: certificate.certFile } : {})
  }
  const filled = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, fill(value)]))
  const run = await runAction(
    {
      'environment-id': ENV_ID,
      token: TOKEN,
      'api-url': simulator.url,
      'poll-interval': api === 'https' ? '1s' : '20ms',
      timeout: '20s',
      ...extra
    },
    { env: { ...context, ...filled }, killAfterMs: 25_000 }
  )
  await Promise.all([simulator.stop(), proxy.stop()])
  return { run, api: simulator, proxy }
}

/** What holds for every run, whatever its environment. */
function expectAReport(run: ActionRun, env: Record<string, string>): void {
  expect(run.signal).toBeNull()
  expect([0, 1]).toContain(run.exitCode)
  expect(run.stderr).not.toMatch(/^\s+at /m)
  expect(run.stderr).not.toMatch(/Unexpected error|unhandled|Unhandled|uncaught/)
  if (!('GITHUB_OUTPUT' in env)) expect(run.outputs.outcome).toBeDefined()
  else if (env.GITHUB_OUTPUT === '') expect(run.stdout).toMatch(/^::set-output name=outcome::/m)
  if (!('GITHUB_STEP_SUMMARY' in env)) expect(run.summary).toMatch(/^## /)
  if (run.exitCode === 1) expect(annotations(run, 'error').length).toBeGreaterThan(0)
  expectNoSecret(run, TOKEN)
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(PROXY_PASSWORD)
  for (const link of run.summary.matchAll(/\[Workflow run\]\([^\n]*/g)) expect(link[0]).toMatch(SOUND_LINK)
  expect(run.stdout).not.toMatch(/^::error::injected/m)
}

interface Row {
  env: Record<string, string>
  api?: 'http' | 'https'
  inputs?: Record<string, string>
  exitCode: 0 | 1
  /** The outcome output, when the output file is the runner's. */
  outcome?: string
  /** The first error annotation, or a warning that must be there. */
  error?: RegExp
  warning?: RegExp
  /** Whether the proxy saw the requests, and whether the API saw any. */
  proxied?: boolean
  requests?: boolean
  /** The run's link in the summary: there, or left out. */
  link?: boolean
}

const credentials = `user:${PROXY_PASSWORD}@`
const PROXY_NAMES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const

const rows: Array<[string, Row]> = [
  // A loopback http:// API never goes through a proxy: none of the variables is even read.
  [
    'every proxy variable and NO_PROXY malformed, with a loopback http:// API',
    {
      env: Object.fromEntries([...PROXY_NAMES, 'NO_PROXY', 'no_proxy'].map((name) => [name, `http://${credentials}[::bad`])),
      exitCode: 0,
      outcome: 'canceled',
      proxied: false,
      requests: true
    }
  ],
  // An https:// API needs the variable: an unusable value is an input error, before any request.
  [
    'https_proxy with a scheme other than http(s), https:// API',
    {
      env: { https_proxy: `socks5://${credentials}{proxy}` },
      api: 'https',
      exitCode: 1,
      outcome: 'invalid-input',
      error: /^Environment variable https_proxy is "socks5:\/\/\*\*\*@127\.0\.0\.1:\d+", whose scheme socks5:\/\//,
      proxied: false,
      requests: false
    }
  ],
  [
    'HTTP_PROXY=host:port without a scheme, and no HTTPS_PROXY, https:// API',
    { env: { HTTP_PROXY: '{proxy}' }, api: 'https', exitCode: 0, outcome: 'canceled', proxied: true, requests: true }
  ],
  [
    'HTTPS_PROXY empty, https:// API: direct, to a host only the proxy resolves',
    {
      env: { HTTPS_PROXY: '' },
      api: 'https',
      exitCode: 1,
      outcome: 'failed',
      error: /the host could not be resolved.*Check api-url\.$/,
      proxied: false,
      requests: false
    }
  ],
  [
    'HTTPS_PROXY naming a host that does not resolve',
    {
      env: { HTTPS_PROXY: `${credentials}proxy.invalid:3128` },
      api: 'https',
      exitCode: 1,
      outcome: 'failed',
      error:
        /ENOTFOUND proxy\.invalid\)\. Check api-url, or the proxy variables \(HTTPS_PROXY, HTTP_PROXY\): proxy\.invalid is not api-url's host\.$/,
      proxied: false,
      requests: false
    }
  ],
  [
    'HTTPS_PROXY pointing at a port nothing listens on',
    {
      env: { HTTPS_PROXY: `${credentials}127.0.0.1:{closed}` },
      api: 'https',
      inputs: { timeout: '2s' },
      exitCode: 1,
      outcome: 'timed-out',
      error: /^Timed out after 2s, before the status and the queue could be read; the last request failed with .*ECONNREFUSED/,
      proxied: false,
      requests: false
    }
  ],
  [
    'no_proxy naming the API host bypasses even a malformed HTTPS_PROXY',
    {
      env: { HTTPS_PROXY: `http://${credentials}[::bad`, no_proxy: '.qovery.test' },
      api: 'https',
      exitCode: 1,
      outcome: 'failed',
      error: /ENOTFOUND api\.qovery\.test\)\. Check api-url\.$/,
      proxied: false,
      requests: false
    }
  ],
  ['NODE_EXTRA_CA_CERTS empty', { env: { NODE_EXTRA_CA_CERTS: '' }, exitCode: 0, outcome: 'canceled' }],
  [
    'NODE_EXTRA_CA_CERTS={files}/not-pem.txt',
    {
      env: { NODE_EXTRA_CA_CERTS: '{files}/not-pem.txt' },
      exitCode: 0,
      outcome: 'canceled',
      warning: /^NODE_EXTRA_CA_CERTS is ".*", which holds no PEM certificate/
    }
  ],
  [
    'NODE_EXTRA_CA_CERTS pointing nowhere, https:// through the proxy: the certificate is refused, and the warning says why',
    {
      env: { HTTPS_PROXY: '{proxy}', NODE_EXTRA_CA_CERTS: '{files}/nowhere.pem' },
      api: 'https',
      exitCode: 1,
      outcome: 'failed',
      error: /SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i,
      warning: /^NODE_EXTRA_CA_CERTS is ".*nowhere\.pem", which cannot be read/,
      proxied: true,
      requests: false
    }
  ],
  ['GITHUB_OUTPUT empty: the outputs go to the log as commands', { env: { GITHUB_OUTPUT: '' }, exitCode: 0 }],
  // A file that cannot be written at all (ENOSPC): action.test.ts.
  [
    'GITHUB_OUTPUT naming a directory',
    {
      env: { GITHUB_OUTPUT: '{dir}' },
      exitCode: 1,
      error: /^The step outputs could not be written \(outcome: EISDIR.*\): later steps will not see outcome \(canceled\)/
    }
  ],
  ['GITHUB_STEP_SUMMARY empty', { env: { GITHUB_STEP_SUMMARY: '' }, exitCode: 0, outcome: 'canceled' }],
  [
    'GITHUB_STEP_SUMMARY naming a file in a directory that does not exist',
    {
      env: { GITHUB_STEP_SUMMARY: '{files}/no/such/summary' },
      exitCode: 0,
      outcome: 'canceled',
      warning: /^Could not write the job summary: Unable to access summary file/
    }
  ],
  ['the whole context as the runner sets it', { env: {}, exitCode: 0, outcome: 'canceled', link: true }],
  // Each part of the run's link, and each context variable, is checked on its own by the pure
  // reader (runner-environment.test.ts in unit/): here, all of them wrong in one process.
  [
    'GITHUB_REPOSITORY, GITHUB_RUN_ID and GITHUB_SERVER_URL unusable in a link: the link is left out',
    {
      env: { GITHUB_REPOSITORY: 'acme/shop) [x](javascript:alert(1)', GITHUB_RUN_ID: 'abc', GITHUB_SERVER_URL: 'javascript:alert(1)//' },
      exitCode: 0,
      outcome: 'canceled',
      link: false
    }
  ],
  [
    'GITHUB_RUN_ATTEMPT, GITHUB_ACTOR, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and RUNNER_DEBUG malformed',
    {
      env: {
        GITHUB_RUN_ATTEMPT: 'x',
        GITHUB_ACTOR: 'x\n::error::injected',
        GITHUB_EVENT_NAME: 'push\n::error::injected',
        GITHUB_EVENT_PATH: '{files}/bad-event.json',
        RUNNER_DEBUG: 'yes'
      },
      exitCode: 0,
      outcome: 'canceled'
    }
  ],
  ['GITHUB_EVENT_PATH naming no file', { env: { GITHUB_EVENT_PATH: '{files}/nowhere.json' }, exitCode: 0, outcome: 'canceled' }]
]

describe('every environment variable the action reads, set badly', () => {
  it.concurrent.each(rows)('%s', async (_name, row) => {
    const { run, api, proxy } = await runWith(row.env, row.api, row.inputs)
    expectAReport(run, row.env)
    expect(run.exitCode).toBe(row.exitCode)
    if (row.outcome !== undefined) expect(run.outputs.outcome).toBe(row.outcome)
    if (row.outcome === 'invalid-input') {
      expect(run.outputs).toEqual(WITHOUT_REPORT)
      expect(run.summary.split('\n')[0]).toBe('## ❌ Invalid input: no request was sent to Qovery')
    }
    if (row.error !== undefined) expect(annotations(run, 'error')[0]).toMatch(row.error)
    if (row.warning !== undefined) expect(annotations(run, 'warning')).toContainEqual(expect.stringMatching(row.warning))
    if (row.proxied === true) {
      expect(proxy.seen.length).toBeGreaterThan(0)
      expect(proxy.seen.every((seen) => seen.kind === 'connect' && seen.line.startsWith(`CONNECT ${API_HOST}:`))).toBe(true)
    }
    if (row.proxied === false) expect(proxy.seen).toEqual([])
    if (row.requests === false) expect(api.requests).toEqual([])
    if (row.requests === true) expect(api.requests.length).toBeGreaterThanOrEqual(4)
    if (row.link === true) expect(run.summary).toContain('[Workflow run](https://github.com/acme/shop/actions/runs/42/attempts/2)')
    if (row.link === false) expect(run.summary).not.toContain('[Workflow run]')
  })
})

describe('proxy variables as self-hosted runners set them', () => {
  it.concurrent('tunnels https:// through a CONNECT proxy given as 127.0.0.1:<port>, the certificate checked', async () => {
    // A NO_PROXY of separators alone names no host: the proxy still carries the requests.
    const { run, api, proxy } = await runWith({ HTTPS_PROXY: '{proxy}', NO_PROXY: ' , ,' }, 'https')
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('canceled')
    expect(run.stdout).toContain(`Requests go through the proxy ${proxy.url} (from HTTPS_PROXY)`)
    expect(proxy.seen.length).toBeGreaterThan(0)
    expect(
      proxy.seen.every((seen) => seen.line === `CONNECT ${API_HOST}:${new URL(api.url).port}` && seen.proxyAuthorization === undefined)
    ).toBe(true)
    // The token travels inside the tunnel only: the proxy never sees it.
    expect(proxy.seen.some((seen) => seen.authorization !== undefined)).toBe(false)
    expect(api.requests.length).toBeGreaterThanOrEqual(4)
    expect(api.requests.every((request) => request.authorization === `Token ${TOKEN}`)).toBe(true)
    expectAReport(run, {})
  })

  // A raw % or @ in the credentials, and each escape: the pure reader (proxy-environment.test.ts).
  it.concurrent('gives the proxy the credentials, their escapes decoded', async () => {
    const { run, proxy } = await runWith({ https_proxy: `http://us%40er:${PROXY_PASSWORD}%40%3A%25@{proxy}` }, 'https')
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('canceled')
    expect(run.stdout).toContain('(from https_proxy, with its credentials)')
    const expected = `Basic ${Buffer.from(`us@er:${PROXY_PASSWORD}@:%`, 'utf8').toString('base64')}`
    expect(proxy.seen.length).toBeGreaterThan(0)
    expect(proxy.seen.every((seen) => seen.kind === 'connect' && seen.proxyAuthorization === expected)).toBe(true)
    expectAReport(run, {})
  })

  it.concurrent('refuses a malformed value before any request, naming the variable and never its credentials', async () => {
    const { run, api, proxy } = await runWith({ HTTPS_PROXY: `http://${credentials}proxy.corp.example:99999` }, 'https')
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toEqual(WITHOUT_REPORT)
    expect(annotations(run, 'error')).toEqual([
      `Environment variable HTTPS_PROXY is "http://***@proxy.corp.example:99999", which is not a URL, even read as http://, and the requests to ${API_HOST}:${new URL(api.url).port} need it (NO_PROXY does not name that host). Accepted: http://host:port or https://host:port, with user:password@ before the host if the proxy asks for them (percent-encode @, : and / in them), or host:port alone, read as http://host:port. No request was sent to Qovery.`
    ])
    expect(run.summary.split('\n')[0]).toBe('## ❌ Invalid input: no request was sent to Qovery')
    expect(run.summary).toMatch(/^\| `HTTPS_PROXY` \| Environment variable HTTPS\\_PROXY is /m)
    expect(api.requests).toEqual([])
    expect(proxy.seen).toEqual([])
    expectAReport(run, {})
  })
})
