/**
 * The build's pass that makes the bundle ASCII only: the program must mean the same, so each
 * escaped piece is compared by running it.
 */
import { describe, expect, it } from '@jest/globals'
import { asciiOnly } from '../../scripts/ascii-only.ts'

const BEYOND_ASCII = /[^\x00-\x7f]/

/** What `source`, an expression, evaluates to. */
const value = (source: string): unknown => new Function(`return (${source})`)()

describe('asciiOnly', () => {
  it.each([
    ["'✅ Deployment canceled — pr-42'", 'a string'],
    ['"l’environnement"', 'a double-quoted string'],
    ['`🛑 ${1 + 1} — done`', 'an untagged template'],
    ["/[😀-😂]/u.test('😁')", 'a regular expression with the u flag'],
    ["/—/.test('a — b')", 'a regular expression'],
    ["({ 'clé': 'é' })['clé']", 'a quoted property name']
  ])('keeps the value of %s (%s)', (source) => {
    const escaped = asciiOnly(source, 'test.js')
    expect(escaped).not.toMatch(BEYOND_ASCII)
    expect(value(escaped)).toEqual(value(source))
  })

  it('writes comments as escapes too, and leaves ASCII alone', () => {
    expect(asciiOnly('// café\n/* — */ 1', 'test.js')).toBe('// caf\\u00e9\n/* \\u2014 */ 1')
    expect(asciiOnly("const a = 'b' // c", 'test.js')).toBe("const a = 'b' // c")
  })

  it('refuses what no escape keeps: an identifier, a tagged template', () => {
    expect(() => asciiOnly('const café = 1', 'dist/x.js')).toThrow(/^dist\/x\.js:1: a character beyond ASCII/)
    expect(() => asciiOnly('const a = 1\nString.raw`—`', 'dist/x.js')).toThrow(/^dist\/x\.js:2: /)
  })
})
