import { describe, expect, it } from '@jest/globals'
import { authorizationFor, looksLikeJwt, secretsOf } from '../../src/inputs/authorization.ts'

const jwt = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ sub: 'someone', exp: 2000000000 })).toString('base64url'),
  'c2lnbmF0dXJl'
].join('.')

describe('authorizationFor', () => {
  it('sends an API token with the Token scheme', () => {
    expect(authorizationFor('qov_abc123')).toEqual({ header: 'Token qov_abc123', scheme: 'Token', explicit: false })
  })

  it('sends a JWT with the Bearer scheme', () => {
    expect(authorizationFor(jwt)).toEqual({ header: `Bearer ${jwt}`, scheme: 'Bearer', explicit: false })
  })

  it('sends a value that names its scheme as given', () => {
    expect(authorizationFor('Token qov_abc')).toEqual({ header: 'Token qov_abc', scheme: 'Token', explicit: true })
    expect(authorizationFor(`Bearer ${jwt}`)).toEqual({ header: `Bearer ${jwt}`, scheme: 'Bearer', explicit: true })
    expect(authorizationFor('bearer xyz')).toMatchObject({ header: 'Bearer xyz', scheme: 'Bearer', explicit: true })
    expect(authorizationFor('TOKEN  qov_abc')).toMatchObject({ header: 'Token qov_abc', scheme: 'Token', explicit: true })
  })

  it('falls back to Token for anything that is not a JWT', () => {
    expect(authorizationFor('opaque-token-value').header).toBe('Token opaque-token-value')
    expect(authorizationFor('a.b.c').header).toBe('Token a.b.c')
  })
})

describe('looksLikeJwt', () => {
  it('wants three base64url parts and a JSON object header', () => {
    expect(looksLikeJwt(jwt)).toBe(true)
    expect(looksLikeJwt('qov_a.b.c')).toBe(false)
    expect(looksLikeJwt(`${Buffer.from('[1]').toString('base64url')}.e30.sig`)).toBe(false)
    expect(looksLikeJwt('not a jwt')).toBe(false)
    expect(looksLikeJwt('e30.e30')).toBe(false)
  })
})

describe('secretsOf', () => {
  it("masks an API token's secret without its qov_ prefix too, once it is 8 characters long", () => {
    expect(secretsOf('qov_s3cretValue', authorizationFor('qov_s3cretValue')).sort()).toEqual(
      ['Token qov_s3cretValue', 'qov_s3cretValue', 's3cretValue'].sort()
    )
    expect(secretsOf('qov_short', authorizationFor('qov_short'))).not.toContain('short')
  })

  it('masks the input, the header and the bare credential', () => {
    expect(secretsOf('Token qov_abc', authorizationFor('Token qov_abc')).sort()).toEqual(['Token qov_abc', 'qov_abc'].sort())
    expect(secretsOf('qov_abc', authorizationFor('qov_abc')).sort()).toEqual(['Token qov_abc', 'qov_abc'].sort())
  })

  it('masks each line of a value pasted with line breaks', () => {
    expect(secretsOf('qov_first\nqov_second', authorizationFor('qov_first\nqov_second'))).toEqual(
      expect.arrayContaining(['qov_first', 'qov_second'])
    )
  })
})
