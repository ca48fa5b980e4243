import { describe, expect, it } from '@jest/globals'
import { chooseTarget, fateOf, isQueuedState, kindOfHistory, type Sight, shownRequest } from '../../src/rules/deployment-request.ts'
import type { WaitingRequest } from '../../src/rules/qovery-records.ts'
import type { AllowedActions } from '../../src/rules/request-kind.ts'

const R1 = 'a1a1a1a1-1111-4111-8111-111111111111'
const R2 = 'a2a2a2a2-2222-4222-8222-222222222222'
const R3 = 'a3a3a3a3-3333-4333-8333-333333333333'
const DEPLOYS: AllowedActions = new Set(['deploy'])
const shows = (state: string, request: string | null | undefined = R1) => ({ state, deployment_request_id: request })
const row = (id: string, action = 'DEPLOY', extra: Partial<WaitingRequest> = {}): WaitingRequest => ({ id, action, ...extra })
const sight = (status: Sight['status'], queue: WaitingRequest[] | undefined, extra: Partial<Sight> = {}): Sight => ({
  status,
  queue,
  allowed: DEPLOYS,
  ...extra
})
const running = (id: string | undefined, action: string, source = 'state') => ({
  via: 'environment',
  ...(id === undefined ? {} : { id }),
  kind: { action, source }
})
const waiting = (id: string, action = 'DEPLOY') => ({ id, via: 'queue', kind: { action, source: 'queue' } })

describe('chooseTarget: the current request', () => {
  it('is the running request, whatever waits behind it', () => {
    expect(chooseTarget(sight(shows('DEPLOYING'), [row(R2)]))).toEqual({
      decision: 'cancel',
      request: running(R1, 'DEPLOY'),
      passedOver: []
    })
    expect(chooseTarget(sight(shows('BUILDING'), []))).toMatchObject({ decision: 'cancel', request: running(R1, 'DEPLOY') })
  })

  it('is the first waiting request when none runs, even behind a stale final state', () => {
    expect(chooseTarget(sight(shows('DEPLOYED'), [row(R2), row(R3)]))).toEqual({ decision: 'cancel', request: waiting(R2), passedOver: [] })
    expect(chooseTarget(sight(shows('DEPLOYMENT_QUEUED'), [row(R2)]))).toMatchObject({ decision: 'cancel', request: waiting(R2) })
  })

  it('falls back to the environment for a queued state with an empty or unreadable queue', () => {
    expect(chooseTarget(sight(shows('DEPLOYMENT_QUEUED'), []))).toMatchObject({ decision: 'cancel', request: running(R1, 'DEPLOY') })
    expect(chooseTarget(sight(shows('DEPLOYMENT_QUEUED'), undefined))).toMatchObject({ decision: 'cancel', request: running(R1, 'DEPLOY') })
  })

  it('is nothing when the state is final and nothing waits', () => {
    expect(chooseTarget(sight(shows('DEPLOYED'), []))).toEqual({ decision: 'none', passedOver: [] })
    expect(chooseTarget(sight(shows('CANCELED', null), []))).toEqual({ decision: 'none', passedOver: [] })
  })

  it('runs without a request id when the status names none', () => {
    expect(chooseTarget(sight({ state: 'BUILDING' }, []))).toMatchObject({ decision: 'cancel', request: running(undefined, 'DEPLOY') })
    expect(chooseTarget(sight(shows('BUILDING', ''), []))).toMatchObject({ decision: 'cancel', request: running(undefined, 'DEPLOY') })
  })

  it('names who triggered the running request, as the status says', () => {
    const choice = chooseTarget(sight({ ...shows('DEPLOYING'), triggered_by: 'alice@example.com', origin: 'CONSOLE' }, []))
    expect(choice).toMatchObject({ request: { triggeredBy: 'alice@example.com', origin: 'CONSOLE' } })
  })
})

