import { describe, expect, it } from '@jest/globals'
import type { Report } from '../../src/cancel-flow.ts'
import { renderSummary } from '../../src/summary.ts'
import { ENV_ID, status } from '../../__fixtures__/fakes.ts'

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0)
const CONSOLE = 'https://console.qovery.com'

function report(overrides: Partial<Report>): Report {
  return {
    outcome: 'canceled',
    environmentId: ENV_ID,
    status: status('CANCELED'),
    request: { id: 'r-1', via: 'environment', sawCanceling: true, fate: { state: 'CANCELED', basis: 'the environment status shows it' } },
    canceledRequests: ['r-1'],
    waiting: [],
    timelineDropped: 0,
    timeline: [
      { state: 'DEPLOYING', at: T0, source: 'status' },
      { state: 'CANCELING', at: T0 + 4_000, source: 'status' },
      { state: 'CANCELED', at: T0 + 64_000, source: 'status' }
    ],
    startedAt: T0,
    cancelRequestedAt: T0 + 100,
    settledAt: T0 + 64_000,
    endedAt: T0 + 64_000,
    apiCalls: 15,
    ...overrides
  }
}

describe('renderSummary', () => {
  it('shows the outcome, the final state, the details and the timeline', () => {
    const markdown = renderSummary(report({}), {
      force: true,
      queued: 'keep' as const,
      consoleUrl: CONSOLE,
      run: { runUrl: 'https://github.com/o/r/actions/runs/1', repository: 'o/r', actor: 'octocat', event: 'workflow_dispatch' }
    })
    expect(markdown).toContain('## ✅ Deployment canceled')
    expect(markdown).toContain('| Environment state | `CANCELED` |')
    expect(markdown).toContain('| Deployment request | `r-1` (was running; ended `CANCELED`: the environment status shows it) |')
    expect(markdown).toContain('| Canceled requests | `r-1` |')
    expect(markdown).toContain('| Still waiting | none |')
    expect(markdown).toContain('| Started next | — |')
    expect(markdown).toContain('| Queued | keep |')
    expect(markdown).toContain(`| Environment | \`${ENV_ID}\` |`)
    expect(markdown).toContain('| Last deployment | `d-1` (2026-11-27T11:59:00Z) |')
    expect(markdown).toContain('| Force | yes |')
    expect(markdown).toContain('| Cancel to settled | 1m 4s |')
    expect(markdown).toContain('| API calls | 15 |')
    expect(markdown).toContain('| `DEPLOYING` | — | 12:00:00.000 | 4s |')
    expect(markdown).toContain('| `CANCELING` | — | 12:00:04.000 | 1m |')
    expect(markdown).toContain('| `CANCELED` | — | 12:01:04.000 | final |')
    expect(markdown).toContain('[Workflow run](https://github.com/o/r/actions/runs/1) · o/r · @octocat · `workflow_dispatch`')
  })

  it.each([
    [
      {
        outcome: 'finished' as const,
        status: status('DEPLOYED'),
        request: { id: 'r-1', via: 'environment' as const, sawCanceling: false, fate: { state: 'DEPLOYED', basis: 'seen' } }
      },
      '## ⚠️ Deployment finished before the cancel took effect (DEPLOYED)'
    ],
    [
      {
        outcome: 'finished' as const,
        status: status('DEPLOYMENT_ERROR'),
        request: { id: 'r-1', via: 'environment' as const, sawCanceling: true, fate: { state: 'DEPLOYMENT_ERROR', basis: 'seen' } }
      },
      '## ⚠️ Deployment ended DEPLOYMENT\\_ERROR after the cancel took effect'
    ],
    [
      { outcome: 'unknown' as const, request: { id: 'r-1', via: 'environment' as const, sawCanceling: false, fate: { basis: 'gone' } } },
      '## ❔ Deployment ended; whether it was canceled is not known'
    ],
    [{ outcome: 'conflict' as const, status: status('CANCELING') }, '## ⚠️ Cancel refused (409)'],
    [{ outcome: 'nothing-to-cancel' as const, status: status('STOPPED') }, '## ℹ️ Nothing to cancel'],
    [
      {
        outcome: 'timed-out' as const,
        status: status('DEPLOYING'),
        request: { id: 'r-1', via: 'environment' as const, sawCanceling: true, lastState: 'CANCELING' },
        reason: 'Timed out after 30m.'
      },
      '## ⏱️ Timed out while CANCELING'
    ],
    [{ outcome: 'interrupted' as const, reason: 'Interrupted by SIGINT.' }, '## 🛑 Interrupted'],
    [{ outcome: 'failed' as const, reason: 'Qovery rejected the token.' }, '## ❌ Cancel failed']
  ])('titles %j', (overrides, heading) => {
    const markdown = renderSummary(report(overrides), { force: false, queued: 'keep' as const, consoleUrl: CONSOLE, run: {} })
    expect(markdown.split('\n')[0]).toBe(heading)
    if ('reason' in overrides) expect(markdown).toContain(`> ${overrides.reason}`)
  })

  it('marks a state still in progress as lasting so far', () => {
    const markdown = renderSummary(
      report({
        outcome: 'timed-out',
        timeline: [{ state: 'CANCELING', at: T0, source: 'status' }],
        endedAt: T0 + 30_000,
        settledAt: undefined
      }),
      { force: false, queued: 'keep' as const, consoleUrl: CONSOLE, run: {} }
    )
    expect(markdown).toContain('| `CANCELING` | — | 12:00:00.000 | 30s so far |')
    expect(markdown).toContain('| Cancel to settled | — |')
  })

  it('keeps API text from breaking the Markdown', () => {
    const markdown = renderSummary(report({ outcome: 'failed', reason: 'bad | <script>alert(1)</script>\nnext' }), {
      force: false,
      queued: 'keep' as const,
      consoleUrl: CONSOLE,
      run: {}
    })
    expect(markdown).toContain('> bad \\| \\<script\\>alert(1)\\</script\\> next')
  })
})
