/**
 * The job summary of the demo's scenarios as GitHub shows it (test-support/github-markdown.ts,
 * as `npm run preview` renders it): a headline that says what happened, a short lead with one
 * link into Qovery's console, the details folded, no empty header row, no autolinked address,
 * no raw value in prose, and a plain cancel read in under about 90 words before anything is opened.
 */
import { describe, expect, it } from '@jest/globals'
import { annotations } from '../../test-support/assertions.ts'
import { countWords, renderLikeGitHub, visibleText } from '../../test-support/github-markdown.ts'
import { runInProcess } from '../../test-support/run-in-process.ts'
import { simulatorsForFile } from '../../test-support/simulators.ts'
import { SCENARIOS, scenarioInputs, startScenario } from '../../test-support/scenarios.ts'
import { KNOWN_STATES } from '../../src/rules/states.ts'
import { KNOWN_ACTIONS } from '../../src/rules/words.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const startSimulator = simulatorsForFile()

async function rendered(name: string, inputs: Record<string, string> = {}) {
  const scenario = SCENARIOS[name]!
  const api = await startScenario(scenario)
  try {
    const run = await runInProcess({ ...scenarioInputs(scenario, api.url), ...inputs })
    return { run, ...parts(renderLikeGitHub(run.summary)) }
  } finally {
    await api.stop()
  }
}

/** The HTML split where a reader sees it: the headline, what shows before anything is opened, and what is folded. */
function parts(html: string) {
  const [shown = '', ...rest] = html.split('<details>')
  return {
    html,
    headline: /<h2>([\s\S]*?)<\/h2>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? '',
    shown,
    folded: rest.join('<details>'),
    words: countWords(visibleText(html))
  }
}

/** The text of the prose outside tables and code: where raw values (ids, state and kind names) must not be. */
function prose(html: string): string {
  return visibleText(html.replace(/<table>[\s\S]*?<\/table>/g, '').replace(/<code>[\s\S]*?<\/code>/g, ''))
}

const RAW_VALUE = new RegExp(
  `\\b(${[...KNOWN_STATES, ...KNOWN_ACTIONS].join('|')})\\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
)

const CONSOLE_LINK = /<a href="https:\/\/console\.qovery\.com\//g

describe('the job summary of each scenario, as GitHub renders it', () => {
  it.concurrent.each(['canceled', 'queue', 'queue-cancel', 'nothing-to-cancel', 'finished', 'conflict', 'timeout', 'unauthorized'])(
    '%s: a headline, details folded, no empty header row, no autolink, no raw value in prose',
    async (name) => {
      const { html, shown, folded, run } = await rendered(name)
      expect(html.match(/<h2>/g)).toHaveLength(1)
      expect(html).not.toMatch(/<th><\/th>/)
      expect(run.summary).not.toMatch(/^\| *\| *\|/m)
      // Folded: the ids, the timeline and the run's context are inside <details>, closed.
      expect(folded).toMatch(/^\n<summary>Details<\/summary>/)
      expect(html).not.toContain('<details open')
      expect(shown).not.toMatch(/Timeline|requests to Qovery/)
      // One link into the console before anything is opened, none that GitHub would make of an address.
      expect((shown.match(CONSOLE_LINK) ?? []).length).toBeLessThanOrEqual(1)
      expect(html).not.toContain('mailto:')
      for (const anchor of html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)) expect(anchor[2]).not.toBe(anchor[1])
      expect(prose(shown)).not.toMatch(RAW_VALUE)
      // Every annotation titled, none ending in a link.
      for (const level of ['error', 'warning', 'notice'] as const) {
        for (const line of run.stdout.split('\n').filter((line) => line.startsWith(`::${level}`))) expect(line).toMatch(/^::\w+ title=/)
        for (const message of annotations(run, level)) expect(message).not.toMatch(/https?:\/\/\S*$/)
      }
    }
  )

  it.concurrent('canceled: says what happened in a headline, and reads in under 90 words before anything is opened', async () => {
    const { headline, shown, words } = await rendered('canceled')
    expect(headline).toBe('✅ Canceled the deploy of shop-staging')
    expect(shown).toMatch(
      /<p>The deploy was canceled \(seen \d+(\.\d)?s after the cancel request\)\. <a href="[^"]+">See the deployment in Qovery&#39;s console<\/a>\.<\/p>/
    )
    expect(shown.match(CONSOLE_LINK)).toHaveLength(1)
    expect(shown).toContain('<th>Service</th>')
    expect(words).toBeLessThan(90)
  })

  it.concurrent('queue: the headline says the cancel and who runs next; the lead and the table do not repeat each other', async () => {
    const { headline, shown, folded } = await rendered('queue')
    // The next request's kind is not said: the Report keeps no record of it that names its kind.
    expect(headline).toBe('✅ Canceled the deploy of shop-staging; the next deploy (by alice@example.com) now runs')
    expect(shown).toContain('(by <code>alice@example.com</code>) now runs')
    const sentences = visibleText(shown)
      .split(/(?<=\.) /)
      .filter((sentence) => sentence.length > 20)
    for (const sentence of sentences) expect(visibleText(folded)).not.toContain(sentence)
  })

  it.concurrent('timeout with on-timeout: warn: the step goes on, and the summary says so in its headline', async () => {
    const { run, headline } = await rendered('timeout', { 'on-timeout': 'warn' })
    expect(run.exitCode).toBe(0)
    expect(headline).toMatch(/^⏱️ Timed out on the deploy of shop-staging, still canceling: .*; the step goes on \(on-timeout: warn\)$/)
    expect(annotations(run, 'error')).toEqual([])
  })

  it.concurrent('unauthorized: the cause and that no cancel was sent, in the headline', async () => {
    const { headline, run } = await rendered('unauthorized')
    expect(headline).toBe('❌ The token was not accepted (401): no cancel was sent')
    expect(run.stdout).toMatch(/^::error title=Failed%3A token not accepted \(401\)::Qovery did not accept the token/m)
  })
})

describe('the headline of a failure names its cause', () => {
  it.concurrent('a 403 on the cancel: Qovery refused it, its words quoted first, no likely cause that contradicts them', async () => {
    const detail = 'Managed database deployments cannot be cancelled'
    const api = await startSimulator({
      token: 'qov_html',
      environments: [{ id: ENV_ID, name: 'pr-1234-preview', before: [{ state: 'DEPLOYING' }] }],
      faults: [{ on: 'cancel', fault: { status: 403, body: JSON.stringify({ status: 403, error: 'Forbidden', detail }) } }]
    })
    const run = await runInProcess({
      'environment-id': ENV_ID,
      token: 'qov_html',
      'api-url': api.url,
      'poll-interval': '20ms'
    })
    const { headline, shown } = parts(renderLikeGitHub(run.summary))
    expect(headline).toBe('❌ Qovery refused the cancel (403): nothing was canceled')
    expect(annotations(run, 'error')).toEqual([
      `Qovery refused the cancel request (HTTP 403 Forbidden). Qovery said: "${detail}." Nothing was canceled.`
    ])
    expect(shown).not.toMatch(/right to deploy|usually/)
  })
})
