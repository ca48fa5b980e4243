/**
 * What the build put in dist/: one HTTP stack for the whole bundle (a second undici would cost
 * start-up and size; npm run bench measures both), an entry point that catches signals before it
 * loads the rest, @actions/github in a chunk of its own that is loaded after the cancel request, licences for every bundled package, and ASCII only (read as a
 * one-byte string, the bundle starts faster).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
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

  it('has an entry point that only catches signals, the action in chunks it imports, and @actions/github in one of its own', () => {
    expect(statSync(join(DIST, 'index.js')).size).toBeLessThan(40_000)
    expect(text('index.js')).toContain('function catchInterruptions(')
    expect(count('index.js', 'function setOutput(')).toBe(0)
    const holding = (needle: string) => files.filter((name) => text(name).includes(needle))
    expect(holding('function setOutput(')).toHaveLength(1)
    expect(holding('class Context')).toHaveLength(1)
    expect(holding('class Context')[0]).not.toBe(holding('function setOutput(')[0])
    expect(holding('class Octokit')).toEqual(holding('class Context'))
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
    expect(files.some((name) => text(name).includes("mark: '\\u2705'"))).toBe(true)
  })

  it('is an ES module', () => {
    expect(JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8'))).toEqual({ type: 'module' })
  })
})
