/**
 * Qovery's API as its OpenAPI spec describes it, served by Prism (@stoplight/prism-cli) on a
 * loopback port, and a scripted front for it. Prism validates every request against the spec
 * (--errors: a violation is answered with an error, not passed with a warning) and answers from
 * the spec's examples or, asked with `Prefer: dynamic=true`, with random spec-valid bodies. The
 * front chooses which of Prism's answers the action gets, and writes none itself.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ROOT } from './run-action.ts'

export interface PrismServer {
  url: string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Starts `prism mock -d --errors <spec>` on a free loopback port; resolves once it listens. */
export async function startPrism(spec: string, timeoutMs = 60_000): Promise<PrismServer> {
  const port = await freePort()
  // Prism's own entry on this Node: node_modules/.bin holds a shell script, or a .cmd on Windows.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js'),
      'mock',
      '-d',
      '--errors',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      spec
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let log = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs}ms:\n${log.slice(-2000)}`)), timeoutMs)
    const onData = (chunk: Buffer): void => {
      log += chunk.toString()
      if (log.includes('Prism is listening')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Prism exited with ${code}:\n${log.slice(-2000)}`))
    })
  })
  child.removeAllListeners('exit')
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}

/** How often the front asks Prism for an answer it wants before it gives up. */
const MAX_TRIES = 4000

export type Kind = 'status' | 'cancel' | 'queue' | 'lookup' | 'cancel-request' | 'list' | 'environment' | 'statuses' | 'history' | 'other'

/** What the front does with one request: how to ask Prism, and which answer to pass on. */
export interface Choice {
  /** The Prefer header for Prism, such as `dynamic=true` or `code=409`. */
  prefer?: string
  /** Ask again (dynamic answers differ each time) until an answer satisfies this. */
  want?: (answer: { status: number; body: unknown }) => boolean
}

export interface Exchange {
  kind: Kind
  method: string
  path: string
  search: string
  requestBody: string
  authorization: string | undefined
  status: number
  body: unknown
  /** Prism's own error (a request the spec does not allow, or an answer it cannot give). */
  prismError: string | undefined
  /** Prism's answers the front asked for and did not pass on. */
  discarded: number
  /** Its place in the order the requests arrived in (from 0): `exchanges` are in the order they were answered. */
  arrival: number
}

function kindOf(method: string, path: string): Kind {
  if (/^\/environment\/[^/]+\/status$/.test(path)) return 'status'
  if (/^\/environment\/[^/]+\/cancelDeployment$/.test(path) && method === 'POST') return 'cancel'
  if (/^\/environment\/[^/]+\/deploymentQueue$/.test(path)) return 'queue'
  if (path === '/environment/deploymentStatus') return 'lookup'
  if (/^\/environment\/[^/]+$/.test(path) && method === 'GET') return 'environment'
  if (/^\/environment\/[^/]+\/statuses$/.test(path)) return 'statuses'
  if (/^\/environment\/[^/]+\/deploymentHistoryV2$/.test(path)) return 'history'
  if (/^\/deploymentQueue\/[^/]+\/cancelDeployment$/.test(path)) return 'cancel-request'
  if (/^\/(organization|organization\/[^/]+\/project|project\/[^/]+\/environment)$/.test(path)) return 'list'
  return 'other'
}

/** The scripted front: forwards to Prism, records every exchange, passes on the answer it chose. */
export class PrismFront {
  readonly exchanges: Exchange[] = []
  #arrivals = 0
  url = ''
  #server: Server | undefined
  readonly #prism: string
  readonly #choose: (kind: Kind, seen: number, exchanges: Exchange[]) => Choice

