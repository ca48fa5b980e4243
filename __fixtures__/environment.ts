/**
 * The environment the tests cancel in: its id, the ids of its deployment requests and its
 * services, as the simulator, the fakes and the scenarios script it.
 */
import type { ServiceScript } from '../test-support/qovery-simulator.ts'

/** The environment's id (a UUID, as the console shows it in the environment's URL). */
export const ENV_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'

/** Deployment request ids: R0 ended before R1, which runs; R2 and R3 wait behind it. */
export const R0 = 'd0000000-0000-4000-8000-000000000000'
export const R1 = 'd1000000-0000-4000-8000-000000000000'
export const R2 = 'd2000000-0000-4000-8000-000000000000'
export const R3 = 'd3000000-0000-4000-8000-000000000000'

/** A waiting request's start delay (ms): an hour, so that it waits whatever the test does. */
export const LATER = 3_600_000

/** The ids of the services api and web of API_AND_WEB. */
export const API_ID = '5a000000-0000-4000-8000-000000000001'
export const WEB_ID = '5a000000-0000-4000-8000-000000000002'

const API: ServiceScript = { id: API_ID, name: 'api', type: 'APPLICATION', stage: 'build' }

/** Two services in two stages: a deploy stopped in the second has deployed api and not yet web. */
export const API_AND_WEB: ServiceScript[] = [API, { id: WEB_ID, name: 'web', type: 'CONTAINER', stage: 'deploy' }]

/** Three services in two stages: a deploy canceled in the second leaves api and worker deployed. */
export const API_WORKER_AND_WEB: ServiceScript[] = [
  API,
  { id: '5a000000-0000-4000-8000-000000000002', name: 'worker', type: 'CONTAINER', stage: 'build' },
  { id: '5a000000-0000-4000-8000-000000000003', name: 'web', type: 'CONTAINER', stage: 'deploy' }
]

/** Requests that wait in the queue in this order, each for LATER: they wait whatever the test does. */
export function waiting(...ids: string[]): Array<{ requestId: string; startAfterMs: number }> {
  return ids.map((requestId) => ({ requestId, startAfterMs: LATER }))
}
