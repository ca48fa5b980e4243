/**
 * The pure rules of which request runs and which waits, read from the records that name them, and
 * which one the action targets; and how a request ended, from what its records say.
 */
import { describe, expect, it } from '@jest/globals'
import { chooseTarget, isQueuedState, runningRequest, type Sight, shownRequest } from '../../src/rules/deployment-request.ts'
import { deploymentEntry } from '../../src/rules/deployment-record.ts'
import type { DeploymentHistoryEntry, EnvironmentStatus, ServiceStatus, WaitingRequest } from '../../src/rules/qovery-records.ts'
import { judge, type Testimony } from '../../src/rules/request-end.ts'
import type { AllowedActions } from '../../src/rules/request-kind.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const R1 = 'a1a1a1a1-1111-4111-8111-111111111111'
const R2 = 'a2a2a2a2-2222-4222-8222-222222222222'
const R3 = 'a3a3a3a3-3333-4333-8333-333333333333'
const E1 = 'e1e1e1e1-1111-4111-8111-111111111111'
const E2 = 'e2e2e2e2-2222-4222-8222-222222222222'
const DEPLOYS: AllowedActions = new Set(['deploy'])

/** A status showing `state` for request `request` (null: none) and execution `execution`. */
const shows = (state: string, request: string | null = R1, execution: string | null = E1): EnvironmentStatus => ({
  id: ENV_ID,
  state,
  last_deployment_state: state,
  deployment_request_id: request,
  last_deployment_id: execution
})
const row = (id: string, action = 'DEPLOY'): WaitingRequest => ({ id, action })
const entry = (executionId: string, state: string, action = 'DEPLOY'): DeploymentHistoryEntry => ({
  executionId,
  state,
  action,
  stages: []
})
const service = (id: string, state: string, extra: Partial<ServiceStatus> = {}): ServiceStatus => ({
  id,
  type: 'APPLICATION',
  state,
  isPartOfLastDeployment: true,
  ...extra
})
/** A look: by default, R1 runs a DEPLOY its history entry names. */
const sight = (status: EnvironmentStatus, extra: Partial<Sight> = {}): Sight => ({
  status,
  queue: [],
  services: [],
  history: [entry(E1, status.state)],
  allowed: DEPLOYS,
  environmentId: ENV_ID,
  ...extra
})

