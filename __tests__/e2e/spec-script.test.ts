/**
 * `npm run spec` (scripts/spec.ts) on Node 24 against a local server standing in for GitHub's raw
 * files: it keeps a file only when its SHA-256 is the pinned one, and goes through HTTPS_PROXY.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { ForwardProxy } from '../../test-support/forward-proxy.ts'
import { SPEC_PIN } from '../../test-support/openapi-pin.ts'
import { describeWithSpec, SPEC } from '../../test-support/openapi-spec.ts'
import { NODE24, ROOT } from '../../test-support/run-action.ts'
import { makeCertificate, type TestCertificate } from '../../test-support/test-certificate.ts'

const PINNED_PATH = `/${SPEC_PIN.commit}/${SPEC_PIN.path}`
/** Resolved by the proxy alone: the script reaches it only through HTTPS_PROXY. */
const RAW_HOST = 'raw.spec-mirror.test'
const PROXY_VARIABLES = /^(https?|no|all)_proxy$/i

interface Served {
  url: string
  paths: string[]
  server: Server
}

let served: Served | undefined
let proxy: ForwardProxy | undefined
let certificate: TestCertificate | undefined
let dir: string | undefined
afterEach(async () => {
  await new Promise((resolve) => (served ? served.server.close(resolve) : resolve(undefined)))
  await proxy?.stop()
  certificate?.remove()
  if (dir) rmSync(dir, { recursive: true, force: true })
  served = proxy = certificate = dir = undefined
})

/** Serves `body` at the pinned path (404 elsewhere) on loopback, recording the paths asked for. */
async function serve(body: Buffer | string, tls?: TestCertificate): Promise<Served> {
  const paths: string[] = []
  const listener: RequestListener = (req, res) => {
    paths.push(req.url ?? '')
    if (req.url === PINNED_PATH) res.writeHead(200, { 'content-type': 'text/plain' }).end(body)
    else res.writeHead(404).end('Not Found')
  }
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  served = { url: `${tls ? `https://${RAW_HOST}` : 'http://127.0.0.1'}:${port}`, paths, server }
  return served
}

/** Runs the script on Node 24 with `env` and no other proxy variable; resolves when the process has exited. */
function runSpec(destination: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROXY_VARIABLES.test(name)))
  const child = spawn(NODE24, [join(ROOT, 'scripts', 'spec.ts'), destination], { cwd: ROOT, env: { ...inherited, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function destinationIn(): string {
  dir = mkdtempSync(join(tmpdir(), 'qovery-spec-'))
  return join(dir, 'qovery', 'openapi.yaml')
}

const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex')

describe('npm run spec', () => {
  it('refuses a file whose SHA-256 is not the pinned one, naming both, and leaves nothing behind', async () => {
    const wrong = 'openapi: 3.0.0\ninfo: { title: not the pinned spec, version: 0.0.0 }\n'
    const { url, paths } = await serve(wrong)
    const destination = destinationIn()
    const run = await runSpec(destination, { QOVERY_SPEC_URL: url })
    expect(run.code).toBe(1)
    expect(paths).toEqual([PINNED_PATH])
    expect(run.stderr).toContain(`SHA-256 ${sha256(wrong)}, not the pinned ${SPEC_PIN.sha256}`)
    expect(run.stderr).toContain(`nothing was written to ${destination}`)
    expect(existsSync(destination)).toBe(false)
    expect(readdirSync(join(dir!, 'qovery'))).toEqual([])
  })

  it('fails on an HTTP error, naming the status, and writes nothing', async () => {
    const { url } = await serve('')
    const destination = destinationIn()
    // A base URL under which the pinned path is not found.
    const run = await runSpec(destination, { QOVERY_SPEC_URL: `${url}/elsewhere` })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`${url}/elsewhere${PINNED_PATH} answered 404`)
    expect(existsSync(destination)).toBe(false)
  })
})

describeWithSpec('npm run spec serving the pinned file', () => {
  it('downloads it through HTTPS_PROXY, and later finds it in place without asking again', async () => {
    const pinned = readFileSync(SPEC)
    certificate = makeCertificate([RAW_HOST])
    const { url, paths } = await serve(pinned, certificate)
    proxy = await new ForwardProxy({ [RAW_HOST]: '127.0.0.1' }).start()
    const destination = destinationIn()
    const env = { QOVERY_SPEC_URL: url, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificate.certFile }

    const first = await runSpec(destination, env)
    expect(first).toMatchObject({ code: 0, stderr: '' })
    expect(first.stdout).toContain(`Downloaded Qovery's OpenAPI spec`)
    expect(sha256(readFileSync(destination))).toBe(SPEC_PIN.sha256)
    expect(readdirSync(join(dir!, 'qovery'))).toEqual(['openapi.yaml'])
    expect(paths).toEqual([PINNED_PATH])
    expect(proxy.seen.map((request) => request.line)).toEqual([`CONNECT ${new URL(url).host}`])

    const second = await runSpec(destination, env)
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('is already at')
    expect(paths).toHaveLength(1)
  })
})
