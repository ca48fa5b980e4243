import { describe, expect, it } from '@jest/globals'
import { isFinalState, KNOWN_STATES } from '../../src/rules/states.ts'

describe('isFinalState', () => {
  it.each([
    'CANCELED',
    'DEPLOYED',
    'STOPPED',
    'DELETED',
    'READY',
    'RESTARTED',
    'BUILD_ERROR',
    'DEPLOYMENT_ERROR',
    'STOP_ERROR',
    'DELETE_ERROR',
    'RESTART_ERROR',
    'UNAVAILABLE',
    'RECAP'
  ])('%s is final', (state) => expect(isFinalState(state)).toBe(true))

  it.each([
    'CANCELING',
    'DEPLOYING',
    'BUILDING',
    'STOPPING',
    'DELETING',
    'RESTARTING',
    'EXECUTING',
    'QUEUED',
    'DEPLOYMENT_QUEUED',
    'STOP_QUEUED',
    'DELETE_QUEUED',
    'RESTART_QUEUED',
    'WAITING_RUNNING',
    'WAITING_STOPPING',
    'WAITING_DELETING',
    'WAITING_RESTARTING'
  ])('%s is in progress', (state) => expect(isFinalState(state)).toBe(false))

  it('judges states the API may add later by the same rule, without crashing', () => {
    expect(isFinalState('MIGRATING')).toBe(false)
    expect(isFinalState('WAITING_FOR_APPROVAL')).toBe(false)
    expect(isFinalState('SCALE_QUEUED_X')).toBe(false)
    expect(isFinalState('ARCHIVED')).toBe(true)
    expect(isFinalState('canceling')).toBe(false)
  })

  it('keeps the cancelable states of the console in progress', () => {
    for (const state of [
      'BUILDING',
      'DEPLOYING',
      'RESTARTING',
      'STOPPING',
      'DELETING',
      'STOP_QUEUED',
      'DEPLOYMENT_QUEUED',
      'RESTART_QUEUED',
      'DELETE_QUEUED'
    ]) {
      expect(KNOWN_STATES).toContain(state)
      expect(isFinalState(state)).toBe(false)
    }
  })
})