describe('runningRequest: what runs, as its records say', () => {
  it('takes the kind from the history entry of its execution, not from the state', () => {
    expect(runningRequest(sight(shows('DEPLOYING')))).toEqual({
      via: 'environment',
      id: R1,
      executionId: E1,
      inHistory: true,
      kind: { action: 'DEPLOY', source: 'history' },
      stateHint: 'DEPLOY'
    })
    // A restart that shows DEPLOYING is a restart; a deploy that shows STOPPING, a deploy.
    expect(runningRequest(sight(shows('DEPLOYING'), { history: [entry(E1, 'DEPLOYING', 'RESTART')] }))?.kind).toEqual({
      action: 'RESTART',
      source: 'history'
    })
    expect(runningRequest(sight(shows('STOPPING'), { history: [entry(E1, 'STOPPING', 'DEPLOY')] }))?.kind?.action).toBe('DEPLOY')
  })

  it('takes the kind from its queue row (a queue that lists the running request first) and its services', () => {
    const services = [service('s1', 'DEPLOYING', { action: 'DEPLOY', deploymentRequestId: R1, executionId: E1 })]
    expect(runningRequest(sight(shows('DEPLOYING'), { queue: [row(R1, 'STOP')], history: [] }))?.kind).toEqual({
      action: 'STOP',
      source: 'queue'
    })
    expect(runningRequest(sight(shows('EXECUTING'), { history: [], services }))?.kind).toEqual({ action: 'DEPLOY', source: 'services' })
  })

  it('has no kind when no record gives one, or when its own records disagree', () => {
    expect(runningRequest(sight(shows('DEPLOYING'), { history: [] }))?.kind).toBeUndefined()
    const disagreeing = runningRequest(sight(shows('DEPLOYING'), { queue: [row(R1, 'STOP')], history: [entry(E1, 'DEPLOYING', 'DEPLOY')] }))
    expect(disagreeing?.kind).toBeUndefined()
    expect(disagreeing?.disagreements).toEqual(['queue: STOP; history: DEPLOY'])
  })

  it("takes no history entry of the status's execution that has already ended: it is another deployment's", () => {
    const request = runningRequest(sight(shows('DEPLOYING'), { history: [entry(E1, 'DEPLOYED')] }))
    expect(request).toMatchObject({ id: R1, executionId: E1 })
    expect(request?.kind).toBeUndefined()
    expect(request?.inHistory).toBeUndefined()
  })

  it('names the request only when the status and the services taking part agree on it', () => {
    const theirs = [service('s1', 'DEPLOYING', { deploymentRequestId: R2, executionId: E1 })]
    const request = runningRequest(sight(shows('DEPLOYING'), { services: theirs }))
    expect(request?.id).toBeUndefined()
    expect(request?.executionId).toBe(E1)
    expect(request?.disagreements).toEqual([`the status: ${R1}; service s1: ${R2}`])
    // A service not part of the last deployment says nothing.
    const old = [service('s1', 'DEPLOYED', { deploymentRequestId: R2, isPartOfLastDeployment: false })]
    expect(runningRequest(sight(shows('DEPLOYING'), { services: old }))?.id).toBe(R1)
  })

  it('names who asked for it from the status only when the status names it, else from its own records', () => {
    const status = { ...shows('DEPLOYING'), triggered_by: 'alice@example.com', origin: 'CONSOLE' }
    expect(runningRequest(sight(status))).toMatchObject({ id: R1, triggeredBy: 'alice@example.com', origin: 'CONSOLE' })
    // The services name another request: the status's words are of R1, not of what runs.
    const theirs = [service('s1', 'DEPLOYING', { deploymentRequestId: R2, executionId: E1 })]
    const unnamed = runningRequest(sight(status, { services: theirs, history: [] }))
    expect(unnamed?.triggeredBy).toBeUndefined()
    expect(unnamed?.origin).toBeUndefined()
    const own = { ...entry(E1, 'DEPLOYING'), triggeredBy: 'bob@example.com', origin: 'API' }
    expect(runningRequest(sight(status, { services: theirs, history: [own] }))).toMatchObject({
      triggeredBy: 'bob@example.com',
      origin: 'API'
    })
  })

  it('is none when the state is final, or while requests wait and none runs', () => {
    expect(runningRequest(sight(shows('DEPLOYED')))).toBeUndefined()
    expect(runningRequest(sight(shows('DEPLOYMENT_QUEUED'), { queue: [row(R2)] }))).toBeUndefined()
    // A queued state with nothing in the queue read (or none read) is still in progress by Qovery's rule.
    expect(runningRequest(sight(shows('DEPLOYMENT_QUEUED'), { queue: undefined }))?.id).toBe(R1)
  })
})

describe('chooseTarget: the current request', () => {
  it('is the running request of an allowed kind, whatever waits behind it', () => {
    expect(chooseTarget(sight(shows('DEPLOYING'), { queue: [row(R2)] }))).toMatchObject({
      decision: 'cancel',
      request: { via: 'environment', id: R1 },
      passedOver: []
    })
  })

  it('is the first waiting request of an allowed kind, each request once, the running one aside', () => {
    expect(chooseTarget(sight(shows('DEPLOYED'), { queue: [row(R2, 'STOP'), row(R3)] }))).toEqual({
      decision: 'cancel',
      request: { via: 'queue', id: R3, kind: { action: 'DEPLOY', source: 'queue' } },
      passedOver: [{ via: 'queue', id: R2, kind: { action: 'STOP', source: 'queue' } }]
    })
    // The queue lists the running restart first: it is the running request, left alone, not a waiting one.
    const choice = chooseTarget(
      sight(shows('DEPLOYING'), { queue: [row(R1, 'RESTART'), row(R2), row(R2)], history: [entry(E1, 'DEPLOYING', 'RESTART')] })
    )
    expect(choice).toMatchObject({ decision: 'cancel', request: { via: 'queue', id: R2 }, passedOver: [{ via: 'environment', id: R1 }] })
  })

  it('leaves a running deletion alone under the default actions, and cancels it when allowed', () => {
    const deleting = sight(shows('DELETING'), { history: [entry(E1, 'DELETING', 'DELETE')] })
    expect(chooseTarget(deleting)).toMatchObject({ decision: 'none', passedOver: [{ id: R1, kind: { action: 'DELETE' } }] })
    expect(chooseTarget({ ...deleting, allowed: new Set(['delete']) })).toMatchObject({ decision: 'cancel' })
    expect(chooseTarget({ ...deleting, allowed: 'all' })).toMatchObject({ decision: 'cancel' })
  })

  it('sends nothing on a guess: a running request whose kind no record gives is unsure, unless actions is all', () => {
    const unconfirmed = sight(shows('DEPLOYING'), { history: [] })
    expect(chooseTarget(unconfirmed)).toMatchObject({ decision: 'unsure', passedOver: [{ id: R1 }] })
    expect(chooseTarget({ ...unconfirmed, allowed: 'all' })).toMatchObject({ decision: 'cancel' })
  })

  it('is nothing when the state is final and nothing waits; unsure when the history shows a deployment in progress', () => {
    expect(chooseTarget(sight(shows('DEPLOYED'), { history: [entry(E1, 'DEPLOYED')] }))).toEqual({ decision: 'none', passedOver: [] })
    expect(chooseTarget(sight(shows('DEPLOYED'), { history: [entry(E2, 'DEPLOYING')] }))).toMatchObject({
      decision: 'unsure',
      why: 'the status says deployed, but the deployment history shows a deployment still deploying',
      detail: `status DEPLOYED; history execution ${E2} DEPLOYING`
    })
  })
})

