/**
 * Deployment requests and the queue: the action, in process with its real HTTP client, against a
 * simulator that runs one request per environment and queues the others. Each run checks the outcome, the
 * requests the simulator saw, and the state each deployment request ended in.
 */
import { describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret, expectWarned, summaryRow } from '../../test-support/assertions.ts'
import type { EnvironmentScript, FaultRule, QoverySimulator } from '../../test-support/qovery-simulator.ts'
import { runInProcess } from '../../test-support/run-in-process.ts'
import { simulatedEnvironment, simulatorsForFile } from '../../test-support/simulators.ts'
import { ENV_ID, LATER, R0, R1, R2, R3, waiting } from '../../__fixtures__/environment.ts'

const TOKEN = 'qov_queue_e2e_secret'

/** R1 deploys, unless a test's script says otherwise. */
const { simulate, inputs } = simulatedEnvironment(TOKEN, simulatorsForFile(), {
  script: { requestId: R1, before: [{ state: 'DEPLOYING' }] }
})

/** R1 runs (CANCELING for one read once canceled, then CANCELED) with `queue` waiting behind it. */
function runningWithQueue(queue: EnvironmentScript['queue'], faults: FaultRule[] = []): Promise<QoverySimulator> {
  return simulate({ after: [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }], queue }, { faults })
}

/** Each request's phase and state in the simulator, by id. */
function requestStates(api: QoverySimulator): Record<string, { phase: string; state: string; ran: boolean }> {
  return Object.fromEntries(
    api
      .deploymentRequests(ENV_ID)
      .map((request) => [
        request.id,
        { phase: request.phase, state: request.state, ran: request.states.some((state) => state !== 'CANCELED') }
      ])
  )
}

/** The request each environment cancel hit, as the simulator saw it. */
const canceledThroughEnvironment = (api: QoverySimulator) => api.truth(ENV_ID).environmentCancels.map((cancel) => cancel.hit)
const posts = (api: QoverySimulator) => api.requests.filter((request) => request.method === 'POST').map((request) => request.path)
const ENV_CANCEL = `/environment/${ENV_ID}/cancelDeployment`
const requestCancel = (id: string) => `/deploymentQueue/${id}/cancelDeployment`

/** R1 runs; R2 waits. Once R1 takes the cancel, it is CANCELING for a while, then R2 starts at once. */
const QUEUE_ADVANCES: Omit<EnvironmentScript, 'id'> = {
  requestId: R1,
  before: [{ state: 'DEPLOYING' }],
  after: [{ state: 'DEPLOYING', ms: 100 }, { state: 'CANCELING', ms: 300 }, { state: 'CANCELED' }],
  queue: [{ requestId: R2, triggeredBy: 'alice@example.com', before: [{ state: 'DEPLOYING' }] }]
}

