import { describe, expect, it } from '@jest/globals'
import type { DeploymentHistoryEntry, HistoryService, ServiceStatus } from '../../src/rules/qovery-records.ts'
import {
  describeServiceEnds,
  endOf,
  entryBehindEnd,
  findDeployment,
  parseIsoDuration,
  type ServiceEnd,
  serviceEnds
} from '../../src/rules/service-ends.ts'

const service = (id: string, state: string, extra: Partial<HistoryService> = {}): HistoryService => ({
  id,
  name: `svc-${id}`,
  type: 'APPLICATION',
  state,
  ...extra
})

/** A canceled deploy: the build stage done, the app stage canceled, the jobs stage skipped. */
const deployment: DeploymentHistoryEntry = {
  executionId: 'exec-2',
  state: 'CANCELED',
  action: 'DEPLOY',
  stages: [
    {
      name: 'databases',
      status: 'DONE',
      services: [service('A1', 'DEPLOYED', { type: 'DATABASE', duration: 'PT1M30.5S' })]
    },
    {
      name: 'apps',
      status: 'CANCELED',
      services: [
        service('b2', 'CANCELED', { version: { commit: 'abc123', message: 'Fix' }, duration: 'PT12S' }),
        service('c3', 'DEPLOYMENT_ERROR', { type: 'CONTAINER', version: { image: 'nginx', tag: '1.27' } })
      ]
    },
    { name: 'jobs', status: 'SKIPPED', services: [service('d4', 'DEPLOYMENT_QUEUED', { type: 'JOB' })] }
  ]
}

const status = (id: string, state: string): ServiceStatus => ({ id, type: 'APPLICATION', state })

describe('serviceEnds', () => {
  it('lists the services of the history entry in its order, with how each ended and its state now', () => {
    const ends = serviceEnds(deployment, [status('a1', 'DEPLOYED'), status('b2', 'DEPLOYED'), status('zz', 'DEPLOYING')], 'DEPLOY')
    expect(ends).toEqual([
      {
        id: 'a1',
        name: 'svc-A1',
        type: 'DATABASE',
        stage: 'databases',
        state: 'DEPLOYED',
        end: 'done-before-cancel',
        now: 'DEPLOYED',
        durationMs: 90_500
      },
      {
        id: 'b2',
        name: 'svc-b2',
        type: 'APPLICATION',
        stage: 'apps',
        state: 'CANCELED',
        end: 'canceled',
        now: 'DEPLOYED',
        version: { commit: 'abc123', message: 'Fix' },
        durationMs: 12_000
      },
      {
        id: 'c3',
        name: 'svc-c3',
        type: 'CONTAINER',
        stage: 'apps',
        state: 'DEPLOYMENT_ERROR',
        end: 'failed',
        version: { image: 'nginx', tag: '1.27' }
      },
      { id: 'd4', name: 'svc-d4', type: 'JOB', stage: 'jobs', state: 'DEPLOYMENT_QUEUED', end: 'not-started' }
    ])
  })

  it('never invents a service from the statuses alone, nor any service without a history entry', () => {
    expect(serviceEnds(undefined, [status('a1', 'DEPLOYED')], 'DEPLOY')).toEqual([])
    expect(serviceEnds({ ...deployment, stages: [] }, [status('a1', 'DEPLOYED')], 'DEPLOY')).toEqual([])
    expect(serviceEnds(deployment, undefined, 'DEPLOY').map((end) => end.now)).toEqual([undefined, undefined, undefined, undefined])
  })

  it("takes the entry's trigger_action when the request's kind is not known", () => {
    const stop: DeploymentHistoryEntry = {
      executionId: 'e',
      state: 'CANCELED',
      action: 'STOP',
      stages: [{ name: 's', services: [service('a', 'STOPPED'), service('b', 'DEPLOYED')] }]
    }
    expect(serviceEnds(stop, [], undefined).map((end) => end.end)).toEqual(['done-before-cancel', 'unknown'])
    expect(serviceEnds(stop, [], 'DEPLOY').map((end) => end.end)).toEqual(['unknown', 'done-before-cancel'])
  })
})

describe('endOf', () => {
  // A service's state, its stage's status, the request's kind, and the end they make.
  const ROWS = [
    'CANCELED           CANCELED  DEPLOY          canceled',
    'DEPLOYED           DONE      DEPLOY          done-before-cancel',
    'STOPPED            DONE      STOP            done-before-cancel',
    'DELETED            DONE      DELETE          done-before-cancel',
    'RESTARTED          DONE      RESTART         done-before-cancel',
    'deployed           done      deploy          done-before-cancel',
    'DEPLOYED           DONE      -               done-before-cancel',
    'STOPPED            DONE      DEPLOY_DRY_RUN  done-before-cancel',
    'DEPLOYED           DONE      STOP            unknown',
    'BUILD_ERROR        ERROR     DEPLOY          failed',
    'STOP_ERROR         ERROR     STOP            failed',
    'DEPLOYING          ONGOING   DEPLOY          in-progress',
    'CANCELING          CANCELED  DEPLOY          in-progress',
    'WAITING_RUNNING    -         DEPLOY          in-progress',
    'DEPLOYMENT_QUEUED  ONGOING   DEPLOY          in-progress',
    'DEPLOYMENT_QUEUED  QUEUED    DEPLOY          not-started',
    'STOP_QUEUED        SKIPPED   STOP            not-started',
    'BUILDING           SKIPPED   DEPLOY          not-started',
    'DEPLOYED           SKIPPED   DEPLOY          done-before-cancel',
    'READY              DONE      DEPLOY          unknown',
    'UNAVAILABLE        DONE      DEPLOY          unknown',
    'SOMETHING_NEW      DONE      DEPLOY          unknown',
    "''                 DONE      DEPLOY          unknown"
  ]
  /** A row's cells: - stands for a value not given, '' for the empty string. */
  const cells = (row: string) => row.split(/ +/).map((cell) => (cell === '-' ? undefined : cell === "''" ? '' : cell))

  it.each(ROWS.map(cells))('%s in a stage %s of a %s request: %s', (state, stage, kind, end) => {
    expect(endOf(state!, stage, kind)).toBe(end)
  })
})

