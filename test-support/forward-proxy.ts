/**
 * A forward HTTP proxy on 127.0.0.1 for tests: tunnels CONNECT requests and relays
 * absolute-URI requests, recording each, the way a self-hosted runner's proxy would see them.
 */
import { createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface ProxiedRequest {
  /** CONNECT host:port, or the method and absolute URI of a relayed request. */
  line: string
  kind: 'connect' | 'absolute-uri'
  /** The Authorization header the proxy could read (only a relayed request shows one). */
  authorization?: string
  /** The Proxy-Authorization header the client sent the proxy, on a CONNECT or a relayed request. */
  proxyAuthorization?: string
}

export class ForwardProxy {
  readonly seen: ProxiedRequest[] = []
  url = ''
  #server: Server | undefined
  #sockets = new Set<Socket>()
  /** Host names only the proxy resolves, to an address: an API the runner reaches only through it. */
  readonly #hosts: Record<string, string>

  constructor(hosts: Record<string, string> = {}) {
    this.#hosts = hosts
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.seen.push({
        line: `${req.method} ${req.url}`,
        kind: 'absolute-uri',
        ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
        ...proxyAuthorization(req)
      })
      let target: URL
      try {
        target = new URL(req.url ?? '')
      } catch {
        res.writeHead(400).end('absolute URI expected')
        return
      }
      const upstream = httpRequest(
        {
          host: this.#hosts[target.hostname] ?? target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: req.method,
          headers: { ...req.headers, 'x-simulator-via': 'proxy' }
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.writeHead(502).end())
      req.pipe(upstream)
    })
    server.on('connect', (req, client: Socket, head: Buffer) => {
      this.seen.push({ line: `CONNECT ${req.url}`, kind: 'connect', ...proxyAuthorization(req) })
      const [host, port] = (req.url ?? '').split(':')
      const upstream = connect(Number(port), this.#hosts[host ?? ''] ?? host ?? '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
      this.#sockets.add(upstream)
    })
    server.on('connection', (socket) => {
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.#server = server
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }
}

function proxyAuthorization(req: IncomingMessage): { proxyAuthorization?: string } {
  const value = req.headers['proxy-authorization']
  return value === undefined ? {} : { proxyAuthorization: value }
}
