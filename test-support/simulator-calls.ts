/**
 * Plain HTTP calls to the simulator, for tests that drive it themselves: each answer's status and
 * its JSON body (undefined when it has none).
 */
import type { QoverySimulator } from './qovery-simulator.ts'

export interface Answer {
  status: number
  body: unknown
}

export interface SimulatorCalls {
  /** GET `path` (relative to the simulator's base URL, such as `environment/{id}/status`). */
  get(path: string): Promise<Answer>
  /** POST `path` with a JSON body (default `{}`). */
  post(path: string, body?: unknown): Promise<Answer>
}

export function simulatorCalls(simulator: QoverySimulator, token: string): SimulatorCalls {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(new URL(path, simulator.url), {
      method,
      headers: { authorization: `Token ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) }
  }
  return { get: (path) => call('GET', path), post: (path, body = {}) => call('POST', path, body) }
}
