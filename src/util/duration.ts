/** Durations as users write them in workflow inputs, and as the action prints them. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** setTimeout cannot wait longer than this; anything above would fire at once. */
export const MAX_DURATION_MS = 2_147_483_647

export const DURATION_FORMS = '500ms, 90s, 10m, 1.5m, 1h, 1h30m or a bare number of seconds such as 90'

/**
 * Parses `500ms`, `90s`, `10m`, `1.5m`, `1h`, combinations such as `1h30m`, and a bare number of
 * seconds (`90`, `2.5`), to the nearest millisecond. Returns milliseconds, or a reason the text is not a duration.
 */
export function parseDuration(text: string): { ms: number } | { problem: string } {
  const value = text.trim().toLowerCase()
  if (value === '') return { problem: 'it is empty' }
  if (/^\d+(\.\d+)?$/.test(value)) return checked(Math.round(Number(value) * 1000))
  if (/^-/.test(value)) return { problem: 'it is negative' }
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/y
  let total = 0
  let seen = ''
  while (part.lastIndex < value.length) {
    const start = part.lastIndex
    const match = part.exec(value)
    if (!match) return { problem: `"${value.slice(start)}" is not a number followed by ms, s, m or h` }
    const unit = match[2] as string
    // 1h30m reads naturally; 30m1h or 5s5s is a typo, not a duration.
    if (seen !== '' && !unitsDescend(seen, unit)) {
      return { problem: `units must go from larger to smaller, each once` }
    }
    seen = unit
    total += Number(match[1]) * (UNIT_MS[unit] as number)
  }
  return checked(Math.round(total))
}

function unitsDescend(previous: string, next: string): boolean {
  return (UNIT_MS[previous] as number) > (UNIT_MS[next] as number)
}

function checked(ms: number): { ms: number } | { problem: string } {
  if (ms <= 0) return { problem: 'it must be at least 1ms' }
  if (ms > MAX_DURATION_MS) return { problem: 'it is longer than 24 days, the longest wait Node.js can schedule' }
  return { ms }
}

/** `1h 2m 3s`, `4.2s`, `350ms`: short, exact enough for logs and summaries. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`
  if (ms < 60_000) return `${trimZero((ms / 1000).toFixed(1))}s`
  const totalSeconds = Math.round(ms / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  return [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''].filter(Boolean).join(' ')
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text
}
