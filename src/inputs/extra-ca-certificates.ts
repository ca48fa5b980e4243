import { readFileSync } from 'node:fs'
import { printable } from '../util/printable.ts'
import type { Environment } from './proxy-environment.ts'

/**
 * Why NODE_EXTRA_CA_CERTS (a corporate CA, for a TLS-inspecting proxy) will not be trusted, or
 * undefined when it is unset or holds certificates. Node only prints its own warning on stderr
 * and goes on without it, so that every https:// request would then fail on the certificate with
 * no word of the cause in the step's annotations. `read` reads a file as text or throws.
 */
export function extraCaCertificatesWarning(
  env: Environment,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8')
): string | undefined {
  const path = env.NODE_EXTRA_CA_CERTS
  // Node ignores an empty value too: nothing was asked for.
  if (path === undefined || path === '') return undefined
  let text: string
  try {
    text = read(path)
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(code ?? error)
    return `NODE_EXTRA_CA_CERTS is "${printable(path)}", which cannot be read (${why}): Node goes on without those certificates, so a server or proxy whose certificate only they vouch for will be refused. Point it at a readable PEM file of CA certificates, or unset it.`
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return `NODE_EXTRA_CA_CERTS is "${printable(path)}", which holds no PEM certificate (-----BEGIN CERTIFICATE-----): Node goes on without it, so a server or proxy whose certificate it should vouch for will be refused.`
  }
  return undefined
}
