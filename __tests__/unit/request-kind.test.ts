import { describe, expect, it } from '@jest/globals'
import {
  actionsValueCovering,
  actionsValueFor,
  describeAllowed,
  familyOf,
  isAllowed,
  kindHintOfState,
  kindOfRecords,
  kindsOfServices
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

  it('takes the kind a state suggests as a hint, from the states that suggest one only', () => {
    expect(['BUILDING', 'DEPLOYING', 'DEPLOYMENT_QUEUED'].map(kindHintOfState)).toEqual(['DEPLOY', 'DEPLOY', 'DEPLOY'])
    expect(['RESTARTING', 'STOPPING', 'DELETING', 'delete_queued'].map(kindHintOfState)).toEqual(['RESTART', 'STOP', 'DELETE', 'DELETE'])
    expect(['EXECUTING', 'QUEUED', 'CANCELING', 'MIGRATING', 'DEPLOYED'].map(kindHintOfState)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined
    ])
  })

  it("takes the services' word for the request they take part in", () => {
    const service = (action: string, request?: string, part = true): ServiceStatus => ({
      id: `s-${action}-${request}`,
      type: 'JOB',
      state: 'EXECUTING',
      action,
      isPartOfLastDeployment: part,
      ...(request === undefined ? {} : { deploymentRequestId: request })
    })
    const said = (action: string) => ({ action, source: 'services' })
    expect(kindsOfServices([service('STOP', 'r1'), service('STOP', 'r1'), service('DEPLOY', 'r0')], 'r1')).toEqual([
      said('STOP'),
      said('STOP')
    ])
    expect(kindsOfServices([service('DELETE'), service('DEPLOY', undefined, false)], undefined)).toEqual([said('DELETE')])
    expect(kindsOfServices([], 'r1')).toEqual([])
  })

  it("takes the request's own records first, its services' when they say nothing; records that disagree give none", () => {
    const said = (action: string, source: 'queue' | 'history' | 'services') => ({ action, source }) as const
    expect(kindOfRecords([said('DEPLOY_DRY_RUN', 'history'), said('DEPLOY', 'services')])).toEqual({
      kind: said('DEPLOY_DRY_RUN', 'history')
    })
    // A deploy that stops a service it no longer runs: the service says STOP, the request's records DEPLOY.
    expect(kindOfRecords([said('DEPLOY', 'history'), said('STOP', 'services')])).toEqual({ kind: said('DEPLOY', 'history') })
    expect(kindOfRecords([said('STOP', 'services'), said('STOP', 'services')])).toEqual({ kind: said('STOP', 'services') })
    expect(kindOfRecords([said('STOP', 'services'), said('DEPLOY', 'services')])).toEqual({
      disagree: [said('STOP', 'services'), said('DEPLOY', 'services')]
    })
    expect(kindOfRecords([said('RESTART', 'queue'), said('DEPLOY', 'history')])).toMatchObject({ disagree: expect.any(Array) })
    expect(kindOfRecords([said('UNKNOWN', 'history'), said('UNKNOWN', 'services')])).toEqual({})
    expect(kindOfRecords([said('terraform_migrate_state', 'history')])).toEqual({ kind: said('TERRAFORM_MIGRATE_STATE', 'history') })
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
