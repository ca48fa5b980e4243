/**
 * The job summary, rendered as GitHub renders it (GitHub-flavoured Markdown, here by marked with
 * GFM on, and GitHub's allow-list of tags): a canceled, a nothing-to-cancel, a timed-out and a
 * failed run, each read back as HTML.
 */
import { describe, expect, it } from '@jest/globals'
import { renderLikeGitHub } from '../../test-support/github-markdown.ts'
import { consoleLinksOf, serviceEndsOf } from '../../src/report/report-views.ts'
import { type DeploymentRecord, type Report, Run } from '../../src/flow/run.ts'
import type { DeploymentHistoryEntry, ServiceStatus } from '../../src/rules/qovery-records.ts'
import { renderInputProblems, renderSummary, type SummaryContext } from '../../src/report/summary.ts'
import { outputsOf } from '../../src/report/outputs.ts'
import { status } from '../../__fixtures__/fakes.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0)
const ORG = '0a0a0a0a-0000-4000-8000-000000000001'
const PROJECT = '0b0b0b0b-0000-4000-8000-000000000002'
const R1 = 'a1a1a1a1-1111-4111-8111-111111111111'
const R2 = 'a2a2a2a2-2222-4222-8222-222222222222'
const EXECUTION = 'e1e1e1e1-1111-4111-8111-111111111111'
const CONSOLE = `https://console.qovery.com/organization/${ORG}/project/${PROJECT}/environment/${ENV_ID}`

function report(overrides: Partial<Report>): Report {
  return {
    ...new Run(T0).state,
    environmentId: ENV_ID,
    environment: { value: { id: ENV_ID, name: 'pr-1234-preview', organizationId: ORG, projectId: PROJECT } },
    endedAt: T0 + 64_000,
    apiCalls: 15,
    outcome: 'canceled',
    ...overrides
  }
}

const DEPLOY = { action: 'DEPLOY', source: 'history' } as const

/** What Qovery knows of the canceled deployment of EXECUTION: its history entry's stages, and each service's state now. */
function canceledDeployment(stages: DeploymentHistoryEntry['stages'], statuses: ServiceStatus[] = []): DeploymentRecord {
  return { entry: { value: { executionId: EXECUTION, state: 'CANCELED', action: 'DEPLOY', stages } }, statuses: { value: statuses } }
}

/** A deployment canceled in its second stage: api and worker deployed before the cancel, web canceled. */
const canceled = report({
  phase: 'after',
  status: status('CANCELED', { deployment_request_id: R1, last_deployment_id: EXECUTION }),
  target: {
    id: R1,
    via: 'environment',
    kind: DEPLOY,
    triggeredBy: 'alice@example.com',
    origin: 'CONSOLE',
    executionId: EXECUTION,
    sawCanceling: true,
    lastState: 'CANCELING',
    said: [],
    fate: { state: 'CANCELED', basis: 'the environment status shows it' }
  },
  cancel: { sentAt: T0 + 100, acceptedWith: 202 },
  settledAt: T0 + 2_600,
  canceledRequests: [R1],
  queue: [],
  queueReadAfterCancel: true,
  timeline: [
    { state: 'DEPLOYING', at: T0, source: 'status', request: R1 },
    { state: 'CANCELING', at: T0 + 1_000, source: 'status', request: R1 },
    { state: 'CANCELED', at: T0 + 2_600, source: 'status', request: R1 }
  ],
  deployment: canceledDeployment(
    [
      {
        name: 'build',
        status: 'DONE',
        services: [
          {
            id: 's-api',
            name: 'api',
            type: 'APPLICATION',
            state: 'DEPLOYED',
            version: { commit: '4f2a9c81d07e55aa' },
            duration: 'PT1M2S'
          },
          { id: 's-worker', name: 'worker', type: 'CONTAINER', state: 'DEPLOYED', version: { image: 'acme/worker', tag: '1.4.2' } }
        ]
      },
      {
        name: 'deploy',
        status: 'CANCELED',
        services: [{ id: 's-web', name: 'web', type: 'CONTAINER', state: 'CANCELED', duration: 'PT10S' }]
      }
    ],
    [{ id: 's-web', type: 'CONTAINER', state: 'DEPLOYED' }]
  )
})

function context(report: Report, overrides: Partial<SummaryContext> = {}): SummaryContext {
  const services = serviceEndsOf(report)
  return {
    onTimeout: 'fail',
    force: false,
    actions: new Set(['deploy']),
    queued: 'keep',
    links: consoleLinksOf(report),
    ...(services === undefined ? {} : { services }),
    run: { runUrl: 'https://github.com/acme/shop/actions/runs/42', repository: 'acme/shop', actor: 'octocat', event: 'workflow_dispatch' },
    ...overrides
  }
}

