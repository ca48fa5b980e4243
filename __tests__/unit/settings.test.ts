import { describe, expect, it } from '@jest/globals'
import { InputError, isLoopback, readSettings } from '../../src/inputs/settings.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const valid = { 'environment-id': ENV_ID, token: 'qov_secret' }

function settings(inputs: Record<string, string>) {
  return readSettings((name) => inputs[name] ?? '')
}

function problems(inputs: Record<string, string>): Array<{ input: string; message: string }> {
  try {
    settings(inputs)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected the inputs to be rejected')
}

describe('readSettings', () => {
  it('applies the defaults', () => {
    const read = settings(valid)
    expect(read).toMatchObject({
      target: { environmentId: ENV_ID },
      force: false,
      wait: true,
      timeoutMs: 30 * 60_000,
      pollIntervalMs: 5_000,
      requestTimeoutMs: 30_000,
      onTimeout: 'fail'
    })
    expect(read.apiUrl.href).toBe('https://api.qovery.com/')
    expect(read.authorization.header).toBe('Token qov_secret')
  })

  it('reads every input', () => {
    const read = settings({
      ...valid,
      'environment-id': ENV_ID.toUpperCase(),
      force: 'TRUE',
      wait: 'False',
      timeout: '1h',
      'poll-interval': '1500ms',
      'request-timeout': '10',
      'api-url': 'https://qovery.example.com/api/v1',
      'on-timeout': 'WARN',
      queued: 'Cancel',
      'deployment-request-id': ''
    })
    expect(read).toMatchObject({
      target: { environmentId: ENV_ID },
      force: true,
      wait: false,
      timeoutMs: 3_600_000,
      pollIntervalMs: 1_500,
      requestTimeoutMs: 10_000,
      onTimeout: 'warn',
      queued: 'cancel'
    })
    expect(read.deploymentRequestId).toBeUndefined()
    expect(settings({ ...valid, 'deployment-request-id': ' A1A1A1A1-1111-4111-8111-111111111111 ' }).deploymentRequestId).toBe(
      'a1a1a1a1-1111-4111-8111-111111111111'
    )
    expect(settings({ ...valid, 'poll-interval': '20ms', 'api-url': 'http://127.0.0.1:8080' }).pollIntervalMs).toBe(20)
    // Without waiting, no poll follows the cancel: the interval may exceed the timeout.
    expect(settings({ ...valid, wait: 'false', 'poll-interval': '10s', timeout: '3s' }).pollIntervalMs).toBe(10_000)
    expect(read.apiUrl.href).toBe('https://qovery.example.com/api/v1/')
  })

  it('accepts http:// for loopback addresses only', () => {
    expect(settings({ ...valid, 'api-url': 'http://127.0.0.1:8080' }).apiUrl.href).toBe('http://127.0.0.1:8080/')
    expect(settings({ ...valid, 'api-url': 'http://localhost:3000/prefix/' }).apiUrl.href).toBe('http://localhost:3000/prefix/')
    expect(settings({ ...valid, 'api-url': 'http://[::1]:9000' }).apiUrl.href).toBe('http://[::1]:9000/')
  })

  it.each([
    [{ 'environment-id': '' }, 'environment-id', 'is required'],
    [{ 'environment-id': 'my-env' }, 'environment-id', 'not a UUID'],
    [{ 'environment-id': `${ENV_ID}x` }, 'environment-id', 'not a UUID'],
    [{ token: '' }, 'token', 'is empty'],
    [{ token: '   ' }, 'token', 'is empty'],
    [{ token: 'Token' }, 'token', 'is the word Token with no credential after it'],
    [{ token: 'qov_a\nqov_b' }, 'token', 'line breaks'],
    [{ token: 'Token qov a' }, 'token', 'spaces'],
    [{ 'poll-interval': '500ms' }, 'poll-interval', 'against api.qovery.com the shortest interval is 1s'],
    [{ queued: 'all' }, 'queued', 'Accepted values: keep'],
    [{ 'deployment-request-id': 'r-1' }, 'deployment-request-id', 'which is not a UUID'],
    [{ 'deployment-request-id': 'a1a1a1a1-1111-4111-8111-111111111111', queued: 'cancel' }, 'queued', 'touches no other'],
    [
      { 'poll-interval': '999ms', 'api-url': 'https://qovery.example.com/api' },
      'poll-interval',
      'against qovery.example.com the shortest interval is 1s'
    ],
    [{ token: 'qov_abc\u200b' }, 'token', 'contains a character an HTTP header cannot carry (U+200B'],
    [{ token: 'qov_abc🔑' }, 'token', 'contains a character an HTTP header cannot carry (U+1F511'],
    [{ token: 'qov_abcé' }, 'token', 'U+00E9'],
    [{ force: 'yes' }, 'force', 'not a boolean'],
    [{ wait: '1' }, 'wait', 'Accepted values: true, True, TRUE, false, False, FALSE'],
    [{ timeout: '0' }, 'timeout', 'at least 1ms'],
    [{ timeout: '-1m' }, 'timeout', 'negative'],
    [{ 'poll-interval': 'often' }, 'poll-interval', 'Accepted forms'],
    [{ 'poll-interval': '10s', timeout: '3s' }, 'poll-interval', 'is "10s", longer than timeout (3s): no read of the state would follow'],
    [{ 'request-timeout': '0ms' }, 'request-timeout', 'at least 1ms'],
    [{ 'api-url': 'api.qovery.com' }, 'api-url', 'not an absolute URL'],
    [{ 'api-url': 'ftp://api.qovery.com' }, 'api-url', 'ftp:// , which is not supported'.replace(' ,', ',')],
    [{ 'api-url': 'http://api.qovery.com' }, 'api-url', 'unencrypted'],
    [{ 'api-url': 'http://10.0.0.5:8080' }, 'api-url', 'unencrypted'],
    [{ 'api-url': 'https://user:pw@api.qovery.com' }, 'api-url', 'user name or password'],
    [{ 'api-url': 'https://api.qovery.com/?key=x' }, 'api-url', 'query string'],
    [{ 'on-timeout': 'ignore' }, 'on-timeout', 'fail (the step fails']
  ])('rejects %j', (override, input, message) => {
    const found = problems({ ...valid, ...override })
    expect(found).toHaveLength(1)
    expect(found[0]!.input).toBe(input)
    expect(found[0]!.message).toContain(`Input '${input}'`)
    expect(found[0]!.message).toContain(message)
  })

  it('takes the three names instead of environment-id, trimmed', () => {
    const read = settings({ token: 'qov_x', organization: ' Acme ', project: 'shop', environment: 'pr-42' })
    expect(read.target).toEqual({ names: { organization: 'Acme', project: 'shop', environment: 'pr-42' } })
  })

  it('refuses an id and names together', () => {
    const found = problems({ ...valid, project: 'shop' })
    expect(found).toEqual([
      {
        input: 'environment-id',
        message:
          "Input 'environment-id' and project are both given: name the environment either by environment-id or by organization, project and environment, not both."
      }
    ])
  })

  it('says which names are missing', () => {
    expect(problems({ token: 'qov_x', organization: 'Acme' })).toEqual([
      {
        input: 'project',
        message:
          "Input 'project' is missing: organization is given, so project and environment are needed too (or use environment-id alone)."
      }
    ])
    expect(problems({ token: 'qov_x', organization: 'Acme', environment: 'pr-42' })).toEqual([
      {
        input: 'project',
        message:
          "Input 'project' is missing: organization and environment are given, so project is needed too (or use environment-id alone)."
      }
    ])
  })

  it('asks for an id or names when neither is given', () => {
    expect(problems({ token: 'qov_x' })[0]!.message).toBe(
      "Input 'environment-id' is required, or else the three inputs organization, project and environment (names or ids): which Qovery environment to act on."
    )
  })

  it('reports every bad input at once', () => {
    expect(problems({ 'environment-id': 'x', token: '', force: 'maybe', timeout: 'soon' }).map((problem) => problem.input)).toEqual([
      'environment-id',
      'token',
      'force',
      'timeout'
    ])
  })

  it('never echoes the token or a URL query', () => {
    const secret = 'qov_very secret'
    const messages = [...problems({ ...valid, token: secret }), ...problems({ ...valid, 'api-url': 'https://x.example/?token=qov_hidden' })]
      .map((problem) => problem.message)
      .join('\n')
    expect(messages).not.toContain('very secret')
    expect(messages).not.toContain('qov_hidden')
  })
})

describe('isLoopback', () => {
  it.each(['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'])('%s is loopback', (host) =>
    expect(isLoopback(host)).toBe(true)
  )
  it.each(['10.0.0.1', '192.168.1.1', 'api.qovery.com', '128.0.0.1', 'localhost.example.com', '[::2]'])('%s is not', (host) =>
    expect(isLoopback(host)).toBe(false)
  )
})
