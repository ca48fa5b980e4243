import { describe, expect, it } from '@jest/globals'
import { run } from '../../src/main.ts'
import type { CancelAnswer } from '../../src/qovery/client.ts'
import type { EnvironmentStatus } from '../../src/rules/qovery-records.ts'
import { FakeApi, FakeClock, FakeIO, type Scripted, status } from '../../__fixtures__/fakes.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_unit_secret'

async function runWith(
  inputs: Record<string, string>,
  statuses: Array<Scripted<EnvironmentStatus>>,
  cancels?: Array<Scripted<CancelAnswer>>
) {
  const io = new FakeIO({ 'environment-id': ENV_ID, token: TOKEN, 'poll-interval': '1s', ...inputs })
  const clock = new FakeClock()
  const api = new FakeApi(clock, statuses, cancels)
  let created = 0
  await run({
    io,
    clock,
    signal: new AbortController().signal,
    random: () => 0.5,
    createApi: () => {
      created += 1
      return api
    }
  })
  return { io, api, created }
}

describe('run', () => {
  it('masks the token before anything else and never prints it', async () => {
    const { io } = await runWith({}, [status('DEPLOYING'), status('CANCELED')])
    expect(io.secrets).toEqual(expect.arrayContaining([TOKEN, `Token ${TOKEN}`]))
    const everything = JSON.stringify([io.lines, io.outputs, io.summary, io.failed])
    expect(everything).not.toContain(TOKEN)
  })

  it('sets every output and succeeds when canceled', async () => {
    const { io } = await runWith({}, [status('DEPLOYING'), status('CANCELED')])
    expect(io.failed).toBeUndefined()
    expect(io.outputs).toEqual({
      outcome: 'canceled',
      canceled: 'true',
      'deployment-request-action': 'DEPLOY',
      // The fake API's history lists the deployment with no stages: it touched no service.
      services: '[]',
      'console-url': '',
      'environment-id': ENV_ID,
      state: 'CANCELED',
      'last-deployment-state': 'CANCELED',
      'last-deployment-id': 'd-1',
      'last-deployment-date': '2026-11-27T11:59:00Z',
      'deployment-request-id': 'r-1',
      'canceled-request-ids': '["r-1"]',
      'waiting-request-ids': '[]',
      'total-deployment-duration-in-seconds': '60',
      'deployment-status': 'OUT_OF_DATE',
      'status-json': JSON.stringify(status('CANCELED'))
    })
    expect(io.of('info').at(-1)).toBe('The deploy was canceled (seen 1s after the cancel request).')
    expect(io.summary).toContain('## ✅ Canceled the deploy\n')
    expect(io.summary).toContain('| Request | `r-1` · `DEPLOY` · was running |')
    expect(io.summary).toContain(
      "| How it ended | `CANCELED`: the environment's status and the status's last deployment state say `CANCELED` |"
    )
  })

  it('rejects bad inputs with one error each, the last failing the step, and sends no request', async () => {
    const { io, created, api } = await runWith({ 'environment-id': 'nope', force: 'perhaps' }, [status('DEPLOYING')])
    expect(created).toBe(0)
    expect(api.calls).toHaveLength(0)
    // The last problem fails the step: one annotation per problem, none besides.
    expect(io.lines.filter((line) => line.kind === 'error').map((line) => line.title)).toEqual(['Invalid input: environment-id'])
    expect(io.failedTitle).toBe('Invalid input: force')
    expect(io.failed).toMatch(/^Input 'force' .*\. Invalid inputs: environment-id, force\. No request was sent to Qovery\.$/)
    expect(io.outputs).toMatchObject({ outcome: 'invalid-input', canceled: 'false', 'status-json': 'null', 'canceled-request-ids': 'null' })
  })

  it('masks the token even when other inputs are bad', async () => {
    const { io } = await runWith({ timeout: 'never' }, [])
    expect(io.secrets).toContain(TOKEN)
  })

  it('gives a notice when there is nothing to cancel', async () => {
    const { io } = await runWith({}, [status('STOPPED')])
    expect(io.lines.find((line) => line.kind === 'notice')).toMatchObject({
      title: 'Nothing to cancel',
      text: 'No cancel was sent: the environment is stopped, with nothing waiting in its queue.'
    })
    expect(io.outputs).toMatchObject({ outcome: 'nothing-to-cancel', canceled: 'false', state: 'STOPPED' })
    expect(io.failed).toBeUndefined()
  })

  it('warns when the deployment finished first', async () => {
    const { io } = await runWith({}, [status('DEPLOYING'), status('DEPLOYED')])
    expect(io.lines.filter((line) => line.kind === 'warning')).toEqual([
      {
        kind: 'warning',
        title: 'Not canceled',
        text: 'The cancel did not stop the deploy: it finished (deployed) before the cancel took effect.'
      }
    ])
    expect(io.summary).toContain(
      "| How it ended | `DEPLOYED`: the environment's status and the status's last deployment state say `DEPLOYED` |"
    )
    expect(io.outputs).toMatchObject({ outcome: 'finished', canceled: 'false' })
    expect(io.failed).toBeUndefined()
  })

  it('fails on a timeout, or warns with on-timeout: warn', async () => {
    const failing = await runWith({ timeout: '3s' }, [status('DEPLOYING'), status('CANCELING')])
    expect(failing.io.failed).toBe(
      'Timed out after 3s while the deploy was still canceling. Qovery goes on with the cancel it accepted. Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout.'
    )
    expect(failing.io.failedTitle).toBe('Timed out')
    const forced = await runWith({ timeout: '3s', force: 'true' }, [status('DEPLOYING'), status('CANCELING')])
    expect(forced.io.failed).toBe('Timed out after 3s while the deploy was still canceling. Qovery goes on with the cancel it accepted.')
    expect(failing.io.outputs).toMatchObject({ outcome: 'timed-out', state: 'CANCELING', canceled: 'false' })
    const warning = await runWith({ timeout: '3s', 'on-timeout': 'warn' }, [status('DEPLOYING'), status('CANCELING')])
    expect(warning.io.failed).toBeUndefined()
    expect(warning.io.of('warning')[0]).toContain('The step goes on with a warning (on-timeout: warn).')
    expect(warning.io.summary).toContain('; the step goes on (on-timeout: warn)\n')
  })

  it('sets outputs from the last status when a later call fails', async () => {
    const { io } = await runWith({}, [status('DEPLOYING')], [{ kind: 'http', status: 403 }])
    expect(io.failed).toContain('HTTP 403')
    expect(io.failedTitle).toBe('Failed: cancel refused (403)')
    expect(io.outputs).toMatchObject({ outcome: 'failed', state: 'DEPLOYING', 'environment-id': ENV_ID })
    expect(io.summary).toContain('## ❌ Qovery refused the cancel (403): nothing was canceled\n')
  })

  it('sets outcome and environment-id when no status could be read', async () => {
    const { io } = await runWith({}, [{ kind: 'http', status: 401 }])
    expect(io.outputs).toMatchObject({
      outcome: 'failed',
      canceled: 'false',
      'canceled-request-ids': '[]',
      'waiting-request-ids': 'null',
      'status-json': 'null',
      state: '',
      'environment-id': ENV_ID
    })
    expect(io.failed).toContain('Qovery did not accept the token')
    expect(io.summary).toContain('## ❌ The token was not accepted (401): no cancel was sent\n')
  })

  it('logs the settings without the token', async () => {
    const { io } = await runWith({}, [status('DEPLOYED')])
    const settings = io.of('group')[0]
    expect(settings).toContain(`environment-id: ${ENV_ID}`)
    expect(settings).toContain('token: *** (sent as Token)')
    expect(settings).toContain('api-url: https://api.qovery.com/')
  })
})
