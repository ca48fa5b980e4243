/**
 * A job summary as GitHub shows it, near enough to judge one by: GitHub-flavoured Markdown through
 * marked with GFM on (tables, autolinks of bare URLs and e-mail addresses, strikethrough), then
 * GitHub's sanitising of HTML: only the tags and attributes it keeps in user content stay
 * (`<details>` and `<summary>` among them); any other tag is shown as text, so that a test sees it.
 */
import { marked } from 'marked'

/** Tags GitHub keeps in rendered Markdown (its HTML sanitiser's allow-list, as documented for user content). */
const ALLOWED_TAGS = new Set(
  (
    'h1 h2 h3 h4 h5 h6 br b i strong em a pre code img tt div ins del sup sub p ol ul table thead tbody tfoot blockquote dl dt dd ' +
    'kbd q samp var hr ruby rt rp li tr td th s strike summary details caption figure figcaption abbr bdo cite dfn mark small ' +
    'span time wbr input'
  ).split(' ')
)

/** Attributes kept, by tag; a link only to http(s), mailto or a fragment. */
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { a: ['href'], th: ['align'], td: ['align'], details: ['open'], img: ['src', 'alt'] }

/** The summary's Markdown as GitHub would render it: its HTML. */
export function renderLikeGitHub(markdown: string): string {
  return sanitize(marked.parse(markdown, { gfm: true, async: false }))
}

function sanitize(html: string): string {
  return html.replace(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g, (tag, close: string, name: string, rest: string) => {
    const lower = name.toLowerCase()
    if (!ALLOWED_TAGS.has(lower)) return tag.replace(/</g, '&lt;').replace(/>/g, '&gt;')
    const kept = [...rest.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].filter(
      ([, attribute, value]) =>
        (ALLOWED_ATTRIBUTES[lower] ?? []).includes(attribute!.toLowerCase()) &&
        (attribute !== 'href' || /^(https?:|mailto:|#)/i.test(value ?? ''))
    )
    return `<${close}${lower}${kept.map(([, attribute, value]) => ` ${attribute}${value === undefined ? '' : `="${value}"`}`).join('')}>`
  })
}

/** The text a reader sees before opening anything: the HTML without its `<details>` blocks (their `<summary>` kept), as text. */
export function visibleText(html: string): string {
  const folded = html.replace(/<details>[\s\S]*?(<summary>[\s\S]*?<\/summary>)[\s\S]*?<\/details>/g, '$1')
  return folded
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Words as a reader counts them: runs of letters or digits, a mark such as ✅ or · not counted. */
export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’@._:/-]*/gu) ?? []).length
}

/** A page that shows the summary in GitHub's light theme, near enough for a screenshot. */
export function previewPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title.replace(/</g, '&lt;')}</title>
<style>
body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; max-width: 900px; margin: 24px auto; padding: 16px 24px; border: 1px solid #d1d9e0; border-radius: 6px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; }
h4 { font-size: 1em; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #818b981f; border-radius: 6px; padding: .2em .4em; font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; }
a { color: #0969da; text-decoration: none; }
summary { cursor: pointer; }
</style></head>
<body>
${body}
</body></html>
`
}
