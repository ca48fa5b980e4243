/**
 * Text into the job summary's GitHub-flavoured Markdown. GitHub renders a summary as it renders
 * a comment: bare URLs, `www.` hosts and e-mail addresses become links, HTML passes its sanitiser,
 * a pipe splits a table's cells. Text from the API goes through `prose` (or `code`) so that it
 * cannot break a table, inject HTML or turn into a link.
 */
import { KNOWN_STATES } from '../rules/states.ts'
import { KNOWN_ACTIONS } from '../rules/words.ts'

/**
 * A value as a code span, as given: a pipe escaped (GFM's tables split cells on it first),
 * backticks kept by a fence longer than any run of them, line breaks as spaces. A code span is
 * never autolinked.
 */
export function code(value: string): string {
  const text = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|')
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** Markdown's special characters escaped, line breaks as spaces: the text shows as written. */
function escapeText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[|<>\\`*_[\]~&]/g, (char) => `\\${char}`)
}

/**
 * What goes in code within prose: API requests (`GET /environment/…/status`), what GitHub would
 * autolink (URLs, `www.` hosts, e-mail addresses), and Qovery's raw values (ids, state and kind
 * names), which prose leaves to tables and code. Requests and URLs first: they may hold the others.
 */
const RAW = new RegExp(
  [
    String.raw`\b(?:GET|POST) /[^\s:]*[^\s:.,;!?)'\]]`,
    String.raw`https?://[^\s<>"]*[^\s<>".,;:!?)'\]]`,
    String.raw`\bwww\.[^\s<>"]*[^\s<>".,;:!?)'\]]`,
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`,
    String.raw`\b(?:${[...KNOWN_STATES, ...KNOWN_ACTIONS].sort((a, b) => b.length - a.length).join('|')})\b`
  ].join('|'),
  'g'
)

/** Prose (or text from the API) into Markdown: escaped, with links-to-be and raw values in code spans. */
export function prose(text: string): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(RAW)) {
    out += escapeText(text.slice(last, match.index)) + code(match[0])
    last = match.index + match[0].length
  }
  return out + escapeText(text.slice(last))
}

/** `[text](url)`: a link whose URL the action built (percent-encoded, no blank, no parenthesis left open). */
export function link(text: string, url: string): string {
  return `[${escapeText(text)}](${url})`
}
