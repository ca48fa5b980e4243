/**
 * Links into Qovery's console, by the routes its code has served since 2026-05 (Qovery's console,
 * commit 720181b1; the older `.../logs/...` patterns the Qovery CLI still prints match no route).
 * Each id goes in as one path segment, percent-encoded beyond encodeURIComponent (! ' ( ) * too),
 * so that a link can go into Markdown as it is. A function returns undefined when an id it needs
 * is missing, empty, `.` or `..` (which a browser would take for a step up the path).
 */

const CONSOLE_URL = 'https://console.qovery.com'

/** Where an environment lives in the console. */
export interface ConsolePlace {
  organizationId?: string | undefined
  projectId?: string | undefined
  environmentId?: string | undefined
}

/** The environment's overview: `/organization/{org}/project/{project}/environment/{env}/overview`. */
export function environmentLink(place: ConsolePlace): string | undefined {
  return consolePath(place, ['overview'])
}

/** The environment's deployments: `.../environment/{env}/deployments`. */
export function deploymentsLink(place: ConsolePlace): string | undefined {
  return consolePath(place, ['deployments'])
}

/** One deployment, by its execution id (the status's last_deployment_id): `.../environment/{env}/deployment/{execution_id}`. */
export function deploymentLink(place: ConsolePlace, executionId: string | undefined): string | undefined {
  return consolePath(place, ['deployment', segment(executionId)])
}

/** A service's logs in one deployment: `.../environment/{env}/service/{serviceId}/deployments/logs/{execution_id}`. */
export function serviceLogsLink(place: ConsolePlace, serviceId: string | undefined, executionId: string | undefined): string | undefined {
  return consolePath(place, ['service', segment(serviceId), 'deployments', 'logs', segment(executionId)])
}

/** The environment's path followed by `rest`, or undefined when a segment is missing. */
function consolePath(place: ConsolePlace, rest: Array<string | undefined>): string | undefined {
  const segments = [
    'organization',
    segment(place.organizationId),
    'project',
    segment(place.projectId),
    'environment',
    segment(place.environmentId),
    ...rest
  ]
  if (segments.some((part) => part === undefined)) return undefined
  return `${CONSOLE_URL}/${segments.join('/')}`
}

/** One path segment of an id, or undefined when there is none to put in. */
function segment(id: string | undefined): string | undefined {
  if (id === undefined || id === '' || id === '.' || id === '..') return undefined
  return encodeURIComponent(id).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
}