describe('deployment requests and the queue', () => {
  it.concurrent.each(['20ms', '700ms'])('reports the canceled request when the queue advances, polling every %s', async (interval) => {
    const api = await simulate(QUEUE_ADVANCES)
    const run = await runInProcess(inputs(api, { 'poll-interval': interval }))
    expect(run.exitCode).toBe(0)
    expect(requestStates(api)).toEqual({
      [R1]: { phase: 'ended', state: 'CANCELED', ran: true },
      [R2]: { phase: 'running', state: 'DEPLOYING', ran: true }
    })
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      canceled: 'true',
      'deployment-request-id': R1,
      'canceled-request-ids': JSON.stringify([R1]),
      'waiting-request-ids': '[]',
      state: 'DEPLOYING'
    })
    expect(posts(api)).toEqual([ENV_CANCEL])
    // The status never showed CANCELED: Qovery's lookup said what became of R1.
    expect(
      api.requests.some((request) => request.path.endsWith('/deploymentStatus') && request.search === `?deploymentRequestId=${R1}`)
    ).toBe(true)
    expect(annotations(run, 'warning')).toEqual(['The next deploy (by alice@example.com) started once the deploy had ended.'])
    expect(run.stdout).toMatch(/^::warning title=Canceled%3A next request started::/m)
    expect(run.summary.split('\n')[0]).toBe('## ✅ Canceled the deploy of env-3f50b8f5; the next deploy (by `alice@example.com`) now runs')
    expect(summaryRow(run.summary, 'Environment state')).toBe(
      `\`DEPLOYING\`; the status names request \`${R2}\`, which started once it ended`
    )
    expect(summaryRow(run.summary, 'Request')).toBe(`\`${R1}\` · \`DEPLOY\`, triggered by \`simulator@example.com\` from API · was running`)
    expect(summaryRow(run.summary, 'How it ended')).toBe(
      "`CANCELED`: Qovery's lookup of the request and its deployment history entry say `CANCELED`"
    )
    expect(run.stdout).not.toContain('nothing was canceled')
    // The queue is read once before the cancel and once at the end, not on every poll.
    expect(api.requests.filter((request) => request.path.endsWith('/deploymentQueue'))).toHaveLength(2)
    expectNoSecret(run, TOKEN)
  })

  it.concurrent('warns about the requests still waiting with queued: keep, and leaves them alone', async () => {
    const api = await simulate({
      queue: [{ requestId: R2, triggeredBy: 'alice@example.com', startAfterMs: LATER }]
    })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      'canceled-request-ids': JSON.stringify([R1]),
      'waiting-request-ids': JSON.stringify([R2])
    })
    expect(annotations(run, 'warning')).toEqual([
      'A request still waits in the queue and will start next: a deploy (by alice@example.com). Use queued: cancel to cancel it too.'
    ])
    expect(requestStates(api)[R2]).toEqual({ phase: 'waiting', state: 'DEPLOYING', ran: false })
    expect(posts(api)).toEqual([ENV_CANCEL])
  })

  it.concurrent('cancels the waiting requests first with queued: cancel, so that none starts in between', async () => {
    const api = await simulate({ ...QUEUE_ADVANCES, queue: [{ requestId: R2 }, { requestId: R3 }] })
    const run = await runInProcess(inputs(api, { queued: 'cancel' }))
    expect(run.exitCode).toBe(0)
    expect(posts(api).slice(0, 2).sort()).toEqual([requestCancel(R2), requestCancel(R3)].sort())
    expect(posts(api)[2]).toBe(ENV_CANCEL)
    expect(requestStates(api)).toEqual({
      [R1]: { phase: 'ended', state: 'CANCELED', ran: true },
      [R2]: { phase: 'ended', state: 'CANCELED', ran: false },
      [R3]: { phase: 'ended', state: 'CANCELED', ran: false }
    })
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': R1, 'waiting-request-ids': '[]' })
    expect(JSON.parse(run.outputs['canceled-request-ids']!).sort()).toEqual([R1, R2, R3].sort())
    expect(annotations(run, 'warning')).toEqual([])
    expect(summaryRow(run.summary, 'Still waiting')).toBeUndefined()
    expect(summaryRow(run.summary, 'Also canceled')).toMatch(new RegExp(`^\`(${R2}|${R3})\`, \`(${R2}|${R3})\`$`))
  })

  it.concurrent('finds the deployment waiting behind a stale DEPLOYED read, and cancels it in the queue', async () => {
    const api = await simulate({
      requestId: R0,
      before: [{ state: 'DEPLOYED' }],
      waitingShows: 'stale',
      queue: waiting(R1)
    })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([requestCancel(R1)])
    expect(JSON.parse(api.cancelRequests()[0]!.body)).toEqual({})
    expect(requestStates(api)).toEqual({
      [R0]: { phase: 'ended', state: 'DEPLOYED', ran: true },
      [R1]: { phase: 'ended', state: 'CANCELED', ran: false }
    })
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      'deployment-request-id': R1,
      'canceled-request-ids': JSON.stringify([R1]),
      state: 'DEPLOYED'
    })
    expect(summaryRow(run.summary, 'Request')).toBe(
      `\`${R1}\` · \`DEPLOY\`, triggered by \`someone@example.com\` from API · was waiting in the queue`
    )
    expect(summaryRow(run.summary, 'How it ended')).toBe("`CANCELED`: Qovery's lookup of the request says `CANCELED`")
    // It never ran: it touched no service.
    expect(run.outputs.services).toBe('[]')
  })

  it.concurrent('shows the first waiting request as the current deployment when none runs', async () => {
    const api = await simulate({
      requestId: R0,
      before: [{ state: 'DEPLOYED' }],
      queue: waiting(R1, R2)
    })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      outcome: 'canceled',
      'deployment-request-id': R1,
      state: 'DEPLOYMENT_QUEUED',
      'waiting-request-ids': JSON.stringify([R2])
    })
    expect(posts(api)).toEqual([requestCancel(R1)])
    expect(requestStates(api)[R2]).toMatchObject({ phase: 'waiting' })
  })

  describe('deployment-request-id', () => {
    it.concurrent('cancels a waiting request through the queue, touching nothing else', async () => {
      const api = await simulate({
        queue: waiting(R2, R3)
      })
      const run = await runInProcess(inputs(api, { 'deployment-request-id': R2.toUpperCase() }))
      expect(run.exitCode).toBe(0)
      expect(posts(api)).toEqual([requestCancel(R2)])
      expect(requestStates(api)).toMatchObject({
        [R1]: { phase: 'running', state: 'DEPLOYING' },
        [R2]: { phase: 'ended', state: 'CANCELED', ran: false },
        [R3]: { phase: 'waiting' }
      })
      expect(run.outputs).toMatchObject({
        outcome: 'canceled',
        'deployment-request-id': R2,
        'canceled-request-ids': JSON.stringify([R2]),
        'waiting-request-ids': JSON.stringify([R3])
      })
      // Never the advice the inputs refuse: queued: cancel does not go with deployment-request-id.
      expect(annotations(run, 'warning')).toEqual([
        'A request still waits in the queue and will start next: a deploy (by someone@example.com). deployment-request-id cancels only the request it names: to cancel it too, run the action without it, with queued: cancel.'
      ])
    })

    it.concurrent('cancels a running request through the environment, with force as given', async () => {
      const api = await simulate({ requestId: R1, before: [{ state: 'BUILDING' }], queue: waiting(R2) })
      const run = await runInProcess(inputs(api, { 'deployment-request-id': R1, force: 'true' }))
      expect(run.exitCode).toBe(0)
      expect(posts(api)).toEqual([ENV_CANCEL])
      expect(JSON.parse(api.cancelRequests()[0]!.body)).toEqual({ force_cancel: true })
      expect(requestStates(api)).toMatchObject({ [R1]: { phase: 'ended', state: 'CANCELED' }, [R2]: { phase: 'waiting' } })
      expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': R1 })
    })

    it.concurrent('sends nothing for a request that has already ended, and says in which state', async () => {
      const api = await simulate({ past: [{ requestId: R0, state: 'DEPLOYMENT_ERROR' }] })
      const run = await runInProcess(inputs(api, { 'deployment-request-id': R0 }))
      expect(run.exitCode).toBe(0)
      expect(posts(api)).toEqual([])
      expect(requestStates(api)[R1]).toMatchObject({ phase: 'running', state: 'DEPLOYING' })
      expect(run.outputs).toMatchObject({
        outcome: 'nothing-to-cancel',
        canceled: 'false',
        'deployment-request-id': R0,
        'canceled-request-ids': '[]'
      })
      expect(annotations(run, 'notice')).toEqual(['No cancel was sent: the request asked for had already ended (failed to deploy).'])
      expect(run.summary.split('\n')[0]).toBe('## ℹ️ Nothing to cancel: the request asked for had already ended (failed to deploy)')
      expect(summaryRow(run.summary, 'Request')).toBe(`\`${R0}\` · kind not known · had already ended`)
    })

    it.concurrent('fails on a request Qovery does not know, naming it, and sends nothing', async () => {
      const api = await simulate({ merged: [R3] })
      // Looked for until the timeout, as a request just triggered may take a moment to show; the
      // first reads fit in it even on a busy machine.
      const runs = await Promise.all(
        [R2, R3].map((unknown) => runInProcess(inputs(api, { 'deployment-request-id': unknown, timeout: '3s' })))
      )
      for (const [index, unknown] of [R2, R3].entries()) {
        const run = runs[index]!
        expect(run.exitCode).toBe(1)
        expect(run.outputs).toMatchObject({ outcome: 'failed', canceled: 'false' })
        expect(annotations(run, 'error')[0]).toContain('Qovery knows no deployment request by the id given in deployment-request-id')
        expect(annotations(run, 'error')[0]).toContain('Check deployment-request-id. Nothing was canceled.')
        expect(run.summary.split('\n')[0]).toBe('## ❌ Qovery knows no request with the id given: no cancel was sent')
        expect(summaryRow(run.summary, 'Request asked for')).toBe(`\`${unknown}\` · Qovery does not know it`)
      }
      expect(posts(api)).toEqual([])
      expect(requestStates(api)[R1]).toMatchObject({ phase: 'running', state: 'DEPLOYING' })
    })
  })

  describe('a cancel that reached the next request', () => {
    /** Another client's cancel ends R1 just before ours arrives; R2 (of `action`) starts at once, and ours reaches it. */
    const reachedNext = (action = 'DEPLOY') =>
      simulate({
        canceledElsewhereFirst: true,
        queue: [{ requestId: R2, action, triggeredBy: 'bob@example.com', after: [{ state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }] }]
      })

    it.concurrent('follows the request reached, and warns that it is not the one first targeted', async () => {
      const api = await reachedNext()
      const run = await runInProcess(inputs(api))
      expect(canceledThroughEnvironment(api)).toEqual([R2])
      expect(run.exitCode).toBe(0)
      expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': R2 })
      expect(annotations(run, 'warning')).toEqual([
        `The cancel reached deployment request ${R2} (DEPLOY, by bob@example.com, from API), not the deploy first targeted, which had ended as it arrived: Qovery's environment cancel stops whatever runs when it arrives.`
      ])
    })

    it.concurrent('never sends the cancel again once the status shows the target canceling, its answer lost', async () => {
      // The first cancel is carried out, its answer a 502; R1 shows CANCELING to the lookup beside
      // it and the read before the retry, then ends, and a deletion starts: a cancel sent again would
      // cancel the deletion.
      const api = await simulate(
        {
          after: [{ state: 'CANCELING', reads: 2 }, { state: 'CANCELED' }],
          queue: [{ requestId: R2, action: 'DELETE', before: [{ state: 'DELETING' }] }]
        },
        { faults: [{ on: 'cancel', fault: { status: 502 }, processFirst: true }] }
      )
      const run = await runInProcess(inputs(api))
      expect(api.truth(ENV_ID).environmentCancels.map((cancel) => [cancel.hit, cancel.answer])).toEqual([[R1, 502]])
      expect(requestStates(api)).toMatchObject({
        [R1]: { phase: 'ended', state: 'CANCELED' },
        [R2]: { phase: 'running', state: 'DELETING' }
      })
      expect(run.exitCode).toBe(0)
      expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': R1, 'canceled-request-ids': JSON.stringify([R1]) })
      expect(run.stdout).toContain('shows CANCELING: a cancel is under way')
    })

    it.concurrent('fails when the request reached is of a kind actions leaves alone, naming it', async () => {
      const api = await reachedNext('DELETE')
      const run = await runInProcess(inputs(api))
      expect(canceledThroughEnvironment(api)).toEqual([R2])
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ outcome: 'failed', 'deployment-request-id': R2, 'deployment-request-action': 'DELETE' })
      expect(annotations(run, 'error')).toEqual([
        `The cancel reached deployment request ${R2} (DELETE, by bob@example.com, from API), not the deploy first targeted: that one had ended (canceled) as the cancel arrived, and Qovery's environment cancel stops whatever runs then. actions: deploy does not cancel a deletion, and the action could not keep the cancel from it. It ended canceled.`
      ])
      expect(annotations(run, 'warning')).toEqual([])
      expect(run.summary).toMatch(
        /^## ❌ The cancel reached the next deletion \(by `bob@example\.com`\), a kind actions leaves alone, as the first one ended; it ended canceled$/m
      )
    })

    it.concurrent('with deployment-request-id, ends on the request asked for, and warns of the one reached', async () => {
      const api = await reachedNext()
      const run = await runInProcess(inputs(api, { 'deployment-request-id': R1 }))
      expect(canceledThroughEnvironment(api)).toEqual([R2])
      expect(run.exitCode).toBe(0)
      // R1 ended CANCELED, by the other client's cancel: the outcome is R1's; R2 is not said canceled.
      expect(run.outputs).toMatchObject({ outcome: 'canceled', 'deployment-request-id': R1, 'canceled-request-ids': JSON.stringify([R1]) })
      expect(annotations(run, 'warning')).toEqual([
        expect.stringMatching(
          new RegExp(
            `^The cancel reached deployment request ${R2} \\(DEPLOY, by bob@example\\.com, from API\\), which started as the deploy asked for ended: Qovery's environment cancel stops whatever runs when it arrives\\. It was last seen (canceling|canceled)\\.$`
          )
        )
      ])
      expect(run.summary).toContain(
        'The cancel reached the next deploy (by `bob@example.com`), which had started as the deploy asked for ended. The deploy asked for was canceled.'
      )
      expect(summaryRow(run.summary, 'Cancel reached')).toMatch(
        new RegExp(`^\`${R2}\` · .* · started as the request asked for ended · last seen`)
      )
      expect(run.summary).toMatch(/^## ✅ Canceled the deploy of .*: the cancel reached the next deploy \(by `bob@example\.com`\) instead/m)
    })
  })

  it.concurrent('says why each request still waits despite queued: cancel', async () => {
    const refusal = JSON.stringify({ status: 409, error: 'Conflict', detail: 'Deployment request is locked' })
    const api = await runningWithQueue(
      [
        { requestId: R2, startAfterMs: LATER },
        { requestId: R3, action: 'STOP', startAfterMs: LATER }
      ],
      [{ on: 'cancel-request', fault: { status: 409, body: refusal } }]
    )
    const run = await runInProcess(inputs(api, { queued: 'cancel' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'waiting-request-ids': JSON.stringify([R2, R3]) })
    expect(annotations(run, 'warning')).toContain(
      'The queue still lists 2 entries despite queued: cancel: a deploy (by someone@example.com), its cancel was refused (Deployment request is locked); a stop (by someone@example.com), of a kind actions leaves alone. actions: deploy, stop would cancel those of a kind left alone.'
    )
  })

  it.concurrent('with queued: cancel, names a waiting request of a kind left alone, and why, when it starts next', async () => {
    const api = await runningWithQueue([{ requestId: R2 }, { requestId: R3, action: 'DELETE' }])
    const run = await runInProcess(inputs(api, { queued: 'cancel' }))
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'canceled-request-ids': JSON.stringify([R1, R2]) })
    expect(run.stdout).toContain(
      `Leaving the waiting deployment request ${R3} (DELETE, by someone@example.com, from API) alone: actions: delete would cancel it`
    )
    expect(annotations(run, 'warning')).toContain(
      'The next deletion (by someone@example.com) started once the deploy had ended. It was left alone: actions: deploy does not cancel it, and actions: deploy, delete would.'
    )
    expect(summaryRow(run.summary, 'Left alone')).toContain(`\`${R3}\` · \`DELETE\``)
  })

  it.concurrent('names a waiting request whose cancel was refused (403) as refused, not as queued later', async () => {
    const refusal = JSON.stringify({ status: 403, error: 'Forbidden', detail: 'This token cannot deploy this environment' })
    const api = await runningWithQueue(waiting(R2), [{ on: 'cancel-request', fault: { status: 403, body: refusal } }])
    const run = await runInProcess(inputs(api, { queued: 'cancel' }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs.outcome).toBe('failed')
    const warning = annotations(run, 'warning').find((line) => line.includes('still waits'))
    expect(warning).toContain(
      'a deploy (by someone@example.com), its cancel was refused (HTTP 403 Forbidden: This token cannot deploy this environment)'
    )
    expect(summaryRow(run.summary, 'Still waiting')).toMatch(new RegExp(`^\`${R2}\` · \`DEPLOY\``))
    expect(warning).not.toContain('queued after the cancels were sent')
  })

  it.concurrent('says the waiting requests it canceled when the running one ended before its cancel took effect', async () => {
    const api = await simulate({
      after: [{ state: 'DEPLOYED' }],
      queue: waiting(R2)
    })
    const run = await runInProcess(inputs(api, { queued: 'cancel' }))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([requestCancel(R2), ENV_CANCEL])
    expect(run.outputs).toMatchObject({ outcome: 'finished', canceled: 'false', 'canceled-request-ids': JSON.stringify([R2]) })
    expect(annotations(run, 'warning')).toContain(
      'The cancel did not stop the deploy: it finished (deployed) before the cancel took effect. The waiting request was canceled too (queued: cancel).'
    )
    expect(summaryRow(run.summary, 'Also canceled')).toBe(`\`${R2}\``)
  })

  it.concurrent('reads the status again before the environment cancel when the first look waited on a slow read', async () => {
    // The services' statuses hang until the first look's budget for them (request-timeout, 3 s) runs
    // out; R1 ends 1.5 s after the first status read showed it (counted from that read, however late
    // it comes), and R2 starts. A cancel sent on that old status would hit R2.
    const before = [{ state: 'DEPLOYING', reads: 1 }, { state: 'DEPLOYING', ms: 1_500 }, { state: 'DEPLOYED' }]
    const api = await simulate(
      { before, queue: [{ requestId: R2, before: [{ state: 'DEPLOYING' }] }] },
      { faults: [{ on: 'statuses', fault: 'hang' }] }
    )
    const run = await runInProcess(inputs(api, { 'request-timeout': '3s' }))
    expect(api.truth(ENV_ID).environmentCancels).toEqual([])
    expect(posts(api)).toEqual([])
    expect(requestStates(api)).toMatchObject({ [R2]: { phase: 'running', state: 'DEPLOYING' } })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'finished', canceled: 'false', 'deployment-request-id': R1 })
    expect(annotations(run, 'warning')).toContain('The deploy was not canceled: it finished (deployed) before the cancel was sent.')
  })

  it.concurrent('takes its history entry as the record of its end when the lookup does not know it', async () => {
    // CANCELING for one read, however late it comes: the test does not hang on the scheduler.
    const after = [{ state: 'DEPLOYING', ms: 100 }, { state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }]
    const api = await simulate({ ...QUEUE_ADVANCES, after, lookupUnknown: true })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ outcome: 'canceled', 'canceled-request-ids': JSON.stringify([R1]) })
    expect(summaryRow(run.summary, 'How it ended')).toBe('`CANCELED`: its deployment history entry says `CANCELED`')
  })

  it.concurrent('says it does not know, rather than guess, when no record names how the request ended', async () => {
    // CANCELING was seen, then the next request showed: neither the lookup nor the history (which
    // cannot be read) says how it ended, and CANCELING can still end in an error.
    const after = [{ state: 'DEPLOYING', ms: 100 }, { state: 'CANCELING', reads: 1 }, { state: 'CANCELED' }]
    const api = await simulate(
      { ...QUEUE_ADVANCES, after, lookupUnknown: true },
      { faults: [{ on: 'history', fault: { status: 404 }, skip: 1, times: 1000 }] }
    )
    const run = await runInProcess(inputs(api, { 'poll-interval': '300ms' }))
    expect(run.exitCode).toBe(0)
    // Whether it was canceled is not known: neither is the list of canceled requests.
    expect(run.outputs).toMatchObject({ outcome: 'unknown', canceled: 'false', 'canceled-request-ids': 'null' })
    expect(annotations(run, 'warning')[0]).toBe(
      "The deploy has ended, and whether it was canceled is not known: it left the environment's status, and neither its lookup nor its history entry says how it ended."
    )
  })

  it.concurrent('never says "nothing was canceled" when the request ended in an error after CANCELING', async () => {
    const api = await simulate({
      after: [{ state: 'CANCELING', reads: 1 }, { state: 'DEPLOYMENT_ERROR' }]
    })
    const run = await runInProcess(inputs(api))
    expectWarned(run, {
      outputs: { outcome: 'finished', canceled: 'false', state: 'DEPLOYMENT_ERROR' },
      warning: 'The cancel did not stop the deploy: it failed to deploy after Qovery began canceling it.',
      headline: '## ⚠️ Not canceled: the deploy of env-3f50b8f5 failed to deploy after Qovery began canceling it'
    })
    expect(summaryRow(run.summary, 'How it ended')).toBe(
      "`DEPLOYMENT_ERROR`: the environment's status and the status's last deployment state say `DEPLOYMENT_ERROR`"
    )
  })

  it.concurrent('falls back to the state rule when the status names no request', async () => {
    const api = await simulate({ before: [{ state: 'DEPLOYING' }], noRequestId: true })
    const run = await runInProcess(inputs(api))
    expect(run.exitCode).toBe(0)
    // Canceled, and Qovery named no id: the ids are not known, never an empty list.
    expect(run.outputs).toMatchObject({ outcome: 'canceled', canceled: 'true', state: 'CANCELED', 'canceled-request-ids': 'null' })
    expect(run.outputs['deployment-request-id']).toBe('')
    expect(summaryRow(run.summary, 'Request')).toBe(
      'not named by Qovery · `DEPLOY`, triggered by `simulator@example.com` from API · was running'
    )
    expect(summaryRow(run.summary, 'How it ended')).toBe(
      "`CANCELED`: the environment's status and the status's last deployment state say `CANCELED`"
    )
  })

  it.concurrent.each([403, 404, 405, 501])('goes on without the queue when it answers %d, and says what is not known', async (code) => {
    const running = await simulate({}, { faults: [{ on: 'queue', fault: { status: code }, times: 99 }] })
    const canceling = await runInProcess(inputs(running))
    expect(canceling.exitCode).toBe(0)
    expect(canceling.outputs).toMatchObject({
      outcome: 'canceled',
      'deployment-request-id': R1,
      'canceled-request-ids': JSON.stringify([R1])
    })
    expect(canceling.outputs['waiting-request-ids']).toBe('null')
    expect(summaryRow(canceling.summary, 'Still waiting')).toMatch(
      new RegExp(`^not known: \`GET /environment/${ENV_ID}/deploymentQueue\`: HTTP ${code}`)
    )

    const deployed = await simulate({ before: [{ state: 'DEPLOYED' }] }, { faults: [{ on: 'queue', fault: { status: code }, times: 99 }] })
    const idle = await runInProcess(inputs(deployed))
    expect(idle.exitCode).toBe(0)
    expect(idle.outputs.outcome).toBe('nothing-to-cancel')
    expect(annotations(idle, 'notice')[0]).toMatch(
      /^No cancel was sent: the environment is deployed and nothing runs; its deployment queue could not be read \(.*\), so requests waiting in it, if any, are not known\./
    )
    expect(posts(deployed)).toEqual([])
  })

  it.concurrent('says the queue could not be read when a request asked for waits where it cannot be seen', async () => {
    const api = await simulate({ queue: waiting(R2) }, { faults: [{ on: 'queue', fault: { status: 403 }, times: 999 }] })
    // The timeout bounds how long a request not seen yet is looked for; the first reads fit in it even on a busy machine.
    const run = await runInProcess(inputs(api, { 'deployment-request-id': R2, timeout: '4s' }))
    expect(run.exitCode).toBe(1)
    expect(posts(api)).toEqual([])
    expect(annotations(run, 'error')[0]).toMatch(
      new RegExp(
        `^Qovery reports the deployment request given in deployment-request-id queued to deploy, but for \\S+ it was not running in the environment, and the environment's deployment queue could not be read \\(GET /environment/${ENV_ID}/deploymentQueue: HTTP 403`
      )
    )
    expect(annotations(run, 'error')[0]).toContain('Give the token the right to read the deployment queue')
  })

  it.concurrent('only requests the cancel of a waiting request with wait: false', async () => {
    const api = await simulate({ requestId: R0, before: [{ state: 'DEPLOYED' }], queue: waiting(R1) })
    const run = await runInProcess(inputs(api, { wait: 'false' }))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toEqual([requestCancel(R1)])
    expect(run.outputs).toMatchObject({ outcome: 'requested', 'deployment-request-id': R1, 'waiting-request-ids': '[]' })
  })
})