describe('chooseTarget: kinds', () => {
  it('leaves a running deletion alone under the default actions, and names it', () => {
    expect(chooseTarget(sight(shows('DELETING'), []))).toEqual({ decision: 'none', passedOver: [running(R1, 'DELETE')] })
  })

  it('cancels a running deletion when actions allow it', () => {
    expect(chooseTarget(sight(shows('DELETING'), [], { allowed: new Set(['delete']) }))).toMatchObject({
      decision: 'cancel',
      request: running(R1, 'DELETE')
    })
    expect(chooseTarget(sight(shows('DELETING'), [], { allowed: 'all' }))).toMatchObject({ decision: 'cancel' })
  })

  it('leaves a waiting stop alone, and picks the first waiting request of an allowed kind', () => {
    expect(chooseTarget(sight(shows('STOP_QUEUED', null), [row(R2, 'STOP')]))).toEqual({
      decision: 'none',
      passedOver: [waiting(R2, 'STOP')]
    })
    expect(chooseTarget(sight(shows('DELETING'), [row(R2, 'STOP'), row(R3)]))).toEqual({
      decision: 'cancel',
      request: waiting(R3),
      passedOver: [running(R1, 'DELETE'), waiting(R2, 'STOP')]
    })
  })

  it('asks Qovery for the kind when the state leaves it open, and only when it matters', () => {
    expect(chooseTarget(sight(shows('EXECUTING'), []))).toEqual({ decision: 'kind-needed', request: { via: 'environment', id: R1 } })
    expect(chooseTarget(sight(shows('MIGRATING'), []))).toMatchObject({ decision: 'kind-needed' })
    expect(chooseTarget(sight(shows('EXECUTING'), [], { allowed: 'all' }))).toMatchObject({ decision: 'cancel' })
  })

  it('cancels what Qovery said, and never guesses when it said nothing', () => {
    const stop = { action: 'STOP', source: 'services' } as const
    const deploy = { action: 'DEPLOY', source: 'history' } as const
    expect(chooseTarget(sight(shows('EXECUTING'), [], { runningKind: deploy }))).toMatchObject({
      decision: 'cancel',
      request: { kind: deploy }
    })
    expect(chooseTarget(sight(shows('EXECUTING'), [], { runningKind: stop }))).toEqual({
      decision: 'none',
      passedOver: [{ via: 'environment', id: R1, kind: stop }]
    })
    expect(chooseTarget(sight(shows('EXECUTING'), [], { runningKind: 'not said' }))).toEqual({
      decision: 'none',
      passedOver: [{ via: 'environment', id: R1 }]
    })
  })

  it('takes a queue row without a kind, or UNKNOWN, as not known', () => {
    expect(chooseTarget(sight(shows('DEPLOYED'), [{ id: R2 }, row(R3, 'UNKNOWN')]))).toEqual({
      decision: 'none',
      passedOver: [
        { id: R2, via: 'queue' },
        { id: R3, via: 'queue' }
      ]
    })
  })
})

