/** How the action speaks of requests and of Qovery's own words, the same way in logs, annotations and the summary. */
import type { FoundRequest } from './deployment-request.ts'

/**
 * `deployment request 7d3c1a52-… (DELETE, by alice@example.com, from CONSOLE)`: Qovery's name for
 * the unit, its kind as Qovery names it (trigger_action), who triggered it and from where.
 */
export function describeRequest(request: Pick<FoundRequest, 'id' | 'kind' | 'triggeredBy' | 'origin'>): string {
  const parts = [
    request.kind?.action ?? 'kind not known',
    request.triggeredBy === undefined ? undefined : `by ${request.triggeredBy}`,
    request.origin === undefined ? undefined : `from ${request.origin}`,
    request.id === undefined ? 'Qovery named no request id' : undefined
  ].filter((part) => part !== undefined)
  return `${request.id === undefined ? 'deployment' : `deployment request ${request.id}`} (${parts.join(', ')})`
}

/** `Qovery said: "This token cannot deploy this environment."`: Qovery's text, whole, as one quoted sentence. */
export function quoteQovery(detail: string): string {
  const text = detail.trim()
  return `Qovery said: "${/[.!?]$/.test(text) ? text : `${text}.`}"`
}

/** `1 request`, `2 requests`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** Lists at most `max` items, then how many more: a long queue must not swell a message. */
export function listed(items: string[], separator: string, max = 20): string {
  const more = items.length > max ? `${separator}and ${items.length - max} more` : ''
  return items.slice(0, max).join(separator) + more
}
