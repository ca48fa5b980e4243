/**
 * Text into the summary's Markdown (src/report/markdown.ts) as GitHub renders it, and the
 * renderer the preview and the tests share (test-support/github-markdown.ts): what GitHub would
 * autolink stays text, raw values go in code, HTML outside GitHub's allow-list never passes.
 */
import { describe, expect, it } from '@jest/globals'
import { code, link, prose } from '../../src/report/markdown.ts'
import { countWords, renderLikeGitHub, visibleText } from '../../test-support/github-markdown.ts'

const inline = (markdown: string) => renderLikeGitHub(markdown).trim()

describe('prose into Markdown', () => {
  it('keeps e-mail addresses, URLs and www hosts from becoming links, in code', () => {
    const html = inline(prose('the next deploy (by dev@example.com) now runs; see https://api.qovery.com/environment or www.example.com.'))
    expect(html).toBe(
      '<p>the next deploy (by <code>dev@example.com</code>) now runs; see <code>https://api.qovery.com/environment</code> or <code>www.example.com</code>.</p>'
    )
    expect(html).not.toContain('<a ')
  })

  it('puts raw values in code: ids, state and kind names, an API request whole; plain words stay words', () => {
    expect(prose('GET /environment/3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d/status: HTTP 404')).toBe(
      '`GET /environment/3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d/status`: HTTP 404'
    )
    expect(prose('Qovery reports it CANCELED after DEPLOY_DRY_RUN, id 3F50B8F5-5C1A-4B4E-9D2A-6F0C3B1E2A7D')).toBe(
      'Qovery reports it `CANCELED` after `DEPLOY_DRY_RUN`, id `3F50B8F5-5C1A-4B4E-9D2A-6F0C3B1E2A7D`'
    )
    expect(prose('the deploy was canceled; a deletion waits')).toBe('the deploy was canceled; a deletion waits')
  })

  it('shows Markdown and HTML in API text as written', () => {
    const html = inline(prose('a | b <script>x</script> *not bold* [x](javascript:y) ~~no~~ &amp;'))
    expect(html).toBe('<p>a | b &lt;script&gt;x&lt;/script&gt; *not bold* [x](javascript:y) ~~no~~ &amp;amp;</p>')
    expect(inline(`| ${code('a|b`c')} |\n|---|\n`)).toContain('<th><code>a|b`c</code></th>')
    expect(inline(link("the deployment in Qovery's console", 'https://console.qovery.com/x'))).toBe(
      '<p><a href="https://console.qovery.com/x">the deployment in Qovery&#39;s console</a></p>'
    )
  })
})

describe('the summary as GitHub renders it', () => {
  it('keeps <details> and <summary>, and shows any tag GitHub strips as text', () => {
    const html = renderLikeGitHub('<details>\n<summary>Details</summary>\n\nx\n\n</details>\n\n<iframe src="x"></iframe>\n')
    expect(html).toContain('<details>\n<summary>Details</summary>')
    expect(html).not.toContain('<iframe')
    expect(html).toContain('&lt;iframe')
  })

  it('drops attributes GitHub drops, and links to anything but http(s), mailto or a fragment', () => {
    expect(renderLikeGitHub('<a href="javascript:x" onclick="y">z</a>')).toContain('<a>z</a>')
    expect(renderLikeGitHub('<details open>\n<summary>s</summary>\n\nx\n</details>')).toContain('<details open>')
  })

  it('counts the words a reader sees before opening anything', () => {
    const html = renderLikeGitHub(
      '## ✅ Canceled the deploy\n\nOne two.\n\n<details>\n<summary>Details</summary>\n\nhidden words here\n\n</details>\n'
    )
    expect(visibleText(html)).toBe('✅ Canceled the deploy One two. Details')
    expect(countWords(visibleText(html))).toBe(6)
  })
})
