/**
 * A throwaway certificate for TLS tests, made with openssl in a temporary folder: trusted by the
 * action through NODE_EXTRA_CA_CERTS, valid for the names given, gone with the folder.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCertificate {
  key: string
  cert: string
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  certFile: string
  remove(): void
}

export function makeCertificate(dnsNames: string[], ipAddresses: string[] = []): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'qovery-test-tls-'))
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  const names = [...dnsNames.map((name) => `DNS:${name}`), ...ipAddresses.map((ip) => `IP:${ip}`)].join(',')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${dnsNames[0] ?? ipAddresses[0]}`,
      '-addext',
      `subjectAltName=${names}`,
      '-keyout',
      keyFile,
      '-out',
      certFile
    ],
    { stdio: 'ignore' }
  )
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}
