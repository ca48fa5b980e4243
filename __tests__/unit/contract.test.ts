/**
 * The project's view of the Qovery API against Qovery's OpenAPI spec (../shared/qovery/openapi.yaml
 * beside the repository), so that a change of the spec shows up as a failing test.
 */
import { readFileSync } from 'node:fs'
import { expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { STATUS_REQUIRED_FIELDS } from '../../src/qovery/client.ts'
import { KNOWN_STATES } from '../../src/rules/states.ts'
import { describeWithSpec, SPEC, SPEC_PRESENT } from '../../test-support/openapi-spec.ts'

interface Spec {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, unknown>
        requestBody?: { content: Record<string, { schema: { properties: Record<string, { type: string; default?: unknown }> } }> }
      }
    >
  >
  components: { schemas: Record<string, { required?: string[]; enum?: string[]; properties?: Record<string, unknown> }> }
}

const spec = SPEC_PRESENT ? (parse(readFileSync(SPEC, 'utf8'), { maxAliasCount: -1 }) as Spec) : undefined

describeWithSpec(`the Qovery OpenAPI spec at ${SPEC}`, () => {
  const schemas = spec?.components.schemas ?? {}
  const paths = spec?.paths ?? {}

  it('lists exactly the states the project knows', () => {
    expect([...KNOWN_STATES].sort()).toEqual([...(schemas.StateEnum!.enum ?? [])].sort())
  })

  it('requires exactly the EnvironmentStatus fields the client checks', () => {
    expect([...STATUS_REQUIRED_FIELDS].sort()).toEqual([...(schemas.EnvironmentStatus!.required ?? [])].sort())
  })

  it('has every EnvironmentStatus field the outputs read', () => {
    const fields = Object.keys(schemas.EnvironmentStatus!.properties ?? {})
    for (const field of [
      'state',
      'last_deployment_state',
      'last_deployment_id',
      'last_deployment_date',
      'deployment_request_id',
      'total_deployment_duration_in_seconds',
      'deployment_status'
    ]) {
      expect(fields).toContain(field)
    }
  })

  it('declares the answers the action handles for the cancel and the status read', () => {
    const cancel = paths['/environment/{environmentId}/cancelDeployment']!.post!
    expect(Object.keys(cancel.responses).sort()).toEqual(['202', '401', '403', '404', '409'])
    expect(cancel.requestBody!.content['application/json']!.schema.properties.force_cancel).toMatchObject({
      type: 'boolean',
      default: false
    })
    const status = paths['/environment/{environmentId}/status']!.get!
    expect(Object.keys(status.responses).sort()).toEqual(['200', '401', '403', '404'])
  })

  it('declares the deployment queue, the request lookup and the per-request cancel as the client reads them', () => {
    const queued = schemas.QueuedDeploymentRequestWithStages as {
      required: string[]
      properties: Record<string, { required?: string[]; properties?: Record<string, unknown> }>
    }
    expect(queued.required).toEqual(expect.arrayContaining(['identifier', 'auditing_data', 'trigger_action']))
    expect(queued.properties.identifier!.required).toEqual(expect.arrayContaining(['deployment_request_id']))
    expect(Object.keys(queued.properties.auditing_data!.properties ?? {})).toEqual(expect.arrayContaining(['triggered_by', 'origin']))
    expect(Object.keys(paths['/environment/{environmentId}/deploymentQueue']!.get!.responses)).toContain('200')
    const lookup = paths['/environment/deploymentStatus']!.get! as unknown as {
      parameters: Array<{ name: string; in: string; required: boolean }>
    }
    expect(lookup.parameters).toEqual([expect.objectContaining({ name: 'deploymentRequestId', in: 'query', required: true })])
    expect(Object.keys(schemas.EnvDeploymentStatus!.properties ?? {})).toEqual(expect.arrayContaining(['deployment_request_id', 'status']))
    const cancel = paths['/deploymentQueue/{deploymentRequestId}/cancelDeployment']!.post!
    expect(Object.keys(cancel.responses).sort()).toEqual(['202', '401', '403', '404', '409'])
    expect(Object.keys(schemas.EnvironmentStatus!.properties ?? {})).toContain('deployment_request_id')
  })
})
