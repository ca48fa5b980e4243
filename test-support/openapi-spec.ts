/**
 * Qovery's OpenAPI spec for the tests that need it, where test-support/openapi-pin.ts finds it
 * (QOVERY_OPENAPI_SPEC, ../shared/qovery/openapi.yaml, then what `npm run spec` downloaded).
 * Without it those tests are skipped, and the run ends by saying so (test-support/spec-notice.ts),
 * except on CI, where a missing spec is a broken set-up and fails.
 */
import { describe, it } from '@jest/globals'
import { locateSpec } from './openapi-pin.ts'
import { SKIPPED_WITHOUT_SPEC } from './spec-notice.ts'

const location = locateSpec()
/** The spec's file; when it is missing, the first place it was looked for. */
export const SPEC = location.path
export const SPEC_PRESENT = location.present

/** `describe` when the spec is there; otherwise a skip the end-of-run notice names, or on CI a failing test. */
export function describeWithSpec(name: string, body: () => void): void {
  if (SPEC_PRESENT) return describe(name, body)
  if (process.env.CI) {
    return describe(name, () => {
      it('has the spec on CI', () => {
        throw new Error(
          `Qovery's OpenAPI spec is not at ${location.candidates.join(' or ')}, and CI is set: these tests must run on CI (\`npm run spec\` downloads it).`
        )
      })
    })
  }
  describe.skip(`${name} ${SKIPPED_WITHOUT_SPEC}`, body)
}
