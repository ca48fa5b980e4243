import { expect } from '@jest/globals'
import type { ActionRun } from './run-action.ts'
import type { InProcessRun } from './run-in-process.ts'
import { isReportRead } from './qovery-simulator.ts'
import { JSON_OUTPUTS } from '../src/report/outputs.ts'
import { formatDuration, parseDuration } from '../src/util/duration.ts'

/**
 * The token must appear nowhere a person or a later step could read it. `::add-mask::` lines
 * are the one place it must appear: the runner consumes them and never shows them.
 */
export function expectNoSecret(run: ActionRun, ...secrets: string[]): void {
  const lines = run.stdout.split('\n')
  const maskLines = lines.filter((line) => line.startsWith('::add-mask::'))
  const shown = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n')
  for (const secret of secrets) {
    expect(maskLines.some((line) => line === `::add-mask::${secret}`)).toBe(true)
    expect(shown).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
    expect(JSON.stringify(run.outputs)).not.toContain(secret)
    expect(run.summary).not.toContain(secret)
  }
  // Masks come first, before any line that could carry the value.
  const firstOther = lines.findIndex((line) => !line.startsWith('::add-mask::'))
  expect(lines.slice(firstOther).some((line) => line.startsWith('::add-mask::'))).toBe(false)
}

/** What every run must leave, whatever befell it: `outcome`, JSON outputs that parse, a summary under its headline, and `token` nowhere. */
export function expectReported(run: ActionRun, outcome: string, token: string): void {
  expect(run.outputs.outcome).toBe(outcome)
  for (const name of JSON_OUTPUTS) expect(() => JSON.parse(run.outputs[name] ?? '')).not.toThrow()
  expect(run.summary).toMatch(/^## /)
  expectNoSecret(run, token)
}

/** Workflow-command annotations (::error::, ::warning::, ::notice::) the run printed. */
export function annotations(run: ActionRun, level: 'error' | 'warning' | 'notice'): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${level}`))
    .map((line) =>
      line
        .slice(line.indexOf('::', 2) + 2)
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%')
    )
}

/**
 * A run that ended without failing (exit code 0) short of what was asked, and said why: its outputs
 * include `outputs`, its one warning annotation is `warning`, and its summary opens with `headline`.
 */
export function expectWarned(run: ActionRun, told: { outputs: Record<string, string>; warning: string; headline: string }): void {
  expect(run.exitCode).toBe(0)
  expect(run.outputs).toMatchObject(told.outputs)
  expect(annotations(run, 'warning')).toEqual([told.warning])
  expect(run.summary.split('\n')[0]).toBe(told.headline)
}

/** The value of a row of the summary's details table. */
export function summaryRow(summary: string, name: string): string | undefined {
  return new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm').exec(summary)?.[1]
}

/** The summary's timeline rows (times to the second): state and how long it lasted. */
export function summaryTimeline(summary: string): Array<{ state: string; lasted: string }> {
  return [...summary.matchAll(/^\| (?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d \| `([A-Z_]+)` \| (?:`[0-9a-f-]{1,8}`)? \| (.+) \|$/gm)].map(
    (match) => ({
      state: match[1] as string,
      lasted: match[2] as string
    })
  )
}

/**
 * Request lines with the reads the action sends side by side (status, queue, lookup) put in one
 * order, since they reach the server in either: so that a test can compare whole sequences.
 */
export function sideBySideInOrder(lines: string[]): string[] {
  const rank = (line: string) =>
    line.endsWith('/status') ? 0 : line.endsWith('/deploymentQueue') ? 1 : line.includes('/deploymentStatus') ? 2 : -1
  const sorted = [...lines]
  for (let index = 0; index < sorted.length; index++) {
    let end = index
    while (
      end + 1 < sorted.length &&
      rank(sorted[end + 1]!) >= 0 &&
      rank(sorted[index]!) >= 0 &&
      !sorted.slice(index, end + 1).some((line) => rank(line) === rank(sorted[end + 1]!))
    )
      end++
    const group = sorted.slice(index, end + 1).sort((a, b) => rank(a) - rank(b))
    sorted.splice(index, group.length, ...group)
    index = end
  }
  return sorted
}

/**
 * No request dispatched after the deadline, which the action logs (debug) when it starts counting:
 * both are whole milliseconds on the action's own clock, so the check holds however loaded the
 * machine is (a request may leave in the very millisecond the deadline falls in, never later).
 */
export function expectNothingAfterDeadline(run: InProcessRun, timeout: string): void {
  const logged = /^::debug::Deadline: (\S+) \(timeout (\S+) from the start/m.exec(run.stdout)
  expect(logged?.[2]).toBe(formatDuration((parseDuration(timeout) as { ms: number }).ms))
  const deadline = Date.parse(logged![1]!)
  expect(run.sent.length).toBeGreaterThan(0)
  expect(Math.max(...run.sent.map((request) => request.at))).toBeLessThanOrEqual(deadline)
}

/** The requests the run needs, the reads side by side put in one order (see sideBySideInOrder). */
export function runRequests(requests: Array<{ method: string; path: string }>): string[] {
  return sideBySideInOrder(requests.filter((request) => !isReportRead(request)).map((request) => `${request.method} ${request.path}`))
}
