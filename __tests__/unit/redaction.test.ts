/** The token kept out of what the action writes, whole, in part, or Markdown-escaped. */
import { describe, expect, it } from '@jest/globals'
import { redact, SECRET_PART } from '../../src/runner/redaction.ts'
import { githubIO, type Toolkit } from '../../src/runner/github-io.ts'

const TOKEN = 'qov_SECRETTOKEN123'
const SECRETS = [TOKEN, `Token ${TOKEN}`]

describe('redact', () => {
  it.each([
    [`Token ${TOKEN} is invalid`, '*** is invalid'],
    [`echo: ${TOKEN}.`, 'echo: ***.'],
    ['partial qov_SECRET, then more', 'partial ***, then more'],
    ['Markdown-escaped: qov\\_SECRETTOKEN123', 'Markdown-escaped: ***'],
    ['its end TOKEN123 is no piece: words of the text would be', 'its end TOKEN123 is no piece: words of the text would be'],
    ['nothing here', 'nothing here']
  ])('%j becomes %j', (text, expected) => {
    expect(redact(text, SECRETS)).toBe(expected)
  })

  it(`takes the first ${SECRET_PART} characters or more as the secret cut short, fewer only when the secret is that short`, () => {
    expect(redact('see qov_SECR.', SECRETS)).toBe('see ***.')
    expect(redact('see qov_SEC.', SECRETS)).toBe('see qov_SEC.')
    expect(redact('a abc b', ['abc'])).toBe('a *** b')
    expect(redact('a ab b', ['abc'])).toBe('a ab b')
    // Markdown's backslash before a secret's first character.
    expect(redact('x \\_secret_value_1 y', ['_secret_value_1'])).toBe('x *** y')
  })

  it('leaves a word the secret happens to hold alone', () => {
    expect(redact('Environment variable', ['qov_runner_environment_secret'])).toBe('Environment variable')
  })

  it('leaves text alone without secrets', () => {
    expect(redact(`a ${TOKEN}`, [])).toBe(`a ${TOKEN}`)
    expect(redact(`a ${TOKEN}`, [''])).toBe(`a ${TOKEN}`)
  })
})

describe('githubIO', () => {
  it('redacts a secret it was given from the log, the annotations, the outputs and the summary', async () => {
    const written: string[] = []
    const record = (...parts: unknown[]) => void written.push(JSON.stringify(parts))
    const toolkit: Toolkit = {
      core: {
        getInput: () => '',
        setSecret: () => undefined,
        setOutput: record,
        info: record,
        debug: record,
        notice: record,
        warning: record,
        error: record,
        startGroup: record,
        endGroup: () => undefined
      },
      fail: () => undefined,
      appendSummary: async (markdown) => record(markdown),
      context: () => Promise.reject(new Error('not used'))
    }
    const io = githubIO({ GITHUB_STEP_SUMMARY: 'recorded' }, toolkit)
    io.setSecret(TOKEN)
    const echoed = `Qovery said: "Token ${TOKEN} is invalid (qov_SECRET)."`
    io.info(echoed)
    io.debug(echoed)
    io.error(echoed, `title ${TOKEN}`)
    io.warning(echoed)
    io.notice(echoed)
    io.setFailed(echoed)
    io.setOutput('status-json', JSON.stringify({ detail: echoed }))
    io.group(echoed, [echoed])
    await io.writeSummary(`| reason | ${echoed.replaceAll('_', '\\_')} |`)
    expect(written).toHaveLength(10)
    for (const line of written) {
      expect(line).not.toContain('SECRET')
      expect(line).toContain('***')
    }
  })
})
