/** The action, in process with its real HTTP client, finding the environment by organization, project and environment names. */
import { describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret, sideBySideInOrder } from '../../test-support/assertions.ts'
import type { OrganizationScript, QoverySimulator, SimulatorOptions } from '../../test-support/qovery-simulator.ts'
import { runInProcess } from '../../test-support/run-in-process.ts'
import { simulatorsForFile } from '../../test-support/simulators.ts'

const TOKEN = 'qov_names_secret'
const ACME = 'a0000000-0000-4000-8000-000000000001'
const ACME_TWIN = 'a0000000-0000-4000-8000-000000000002'
const SHOP = 'b0000000-0000-4000-8000-000000000001'
const BLOG = 'b0000000-0000-4000-8000-000000000002'
const SHOP_PR42 = 'c0000000-0000-4000-8000-000000000001'
const SHOP_STAGING = 'c0000000-0000-4000-8000-000000000002'
const BLOG_PR42 = 'c0000000-0000-4000-8000-000000000003'

const deploying = { before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }] }
const ORGANIZATIONS: OrganizationScript[] = [
  {
    id: ACME,
    name: 'Acme',
    projects: [
      {
        id: SHOP,
        name: 'Shop',
        environments: [
          { id: SHOP_PR42, name: 'pr-42', mode: 'PREVIEW', ...deploying },
          { id: SHOP_STAGING, name: 'staging', mode: 'STAGING', before: [{ state: 'DEPLOYED' }] }
        ]
      },
      { id: BLOG, name: 'Blog', environments: [{ id: BLOG_PR42, name: 'pr-42', mode: 'PREVIEW', ...deploying }] }
    ]
  },
  { id: 'a0000000-0000-4000-8000-000000000009', name: 'Globex', projects: [] }
]

const startSimulator = simulatorsForFile()

async function runNamed(names: Record<string, string>, options: Partial<SimulatorOptions> = {}) {
  const api = await startSimulator({ token: TOKEN, organizations: ORGANIZATIONS, ...options })
  const run = await runInProcess({ token: TOKEN, 'api-url': api.url, 'poll-interval': '20ms', timeout: '20s', ...names })
  return { run, api }
}

const requested = (api: QoverySimulator) => sideBySideInOrder(api.requests.map((request) => `${request.method} ${request.path}`))

