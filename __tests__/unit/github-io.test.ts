import { describe, expect, it } from '@jest/globals'
import { githubIO, safeLine, showBidiControls, type Toolkit } from '../../src/runner/github-io.ts'

describe('safeLine', () => {
  it.each([
    ['DEPLOYING\n::error::injected', 'DEPLOYING ::error::injected'],
    ['  ::stop-commands::token', '  \\::stop-commands::token'],
    ['a\r\n::add-mask::x\u2028::warning::y', 'a ::add-mask::x ::warning::y'],
    ['state ##[error]legacy', 'state ## [error]legacy'],
    ['bell\u0007 tab\tok', 'bell? tab\tok']
  ])('keeps API text from starting a workflow command: %j', (text, line) => {
    expect(safeLine(text)).toBe(line)
  })

  it('leaves ordinary lines alone', () => {
    const line = '[12:00:00Z] Environment state: DEPLOYING -> CANCELING (after 2s)'
    expect(safeLine(line)).toBe(line)
  })
})

describe('bidirectional controls from the API', () => {
  const CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']

  it('shows each one as its code point, and leaves other text alone', () => {
    expect(showBidiControls('api\u202Etxt.exe')).toBe('api[U+202E]txt.exe')
    expect(CONTROLS.map(showBidiControls)).toEqual(
      CONTROLS.map((control) => `[U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)
    )
    expect(showBidiControls('café ✅ שלום \u200b')).toBe('café ✅ שלום \u200b')
  })

  it('reach no log line, annotation or summary raw; outputs keep them as data', async () => {
    const written: string[] = []
    const outputs: Record<string, string> = {}
    const record = (message: unknown) => void written.push(String(message))
    const toolkit: Toolkit = {
      core: {
        getInput: () => '',
        setSecret: () => {},
        setOutput: (name, value) => void (outputs[name] = String(value)),
        info: record,
        debug: record,
        notice: record,
        warning: (message, properties) => written.push(String(message), String(properties?.title)),
        error: record,
        startGroup: record,
        endGroup: () => {}
      },
      fail: () => {},
      appendSummary: async (markdown) => record(markdown),
      context: async () => {
        throw new Error('not used')
      }
    }
    const io = githubIO({ GITHUB_STEP_SUMMARY: 'file' }, toolkit)
    const name = 'web\u202E\u2066moc.evil'
    io.info(name)
    io.debug(name)
    io.notice(name)
    io.warning(name, name)
    io.error(name)
    io.setFailed(name)
    io.group(name, [name])
    await io.writeSummary(`| **${name}** |`)
    io.setOutput('services', JSON.stringify([{ name }]))
    expect(written).toHaveLength(10)
    for (const line of written) {
      expect(line).toContain('web[U+202E][U+2066]moc.evil')
      expect(line).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/)
    }
    expect(JSON.parse(outputs.services!)).toEqual([{ name }])
  })
})
