import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { command, escapeData, escapeProperty, Runner } from '../../src/runner.ts'
import { parseOutputFile } from '../../test-support/run-action.ts'

function runner(env: NodeJS.ProcessEnv = {}) {
  const written: string[] = []
  return { runner: new Runner({ env, write: (text) => written.push(text) }), written }
}

describe('workflow commands', () => {
  it('escapes what would end or split a command', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext')
    expect(escapeProperty('Invalid input: a, b')).toBe('Invalid input%3A a%2C b')
  })

  it('formats commands with and without properties, leaving empty ones out', () => {
    expect(command('add-mask', 'qov_x')).toBe('::add-mask::qov_x')
    expect(command('error', 'line 1\nline 2', { title: 'Bad: input', file: undefined, line: '' })).toBe('::error title=Bad%3A input::line 1%0Aline 2')
    expect(command('endgroup', '')).toBe('::endgroup::')
  })
})

describe('Runner', () => {
  it('reads inputs as the runner passes them, trimmed', () => {
    const { runner: r } = runner({ 'INPUT_ENVIRONMENT-ID': '  abc \n', INPUT_ON_TIMEOUT: 'warn' })
    expect(r.getInput('environment-id')).toBe('abc')
    expect(r.getInput('on timeout')).toBe('warn')
    expect(r.getInput('missing')).toBe('')
  })

  it('writes outputs in the heredoc format, multi-line values included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'))
    const file = join(dir, 'output')
    writeFileSync(file, '')
    const { runner: r } = runner({ GITHUB_OUTPUT: file })
    r.setOutput('state', 'CANCELED')
    r.setOutput('status-json', '{\n  "a": 1\n}')
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^state<<ghadelimiter_[0-9a-f-]{36}\nCANCELED\nghadelimiter_[0-9a-f-]{36}\n/)
    expect(parseOutputFile(text)).toEqual({ state: 'CANCELED', 'status-json': '{\n  "a": 1\n}' })
  })

  it('appends to the step summary, and says when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'))
    const file = join(dir, 'summary')
    writeFileSync(file, '# before\n')
    expect(runner({ GITHUB_STEP_SUMMARY: file }).runner.appendSummary('## after')).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe('# before\n## after\n')
    expect(runner({}).runner.appendSummary('## lost')).toBe(false)
  })

  it('masks, logs and fails through stdout', () => {
    const { runner: r, written } = runner()
    const exitCode = process.exitCode
    r.setSecret('qov_secret')
    r.debug('GET /x -> 200')
    r.setFailed('It broke: 50%')
    expect(process.exitCode).toBe(1)
    process.exitCode = exitCode
    expect(written).toEqual(['::add-mask::qov_secret\n', '::debug::GET /x -> 200\n', '::error::It broke: 50%25\n'])
  })
})
