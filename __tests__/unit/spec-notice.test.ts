/** The line that ends a run whose spec-dependent suites were skipped (test-support/spec-notice.ts). */
import { dirname, join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { locateSpec, SPEC_BESIDE, SPEC_DOWNLOAD, type SpecLocation } from '../../test-support/openapi-pin.ts'
import { type RunResults, SKIPPED_WITHOUT_SPEC, specNotice } from '../../test-support/spec-notice.ts'
import { ROOT } from '../../test-support/run-action.ts'

const missing: SpecLocation = { path: SPEC_BESIDE, present: false, candidates: [SPEC_BESIDE, SPEC_DOWNLOAD], fromEnvironment: false }

const file = (name: string, tests: Array<{ status: string; title: string }>): RunResults['testResults'][number] => ({
  testFilePath: `${ROOT}/__tests__/${name}.test.ts`,
  testResults: tests.map(({ status, title }) => ({ status, ancestorTitles: [title, 'a nested describe'] }))
})
const skipped = { status: 'pending', title: `the suite ${SKIPPED_WITHOUT_SPEC}` }

describe('the end-of-run notice about the spec', () => {
  it('names every suite skipped without the spec, counts its tests, and says how to get the spec', () => {
    const results = {
      testResults: [
        file('e2e/prism', [skipped, skipped]),
        file('unit/clock', [{ status: 'passed', title: 'the clock' }]),
        file('unit/contract', [skipped, skipped, skipped])
      ]
    }
    expect(specNotice(results, missing, ROOT)).toBe(
      "Qovery's OpenAPI spec not found (../shared/qovery/openapi.yaml or .cache/qovery/openapi.yaml): " +
        '5 tests that need it did not run, in the contract and prism suites. Run `npm run spec` to download it.'
    )
  })

  it('is silent when no suite was skipped for want of the spec', () => {
    const results = {
      testResults: [
        file('unit/contract', [{ status: 'passed', title: 'the spec' }]),
        file('unit/other', [{ status: 'pending', title: 'skipped for another reason' }])
      ]
    }
    expect(specNotice(results, missing, ROOT)).toBeUndefined()
  })

  it('points at QOVERY_OPENAPI_SPEC when that is where the spec was looked for', () => {
    const location = locateSpec({ QOVERY_OPENAPI_SPEC: '/nowhere/openapi.yaml' })
    expect(location).toEqual({
      path: '/nowhere/openapi.yaml',
      present: false,
      candidates: ['/nowhere/openapi.yaml'],
      fromEnvironment: true
    })
    expect(specNotice({ testResults: [file('e2e/prism', [skipped])] }, location, ROOT)).toBe(
      "Qovery's OpenAPI spec not found (QOVERY_OPENAPI_SPEC=/nowhere/openapi.yaml): 1 test that needs it did not run, in the prism suite. " +
        'Point QOVERY_OPENAPI_SPEC at it, or unset it and run `npm run spec` to download it.'
    )
  })
})

describe('where the spec is looked for', () => {
  it('is QOVERY_OPENAPI_SPEC alone when set, otherwise beside the repository, then the download', () => {
    expect(locateSpec({}).candidates).toEqual([SPEC_BESIDE, SPEC_DOWNLOAD])
    expect(SPEC_DOWNLOAD).toBe(`${ROOT}/.cache/qovery/openapi.yaml`)
    expect(SPEC_BESIDE).toBe(join(dirname(ROOT), 'shared', 'qovery', 'openapi.yaml'))
    expect(locateSpec({ QOVERY_OPENAPI_SPEC: join(ROOT, 'package.json') })).toMatchObject({ present: true, fromEnvironment: true })
  })
})
