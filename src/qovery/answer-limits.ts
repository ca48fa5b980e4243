/**
 * How much of one answer from the API the action reads, and how it asks for it compressed. A
 * broken proxy can answer with a body that never ends, a small gzip body can decode to
 * gigabytes, and a load balancer can add long cookies: the caps keep the process's memory bounded
 * whatever comes, far above any real Qovery answer, and the undici errors they raise become one
 * clear fault (`too-large`) that no retry fixes.
 */
import { type Dispatcher, interceptors } from 'undici'
import type { Fault } from './faults.ts'

/**
 * The most one answer's body may hold, in bytes, once decoded: 32 MiB. The largest answers the
 * action reads are a page of 10 deployments of its history and the statuses of every service;
 * for an environment of 1,500 services, the history page as the test simulator shapes it holds
 * about 9.6 MB and the statuses 0.6 MB.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024

/**
 * The most one answer's status line and headers may hold together, in bytes: 128 KiB, where
 * Node's default is 16 KiB and a load balancer's long cookies can pass it (curl and browsers
 * take more than 64 KiB).
 */
export const MAX_HEADER_BYTES = 128 * 1024

/** What the client asks for in Accept-Encoding; whatever undici can decode is decoded, asked for or not. */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br'

/**
 * The options every undici Agent or ProxyAgent that reaches the API is built with: the caps on
 * an answer's headers and on its body as it comes over the wire (so before any decoding).
 */
export function connectionLimits(): { maxHeaderSize: number; maxResponseSize: number } {
  return { maxHeaderSize: MAX_HEADER_BYTES, maxResponseSize: MAX_ANSWER_BYTES }
}

/**
 * `dispatcher` decoding the bodies that come gzip, deflate, br (or zstd) encoded, as undici's
 * decompress interceptor does, error answers included (their `detail` is read), and failing a
 * body that decodes to more than MAX_ANSWER_BYTES: the wire cap alone would let a small gzip
 * body through.
 */
export function decoding(dispatcher: Dispatcher): Dispatcher {
  return dispatcher.compose(interceptors.decompress({ maxSize: MAX_ANSWER_BYTES, skipErrorResponses: false }))
}

/** The `too-large` fault for undici's errors of the caps (its codes), or undefined for any other error. */
export function limitFault(error: unknown): Fault | undefined {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return { kind: 'too-large', part: 'body', limitBytes: MAX_ANSWER_BYTES }
  if (code === 'UND_ERR_HEADERS_OVERFLOW') return { kind: 'too-large', part: 'headers', limitBytes: MAX_HEADER_BYTES }
  return undefined
}
