import { formatDuration } from '../util/duration.ts'

/** A state, the request it belongs to when known, and when it was first seen, in order. */
export interface Sighting {
  state: string
  request?: string
  at: number
  /** Read from the environment's status, or from the lookup of one request. */
  source: 'status' | 'lookup'
}

/** What the action saw, bounded: the first sighting and the latest ones. */
export interface Timeline {
  timeline: Sighting[]
  /** Sightings dropped to keep the timeline within MAX_TIMELINE. */
  timelineDropped: number
}

/**
 * Sightings kept: a state that flaps for an hour must not grow the log and the summary without
 * bound (GitHub takes at most 1 MiB of summary). The first is kept, the oldest after it go.
 */
export const MAX_TIMELINE = 100

/** The last sighting of a request (or, for undefined, of the status that names none). */
function lastSighting(timeline: Sighting[], request: string | undefined): Sighting | undefined {
  return timeline.findLast((sighting) => sighting.request === request)
}

/**
 * Adds a sighting, unless its request was last seen in the same state (the status's and a lookup's
 * sightings interleave). Returns the log line for it, or undefined when nothing changed.
 */
export function addSighting(seen: Timeline, sighting: Sighting): string | undefined {
  const { state, request, at, source } = sighting
  const previous = lastSighting(seen.timeline, request)
  if (previous?.state === state) return undefined
  const shownBefore = source === 'status' ? seen.timeline.findLast((earlier) => earlier.source === 'status') : undefined
  // The status's request id is optional: one that names none, in the state last shown, changes nothing.
  if (request === undefined && shownBefore?.state === state) return undefined
  seen.timeline.push(sighting)
  if (seen.timeline.length > MAX_TIMELINE) {
    seen.timeline.splice(1, 1)
    seen.timelineDropped += 1
  }
  // The status's change is told from what was last seen of the environment: its last status, or
  // a lookup of the same request since (CANCELING seen by the lookup, then CANCELED by the status).
  const from =
    source === 'status'
      ? seen.timeline.findLast(
          (earlier) => earlier !== sighting && (earlier.source === 'status' || (request !== undefined && earlier.request === request))
        )
      : previous
  const change = from === undefined ? state : `${from.state} -> ${state} (after ${formatDuration(at - from.at)})`
  const what = source === 'status' ? 'Environment state' : `Deployment request ${request}`
  const owner = source === 'status' && request !== undefined && request !== shownBefore?.request ? ` [request ${request}]` : ''
  return `[${new Date(at).toISOString().slice(11, 19)}Z] ${what}: ${change}${owner}`
}
