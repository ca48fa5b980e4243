import { describe, expect, it } from '@jest/globals'
import { deploymentLink, deploymentsLink, environmentLink, serviceLogsLink } from '../../src/report/console-links.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const ORG = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
const PROJECT = '5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c'
const SERVICE = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'
const EXECUTION = `${ENV_ID}-12-1767600000`
const place = { organizationId: ORG, projectId: PROJECT, environmentId: ENV_ID }
const environment = `https://console.qovery.com/organization/${ORG}/project/${PROJECT}/environment/${ENV_ID}`

describe('console links', () => {
  it("follow the console's routes", () => {
    expect(environmentLink(place)).toBe(`${environment}/overview`)
    expect(deploymentsLink(place)).toBe(`${environment}/deployments`)
    expect(deploymentLink(place, EXECUTION)).toBe(`${environment}/deployment/${EXECUTION}`)
    expect(serviceLogsLink(place, SERVICE, EXECUTION)).toBe(`${environment}/service/${SERVICE}/deployments/logs/${EXECUTION}`)
  })

  it('are undefined when an id they need is missing or empty', () => {
    for (const missing of ['organizationId', 'projectId', 'environmentId'] as const) {
      for (const value of [undefined, '']) {
        const partial = { ...place, [missing]: value }
        expect([missing, value, environmentLink(partial)]).toEqual([missing, value, undefined])
        expect(deploymentsLink(partial)).toBeUndefined()
        expect(deploymentLink(partial, EXECUTION)).toBeUndefined()
        expect(serviceLogsLink(partial, SERVICE, EXECUTION)).toBeUndefined()
      }
    }
    expect(deploymentLink(place, undefined)).toBeUndefined()
    expect(deploymentLink(place, '')).toBeUndefined()
    expect(serviceLogsLink(place, undefined, EXECUTION)).toBeUndefined()
    expect(serviceLogsLink(place, SERVICE, undefined)).toBeUndefined()
  })

  it('put each id in one path segment, safe in Markdown, and never step up the path', () => {
    const odd = { organizationId: 'a/b?c#d', projectId: 'x y](javascript:alert(1))', environmentId: "it's*!" }
    expect(environmentLink(odd)).toBe(
      'https://console.qovery.com/organization/a%2Fb%3Fc%23d/project/x%20y%5D%28javascript%3Aalert%281%29%29/environment/it%27s%2A%21/overview'
    )
    expect(serviceLogsLink(odd, '..', 'e')).toBeUndefined()
    expect(deploymentLink(place, '.')).toBeUndefined()
    expect(environmentLink({ ...place, projectId: '..' })).toBeUndefined()
    // '../..' is one segment, encoded: a browser keeps the path as it is.
    expect(new URL(deploymentLink(place, '../..')!).pathname).toBe(
      `/organization/${ORG}/project/${PROJECT}/environment/${ENV_ID}/deployment/..%2F..`
    )
    for (const link of [environmentLink(odd), deploymentLink(odd, 'a)b'), serviceLogsLink(odd, '(s)', 'e e')]) {
      expect(link).toMatch(/^https:\/\/console\.qovery\.com\/[A-Za-z0-9\-_.~%/]+$/)
    }
  })
})
