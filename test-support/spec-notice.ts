/**
 * Jest's testResultsProcessor (jest.config.js): when tests did not run for want of Qovery's
 * OpenAPI spec, the run ends with one line saying how many, in which suites, and how to get the
 * spec. Jest calls the
 * processor after every reporter and the global teardown, so the line comes after the summary;
 * a reporter's own line would come before it (Jest adds its summary reporter last).
 */
import { basename, relative } from 'node:path'
import { locateSpec, type SpecLocation } from './openapi-pin.ts'

/** Ends the title of a suite that describeWithSpec skipped: how the processor recognises it. */
export const SKIPPED_WITHOUT_SPEC = "(skipped: no Qovery's OpenAPI spec)"

/** The part of Jest's AggregatedResult read here. */
export interface RunResults {
  testResults: Array<{ testFilePath: string; testResults: Array<{ status: string; ancestorTitles: string[] }> }>
}

/** The line for `results`, or undefined when every suite ran that needs the spec. */
export function specNotice(results: RunResults, location: SpecLocation, cwd = process.cwd()): string | undefined {
  const skipped = results.testResults
    .map((file) => ({
      suite: basename(file.testFilePath).replace(/\.test\.ts$/, ''),
      tests: file.testResults.filter(
        (test) => test.status === 'pending' && test.ancestorTitles.some((title) => title.endsWith(SKIPPED_WITHOUT_SPEC))
      ).length
    }))
    .filter((file) => file.tests > 0)
  if (skipped.length === 0) return undefined
  const suites = new Intl.ListFormat('en').format(skipped.map((file) => file.suite).sort())
  const tests = skipped.reduce((sum, file) => sum + file.tests, 0)
  const [where, how] = location.fromEnvironment
    ? [`QOVERY_OPENAPI_SPEC=${location.path}`, 'Point QOVERY_OPENAPI_SPEC at it, or unset it and run `npm run spec` to download it.']
    : [location.candidates.map((candidate) => relative(cwd, candidate)).join(' or '), 'Run `npm run spec` to download it.']
  return (
    `Qovery's OpenAPI spec not found (${where}): ` +
    `${tests} test${tests > 1 ? 's' : ''} that need${tests > 1 ? '' : 's'} it did not run, in the ${suites} suite${skipped.length > 1 ? 's' : ''}. ${how}`
  )
}

/** Prints the notice, if any, on stderr (where Jest prints its summary); returns `results` as they are. */
export default function printSpecNotice<Results extends RunResults>(results: Results): Results {
  const line = specNotice(results, locateSpec())
  if (line) process.stderr.write(`\n${line}\n`)
  return results
}
