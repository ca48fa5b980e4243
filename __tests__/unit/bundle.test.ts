/**
 * What ncc put in dist/index.js: one HTTP stack, and none of the parts the action does not use
 * (their cost is measured by npm run bench; this keeps them from coming back unnoticed).
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

  it('leaves out undici fetch, WebSocket and mocks', () => {
    expect(count('class WebSocket extends EventTarget')).toBe(0)
    expect(count('class MockAgent')).toBe(0)
    expect(count('class Response {')).toBe(0)
  })

  it('is an ES module', () => {
    expect(JSON.parse(readFileSync(ACTION.replace(/index\.js$/, 'package.json'), 'utf8'))).toEqual({ type: 'module' })
  })
})