describe('chooseTarget: deployment-request-id', () => {
  const wanted = (extra: Partial<Sight>, status = shows('DEPLOYING')) => chooseTarget(sight(status, { wanted: R1, ...extra }))

  it('cancels it where it is: running through the environment, waiting through the queue', () => {
    expect(wanted({})).toMatchObject({ decision: 'cancel', request: { via: 'environment', id: R1 } })
    expect(wanted({ queue: [row(R1)], lookup: { found: true, state: 'DEPLOYMENT_QUEUED' } }, shows('DEPLOYING', R2, E2))).toMatchObject({
      decision: 'cancel',
      request: { via: 'queue', id: R1 }
    })
    // Listed first in the queue while the status shows it running: it runs.
    expect(wanted({ queue: [row(R1)] })).toMatchObject({ decision: 'cancel', request: { via: 'environment', id: R1 } })
  })

  it('has ended when the records that name it agree it ended; how is not known when they disagree', () => {
    expect(wanted({ lookup: { found: true, state: 'CANCELED' } }, shows('CANCELED'))).toEqual({
      decision: 'ended',
      id: R1,
      fate: expect.objectContaining({ state: 'CANCELED' })
    })
    const disagreeing = wanted({ lookup: { found: true, state: 'CANCELED' } }, { ...shows('DEPLOYED'), last_deployment_state: 'CANCELED' })
    expect(disagreeing).toMatchObject({ decision: 'ended', fate: { basis: expect.stringContaining('disagree') } })
    expect((disagreeing as { fate: { state?: string } }).fate.state).toBeUndefined()
  })

  it('is unsure when its lookup says it ended while the queue lists it or the status shows it running', () => {
    expect(wanted({ lookup: { found: true, state: 'CANCELED' } })).toMatchObject({ decision: 'unsure' })
    expect(wanted({ queue: [row(R1)], lookup: { found: true, state: 'DEPLOYED' } }, shows('DEPLOYING', R2, E2))).toMatchObject({
      decision: 'unsure'
    })
  })

  it('is unknown, unlocated or elsewhere as the lookup says, when neither the status nor the queue shows it', () => {
    const other = shows('DEPLOYING', R2, E2)
    expect(wanted({ lookup: { found: false, detail: 'HTTP 404' } }, other)).toEqual({ decision: 'unknown', id: R1, detail: 'HTTP 404' })
    expect(wanted({ lookup: { found: true, state: 'DEPLOYMENT_QUEUED' } }, other)).toEqual({
      decision: 'unlocated',
      id: R1,
      state: 'DEPLOYMENT_QUEUED'
    })
    expect(wanted({ lookup: { found: true, state: 'DEPLOYING', environmentId: R3 } }, other)).toEqual({
      decision: 'elsewhere',
      id: R1,
      state: 'DEPLOYING',
      environmentId: R3
    })
  })
})

