/** How the action speaks of requests and of Qovery's own words, the same way in logs, annotations and the summary. */
import type { FoundRequest } from './deployment-request.ts'

type Described = Pick<FoundRequest, 'id' | 'kind' | 'triggeredBy' | 'origin'>

/**
 * `deployment request 7d3c1a52-… (DELETE, by alice@example.com, from CONSOLE)`: Qovery's name for
 * the unit, its kind as Qovery names it (trigger_action), who triggered it and from where.
 */
export function describeRequest(request: Described): string {
  return request.id === undefined ? `deployment ${details(request, true)}` : `deployment request ${requestDetails(request)}`
}

/** `7d3c1a52-… (DELETE, by alice@example.com, from CONSOLE)`: a request in a list of requests. */
export function requestDetails(request: Described): string {
  return `${request.id ?? 'not named'} ${details(request, true)}`
}

/** `deployment request 7d3c1a52-… (DELETE)`: the request and its kind, where who triggered it was already said. */
export function nameRequest(request: Pick<FoundRequest, 'id' | 'kind'>): string {
  const kind = details(
    { ...(request.id === undefined ? {} : { id: request.id }), ...(request.kind === undefined ? {} : { kind: request.kind }) },
    false
  )
  return `${request.id === undefined ? 'deployment' : `deployment request ${request.id}`}${kind === '' ? '' : ` ${kind}`}`
}

/** `(DELETE, by alice@example.com, from CONSOLE)`; a kind not known is said only where `always`. */
function details(request: Described, always: boolean): string {
  const parts = [
    request.kind?.action ?? (always ? 'kind not known' : undefined),
    request.triggeredBy === undefined ? undefined : `by ${request.triggeredBy}`,
    request.origin === undefined ? undefined : `from ${request.origin}`,
    request.id === undefined ? 'Qovery named no request id' : undefined
  ].filter((part) => part !== undefined)
  return parts.length === 0 ? '' : `(${parts.join(', ')})`
}

/** `Qovery said: "This token cannot deploy this environment."`: Qovery's text, whole, as one quoted sentence. */
export function quoteQovery(detail: string): string {
  const text = detail.trim()
  return `Qovery said: "${/[.!?]$/.test(text) ? text : `${text}.`}"`
}

/** Lists at most `max` items, then how many more: a long queue must not swell a message. */
export function listed(items: string[], separator: string, max = 20): string {
  const more = items.length > max ? `${separator}and ${items.length - max} more` : ''
  return items.slice(0, max).join(separator) + more
}
