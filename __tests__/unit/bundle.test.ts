/**
 * What the build put in dist/: one HTTP stack for the whole bundle (a second undici would cost
 * start-up and size; npm run bench measures both), @actions/github in a chunk of its own that is
 * loaded after the cancel request, licences for every bundled package, and ASCII only (read as a
 * one-byte string, the bundle starts faster).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { ACTION } from '../../test-support/run-action.ts'

const DIST = join(ACTION, '..')
const files = readdirSync(DIST).filter((name) => name.endsWith('.js'))
const text = (name: string) => readFileSync(join(DIST, name), 'utf8')
const count = (name: string, needle: string) => text(name).split(needle).length - 1
const total = (needle: string) => files.reduce((sum, name) => sum + count(name, needle), 0)

describe('dist/', () => {
  it('holds one copy of undici', () => {
    expect(total('class SocketError extends UndiciError')).toBe(1)
    expect(total('class EnvHttpProxyAgent extends DispatcherBase')).toBe(1)
  })

  it('has @actions/core in the entry point and @actions/github in a chunk of its own', () => {
    expect(count('index.js', 'function setOutput(')).toBe(1)
    expect(count('index.js', 'class Octokit')).toBe(0)
    const chunks = files.filter((name) => name !== 'index.js')
    expect(chunks).toHaveLength(1)
    expect(count(chunks[0]!, 'class Context')).toBe(1)
  })

  it("lists the licence of every bundled package, the chunk's included", () => {
    const licenses = readFileSync(join(DIST, 'licenses.txt'), 'utf8')
    const listed = [...licenses.matchAll(/^(@?[^@\s]+)@\d+\.\d+\.\d+$/gm)].map((match) => match[1])
    expect(listed).toEqual(expect.arrayContaining(['@actions/core', '@actions/http-client', '@actions/github', '@octokit/core', 'undici']))
    expect(licenses).toMatch(/^undici@\d+\.\d+\.\d+\nMIT\nMIT License/m)
  })

  it('is ASCII only, the words with emoji included', () => {
    for (const name of files)
      expect({ name, beyondAscii: /[^\x00-\x7f]/.exec(text(name))?.index }).toEqual({ name, beyondAscii: undefined })
    expect(text('index.js')).toContain("mark: '\\u2705'")
  })

  it('is an ES module', () => {
    expect(JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8'))).toEqual({ type: 'module' })
  })
})
