import { describe, expect, it } from '@jest/globals'
import { extraCaCertificatesWarning } from '../../src/inputs/extra-ca-certificates.ts'
import { runContextOf } from '../../src/runner/workflow-run.ts'

const GOOD = { repository: 'acme/shop', serverUrl: 'https://github.com', runId: 42, runAttempt: 1, actor: 'octocat', eventName: 'push' }

describe('runContextOf', () => {
  it('links the run when the runner says it soundly', () => {
    expect(runContextOf(GOOD)).toEqual({
      repository: 'acme/shop',
      runUrl: 'https://github.com/acme/shop/actions/runs/42',
      actor: 'octocat',
      event: 'push'
    })
    expect(runContextOf({ ...GOOD, runAttempt: 3, serverUrl: 'https://ghe.example/' }).runUrl).toBe(
      'https://ghe.example/acme/shop/actions/runs/42/attempts/3'
    )
  })

  it.each([
    ['a server URL that is not a URL', { serverUrl: 'not a url' }],
    ['an empty server URL', { serverUrl: '' }],
    ['a javascript: server URL', { serverUrl: 'javascript:alert(1)' }],
    ['a server URL with credentials', { serverUrl: 'https://user:pw@ghe.example' }],
    ['a server URL with a query', { serverUrl: 'https://ghe.example/?q=1' }],
    ['a server URL that would close the link', { serverUrl: 'https://ghe.example/a)b' }],
    ['no run id', { runId: Number.NaN }],
    ['a run id of zero', { runId: 0 }],
    ['a negative run id', { runId: -5 }]
  ])('makes no link from %s', (_name, fields) => {
    const found = runContextOf({ ...GOOD, ...fields })
    expect(found.runUrl).toBeUndefined()
    expect(found.repository).toBe('acme/shop')
  })

  it.each(['no-slash', 'a/b/c', 'acme/shop) [x](javascript:alert(1)', '/shop', 'acme/', 'ac me/shop'])(
    'shows neither repository nor link for GITHUB_REPOSITORY=%j',
    (repository) => {
      const found = runContextOf({ ...GOOD, repository })
      expect(found.repository).toBeUndefined()
      expect(found.runUrl).toBeUndefined()
    }
  )

  it('leaves out the attempt when it is not a number above 1', () => {
    for (const runAttempt of [Number.NaN, 0, 1, -2]) {
      expect(runContextOf({ ...GOOD, runAttempt }).runUrl).toBe('https://github.com/acme/shop/actions/runs/42')
    }
  })

  it('leaves out an empty actor or event', () => {
    expect(runContextOf({ ...GOOD, actor: '', eventName: '' })).toEqual({
      repository: 'acme/shop',
      runUrl: 'https://github.com/acme/shop/actions/runs/42'
    })
  })
})

describe('extraCaCertificatesWarning', () => {
  const files: Record<string, string | NodeJS.ErrnoException> = {
    '/ca.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    '/empty.pem': '',
    '/dir': Object.assign(new Error('EISDIR'), { code: 'EISDIR' }),
    '/secret.pem': Object.assign(new Error('EACCES'), { code: 'EACCES' })
  }
  const read = (path: string): string => {
    const file = files[path] ?? Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
    if (typeof file !== 'string') throw file
    return file
  }
  const warning = (value: string | undefined) => extraCaCertificatesWarning({ NODE_EXTRA_CA_CERTS: value }, read)

  it('says nothing when it is unset, empty or holds certificates', () => {
    expect(warning(undefined)).toBeUndefined()
    expect(warning('')).toBeUndefined()
    expect(warning('/ca.pem')).toBeUndefined()
  })

  it.each([
    ['/nowhere.pem', 'cannot be read (no such file)'],
    ['/dir', 'cannot be read (a directory, not a file)'],
    ['/secret.pem', 'cannot be read (EACCES)'],
    ['/empty.pem', 'holds no PEM certificate']
  ])('names the variable when %s cannot serve', (path, why) => {
    expect(warning(path)).toMatch(new RegExp(`^NODE_EXTRA_CA_CERTS is "${path}", which ${why.replace(/[()]/g, '\\$&')}`))
  })
})
