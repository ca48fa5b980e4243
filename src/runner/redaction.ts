/**
 * The token kept out of what the action writes. The runner masks a secret in the log only as
 * written; a server that echoes the Authorization header (a gateway's error page, say) can hand it
 * back whole, in part, or, once in the job summary, with Markdown's backslashes inside it.
 */

/** This many first characters of a secret, or more, are taken as the secret cut short. */
export const SECRET_PART = 8

/**
 * `text` with every secret in `secrets` replaced by `***`: whole, or cut short to its first
 * SECRET_PART characters or more (a server that truncates what it echoes); a backslash before
 * punctuation (Markdown's escape) does not break a match. Only a secret's beginning counts as a
 * piece: a run from its middle may be a plain word ("environment") of the text.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const hidden = secrets.filter((secret) => secret !== '')
  if (hidden.length === 0) return text
  // A piece starts with a secret's first character (or Markdown's backslash before it): every
  // other position is passed over at once, which keeps a long summary cheap.
  const firsts = new Set(hidden.map((secret) => secret[0]))
  let out = ''
  let at = 0
  while (at < text.length) {
    const starts = firsts.has(text[at]) || (text[at] === '\\' && firsts.has(text[at + 1]))
    const end = starts ? longestPiece(text, at, hidden) : undefined
    if (end === undefined) {
      out += text[at]
      at += 1
    } else {
      out += '***'
      at = end
    }
  }
  return out
}

/** Where the longest piece of a secret starting at `start` ends, if one does. */
function longestPiece(text: string, start: number, secrets: readonly string[]): number | undefined {
  let best: number | undefined
  let bestLength = 0
  for (const secret of secrets) {
    const { length, end } = matchFrom(text, start, secret)
    if (length >= Math.min(SECRET_PART, secret.length) && length > bestLength) {
      best = end
      bestLength = length
    }
  }
  return best
}

/** How many of `secret`'s first characters `text` holds at `start`, and where they end. */
function matchFrom(text: string, start: number, secret: string): { length: number; end: number } {
  let t = start
  let s = 0
  while (t < text.length && s < secret.length) {
    if (text[t] === secret[s]) {
      t += 1
    } else if (text[t] === '\\' && text[t + 1] === secret[s] && /[!-/:-@[-`{-~]/.test(secret[s]!)) {
      t += 2
    } else break
    s += 1
  }
  return { length: s, end: t }
}
