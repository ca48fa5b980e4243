import { describe, expect, it } from '@jest/globals'
import { decodeLeniently, hideCredentials, parseProxy, proxyFor } from '../../src/inputs/proxy-environment.ts'
import { InputError, readSettings } from '../../src/inputs/settings.ts'
import { ENV_ID } from '../../__fixtures__/environment.ts'

const API = new URL('https://api.qovery.com/')
const basic = (credentials: string) => `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`

describe('proxyFor', () => {
  it('never routes plain http:// (loopback only) through a proxy, whatever the variables hold', () => {
    const env = { HTTPS_PROXY: '::not a url::', HTTP_PROXY: 'socks5://h:1', https_proxy: 'proxy:3128' }
    expect(proxyFor(new URL('http://127.0.0.1:8080/'), env)).toEqual({ route: 'direct' })
  })

  it('goes direct when no proxy variable is set, or only empty ones', () => {
    expect(proxyFor(API, {})).toEqual({ route: 'direct' })
    expect(proxyFor(API, { HTTPS_PROXY: '', https_proxy: '  ', HTTP_PROXY: '' })).toEqual({ route: 'direct' })
  })

  it('reads a value without a scheme as http://, as curl does', () => {
    expect(proxyFor(API, { HTTPS_PROXY: 'proxy.corp.example:3128' })).toEqual({
      route: 'proxy',
      variable: 'HTTPS_PROXY',
      url: new URL('http://proxy.corp.example:3128')
    })
    expect(proxyFor(API, { HTTPS_PROXY: 'localhost:3128' })).toMatchObject({ url: new URL('http://localhost:3128') })
  })

  it('takes the lower-case form first, an empty one as unset, and HTTP_PROXY when no HTTPS_PROXY is set', () => {
    const variable = (env: Record<string, string>) => (proxyFor(API, env) as { variable?: string }).variable
    expect(variable({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:1' })).toBe('https_proxy')
    expect(variable({ https_proxy: '', HTTPS_PROXY: 'http://b:1' })).toBe('HTTPS_PROXY')
    expect(variable({ HTTP_PROXY: 'http://c:1' })).toBe('HTTP_PROXY')
    expect(variable({ http_proxy: 'http://d:1', HTTP_PROXY: 'http://c:1' })).toBe('http_proxy')
    expect(variable({ HTTP_PROXY: 'http://c:1', HTTPS_PROXY: 'https://e:1' })).toBe('HTTPS_PROXY')
  })

  it('keeps the credentials out of the URL, as a Proxy-Authorization header', () => {
    const route = proxyFor(API, { HTTPS_PROXY: 'http://user:pass@proxy:3128/ignored/path' })
    expect(route).toEqual({ route: 'proxy', variable: 'HTTPS_PROXY', url: new URL('http://proxy:3128'), authorization: basic('user:pass') })
    expect((route as { url: URL }).url.href).toBe('http://proxy:3128/')
  })

  it('goes direct to a host NO_PROXY names, by the toolkit rule', () => {
    const through = { HTTPS_PROXY: 'http://proxy:3128' }
    const route = (noProxy: Record<string, string>, api = API) => proxyFor(api, { ...through, ...noProxy })
    expect(route({ NO_PROXY: 'api.qovery.com' })).toEqual({ route: 'direct' })
    expect(route({ NO_PROXY: 'qovery.com' })).toEqual({ route: 'direct' })
    expect(route({ NO_PROXY: '.qovery.com' })).toEqual({ route: 'direct' })
    expect(route({ NO_PROXY: 'example.com, *' })).toEqual({ route: 'direct' })
    expect(route({ no_proxy: 'API.QOVERY.COM:443' })).toEqual({ route: 'direct' })
    expect(route({ NO_PROXY: 'api.qovery.com:8443' })).toMatchObject({ route: 'proxy' })
    expect(route({ NO_PROXY: 'overy.com,example.com' })).toMatchObject({ route: 'proxy' })
    expect(route({ no_proxy: 'example.com', NO_PROXY: 'api.qovery.com' })).toMatchObject({ route: 'proxy' })
    // A loopback API is never proxied.
    expect(route({}, new URL('https://127.0.0.1:8443/'))).toEqual({ route: 'direct' })
    expect(route({}, new URL('https://localhost/'))).toEqual({ route: 'direct' })
  })

  it("leaves the process's own NO_PROXY as it found it", () => {
    const before = { no_proxy: process.env.no_proxy, NO_PROXY: process.env.NO_PROXY }
    proxyFor(API, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'api.qovery.com', no_proxy: 'x.example' })
    expect({ no_proxy: process.env.no_proxy, NO_PROXY: process.env.NO_PROXY }).toEqual(before)
    // Restored as absent, not as the string "undefined".
    expect('no_proxy' in process.env).toBe(before.no_proxy !== undefined)
    expect('NO_PROXY' in process.env).toBe(before.NO_PROXY !== undefined)
  })

  it('names the variable an unusable value comes from, says what is accepted, and never shows its credentials', () => {
    const cases = [
      ['http://user:S3cret@proxy.corp.example:99999', 'http://***@proxy.corp.example:99999', 'which is not a URL'],
      ['socks5://user:S3cret@proxy:1080', 'socks5://***@proxy:1080', 'whose scheme socks5:// the action does not support'],
      ['user:S3cret@[::not', '***@[::not', 'which is not a URL'],
      ['http://us er:S3/cr@et@host name', 'http://***@host name', 'which is not a URL'],
      ['http://:3128', 'http://:3128', 'which is not a URL']
    ] as const
    for (const [value, shown, why] of cases) {
      const result = proxyFor(API, { https_proxy: value })
      expect(result).toEqual({ problem: { variable: 'https_proxy', message: expect.any(String) } })
      const message = (result as { problem: { message: string } }).problem.message
      expect(message).toContain(`Environment variable https_proxy is "${shown}", ${why}`)
      expect(message).toContain('requests to api.qovery.com need it')
      expect(message).toContain('Accepted: http://host:port or https://host:port')
      expect(message).not.toContain('S3')
    }
  })

  it('reports a problem only when the requests need the variable', () => {
    expect(proxyFor(API, { HTTPS_PROXY: '::bad::', NO_PROXY: 'qovery.com' })).toEqual({ route: 'direct' })
    expect(proxyFor(API, { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: '::bad::' })).toMatchObject({ route: 'proxy' })
    expect(proxyFor(new URL('http://localhost:8080/'), { HTTPS_PROXY: '::bad::' })).toEqual({ route: 'direct' })
  })
})

describe('parseProxy', () => {
  it('decodes the credentials where the escapes are valid and takes them as written where not', () => {
    expect(parseProxy('http://user:p%zz%@proxy:3128')).toEqual({ url: new URL('http://proxy:3128'), authorization: basic('user:p%zz%') })
    expect(parseProxy('http://us%40er:p%40ss%3Aw@proxy:3128')).toMatchObject({ authorization: basic('us@er:p@ss:w') })
    // A raw @ in the password: the URL parser takes the last one as the end of the credentials.
    expect(parseProxy('http://user:p@ss@proxy:3128')).toMatchObject({
      url: new URL('http://proxy:3128'),
      authorization: basic('user:p@ss')
    })
    expect(parseProxy('user:p%ss@proxy:3128')).toEqual({ url: new URL('http://proxy:3128'), authorization: basic('user:p%ss') })
    expect(parseProxy('https://user@proxy')).toEqual({ url: new URL('https://proxy'), authorization: basic('user:') })
    expect(parseProxy('http://:only-password@proxy:3128')).toMatchObject({ authorization: basic(':only-password') })
    expect(parseProxy('http://us%C3%A9r:pw@proxy:3128')).toMatchObject({ authorization: basic('usér:pw') })
  })

  it('refuses what no proxy can be', () => {
    expect(parseProxy('ftp://proxy:21')).toEqual({ problem: 'whose scheme ftp:// the action does not support' })
    expect(parseProxy('::')).toEqual({ problem: 'which is not a URL, even read as http://' })
    expect(parseProxy('http://proxy:70000')).toEqual({ problem: 'which is not a URL, even read as http://' })
  })
})

describe('decodeLeniently', () => {
  it.each([
    ['p%40ss', 'p@ss'],
    ['100%', '100%'],
    ['%zz%41', '%zzA'],
    ['%C3%A9t%C3%A9', 'été'],
    // Not UTF-8 as a whole: the ASCII escape still decodes, the lone byte stays.
    ['%E9%41', '%E9A']
  ])('decodes valid escapes, UTF-8 included, and leaves the rest as written: %j', (written, decoded) => {
    expect(decodeLeniently(written)).toBe(decoded)
  })
})

describe('hideCredentials', () => {
  it.each([
    ['http://user:pw@proxy:3128', 'http://***@proxy:3128'],
    ['user:p@w@proxy:3128', '***@proxy:3128'],
    ['proxy:3128', 'proxy:3128'],
    ['https://proxy', 'https://proxy']
  ])('hides whatever comes before the last @: %j', (value, shown) => {
    expect(hideCredentials(value)).toBe(shown)
  })
})

describe('readSettings with the runner environment', () => {
  const inputs: Record<string, string> = { 'environment-id': ENV_ID, token: 'qov_x' }
  const read = (env: Record<string, string>, extra: Record<string, string> = {}) =>
    readSettings((name) => ({ ...inputs, ...extra })[name] ?? '', env)

  it('carries the route the API needs', () => {
    expect(read({ HTTPS_PROXY: 'proxy:3128' }).proxy).toEqual({
      route: 'proxy',
      variable: 'HTTPS_PROXY',
      url: new URL('http://proxy:3128')
    })
    expect(read({}).proxy).toEqual({ route: 'direct' })
    expect(read({ HTTPS_PROXY: '::bad::' }, { 'api-url': 'http://127.0.0.1:8080' }).proxy).toEqual({ route: 'direct' })
  })

  it('reports an unusable proxy variable with the other invalid inputs, under its own name', () => {
    try {
      read({ HTTPS_PROXY: 'http://u:S3cret@proxy:99999' }, { force: 'maybe' })
      throw new Error('no InputError')
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      const problems = (error as InputError).problems
      expect(problems.map((problem) => problem.input)).toEqual(['force', 'HTTPS_PROXY'])
      expect(JSON.stringify(problems)).not.toContain('S3cret')
    }
  })
})