describe('judge: how a request ended, from what its records said', () => {
  const said = (source: Testimony['source'], state: string, at = 1): Testimony => ({ source, state, at })

  it('ended so when every record that speaks says the same final state', () => {
    expect(judge([said('status', 'CANCELED'), said('last deployment', 'CANCELED'), said('lookup', 'canceled')])).toEqual({
      verdict: 'ended',
      fate: {
        state: 'CANCELED',
        basis: "the environment's status, the status's last deployment state and Qovery's lookup of the request say CANCELED"
      }
    })
  })

  it('is in progress while none says a final state', () => {
    expect(judge([])).toEqual({ verdict: 'in progress' })
    expect(judge([said('status', 'CANCELING'), said('lookup', 'CANCELING')])).toEqual({ verdict: 'in progress' })
  })

  it('disagrees on two final states, or a final state beside one in progress; a history that lags says nothing against', () => {
    expect(judge([said('status', 'DEPLOYED'), said('last deployment', 'CANCELED')])).toMatchObject({ verdict: 'disagree' })
    expect(judge([said('queue', 'CANCELED'), said('lookup', 'DEPLOYMENT_QUEUED')])).toMatchObject({ verdict: 'disagree' })
    expect(judge([said('lookup', 'CANCELED'), said('history', 'CANCELING')])).toMatchObject({ verdict: 'ended' })
  })

  it("takes each source's latest word", () => {
    expect(judge([said('status', 'DEPLOYED', 1), said('status', 'CANCELED', 2), said('lookup', 'CANCELED', 2)])).toMatchObject({
      verdict: 'ended',
      fate: { state: 'CANCELED' }
    })
  })
})

describe("deploymentEntry: the request's own history entry", () => {
  const facts = { id: R1, executionId: E1, pairs: [[R1, E1]] as Array<[string, string]>, newer: 0 }

  it('is the entry of its execution, when nothing contradicts it', () => {
    expect(deploymentEntry([entry(E1, 'CANCELED')], { ...facts, fate: { state: 'CANCELED', basis: '' } })).toEqual({
      value: entry(E1, 'CANCELED')
    })
  })

  it('is not taken when its end, its kind or its place contradict what else is known', () => {
    const fate = { state: 'CANCELED', basis: '' }
    expect(deploymentEntry([entry(E1, 'DEPLOYED')], { ...facts, fate })).toEqual({
      unknown: `the entry of execution ${E1} is not taken as the request's: it says DEPLOYED, and the request ended CANCELED`
    })
    expect(deploymentEntry([entry(E1, 'CANCELED', 'RESTART')], { ...facts, kind: { action: 'DEPLOY', source: 'history' } })).toMatchObject({
      unknown: expect.stringContaining('it is a RESTART, and the request a DEPLOY')
    })
    expect(deploymentEntry([entry(E2, 'DEPLOYING'), entry(E1, 'CANCELED')], facts)).toMatchObject({
      unknown: expect.stringContaining('1 deployment is newer')
    })
    expect(deploymentEntry([entry(E2, 'DEPLOYING'), entry(E1, 'CANCELED')], { ...facts, newer: 1 })).toEqual({
      value: entry(E1, 'CANCELED')
    })
  })

  it('is not taken when the status named two executions beside the request, but for one it also named beside another request', () => {
    expect(
      deploymentEntry([entry(E1, 'CANCELED')], {
        ...facts,
        pairs: [
          [R1, E1],
          [R1, E2]
        ]
      })
    ).toMatchObject({
      unknown: expect.stringContaining('more than one execution')
    })
    // E2 was named beside R2 too: beside R1 it was the id lagging behind the execution shown.
    expect(
      deploymentEntry([entry(E1, 'CANCELED')], {
        ...facts,
        pairs: [
          [R1, E1],
          [R1, E2],
          [R2, E2]
        ]
      })
    ).toEqual({
      value: entry(E1, 'CANCELED')
    })
    expect(deploymentEntry([entry(E2, 'CANCELED')], { ...facts, executionId: E2 })).toMatchObject({ unknown: expect.any(String) })
  })
})

describe('states and ids', () => {
  it('tells queued states and the request the status names', () => {
    expect(['DEPLOYMENT_QUEUED', 'stop_queued', 'QUEUED'].every(isQueuedState)).toBe(true)
    expect(isQueuedState('DEPLOYING')).toBe(false)
    expect(shownRequest({ deployment_request_id: R1.toUpperCase() })).toBe(R1)
    expect(shownRequest({ deployment_request_id: '' })).toBeUndefined()
    expect(shownRequest({ deployment_request_id: null })).toBeUndefined()
  })
})
