/**
 * Qovery's OpenAPI spec, beside the repository (../shared/qovery/openapi.yaml) or where
 * QOVERY_OPENAPI_SPEC says. Tests that need it skip visibly without it, except on CI, where a
 * missing spec is a broken set-up and fails.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from '@jest/globals'
import { ROOT } from './run-action.ts'

export const SPEC = process.env.QOVERY_OPENAPI_SPEC ?? join(ROOT, '..', 'shared', 'qovery', 'openapi.yaml')
export const SPEC_PRESENT = existsSync(SPEC)

/** `describe` when the spec is there; otherwise a visible skip, or on CI a failing test. */
export function describeWithSpec(name: string, body: () => void): void {
  if (SPEC_PRESENT) return describe(name, body)
  if (process.env.CI) {
    return describe(name, () => {
      it('has the spec on CI', () => {
        throw new Error(`Qovery's OpenAPI spec is not at ${SPEC}, and CI is set: these tests must run on CI.`)
      })
    })
  }
  console.warn(`${name}: skipped, Qovery's OpenAPI spec is not at ${SPEC} (set QOVERY_OPENAPI_SPEC to its path).`)
  describe.skip(name, body)
}
