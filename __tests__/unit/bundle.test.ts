/**
 * What ncc put in dist/index.js: one HTTP stack (its cost is measured by npm run bench; this
 * keeps a second copy from coming in unnoticed).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { ACTION } from '../../test-support/run-action.ts'

const bundle = readFileSync(ACTION, 'utf8')
const count = (text: string) => bundle.split(text).length - 1

describe('dist/index.js', () => {
  it('holds one copy of undici', () => {
    expect(count('class SocketError extends UndiciError')).toBe(1)
    expect(count('class EnvHttpProxyAgent extends DispatcherBase')).toBe(1)
  })

  it('holds neither @actions/core nor its HTTP client', () => {
    expect(count('OidcClient')).toBe(0)
    expect(count('ghadelimiter_')).toBe(1)
  })

  it('is an ES module', () => {
    expect(JSON.parse(readFileSync(ACTION.replace(/index\.js$/, 'package.json'), 'utf8'))).toEqual({ type: 'module' })
  })
})
