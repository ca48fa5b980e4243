/**
 * The bundle in ASCII only. Node reads a module with one character beyond ASCII (an em dash in
 * a dependency's comment is enough) as a two-byte string, which takes longer to decode and to
 * scan: about 10 ms of start-up, before the cancel request, on a 2-core runner (`npm run bench`).
 * Each such character is written as an escape where JavaScript reads escapes (strings, untagged
 * templates, regular expressions), so the program is unchanged, and as `\uXXXX` text in comments.
 */
import { type Comment, type Node, parse } from 'acorn'

interface Span {
  start: number
  end: number
  /** A regular expression with the `u` or `v` flag: a character beyond U+FFFF takes `\u{...}`. */
  codePoints?: boolean
}

/**
 * `source` with every character beyond ASCII escaped; `file` names it in errors. Throws where an
 * escape would change the program: an identifier or a tagged template's raw text.
 */
export function asciiOnly(source: string, file: string): string {
  if (!/[^\x00-\x7f]/.test(source)) return source
  const comments: Comment[] = []
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', onComment: comments })
  const spans: Span[] = [...comments, ...escapable(program)].sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const span of spans) {
    if (span.start < at) continue
    out += unchanged(source, at, span.start, file) + escaped(source.slice(span.start, span.end), span.codePoints === true)
    at = span.end
  }
  return out + unchanged(source, at, source.length, file)
}

/** The string literals, regular expressions and untagged template parts of the program. */
function escapable(program: Node): Span[] {
  const spans: Span[] = []
  const visit = (node: unknown, tagged: boolean): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, tagged))
    if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') return
    const { type, start, end } = node as Node
    const regex = (node as { regex?: { flags: string } }).regex
    if (type === 'Literal' && (typeof (node as { value?: unknown }).value === 'string' || regex !== undefined)) {
      spans.push({ start, end, codePoints: regex !== undefined && /[uv]/.test(regex.flags) })
    } else if (type === 'TemplateElement' && !tagged) spans.push({ start, end })
    if (type === 'Literal') return
    for (const [key, child] of Object.entries(node)) {
      visit(child, type === 'TaggedTemplateExpression' ? key === 'quasi' : type === 'TemplateLiteral' ? tagged : false)
    }
  }
  visit(program, false)
  return spans
}

function unchanged(source: string, start: number, end: number, file: string): string {
  const text = source.slice(start, end)
  const offset = text.search(/[^\x00-\x7f]/)
  if (offset >= 0) {
    const line = source.slice(0, start + offset).split('\n').length
    throw new Error(`${file}:${line}: a character beyond ASCII where no escape keeps its meaning (an identifier or a tagged template)`)
  }
  return text
}

function escaped(text: string, codePoints: boolean): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80) out += char
    else if (code > 0xffff && codePoints) out += `\\u{${code.toString(16)}}`
    else for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`
  }
  return out
}
