/** How the action speaks of requests and of Qovery's own words, the same way in logs, annotations and the summary. */
import type { FoundRequest } from './deployment-request.ts'
import type { RequestKind } from './request-kind.ts'
import { asSentence } from '../util/text.ts'

type Described = Pick<FoundRequest, 'id' | 'kind' | 'triggeredBy' | 'origin'>

/**
 * `deployment request 7d3c1a52-… (DELETE, by alice@example.com, from CONSOLE)`: Qovery's name for
 * the unit, its kind as Qovery names it (trigger_action), who triggered it and from where.
 */
export function describeRequest(request: Described): string {
  return request.id === undefined ? `deployment ${requestParts(request, true)}` : `deployment request ${requestDetails(request)}`
}

/** `7d3c1a52-… (DELETE, by alice@example.com, from CONSOLE)`: a request in a list of requests. */
function requestDetails(request: Described): string {
  return `${request.id ?? 'not named'} ${requestParts(request, true)}`
}

/** `deployment request 7d3c1a52-… (DELETE)`: the request and its kind, where who triggered it was already said. */
export function nameRequest(request: Pick<FoundRequest, 'id' | 'kind'>): string {
  const kind = requestParts(
    { ...(request.id === undefined ? {} : { id: request.id }), ...(request.kind === undefined ? {} : { kind: request.kind }) },
    false
  )
  return `${request.id === undefined ? 'deployment' : `deployment request ${request.id}`}${kind === '' ? '' : ` ${kind}`}`
}

/** `(DELETE, by alice@example.com, from CONSOLE)`; a kind not known is said only where `always`. */
function requestParts(request: Described, always: boolean): string {
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
  return `Qovery said: "${asSentence(detail)}"`
}

/** Lists at most `max` items, then how many more: a long queue must not swell a message. */
export function listed(items: string[], separator: string, max = 20): string {
  const more = items.length > max ? `${separator}and ${items.length - max} more` : ''
  return items.slice(0, max).join(separator) + more
}

/** How prose speaks of one kind of request: "the deploy", "deploys", "being deployed". */
export interface KindWords {
  noun: string
  plural: string
  /** What the environment is undergoing while a request of this kind runs: "is being deleted". */
  underway: string
}

/** trigger_action values in plain words; a kind not known, or new to the action, is "a request". */
const KIND_WORDS: Record<string, KindWords> = {
  DEPLOY: { noun: 'deploy', plural: 'deploys', underway: 'is being deployed' },
  DEPLOY_DRY_RUN: { noun: 'dry-run deploy', plural: 'dry-run deploys', underway: 'runs a dry-run deploy' },
  RESTART: { noun: 'restart', plural: 'restarts', underway: 'is being restarted' },
  STOP: { noun: 'stop', plural: 'stops', underway: 'is being stopped' },
  DELETE: { noun: 'deletion', plural: 'deletions', underway: 'is being deleted' },
  DELETE_RESOURCES_ONLY: { noun: 'deletion of resources', plural: 'deletions of resources', underway: 'has its resources deleted' },
  UNINSTALL: { noun: 'uninstall', plural: 'uninstalls', underway: 'is being uninstalled' },
  TERRAFORM_FORCE_UNLOCK: { noun: 'Terraform force-unlock', plural: 'Terraform force-unlocks', underway: 'runs a Terraform force-unlock' },
  TERRAFORM_MIGRATE_STATE: {
    noun: 'Terraform state migration',
    plural: 'Terraform state migrations',
    underway: 'runs a Terraform state migration'
  }
}

/** The trigger_action values the action has words for. */
export const KNOWN_ACTIONS = Object.keys(KIND_WORDS)

const ANY_KIND: KindWords = { noun: 'request', plural: 'requests of that kind', underway: 'runs a request' }

/** The words for a request's kind (Qovery's trigger_action), given or not. */
export function kindWords(kind: Pick<RequestKind, 'action'> | undefined): KindWords {
  return (kind === undefined ? undefined : KIND_WORDS[kind.action.toUpperCase()]) ?? ANY_KIND
}
