/**
 * Builds the Authorization header for a Qovery credential. API tokens (`qov_...`) use the
 * `Token` scheme, JWTs from an OIDC login use `Bearer`; a value that already names its scheme
 * is sent as given.
 */
type Scheme = 'Token' | 'Bearer'

export interface Authorization {
  header: string
  scheme: Scheme
  /** True when the user wrote the scheme themselves. */
  explicit: boolean
}

const EXPLICIT = /^(token|bearer) +(\S.*)$/i

/**
 * A value that is a scheme word and nothing else ("Token ", trimmed): what `Token ${{ secrets.X }}`
 * gives when the secret is not set. It holds no secret, and masking the word would hide it
 * everywhere else in the job's log.
 */
export function isSchemeOnly(token: string): boolean {
  return /^(token|bearer)$/i.test(token.trim())
}

export function authorizationFor(token: string): Authorization {
  const explicit = EXPLICIT.exec(token)
  if (explicit) {
    // The scheme is sent as Qovery spells it, whatever case the user typed it in.
    const scheme: Scheme = (explicit[1] as string).toLowerCase() === 'bearer' ? 'Bearer' : 'Token'
    return { header: `${scheme} ${explicit[2]}`, scheme, explicit: true }
  }
  const scheme: Scheme = looksLikeJwt(token) ? 'Bearer' : 'Token'
  return { header: `${scheme} ${token}`, scheme, explicit: false }
}

/** A JWT is three base64url parts whose first decodes to a JSON header object. */
export function looksLikeJwt(token: string): boolean {
  if (token.startsWith('qov_')) return false
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+={0,2}$/.test(part))) return false
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] as string, 'base64url').toString('utf8'))
    return typeof header === 'object' && header !== null && !Array.isArray(header)
  } catch {
    return false
  }
}

/**
 * The secret parts to mask: the header, the bare credential inside it, an API token's secret
 * without its `qov_` prefix (8 characters at least: what a tool that strips the prefix would
 * print), and each line of a value pasted with line breaks (the runner masks a value line by line
 * only if told each line).
 */
export function secretsOf(token: string, authorization: Authorization): string[] {
  const bare = authorization.header.replace(/^\S+ +/, '')
  const unprefixed = bare.startsWith('qov_') && bare.length >= 12 ? [bare.slice(4)] : []
  const lines = token
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 4)
  return [...new Set([token, authorization.header, bare, ...unprefixed, ...(lines.length > 1 ? lines : [])])]
}
