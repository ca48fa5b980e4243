import { describe, expect, it } from '@jest/globals'
import { chooseTarget, describeWaiting, fateOf, isQueuedState, shownRequest } from '../../src/deployment-request.ts'

const R1 = 'a1a1a1a1-1111-4111-8111-111111111111'
const R2 = 'a2a2a2a2-2222-4222-8222-222222222222'
const R3 = 'a3a3a3a3-3333-4333-8333-333333333333'
const shows = (state: string, request: string | null | undefined = R1) => ({ state, deployment_request_id: request })

describe('chooseTarget: the current deployment', () => {
  it('is the running request, whatever waits behind it', () => {
    expect(chooseTarget(shows('DEPLOYING'), [{ id: R2 }])).toEqual({ kind: 'running', id: R1 })
    expect(chooseTarget(shows('CANCELING'), [])).toEqual({ kind: 'running', id: R1 })
  })

  it('is the first waiting request when none runs, even behind a stale final state', () => {
    expect(chooseTarget(shows('DEPLOYED'), [{ id: R2 }, { id: R3 }])).toEqual({ kind: 'waiting', id: R2 })
    expect(chooseTarget(shows('DEPLOYMENT_QUEUED'), [{ id: R2 }])).toEqual({ kind: 'waiting', id: R2 })
  })

  it('falls back to the environment for a queued state with an empty queue', () => {
    expect(chooseTarget(shows('STOP_QUEUED'), [])).toEqual({ kind: 'running', id: R1 })
  })

  it('is nothing when the state is final and nothing waits', () => {
    expect(chooseTarget(shows('DEPLOYED'), [])).toEqual({ kind: 'none' })
    expect(chooseTarget(shows('CANCELED', null), [])).toEqual({ kind: 'none' })
  })

  it('runs without a request id when the status names none', () => {
    expect(chooseTarget({ state: 'BUILDING' }, [])).toEqual({ kind: 'running' })
    expect(chooseTarget(shows('BUILDING', ''), [])).toEqual({ kind: 'running' })
  })
})

describe('chooseTarget: the request asked for', () => {
  it('is canceled in the queue while it waits', () => {
    expect(chooseTarget(shows('DEPLOYING'), [{ id: R2 }, { id: R3 }], R3.toUpperCase())).toEqual({ kind: 'waiting', id: R3 })
  })

  it('is canceled through the environment while it runs', () => {
    expect(chooseTarget(shows('DEPLOYING'), [{ id: R2 }], R1)).toEqual({ kind: 'running', id: R1 })
  })

  it('has ended when the status shows it final, or Qovery says so', () => {
    expect(chooseTarget(shows('DEPLOYMENT_ERROR'), [], R1)).toEqual({ kind: 'ended', id: R1, state: 'DEPLOYMENT_ERROR' })
    expect(chooseTarget(shows('DEPLOYING'), [], R2, { found: true, state: 'CANCELED' })).toEqual({
      kind: 'ended',
      id: R2,
      state: 'CANCELED'
    })
  })

  it('is unknown when Qovery does not know it, and never another request', () => {
    expect(chooseTarget(shows('DEPLOYING'), [{ id: R3 }], R2, { found: false, detail: 'not found' })).toEqual({
      kind: 'unknown',
      id: R2,
      detail: 'not found'
    })
  })

  it('is unlocated when Qovery says it is in progress but shows it nowhere', () => {
    expect(chooseTarget(shows('DEPLOYING'), [], R2, { found: true, state: 'DEPLOYING' })).toEqual({
      kind: 'unlocated',
      id: R2,
      state: 'DEPLOYING'
    })
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

  it('describes a waiting request with what is known of it', () => {
    expect(describeWaiting({ id: R2, action: 'DEPLOY', triggeredBy: 'alice@example.com', origin: 'CONSOLE' })).toBe(
      `${R2} (DEPLOY, by alice@example.com, from CONSOLE)`
    )
    expect(describeWaiting({ id: R2 })).toBe(R2)
  })
})
