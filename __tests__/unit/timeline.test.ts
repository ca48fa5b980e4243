import { describe, expect, it } from '@jest/globals'
import { addSighting, MAX_TIMELINE, type Timeline } from '../../src/rules/timeline.ts'

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0)
const R1 = 'a1a1a1a1-1111-4111-8111-111111111111'
const R2 = 'a2a2a2a2-2222-4222-8222-222222222222'

describe('addSighting', () => {
  it('takes a status that names no request, in the state last shown, as no change', () => {
    const seen: Timeline = { timeline: [], timelineDropped: 0 }
    addSighting(seen, { state: 'DEPLOYING', request: R1, at: T0, source: 'status' })
    expect(addSighting(seen, { state: 'DEPLOYING', at: T0 + 4, source: 'status' })).toBeUndefined()
    expect(seen.timeline).toHaveLength(1)
    expect(addSighting(seen, { state: 'CANCELING', at: T0 + 1_000, source: 'status' })).toBe(
      '[09:00:01Z] Environment state: DEPLOYING -> CANCELING (after 1s)'
    )
  })

  it('logs a change of state, and the request when it changes', () => {
    const seen: Timeline = { timeline: [], timelineDropped: 0 }
    expect(addSighting(seen, { state: 'DEPLOYING', request: R1, at: T0, source: 'status' })).toBe(
      `[09:00:00Z] Environment state: DEPLOYING [request ${R1}]`
    )
    expect(addSighting(seen, { state: 'DEPLOYING', request: R1, at: T0 + 1_000, source: 'status' })).toBeUndefined()
    expect(addSighting(seen, { state: 'CANCELING', request: R1, at: T0 + 2_000, source: 'status' })).toBe(
      '[09:00:02Z] Environment state: DEPLOYING -> CANCELING (after 2s)'
    )
    expect(addSighting(seen, { state: 'DEPLOYING', request: R2, at: T0 + 5_000, source: 'status' })).toBe(
      `[09:00:05Z] Environment state: CANCELING -> DEPLOYING (after 3s) [request ${R2}]`
    )
    expect(addSighting(seen, { state: 'CANCELED', request: R1, at: T0 + 5_000, source: 'lookup' })).toBe(
      `[09:00:05Z] Deployment request ${R1}: CANCELING -> CANCELED (after 3s)`
    )
    expect(seen.timeline.map((sighting) => `${sighting.state} ${sighting.request?.slice(0, 2)}`)).toEqual([
      'DEPLOYING a1',
      'CANCELING a1',
      'DEPLOYING a2',
      'CANCELED a1'
    ])
  })

  it("tells the status's change from the request's lookup when that saw a state the status then showed", () => {
    const seen: Timeline = { timeline: [], timelineDropped: 0 }
    addSighting(seen, { state: 'DEPLOYING', request: R1, at: T0, source: 'status' })
    addSighting(seen, { state: 'CANCELING', request: R1, at: T0 + 1_000, source: 'lookup' })
    expect(addSighting(seen, { state: 'CANCELING', request: R1, at: T0 + 2_000, source: 'status' })).toBeUndefined()
    expect(addSighting(seen, { state: 'CANCELED', request: R1, at: T0 + 4_000, source: 'status' })).toBe(
      '[09:00:04Z] Environment state: CANCELING -> CANCELED (after 3s)'
    )
  })

  it('keeps the first sighting and the latest ones, counting what it drops', () => {
    const seen: Timeline = { timeline: [], timelineDropped: 0 }
    for (let index = 0; index < MAX_TIMELINE + 50; index++)
      addSighting(seen, { state: index % 2 ? 'CANCELING' : 'DEPLOYING', at: T0 + index, source: 'status' })
    expect(seen.timeline).toHaveLength(MAX_TIMELINE)
    expect(seen.timeline[0]!.at).toBe(T0)
    expect(seen.timeline.at(-1)!.at).toBe(T0 + MAX_TIMELINE + 49)
    expect(seen.timelineDropped).toBe(50)
  })
})
