/**
 * `npm run spec [-- <file>]`: downloads Qovery's OpenAPI spec at the pinned commit
 * (test-support/openapi-pin.ts) to .cache/qovery/openapi.yaml, or to <file>, where the contract
 * and Prism tests find it. The download goes to a temporary file beside the destination and is
 * renamed into place only if its SHA-256 is the pinned one: otherwise the script exits 1, naming
 * both digests, and leaves nothing at the destination. A destination that already has the pinned
 * digest is kept, with no download.
 *
 * QOVERY_SPEC_URL replaces the base URL (https://raw.githubusercontent.com/Qovery/qovery-openapi-spec;
 * the file is `<base>/<commit>/openapi.yaml`). HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { EnvHttpProxyAgent, fetch } from 'undici'
import { SPEC_DOWNLOAD, SPEC_PIN, specUrl } from '../test-support/openapi-pin.ts'

/** A stalled download fails rather than hangs: the file is about 1 MB. */
const DOWNLOAD_TIMEOUT_MS = 120_000

/** The SHA-256 of a file, in hex. */
async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}

/** Downloads `url` to `destination` through a temporary file; throws, leaving neither, unless the digest is the pin's. */
async function download(url: string, destination: string): Promise<void> {
  const response = await fetch(url, { dispatcher: new EnvHttpProxyAgent(), signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) })
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim())
  mkdirSync(dirname(destination), { recursive: true })
  const partial = `${destination}.${process.pid}.partial`
  try {
    await pipeline(Readable.fromWeb(response.body), createWriteStream(partial))
    const actual = await sha256Of(partial)
    if (actual !== SPEC_PIN.sha256) {
      throw new Error(`the file at ${url} has SHA-256 ${actual}, not the pinned ${SPEC_PIN.sha256}: nothing was written to ${destination}`)
    }
    renameSync(partial, destination)
  } finally {
    rmSync(partial, { force: true })
  }
}

/** Why a download failed, with the network error undici's fetch wraps. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}

const args = process.argv.slice(2)
if (args.length > 1 || args[0]?.startsWith('-')) {
  console.error('Usage: npm run spec [-- <file>]   (default: .cache/qovery/openapi.yaml; QOVERY_SPEC_URL replaces the base URL)')
  process.exit(2)
}
const destination = resolve(args[0] ?? SPEC_DOWNLOAD)
const url = specUrl(process.env.QOVERY_SPEC_URL || undefined)
const pinned = `${SPEC_PIN.repository} ${SPEC_PIN.path} at ${SPEC_PIN.commit}`

if (existsSync(destination) && (await sha256Of(destination)) === SPEC_PIN.sha256) {
  console.log(`Qovery's OpenAPI spec (${pinned}) is already at ${destination}, SHA-256 checked.`)
} else {
  try {
    await download(url, destination)
    console.log(`Downloaded Qovery's OpenAPI spec (${pinned}) from ${url} to ${destination}, SHA-256 checked.`)
  } catch (error) {
    console.error(`npm run spec: ${reason(error)}`)
    process.exitCode = 1
  }
}