describe('describeServiceEnds', () => {
  const ends = (...list: ServiceEnd['end'][]): ServiceEnd[] =>
    list.map((end, index) => ({ id: `s${index}`, name: '', type: 'JOB', stage: '', state: '', end }))

  it('counts in a fixed order, with the words of the kind', () => {
    expect(describeServiceEnds(ends('done-before-cancel', 'canceled', 'done-before-cancel'), 'DEPLOY')).toBe(
      '3 services: 1 canceled, 2 deployed before the cancel'
    )
    expect(describeServiceEnds(ends('done-before-cancel'), 'STOP')).toBe('1 service: 1 stopped before the cancel')
    expect(describeServiceEnds(ends('done-before-cancel'), 'delete')).toBe('1 service: 1 deleted before the cancel')
    expect(describeServiceEnds(ends('done-before-cancel'), 'RESTART')).toBe('1 service: 1 restarted before the cancel')
    expect(describeServiceEnds(ends('done-before-cancel'), undefined)).toBe('1 service: 1 done before the cancel')
    expect(describeServiceEnds(ends('unknown', 'not-started', 'in-progress', 'failed', 'canceled'), 'DEPLOY')).toBe(
      '5 services: 1 canceled, 1 failed, 1 still in progress, 1 not started, 1 in an unknown state'
    )
  })

  it('says when no service is listed', () => {
    expect(describeServiceEnds([], 'DEPLOY')).toBe('no service listed')
  })
})

describe('entryBehindEnd', () => {
  /** The canceled deployment as a history that lags shows it: still canceling, its last stage still under way. */
  const lagging: DeploymentHistoryEntry = {
    ...deployment,
    state: 'CANCELING',
    stages: [deployment.stages[0]!, { name: 'apps', status: 'ONGOING', services: [service('b2', 'CANCELING')] }]
  }

  it('says an entry still in progress once the request ended cannot tell how its services ended', () => {
    expect(entryBehindEnd(lagging, true)).toBe("Qovery's deployment history still showed the deployment canceling after it had ended")
    expect(entryBehindEnd({ ...lagging, state: 'DEPLOYING' }, true)).toBe(
      "Qovery's deployment history still showed the deployment deploying after it had ended"
    )
  })

  it('takes a final entry, and an entry in progress while the request has not ended (its services were in progress then)', () => {
    expect(entryBehindEnd(deployment, true)).toBeUndefined()
    expect(entryBehindEnd({ ...deployment, state: 'DEPLOYMENT_ERROR' }, true)).toBeUndefined()
    expect(entryBehindEnd(lagging, false)).toBeUndefined()
  })
})

describe('findDeployment', () => {
  const other: DeploymentHistoryEntry = { executionId: 'exec-1', state: 'DEPLOYED', stages: [] }

  it("finds the entry whose execution id is the status's last_deployment_id", () => {
    expect(findDeployment([deployment, other], 'exec-1')).toBe(other)
    expect(findDeployment([deployment, other], 'EXEC-2')).toBe(deployment)
  })

  it('finds none without an id, or for an id no entry has', () => {
    expect(findDeployment([deployment], undefined)).toBeUndefined()
    expect(findDeployment([deployment], null)).toBeUndefined()
    expect(findDeployment([deployment], '')).toBeUndefined()
    expect(findDeployment([deployment], 'exec-3')).toBeUndefined()
  })
})

describe('parseIsoDuration', () => {
  it.each([
    ['PT1M30.5S', 90_500],
    ['PT0S', 0],
    ['PT2H', 7_200_000],
    ['P1DT1H', 90_000_000],
    ['P1W', 604_800_000],
    ['PT0,25S', 250],
    ['PT1H2M3.004S', 3_723_004],
    [' pt5s ', 5000],
    ['PT0.0004S', 0]
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms)
  })

  it.each([undefined, '', 'P', 'PT', 'P1DT', '90s', '-PT1S', 'P1Y', 'P2M', 'PT1S1M', 'PT1.S', 'PT.5S', 'PT1E3S', `PT${'9'.repeat(400)}S`])(
    'finds %p unreadable',
    (text) => {
      expect(parseIsoDuration(text)).toBeUndefined()
    }
  )
})
