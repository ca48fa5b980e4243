import { describe, expect, it } from '@jest/globals'
import {
  actionsValueCovering,
  actionsValueFor,
  describeAllowed,
  familyOf,
  isAllowed,
  kindOfServices,
  kindOfState
} from '../../src/rules/request-kind.ts'
import { kindWords } from '../../src/rules/words.ts'
import type { ServiceStatus } from '../../src/rules/qovery-records.ts'

const kind = (action: string) => ({ action, source: 'queue' }) as const

describe('request kinds', () => {
  it('maps every trigger_action of the spec onto the actions input, the unusual ones onto all only', () => {
    expect(['DEPLOY', 'DEPLOY_DRY_RUN'].map(familyOf)).toEqual(['deploy', 'deploy'])
    expect(['DELETE', 'DELETE_RESOURCES_ONLY', 'UNINSTALL'].map(familyOf)).toEqual(['delete', 'delete', 'delete'])
    expect([familyOf('RESTART'), familyOf('stop')]).toEqual(['restart', 'stop'])
    expect(['TERRAFORM_FORCE_UNLOCK', 'TERRAFORM_MIGRATE_STATE', 'UNKNOWN', 'SOMETHING_NEW'].map(familyOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined
    ])
  })

  it('reads the kind from the states that name it, and from no other', () => {
    expect(['BUILDING', 'DEPLOYING', 'DEPLOYMENT_QUEUED'].map((state) => kindOfState(state)?.action)).toEqual([
      'DEPLOY',
      'DEPLOY',
      'DEPLOY'
    ])
    expect(['RESTARTING', 'STOPPING', 'DELETING', 'delete_queued'].map((state) => kindOfState(state)?.action)).toEqual([
      'RESTART',
      'STOP',
      'DELETE',
      'DELETE'
    ])
    expect(['EXECUTING', 'QUEUED', 'CANCELING', 'MIGRATING', 'DEPLOYED'].map(kindOfState)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined
    ])
  })

  it("takes the services' word only when all those taking part agree", () => {
    const service = (action: string, request?: string, part = true): ServiceStatus => ({
      id: `s-${action}-${request}`,
      type: 'JOB',
      state: 'EXECUTING',
      action,
      isPartOfLastDeployment: part,
      ...(request === undefined ? {} : { deploymentRequestId: request })
    })
    expect(kindOfServices([service('STOP', 'r1'), service('STOP', 'r1'), service('DEPLOY', 'r0')], 'r1')).toEqual({
      action: 'STOP',
      source: 'services'
    })
    expect(kindOfServices([service('STOP', 'r1'), service('DEPLOY', 'r1')], 'r1')).toBeUndefined()
    expect(kindOfServices([service('UNKNOWN', 'r1')], 'r1')).toBeUndefined()
    expect(kindOfServices([service('DELETE'), service('DEPLOY', undefined, false)], undefined)).toEqual({
      action: 'DELETE',
      source: 'services'
    })
    expect(kindOfServices([], 'r1')).toBeUndefined()
  })

  it('allows a kind only through its family, or all; a kind not known only through all', () => {
    const deploys = new Set(['deploy'] as const)
    expect(isAllowed(kind('DEPLOY'), deploys)).toBe(true)
    expect(isAllowed(kind('DELETE'), deploys)).toBe(false)
    expect(isAllowed(undefined, deploys)).toBe(false)
    expect(isAllowed(kind('TERRAFORM_FORCE_UNLOCK'), new Set(['deploy', 'restart', 'stop', 'delete'] as const))).toBe(false)
    expect(isAllowed(undefined, 'all')).toBe(true)
  })

  it('speaks of each kind in words, and says which actions value would cancel it', () => {
    const noun = (action?: string) => kindWords(action === undefined ? undefined : kind(action)).noun
    expect([noun('DEPLOY'), noun('DELETE'), noun('STOP'), noun('RESTART')]).toEqual(['deploy', 'deletion', 'stop', 'restart'])
    // Raw values stay out of prose: a kind not known, or new to the action, is a request.
    expect([noun(undefined), noun('NEW_THING')]).toEqual(['request', 'request'])
    expect([kindWords(kind('DELETE')).underway, kindWords(kind('DELETE')).plural]).toEqual(['is being deleted', 'deletions'])
    expect([actionsValueFor(kind('DELETE')), actionsValueFor(kind('NEW_THING')), actionsValueFor(undefined)]).toEqual([
      'delete',
      'all',
      'all'
    ])
    expect([describeAllowed('all'), describeAllowed(new Set(['stop', 'deploy'] as const))]).toEqual(['all', 'deploy, stop'])
  })

  it('names the actions value that would also cancel the kinds left alone', () => {
    const deploy = new Set(['deploy'] as const)
    const kind = (action: string) => ({ action, source: 'queue' as const })
    expect(actionsValueCovering([kind('DEPLOY'), kind('DEPLOY_DRY_RUN')], deploy)).toBeUndefined()
    expect(actionsValueCovering([kind('RESTART')], 'all')).toBeUndefined()
    expect(actionsValueCovering([kind('DEPLOY'), kind('RESTART'), kind('UNINSTALL')], deploy)).toBe('deploy, restart, delete')
    expect(actionsValueCovering([kind('TERRAFORM_FORCE_UNLOCK')], deploy)).toBe('all')
    expect(actionsValueCovering([undefined], new Set(['stop'] as const))).toBe('all')
  })
})