describe('finding the environment by name', () => {
  it.concurrent('takes a list answer without results (the spec makes the field optional) as an empty list, not a fault', async () => {
    const { run, api } = await runNamed(
      { organization: 'Acme', project: 'Shop', environment: 'pr-42' },
      { faults: [{ on: 'list', fault: { status: 200, body: '{}' } }] }
    )
    expect(run.exitCode).toBe(1)
    expect(api.requests.map((request) => request.path)).toEqual(['/organization'])
    expect(annotations(run, 'error')[0]).toBe(
      'No organization named "Acme" visible to the token: the token sees no organization at all. No cancel was sent.'
    )
    expect(run.stdout).not.toContain('retrying')
  })

  it.concurrent('resolves names in another case and with blanks, then cancels that environment', async () => {
    const { run, api } = await runNamed({ organization: ' acme ', project: 'SHOP', environment: ' PR-42' })
    expect(run.exitCode).toBe(0)
    const sent = requested(api)
    expect(sent.slice(0, 3)).toEqual(['GET /organization', `GET /organization/${ACME}/project`, `GET /project/${SHOP}/environment`])
    // Then that environment's status, queue, services and history side by side, and the cancel.
    expect(sent.slice(3, 7).sort()).toEqual(
      [
        `GET /environment/${SHOP_PR42}/status`,
        `GET /environment/${SHOP_PR42}/deploymentQueue`,
        `GET /environment/${SHOP_PR42}/statuses`,
        `GET /environment/${SHOP_PR42}/deploymentHistoryV2`
      ].sort()
    )
    expect(sent[7]).toBe(`POST /environment/${SHOP_PR42}/cancelDeployment`)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'environment-id': SHOP_PR42, state: 'CANCELED' })
    expect(run.stdout).toContain('::group::Resolved Acme / Shop / pr-42')
    expect(run.stdout).toContain(`environment: pr-42 (${SHOP_PR42})`)
    expect(run.summary.split('\n')[0]).toBe('## ✅ Canceled the deploy of pr-42')
    expect(run.summary).toContain(
      `| Environment | **pr-42** \`${SHOP_PR42}\` in Acme / Shop · [the environment in Qovery's console](https://console.qovery.com/organization/${ACME}/project/${SHOP}/environment/${SHOP_PR42}/overview) · [its deployments](https://console.qovery.com/organization/${ACME}/project/${SHOP}/environment/${SHOP_PR42}/deployments) |`
    )
    // The names are known: no read of the environment for them.
    expect(api.requests.some((request) => request.path === `/environment/${SHOP_PR42}`)).toBe(false)
    expectNoSecret(run, TOKEN)
  })

  it.concurrent('picks the environment of the named project when two projects share the name', async () => {
    const { run, api } = await runNamed({ organization: 'Acme', project: 'blog', environment: 'pr-42' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['environment-id']).toBe(BLOG_PR42)
    expect(api.cancelRequests()[0]!.path).toBe(`/environment/${BLOG_PR42}/cancelDeployment`)
  })

  it.concurrent.each([
    [
      { organization: 'Initech', project: 'Shop', environment: 'pr-42' },
      'No organization named "Initech" visible to the token. The organizations there are: "Acme", "Globex".',
      1
    ],
    [
      { organization: 'Acme', project: 'Store', environment: 'pr-42' },
      'No project named "Store" in organization "Acme". The projects there are: "Shop", "Blog".',
      2
    ],
    [
      { organization: 'Acme', project: 'Shop', environment: 'pr-43' },
      'No environment named "pr-43" in project "Shop". The environments there are: "pr-42", "staging".',
      3
    ],
    [
      { organization: 'Globex', project: 'Shop', environment: 'pr-42' },
      'No project named "Shop" in organization "Globex": the token sees no project in it.',
      2
    ]
  ])('fails on an unknown name, listing the real ones, before any cancel: %j', async (names, message, lists) => {
    const { run, api } = await runNamed(names)
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')).toEqual([`${message} No cancel was sent.`])
    expect(api.requests).toHaveLength(lists)
    expect(api.requests.every((request) => request.method === 'GET' && !request.path.endsWith('/status'))).toBe(true)
    expect(run.outputs).toMatchObject({ outcome: 'failed', canceled: 'false', 'canceled-request-ids': '[]', 'waiting-request-ids': 'null' })
    expect(run.summary.split('\n')[0]).toBe(`## ❌ No ${message.split(' ')[1]} matches the name given: no cancel was sent`)
    expect(run.stdout).toMatch(/^::error title=Failed%3A name not matched::/m)
  })

  it.concurrent('refuses to guess between two organizations of the same name', async () => {
    const twins: OrganizationScript[] = [...ORGANIZATIONS, { id: ACME_TWIN, name: 'ACME', projects: [] }]
    const { run, api } = await runNamed({ organization: 'acme', project: 'Shop', environment: 'pr-42' }, { organizations: twins })
    expect(run.exitCode).toBe(1)
    expect(annotations(run, 'error')[0]).toBe(
      `2 organizations visible to the token are named "acme": "Acme" (${ACME}), "ACME" (${ACME_TWIN}). Give the organization by id instead. No cancel was sent.`
    )
    expect(api.cancelRequests()).toEqual([])
  })

  it.concurrent('takes an id in place of a name at any level', async () => {
    const twins: OrganizationScript[] = [...ORGANIZATIONS, { id: ACME_TWIN, name: 'ACME', projects: [] }]
    const { run } = await runNamed({ organization: ACME.toUpperCase(), project: SHOP, environment: SHOP_PR42 }, { organizations: twins })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'environment-id': SHOP_PR42 })
  })

  it.concurrent('tells nothing-to-cancel apart by name too', async () => {
    const { run, api } = await runNamed({ organization: 'Acme', project: 'Shop', environment: 'Staging' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'nothing-to-cancel', 'environment-id': SHOP_STAGING, state: 'DEPLOYED' })
    expect(api.cancelRequests()).toEqual([])
  })

  it.concurrent('retries a list call that fails transiently', async () => {
    const { run, api } = await runNamed(
      { organization: 'Acme', project: 'Shop', environment: 'pr-42' },
      {
        faults: [
          { on: 'list', fault: { status: 502 } },
          { on: 'list', fault: 'html', skip: 2 }
        ]
      }
    )
    expect(run.exitCode).toBe(0)
    expect(api.faultsInjected).toBe(2)
    expect(run.stdout).toContain('Listing the organizations failed (HTTP 502 Bad Gateway')
    expect(run.stdout).toContain('Listing the projects of Acme failed (HTTP 200 with an unusable body: it is HTML')
  })

  it.concurrent('refuses an id and names together, sending nothing', async () => {
    const { run, api } = await runNamed({ 'environment-id': SHOP_PR42, organization: 'Acme', project: 'Shop', environment: 'pr-42' })
    expect(run.exitCode).toBe(1)
    expect(api.requests).toEqual([])
    expect(annotations(run, 'error')).toEqual([
      "Input 'environment-id' and organization, project, environment are both given: name the environment either by environment-id or by organization, project and environment, not both. No request was sent to Qovery."
    ])
  })

  it.concurrent('says which names are missing, sending nothing', async () => {
    const { run, api } = await runNamed({ organization: 'Acme', environment: 'pr-42' })
    expect(run.exitCode).toBe(1)
    expect(api.requests).toEqual([])
    expect(annotations(run, 'error')).toEqual([
      "Input 'project' is missing: organization and environment are given, so project is needed too (or use environment-id alone). No request was sent to Qovery."
    ])
  })
})
