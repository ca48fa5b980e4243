/** Small text helpers shared by the log's, the annotations' and the summary's words. */

/** Non-empty text, or undefined: what an untrusted field holds when it holds text. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The text, trimmed, ending in a full stop unless it ends with `.`, `!` or `?`. */
export function asSentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** `Text` from `text`: the first character in upper case. */
export function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

/** `a`, `a and b`, `a, b and c`. */
export function joinedWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** `1 service`, `2 services`: a count and its noun. */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`
}
