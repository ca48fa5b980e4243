/** action.yml against the code: the same inputs, defaults and outputs. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { OUTCOMES } from '../../src/report/outcome-words.ts'
import { OUTPUT_NAMES, outputsOf, outputsWithout } from '../../src/report/outputs.ts'
import { Run } from '../../src/flow/run.ts'
import { DEFAULTS, readSettings } from '../../src/inputs/settings.ts'
import { VERSION } from '../../src/util/version.ts'
import { ROOT } from '../../test-support/run-action.ts'
import { status } from '../../__fixtures__/fakes.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

interface ActionYaml {
  name: string
  description: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYaml

describe('action.yml', () => {
  it('announces the version of package.json in its User-Agent', () => {
    expect(VERSION).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version)
  })

  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(action.branding.icon).toBeTruthy()
  })

  it('describes every input', () => {
    for (const [name, input] of Object.entries(action.inputs)) expect([name, input.description.length > 20]).toEqual([name, true])
  })

  it('has the defaults the code applies when the runner passes none', () => {
    const withDefaults = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, input]) => input.default !== undefined)
        .map(([name, input]) => [name, input.default])
    )
    expect(withDefaults).toEqual(DEFAULTS)
  })

  it('requires exactly the inputs without which the code refuses to run', () => {
    const required = Object.entries(action.inputs)
      .filter(([, input]) => input.required)
      .map(([name]) => name)
    expect(required).toEqual(['token'])
    const read: string[] = []
    readSettings((name) => {
      read.push(name)
      return name === 'environment-id' ? ENV_ID : name === 'token' ? 'qov_x' : ''
    })
    expect([...new Set(read)].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('declares every output the code sets, and no other', () => {
    const set = Object.keys(
      outputsOf({
        ...new Run(0).state,
        outcome: 'canceled',
        environmentId: ENV_ID,
        status: status('CANCELED'),
        target: { id: 'r-1', via: 'environment', sawCanceling: false, said: [] },
        endedAt: 0
      })
    )
    expect(Object.keys(action.outputs)).toEqual(set)
    expect(Object.keys(outputsWithout('invalid-input'))).toEqual(set)
    expect(OUTPUT_NAMES).toEqual(Object.keys(action.outputs))
  })

  it('names every outcome in the outcome output', () => {
    for (const outcome of Object.keys(OUTCOMES)) expect(action.outputs.outcome!.description).toContain(outcome)
  })
})
