import { type Level, matchNamed } from '../rules/name-matching.ts'
import { type Named } from '../rules/qovery-records.ts'
import type { QoveryApi } from '../qovery/client.ts'
import type { RetryPolicy } from '../qovery/retry-policy.ts'
import type { Retrying } from '../qovery/retrying.ts'
import type { EnvironmentNames } from '../inputs/settings.ts'

export interface ResolvedEnvironment {
  organization: Named
  project: Named
  environment: Named
}

/** A name matched nothing, or more than one thing. */
export class ResolutionFailed extends Error {
  readonly level: Level
  constructor(level: Level, message: string) {
    super(message)
    this.name = 'ResolutionFailed'
    this.level = level
  }
}

/** Walks organization, project, environment through the list endpoints, one level at a time. */
export async function resolveEnvironment(
  names: EnvironmentNames,
  api: QoveryApi,
  retry: Retrying,
  policy: RetryPolicy,
  signal: AbortSignal
): Promise<ResolvedEnvironment> {
  const pick = (level: Level, items: Named[], where: string): Named => {
    const match = matchNamed(level, names[level], items, where)
    if ('problem' in match) throw new ResolutionFailed(level, match.problem)
    return match.found
  }
  const organization = pick(
    'organization',
    await retry.call('Listing the organizations', policy, () => api.listOrganizations(signal)),
    'visible to the token'
  )
  const projects = await retry.call(`Listing the projects of ${organization.name}`, policy, () => api.listProjects(organization.id, signal))
  const project = pick('project', projects, `in organization "${organization.name}"`)
  const environments = await retry.call(`Listing the environments of ${project.name}`, policy, () =>
    api.listEnvironments(project.id, signal)
  )
  const environment = pick('environment', environments, `in project "${project.name}"`)
  return { organization, project, environment }
}
