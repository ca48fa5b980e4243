/**
 * Which copy of Qovery's OpenAPI spec the project is checked against, and where the tests look
 * for it. The one place that names it: `npm run spec` (scripts/spec.ts) downloads it, the tests
 * (test-support/openapi-spec.ts) and the end-of-run notice (test-support/spec-notice.ts) find it.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './run-action.ts'

/** One commit of Qovery's spec repository, and the SHA-256 (hex) of its openapi.yaml there. */
export const SPEC_PIN = {
  repository: 'github.com/Qovery/qovery-openapi-spec',
  commit: '651aed53ce272a6fb6ec695a68b06dcd55170092',
  path: 'openapi.yaml',
  sha256: 'ce9dcf6946a28de814ddefd9961d195b6f393df38a75b69caa701c8043621aac'
} as const

/** Where GitHub serves the repository's files by commit: `<base>/<commit>/<path>`. */
const RAW_BASE_URL = 'https://raw.githubusercontent.com/Qovery/qovery-openapi-spec'

/** The pinned file's URL under `base` (RAW_BASE_URL, or a mirror serving the same layout). */
export function specUrl(base: string = RAW_BASE_URL): string {
  return `${base.replace(/\/+$/, '')}/${SPEC_PIN.commit}/${SPEC_PIN.path}`
}

/** Where `npm run spec` puts the spec: inside the project, ignored by git. */
export const SPEC_DOWNLOAD = join(ROOT, '.cache', 'qovery', 'openapi.yaml')
/** A copy kept beside the repository, shared by checkouts. */
export const SPEC_BESIDE = join(ROOT, '..', 'shared', 'qovery', 'openapi.yaml')

export interface SpecLocation {
  /** The spec's file: the first candidate that exists, else the first candidate. */
  path: string
  present: boolean
  /** The files looked at, in order. */
  candidates: string[]
  /** QOVERY_OPENAPI_SPEC named the file: it alone is looked at. */
  fromEnvironment: boolean
}

/** Finds the spec: QOVERY_OPENAPI_SPEC when set, otherwise SPEC_BESIDE, then SPEC_DOWNLOAD. */
export function locateSpec(env: NodeJS.ProcessEnv = process.env): SpecLocation {
  const named = env.QOVERY_OPENAPI_SPEC
  const candidates = named ? [named] : [SPEC_BESIDE, SPEC_DOWNLOAD]
  const found = candidates.find((candidate) => existsSync(candidate))
  return { path: found ?? (candidates[0] as string), present: found !== undefined, candidates, fromEnvironment: Boolean(named) }
}