/** The summary as GitHub shows it: its HTML, and the text of each table's rows. */
function rendered(markdown: string): { html: string; tables: string[][][]; heading: string } {
  const html = renderLikeGitHub(markdown)
  const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((table) =>
    [...table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim())
    )
  )
  return { html, tables, heading: /<h2>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? '' }
}

describe('the job summary, as GitHub renders it', () => {
  it('tells a canceled deployment in a headline, a sentence, the details, each service and the timeline', () => {
    const markdown = renderSummary(canceled, context(canceled))
    const { html, tables, heading } = rendered(markdown)
    expect(heading).toBe('✅ Canceled the deploy of pr-1234-preview')
    expect(html).toContain(
      `<p>The deploy was canceled (seen 2.5s after the cancel request). <a href="${CONSOLE}/deployment/${EXECUTION}">See the deployment in Qovery&#39;s console</a>.</p>`
    )
    expect(html).toContain(`<a href="${CONSOLE}/overview">the environment in Qovery&#39;s console</a>`)
    expect(html).toContain(`<a href="${CONSOLE}/deployments">its deployments</a>`)
    // Each service's logs of that deployment, in the details: the lead keeps one console link.
    expect(html).toContain(`<a href="${CONSOLE}/service/s-api/deployments/logs/${EXECUTION}">api</a>`)
    const [services, details, timeline] = tables
    expect(details).toEqual([
      ['What', 'Detail'],
      ['Environment', `pr-1234-preview ${ENV_ID} · the environment in Qovery&#39;s console · its deployments`],
      ['Service logs', 'api · worker · web'],
      ['Request', `${R1} · DEPLOY, triggered by alice@example.com from CONSOLE · was running`],
      ['How it ended', 'CANCELED: the environment status shows it'],
      ['Cancel request', 'sent at 12:00:00 UTC, accepted (HTTP 202) · its end seen 2.5s later'],
      ['Environment state', 'CANCELED; the status names the request above']
    ])
    // The e-mail address in code: GitHub autolinks a bare one.
    expect(html).toContain('triggered by <code>alice@example.com</code>')
    expect(html).not.toContain('mailto:')
    expect(services).toEqual([
      ['Stage', 'Service', 'How it ended', 'Version', 'Duration'],
      ['build', 'api (application)', '✅ deployed before the cancel', 'commit 4f2a9c81d07e', '1m 2s'],
      ['build', 'worker (container)', '✅ deployed before the cancel', 'acme/worker:1.4.2', ''],
      ['deploy', 'web (container)', '🛑 canceled', '', '10s']
    ])
    expect(timeline).toEqual([
      ['Time', 'State', 'Request', 'Lasted'],
      ['12:00:00', 'DEPLOYING', 'a1a1a1a1', '1s'],
      ['12:00:01', 'CANCELING', 'a1a1a1a1', '1.6s'],
      ['12:00:02', 'CANCELED', 'a1a1a1a1', 'final']
    ])
    expect(html).toContain('<h4>Timeline (2026-11-27, UTC)</h4>')
    expect(html).toContain(
      '15 requests to Qovery&#39;s API · <a href="https://github.com/acme/shop/actions/runs/42">Workflow run</a> · acme/shop · @octocat · <code>workflow_dispatch</code>'
    )
    // The details, the timeline and the run's links are folded; the lead and the services are not.
    const [before, folded] = html.split('<details>')
    expect(before).toContain('<th>Service</th>')
    expect(folded).toMatch(/^\n<summary>Details<\/summary>[\s\S]*<th>What<\/th>[\s\S]*<h4>Timeline[\s\S]*Workflow run[\s\S]*<\/details>\n$/)
    // Force did not matter: no row for it.
    expect(markdown).not.toContain('| Force |')
  })

  it('tells the request the cancel reached when it was the next one, and the one first targeted in the details', () => {
    const first = canceled.target!
    const reached = report({
      ...canceled,
      status: status('CANCELED', { deployment_request_id: R2, last_deployment_id: EXECUTION }),
      missed: { ...first, fate: { state: 'CANCELED', basis: "Qovery's lookup of the request says it" } },
      target: { ...first, id: R2, triggeredBy: 'bob@example.com', origin: 'API' },
      canceledRequests: [R1, R2]
    })
    const { html, tables, heading } = rendered(renderSummary(reached, context(reached)))
    expect(heading).toBe(
      '✅ Canceled the deploy of pr-1234-preview: the cancel reached the next deploy (by <code>bob@example.com</code>), which had started as the first one ended'
    )
    expect(html).toContain(
      '<p>The cancel reached the next deploy (by <code>bob@example.com</code>), which had started as the deploy first targeted (by <code>alice@example.com</code>) ended (canceled). It was canceled (seen 2.5s after the cancel request).'
    )
    expect(html).not.toMatch(/started next|now runs|queued: cancel/)
    expect(tables[1]?.slice(3, 5)).toEqual([
      [
        'Request',
        `${R2} · DEPLOY, triggered by bob@example.com from API · started as the request first targeted ended: the cancel reached it`
      ],
      [
        'First targeted',
        `${R1} · DEPLOY, triggered by alice@example.com from CONSOLE · ended CANCELED: Qovery&#39;s lookup of the request says it`
      ]
    ])
    expect(tables[1]?.map(([what]) => what)).not.toContain('Also canceled')
    expect(outputsOf(reached)).toMatchObject({ 'deployment-request-id': R2, 'canceled-request-ids': JSON.stringify([R1, R2]) })
    // The next request finished despite the cancel: said so, with the cancel that reached it.
    const finished = report({ ...reached, outcome: 'finished', target: { ...reached.target!, fate: { state: 'DEPLOYED', basis: 'x' } } })
    expect(rendered(renderSummary(finished, context(finished))).heading).toBe(
      '⚠️ Not canceled: the deploy of pr-1234-preview finished (deployed) after Qovery began canceling it; the cancel reached the next deploy (by <code>bob@example.com</code>), which had started as the first one ended'
    )
  })

  it('says what runs and is left alone when there is nothing to cancel, and which actions value would cancel it', () => {
    const idle = report({
      outcome: 'nothing-to-cancel',
      status: status('DELETING', { deployment_request_id: R2, triggered_by: 'bob@example.com', origin: 'GIT' }),
      queue: [],
      passedOver: [
        { id: R2, via: 'environment', kind: { action: 'DELETE', source: 'history' }, triggeredBy: 'bob@example.com', origin: 'GIT' }
      ],
      timeline: [{ state: 'DELETING', at: T0, source: 'status', request: R2 }]
    })
    const { html, tables, heading } = rendered(renderSummary(idle, context(idle)))
    expect(heading).toBe('ℹ️ Nothing to cancel: pr-1234-preview is being deleted (actions: deploy leaves deletions alone)')
    expect(html).toContain(
      `<p>No cancel was sent: actions: deploy leaves alone the deletion (by <code>bob@example.com</code>) that runs; actions: deploy, delete would cancel it. <a href="${CONSOLE}/overview">See the environment in Qovery&#39;s console</a>.</p>`
    )
    expect(tables[0]).toEqual([
      ['What', 'Detail'],
      ['Environment', `pr-1234-preview ${ENV_ID} · the environment in Qovery&#39;s console · its deployments`],
      ['Environment state', `DELETING; the status names request ${R2}`]
    ])
    expect(tables[1]?.[0]).toEqual(['Time', 'State', 'Request', 'Lasted'])
  })

  it('says the cancel goes on, and where to follow it, when the step timed out', () => {
    const timedOut = report({
      outcome: 'timed-out',
      phase: 'wait',
      reason: `Timed out after 4m while the deployment request ${R1} (DEPLOY) was still CANCELING.`,
      status: status('CANCELING', { deployment_request_id: R1, last_deployment_id: EXECUTION }),
      target: {
        id: R1,
        via: 'environment',
        kind: DEPLOY,
        executionId: EXECUTION,
        inHistory: true,
        sawCanceling: true,
        lastState: 'CANCELING',
        said: []
      },
      cancel: { sentAt: T0 + 100, acceptedWith: 202 },
      timeline: [{ state: 'CANCELING', at: T0 + 1_000, source: 'status', request: R1 }]
    })
    const { html, tables, heading } = rendered(renderSummary(timedOut, context(timedOut)))
    expect(heading).toBe('⏱️ Timed out on the deploy of pr-1234-preview, still canceling: Qovery goes on with the cancel it accepted')
    expect(html).toContain('Qovery goes on with the cancel it accepted.')
    expect(html).toContain(`<a href="${CONSOLE}/deployment/${EXECUTION}">See the deployment in Qovery&#39;s console</a>`)
    expect(tables[0]).toContainEqual(['Cancel request', 'sent at 12:00:00 UTC, accepted (HTTP 202)'])
    expect(tables[0]).toContainEqual(['How it ended', 'not ended when the step stopped: last seen CANCELING'])
    expect(tables[0]).toContainEqual(['Force', 'no: a lifecycle job may be what keeps it CANCELING; force: true aborts it'])
    expect(tables[1]).toContainEqual(['12:00:01', 'CANCELING', 'a1a1a1a1', '1m 3s up to the last read'])
    // With on-timeout: warn, the same run does not read as a failure.
    const warned = rendered(renderSummary(timedOut, context(timedOut, { onTimeout: 'warn' })))
    expect(warned.heading).toBe(
      '⏱️ Timed out on the deploy of pr-1234-preview, still canceling: Qovery goes on with the cancel it accepted; the step goes on (on-timeout: warn)'
    )
    expect(warned.html).toContain('The step goes on with a warning (on-timeout: warn).')
  })

  it('shows what Qovery gave as given: a service with no name by its id, pipes and backticks in a version', () => {
    const odd = report({
      ...canceled,
      deployment: canceledDeployment([
        {
          name: 'build',
          status: 'CANCELED',
          services: [{ id: 's-odd', name: '', type: '', state: 'CANCELED', version: { image: 'reg|x/`w`', tag: '1.0|``2' } }]
        }
      ])
    })
    const { tables } = rendered(renderSummary(odd, context(odd)))
    const services = tables.find((table) => table[0]?.[1] === 'Service')
    expect(services).toEqual([
      ['Stage', 'Service', 'How it ended', 'Version', 'Duration'],
      ['build', 's-odd', '🛑 canceled', 'reg|x/`w`:1.0|``2', '']
    ])
  })

  it('lists 200 services at most, and says how many more the services output holds', () => {
    const many = Array.from({ length: 250 }, (_, index) => ({
      id: `s-${index}`,
      name: `svc-${index}`,
      type: 'CONTAINER',
      state: 'CANCELED'
    }))
    const large = report({ ...canceled, deployment: canceledDeployment([{ name: 'deploy', status: 'CANCELED', services: many }]) })
    const { html, tables } = rendered(renderSummary(large, context(large)))
    const services = tables.find((table) => table[0]?.[1] === 'Service')!
    expect(services).toHaveLength(201)
    expect(services.at(-1)?.[1]).toBe('svc-199 (container)')
    expect(html).toContain('And 50 more services: the services output lists them all.')
  })

  it('never says a state lasted up to the last read once another request shows', () => {
    const advanced = report({
      outcome: 'unknown',
      timeline: [
        { state: 'DEPLOYING', at: T0, source: 'status', request: R1 },
        { state: 'DEPLOYING', at: T0 + 1_500, source: 'status', request: R2 }
      ]
    })
    const { tables } = rendered(renderSummary(advanced, context(advanced)))
    const timeline = tables.find((table) => table[0]?.[0] === 'Time')
    expect(timeline).toContainEqual(['12:00:00', 'DEPLOYING', 'a1a1a1a1', '1.5s, until another request showed'])
    expect(timeline?.at(-1)?.[3]).toMatch(/ up to the last read$/)
  })

  it('says why a failed run failed, with nothing it did not see', () => {
    const failed = report({
      outcome: 'failed',
      environment: { unknown: 'GET /environment/x: HTTP 401 Unauthorized' },
      reason: "Qovery did not accept the token (HTTP 401 when reading the environment's status).",
      failure: { kind: 'token-rejected' }
    })
    const { html, tables, heading } = rendered(renderSummary(failed, context(failed)))
    expect(heading).toBe('❌ The token was not accepted (401): no cancel was sent')
    expect(html).toContain('<p>Qovery did not accept the token (HTTP 401 when reading the environment&#39;s status).</p>')
    expect(tables[0]).toEqual([
      ['What', 'Detail'],
      ['Environment', ENV_ID]
    ])
    expect(html).not.toContain('<h4>Timeline')
    expect(html).not.toContain('<th>Service</th>')
  })

  it('says what is not known of the services rather than invent one', () => {
    const unread = {
      ...canceled,
      deployment: { entry: { unknown: 'GET /environment/x/deploymentHistoryV2: HTTP 403 Forbidden' }, statuses: { unknown: 'HTTP 403' } }
    }
    const { html } = rendered(renderSummary(unread, context(unread)))
    expect(html).toContain(
      '<p>What became of each service is not known: <code>GET /environment/x/deploymentHistoryV2</code>: HTTP 403 Forbidden.</p>'
    )
    expect(html).not.toContain('<table>\n<thead>\n<tr>\n<th>Stage</th>')
  })

  it('says the services are not known, never that there were none, when the history lists them in a shape it cannot read', () => {
    const unreadable = report({
      ...canceled,
      deployment: {
        entry: {
          value: { executionId: EXECUTION, state: 'CANCELED', action: 'DEPLOY', stages: [], unreadable: 'stages is null, not a list' }
        },
        statuses: { value: [] }
      }
    })
    expect(serviceEndsOf(unreadable)).toEqual({
      unknown: "Qovery's deployment history lists them in a shape the action cannot read (stages is null, not a list)"
    })
    expect(JSON.parse(outputsOf(unreadable).services)).toBeNull()
    const { html } = rendered(renderSummary(unreadable, context(unreadable)))
    expect(html).toContain(
      '<p>What became of each service is not known: Qovery&#39;s deployment history lists them in a shape the action cannot read (stages is null, not a list).</p>'
    )
  })

  it('never says a service of a request that ended is still in progress: a history entry behind the end tells nothing of them', () => {
    const [build] = (canceled.deployment!.entry as { value: DeploymentHistoryEntry }).value.stages
    const behind = canceledDeployment([
      build!,
      { name: 'deploy', status: 'ONGOING', services: [{ id: 's-web', name: 'web', type: 'CONTAINER', state: 'CANCELING' }] }
    ])
    const lagging = report({
      ...canceled,
      deployment: { ...behind, entry: { value: { ...(behind.entry as { value: DeploymentHistoryEntry }).value, state: 'CANCELING' } } }
    })
    expect(JSON.parse(outputsOf(lagging).services)).toBeNull()
    const { html } = rendered(renderSummary(lagging, context(lagging)))
    expect(html).toContain(
      '<p>What became of each service is not known: Qovery&#39;s deployment history still showed the deployment canceling after it had ended.</p>'
    )
    expect(html).not.toContain('still in progress')
    // While the request has not ended (the step timed out), the same entry says what was under way.
    const { fate: _none, ...running } = lagging.target!
    const timedOut = report({ ...lagging, outcome: 'timed-out', target: running })
    expect(JSON.parse(outputsOf(timedOut).services)).toEqual(expect.arrayContaining([expect.objectContaining({ state: 'CANCELING' })]))
    expect(renderSummary(timedOut, context(timedOut))).toContain('⏳ still in progress')
  })

  it('shows the services it could read, and says what it could not', () => {
    const record = canceledDeployment([
      { name: 'deploy', status: 'CANCELED', services: [{ id: 's-web', name: 'web', type: 'CONTAINER', state: 'CANCELED' }] }
    ])
    const partly = report({
      ...canceled,
      deployment: {
        ...record,
        entry: {
          value: { ...(record.entry as { value: DeploymentHistoryEntry }).value, unreadable: '1 service has no identifier.service_id' }
        }
      }
    })
    expect(JSON.parse(outputsOf(partly).services)).toEqual([
      { id: 's-web', name: 'web', type: 'CONTAINER', stage: 'deploy', state: 'CANCELED' }
    ])
    const { html, tables } = rendered(renderSummary(partly, context(partly)))
    expect(tables.find((table) => table[0]?.[1] === 'Service')?.slice(1)).toEqual([['deploy', 'web (container)', '🛑 canceled', '', '']])
    expect(html).toContain(
      '<p>Not shown: what Qovery&#39;s deployment history lists in a shape the action cannot read (1 service has no identifier.service_id).</p>'
    )
  })

  it('keeps API text from breaking the Markdown or injecting HTML', () => {
    const evil = report({ outcome: 'failed', reason: 'bad | <script>alert(1)</script>\nnext [x](javascript:alert(1))' })
    const { html } = rendered(renderSummary(evil, context(evil)))
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('href="javascript')
    expect(html).toContain('bad | &lt;script&gt;alert(1)&lt;/script&gt; next [x](javascript:alert(1))')
  })

  it('lists the inputs rejected, and says nothing was sent', () => {
    const { html, tables, heading } = rendered(
      renderInputProblems([{ input: 'environment-id', message: 'Input \'environment-id\' is "x|y", which is not a UUID.' }])
    )
    expect(heading).toBe('❌ Invalid input: no request was sent to Qovery')
    expect(html).toContain('<p>Fix this input and run the step again.</p>')
    expect(tables[0]).toEqual([
      ['Input', 'Problem'],
      ['environment-id', 'Input &#39;environment-id&#39; is &quot;x|y&quot;, which is not a UUID.']
    ])
  })
})
