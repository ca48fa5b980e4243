import { describe, expect, it } from '@jest/globals'
import { type CrashIO, crashReporter, crashSummary } from '../../src/report/crash-report.ts'
import { JSON_OUTPUTS, outputsWithout } from '../../src/report/outputs.ts'

const TOKEN = 'qov_crash_secret'

/** A runner whose writes can be made to fail one by one. */
class Runner implements CrashIO {
  outputs: Record<string, string> = {}
  summary: string | undefined
  failed: string | undefined
  private readonly broken: Array<'setOutput' | 'writeSummary' | 'setFailed' | 'getInput'>
  constructor(broken: Array<'setOutput' | 'writeSummary' | 'setFailed' | 'getInput'> = []) {
    this.broken = broken
  }
  getInput(name: string): string {
    if (this.broken.includes('getInput')) throw new Error('no inputs')
    return name === 'token' ? TOKEN : ''
  }
  debugged: string[] = []
  debug(message: string): void {
    this.debugged.push(message)
  }
  setOutput(name: string, value: string): void {
    if (this.broken.includes('setOutput') && name === 'outcome') throw new Error('Missing file at path: /nowhere')
    this.outputs[name] = value
  }
  async writeSummary(markdown: string): Promise<void> {
    if (this.broken.includes('writeSummary')) throw new Error('EACCES')
    this.summary = markdown
  }
  setFailed(message: string): void {
    if (this.broken.includes('setFailed')) throw new Error('stdout closed')
    this.failed = message
  }
}

describe('outputsWithout', () => {
  it('says failed, not canceled, null for every JSON output and nothing for the others', () => {
    expect(JSON_OUTPUTS).toEqual(['canceled-request-ids', 'waiting-request-ids', 'status-json', 'services'])
    expect(outputsWithout('failed')).toMatchObject({
      outcome: 'failed',
      canceled: 'false',
      'canceled-request-ids': 'null',
      'waiting-request-ids': 'null',
      'status-json': 'null',
      services: 'null',
      state: '',
      'environment-id': ''
    })
    for (const name of JSON_OUTPUTS) expect(JSON.parse(outputsWithout('failed')[name] as string)).toBeNull()
  })
})

describe('crashReporter', () => {
  it('sets the outputs, writes the summary and fails the step with the message', async () => {
    const runner = new Runner()
    await crashReporter(() => runner)(new TypeError('Invalid URL'))
    expect(runner.outputs).toEqual(outputsWithout('failed'))
    expect(runner.summary).toContain('## ❌ Failed unexpectedly')
    expect(runner.summary).toContain('TypeError: Invalid URL.')
    expect(runner.summary).toContain('Whether a cancel request reached Qovery is not known')
    expect(runner.failed).toBe(
      "The action failed unexpectedly: TypeError: Invalid URL. Whether a cancel request reached Qovery is not known: check the environment's deployments in the Qovery console."
    )
    expect(process.exitCode).toBe(1)
    process.exitCode = 0
  })

  it.each(['setOutput', 'writeSummary', 'setFailed', 'getInput'] as const)('writes the rest when %s fails', async (broken) => {
    const runner = new Runner([broken])
    await crashReporter(() => runner)(new Error('boom'))
    if (broken !== 'setOutput') expect(runner.outputs).toEqual(outputsWithout('failed'))
    else expect(runner.outputs).toEqual({ ...outputsWithout('failed'), outcome: undefined })
    if (broken !== 'writeSummary') expect(runner.summary).toContain('boom.')
    if (broken !== 'setFailed') expect(runner.failed).toContain('The action failed unexpectedly: boom.')
    expect(process.exitCode).toBe(1)
    process.exitCode = 0
  })

  it('still fails the step when the runner cannot even be reached', async () => {
    await crashReporter(() => {
      throw new Error('no runner')
    })(new Error('boom'))
    expect(process.exitCode).toBe(1)
    process.exitCode = 0
  })

  it('cuts the token, and credentials in URLs, out of the message', async () => {
    const runner = new Runner()
    await crashReporter(() => runner)(new Error(`request to https://user:pw@api.example/ with Token ${TOKEN} failed\n::error::x`))
    expect(runner.debugged).toHaveLength(1)
    for (const text of [runner.summary, runner.failed, ...runner.debugged]) {
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain('user:pw')
      expect(text).toContain('https://***@api.example/')
    }
    for (const text of [runner.summary, runner.failed]) expect(text).not.toMatch(/^::error/m)
    process.exitCode = 0
  })

  it('reports once, whatever comes after', async () => {
    const runner = new Runner()
    const report = crashReporter(() => runner)
    await report(new Error('first'))
    await report(new Error('second'))
    expect(runner.failed).toContain('first')
    expect(runner.summary).not.toContain('second')
    process.exitCode = 0
  })
})

describe('crashSummary', () => {
  it('keeps the message out of Markdown, backticks included', () => {
    const summary = crashSummary('a ``` b <script> | c')
    expect(summary).toContain('\n````\na ``` b <script> | c\n````\n')
  })
})
