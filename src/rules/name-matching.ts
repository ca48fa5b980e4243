import { UUID } from '../util/ids.ts'
import type { Named } from './qovery-records.ts'

export type Level = 'organization' | 'project' | 'environment'

export type Match = { found: Named } | { problem: string }

/** How many existing names an error lists before it says how many more there are. */
export const LISTED_NAMES = 20

/**
 * Finds what the user named among what the API lists. A UUID is an id at that level; a name
 * matches as Qovery documents names: case-insensitively, surrounding blanks ignored.
 * `where` says where the list comes from, for messages ("in project shop").
 */
export function matchNamed(level: Level, wanted: string, items: Named[], where: string): Match {
  const byId = UUID.test(wanted.trim())
  const key = normalize(wanted)
  const found = items.filter((item) => (byId ? item.id.toLowerCase() === key : normalize(item.name) === key))
  if (found.length === 1) return { found: found[0] as Named }
  const plural = `${level === 'organization' ? 'organizations' : `${level}s`}`
  if (found.length > 1) {
    const candidates = found.map((item) => `"${item.name}" (${item.id})`).join(', ')
    return { problem: `${found.length} ${plural} ${where} are named "${wanted.trim()}": ${candidates}. Give the ${level} by id instead.` }
  }
  const what = byId ? `with id ${wanted.trim()}` : `named "${wanted.trim()}"`
  if (items.length === 0) {
    const none = level === 'organization' ? 'the token sees no organization at all' : `the token sees no ${level} in it`
    return { problem: `No ${level} ${what} ${where}: ${none}.` }
  }
  const names = items
    .slice(0, LISTED_NAMES)
    .map((item) => `"${item.name}"`)
    .join(', ')
  const more = items.length > LISTED_NAMES ? ` and ${items.length - LISTED_NAMES} more` : ''
  return { problem: `No ${level} ${what} ${where}. The ${plural} there are: ${names}${more}.` }
}

function normalize(text: string): string {
  return text.trim().toLowerCase()
}
