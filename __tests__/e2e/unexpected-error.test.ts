/**
 * The bundled action when something breaks that the run does not expect: the step still ends
 * with its outputs, a summary and a message.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { annotations, expectNoSecret } from '../../test-support/assertions.ts'
import { ROOT, runAction } from '../../test-support/run-action.ts'
import { simulatedEnvironment, simulatorsForTest } from '../../test-support/simulators.ts'
import { outputsWithout } from '../../src/report/outputs.ts'

const TOKEN = 'qov_unexpected_error_secret'
const WITHOUT_REPORT = outputsWithout('failed')
const NOT_KNOWN = "Whether a cancel request reached Qovery is not known: check the environment's deployments in the Qovery console."

/** A deploy that is CANCELING once canceled. */
const { simulate, inputs } = simulatedEnvironment(TOKEN, simulatorsForTest(), {
  script: { before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING' }] }
})
const broken = (how: string, env: Record<string, string> = {}) => ({
  env: { NODE_OPTIONS: `--import=${pathToFileURL(join(ROOT, 'test-support', 'break-action.mjs')).href}`, BREAK_ACTION: how, ...env },
  killAfterMs: 15_000
})

describe('an unexpected error', () => {
  it.each([
    ['in the runtime set-up, before any request', 'set-up', 'AbortController is broken here.'],
    // The status read hangs, so that the run is still under way when the callback throws.
    ['thrown from a callback mid-run', 'uncaught', 'thrown from a callback.'],
    ['from a rejected promise nobody handles', 'rejection', 'rejected, and never handled.']
  ])('%s still ends with outputs, a summary and a message', async (_name, how, message) => {
    const api = await simulate({}, { faults: [{ on: 'status', fault: 'hang' }] })
    const run = await runAction(inputs(api), broken(how))
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toEqual(WITHOUT_REPORT)
    expect(run.summary.trimEnd()).toBe(
      [
        '## ❌ Failed unexpectedly',
        '',
        'The action stopped on an unexpected error:',
        '',
        '```',
        message,
        '```',
        '',
        NOT_KNOWN.replace('.', ' before running the action again.')
      ].join('\n')
    )
    expect(annotations(run, 'error').at(-1)).toBe(`The action failed unexpectedly: ${message} ${NOT_KNOWN}`)
    expect(run.stderr).not.toMatch(/^\s+at /m)
    if (how === 'set-up') {
      // Before run() began: no request, and the token, never masked, is never printed either.
      expect(api.requests).toEqual([])
      for (const text of [run.stdout, run.stderr, run.summary]) expect(text).not.toContain(TOKEN)
    } else {
      expectNoSecret(run, TOKEN)
    }
  })

  it('still writes the summary and the message when the output file cannot be written', async () => {
    const api = await simulate()
    const run = await runAction(inputs(api), broken('set-up', { GITHUB_OUTPUT: join(ROOT, 'no', 'such', 'output') }))
    expect(run.exitCode).toBe(1)
    expect(run.summary).toMatch(/^## ❌ Failed unexpectedly\n/)
    expect(annotations(run, 'error').at(-1)).toMatch(/^The action failed unexpectedly: AbortController is broken here\./)
  })
})