  /** `choose` gets the kind of request, how many of that kind came before, and the exchanges so far. */
  constructor(prism: string, choose: (kind: Kind, seen: number, exchanges: Exchange[]) => Choice = () => ({})) {
    this.#prism = prism
    this.#choose = choose
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#relay(req, res))
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`
    return this
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }

  async #relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrival = this.#arrivals++
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const requestBody = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://front')
    const kind = kindOf(req.method ?? '', url.pathname)
    const seen = this.exchanges.filter((exchange) => exchange.kind === kind).length
    const choice = this.#choose(kind, seen, this.exchanges)
    let answer: { status: number; headers: Record<string, string>; text: string }
    let discarded = -1
    for (;;) {
      discarded += 1
      answer = await this.#askAgainOnReset(req, url, requestBody, choice.prefer)
      // Prism's generator can make up an answer its own validator refuses (a duration's format,
      // say): the request was fine, so ask again rather than pass on Prism's failure.
      const usable = !invalidAnswerOnly(answer.text)
      if (usable && (choice.want === undefined || choice.want({ status: answer.status, body: parse(answer.text) }))) break
      // One wanted answer in 80 is common (an optional field holding one of 40 states): 4,000
      // tries miss it about once in 10^22. Passing on an unwanted answer would change the run
      // the test describes, so the front says so instead.
      if (discarded >= MAX_TRIES) {
        answer = { status: 502, headers: {}, text: `front: no answer of Prism's in ${MAX_TRIES} tries was the one wanted` }
        break
      }
    }
    const body = parse(answer.text)
    const type = (body as { type?: unknown } | undefined)?.type
    this.exchanges.push({
      kind,
      method: req.method ?? '',
      path: url.pathname,
      search: url.search,
      requestBody,
      authorization: req.headers.authorization,
      status: answer.status,
      body,
      prismError:
        (typeof type === 'string' && type.includes('stoplight.io/prism/errors')) || answer.text.startsWith('front:')
          ? `${answer.status} ${answer.text.slice(0, 500)}`
          : undefined,
      discarded,
      arrival
    })
    res.writeHead(answer.status, answer.headers)
    res.end(answer.text)
  }

  /**
   * Prism, one process for every run side by side, may reset a connection under load: that is the
   * mock's hiccup, not an answer, so the front asks again (and answers 502 if it never gets one).
   */
  async #askAgainOnReset(
    req: IncomingMessage,
    url: URL,
    body: string,
    prefer: string | undefined
  ): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.#ask(req, url, body, prefer)
      } catch (error) {
        if (tries >= 5) return { status: 502, headers: {}, text: `front: Prism did not answer (${String(error)})` }
      }
    }
  }

  #ask(
    req: IncomingMessage,
    url: URL,
    body: string,
    prefer: string | undefined
  ): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    const target = new URL(`${url.pathname}${url.search}`, this.#prism)
    const headers: Record<string, string> = {}
    for (const name of ['authorization', 'content-type', 'accept', 'user-agent']) {
      const value = req.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    if (prefer !== undefined) headers.prefer = prefer
    return new Promise((resolve, reject) => {
      // A connection of its own each time: a kept-alive one Prism closes while a request is being
      // written on it would reset that request (socket hang up), which is no fault of the action.
      const forwarded = httpRequest(target, { method: req.method, headers, agent: false }, (answer) => {
        const parts: Buffer[] = []
        answer.on('data', (chunk: Buffer) => parts.push(chunk))
        answer.on('end', () => {
          const passed: Record<string, string> = {}
          const type = answer.headers['content-type']
          if (typeof type === 'string') passed['content-type'] = type
          resolve({ status: answer.statusCode ?? 502, headers: passed, text: Buffer.concat(parts).toString('utf8') })
        })
      })
      forwarded.on('error', reject)
      forwarded.end(body === '' ? undefined : body)
    })
  }
}

/** Prism's VIOLATIONS error about its own answer only, none about the request. */
function invalidAnswerOnly(text: string): boolean {
  const body = parse(text) as { type?: unknown; validation?: Array<{ location?: unknown[] }> } | undefined
  if (typeof body?.type !== 'string' || !body.type.includes('prism/errors#VIOLATIONS') || !Array.isArray(body.validation)) return false
  return body.validation.length > 0 && body.validation.every((violation) => violation.location?.[0] === 'response')
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