describe('chooseTarget: the request asked for', () => {
  it('is canceled in the queue while it waits', () => {
    expect(chooseTarget(sight(shows('DEPLOYING'), [row(R2), row(R3)], { wanted: R3.toUpperCase() }))).toMatchObject({
      decision: 'cancel',
      request: waiting(R3)
    })
  })

  it('is canceled through the environment while it runs', () => {
    expect(chooseTarget(sight(shows('DEPLOYING'), [row(R2)], { wanted: R1 }))).toMatchObject({
      decision: 'cancel',
      request: running(R1, 'DEPLOY')
    })
  })

  it('is left alone, and named, when it is of a kind actions does not allow', () => {
    expect(chooseTarget(sight(shows('DEPLOYING'), [row(R2, 'DELETE')], { wanted: R2 }))).toEqual({
      decision: 'none',
      passedOver: [waiting(R2, 'DELETE')]
    })
  })

  it('has ended when the status shows it final, or Qovery says so', () => {
    expect(chooseTarget(sight(shows('DEPLOYMENT_ERROR'), [], { wanted: R1 }))).toEqual({
      decision: 'ended',
      id: R1,
      state: 'DEPLOYMENT_ERROR'
    })
    expect(chooseTarget(sight(shows('DEPLOYING'), [], { wanted: R2, lookup: { found: true, state: 'CANCELED' } }))).toEqual({
      decision: 'ended',
      id: R2,
      state: 'CANCELED'
    })
  })

  it('has ended when a queued state shows under its id and Qovery says it ended', () => {
    expect(chooseTarget(sight(shows('DEPLOYMENT_QUEUED'), [row(R2)], { wanted: R1, lookup: { found: true, state: 'DEPLOYED' } }))).toEqual({
      decision: 'ended',
      id: R1,
      state: 'DEPLOYED'
    })
  })

  it('is unknown when Qovery does not know it, and never another request', () => {
    expect(chooseTarget(sight(shows('DEPLOYING'), [row(R3)], { wanted: R2, lookup: { found: false, detail: 'not found' } }))).toEqual({
      decision: 'unknown',
      id: R2,
      detail: 'not found'
    })
  })

  it('is unlocated when Qovery says it is in progress but shows it nowhere', () => {
    expect(chooseTarget(sight(shows('DEPLOYING'), [], { wanted: R2, lookup: { found: true, state: 'DEPLOYING' } }))).toEqual({
      decision: 'unlocated',
      id: R2,
      state: 'DEPLOYING'
    })
  })
})

describe('kindOfHistory', () => {
  it("takes the trigger_action of the entry whose execution is the status's last deployment", () => {
    const entries = [
      { executionId: 'e-2', state: 'EXECUTING', action: 'STOP', stages: [] },
      { executionId: 'e-1', state: 'DEPLOYED', action: 'DEPLOY', stages: [] }
    ]
    expect(kindOfHistory(entries, 'E-2')).toEqual({ action: 'STOP', source: 'history' })
    expect(kindOfHistory(entries, 'e-3')).toBeUndefined()
    expect(kindOfHistory([{ executionId: 'e-1', state: 'EXECUTING', action: 'UNKNOWN', stages: [] }], 'e-1')).toBeUndefined()
  })
})

describe('fateOf', () => {
  const lookupUnknown = { found: false } as const

  it('takes what Qovery reports, and waits while it reports progress', () => {
    expect(fateOf({ lookup: { found: true, state: 'CANCELED' }, sawCanceling: false, canceledWhileWaiting: false })).toEqual({
      state: 'CANCELED',
      basis: 'Qovery reports it CANCELED'
    })
    expect(fateOf({ lookup: { found: true, state: 'DEPLOYMENT_ERROR' }, sawCanceling: true, canceledWhileWaiting: false })).toEqual({
      state: 'DEPLOYMENT_ERROR',
      basis: 'Qovery reports it DEPLOYMENT_ERROR'
    })
    expect(fateOf({ lookup: { found: true, state: 'CANCELING' }, sawCanceling: true, canceledWhileWaiting: false })).toBeUndefined()
  })

  it('rests on what was seen when the lookup does not know the request', () => {
    expect(fateOf({ lookup: lookupUnknown, sawCanceling: true, canceledWhileWaiting: false })?.state).toBe('CANCELED')
    expect(fateOf({ lookup: lookupUnknown, sawCanceling: false, canceledWhileWaiting: true })?.state).toBe('CANCELED')
  })

  it('says it does not know rather than guess', () => {
    expect(fateOf({ lookup: lookupUnknown, sawCanceling: false, canceledWhileWaiting: false })).toEqual({
      basis: "it left the status, and Qovery's lookup does not know it"
    })
  })
})

describe('helpers', () => {
  it('tells queued states apart', () => {
    expect(['DEPLOYMENT_QUEUED', 'QUEUED', 'stop_queued'].every(isQueuedState)).toBe(true)
    expect(['DEPLOYING', 'WAITING_RUNNING', 'DEPLOYED'].some(isQueuedState)).toBe(false)
  })

  it('reads the shown request in lower case', () => {
    expect(shownRequest(shows('DEPLOYING', R1.toUpperCase()))).toBe(R1)
  })
})
