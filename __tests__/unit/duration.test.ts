import { describe, expect, it } from '@jest/globals'
import { formatDuration, MAX_DURATION_MS, parseDuration } from '../../src/util/duration.ts'

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['90', 90_000],
    ['2.5', 2_500],
    ['1.5s', 1_500],
    ['1.5m', 90_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['2m500ms', 120_500],
    [' 5S ', 5_000],
    ['1ms', 1]
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ms })
  })

  it.each([
    ['', 'it is empty'],
    ['0', 'at least 1ms'],
    ['0s', 'at least 1ms'],
    ['0.0001s', 'at least 1ms'],
    ['-5s', 'negative'],
    ['-5', 'negative'],
    ['5x', 'is not a number followed by'],
    ['ten', 'is not a number followed by'],
    ['5 s', 'is not a number followed by'],
    ['30m1h', 'larger to smaller'],
    ['5s5s', 'larger to smaller'],
    ['1e3', 'is not a number followed by'],
    ['25d', 'is not a number followed by'],
    [String(MAX_DURATION_MS / 1000 + 1), 'longer than 24 days']
  ])('rejects %j: %s', (text, problem) => {
    const parsed = parseDuration(text)
    expect('problem' in parsed && parsed.problem).toContain(problem)
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [350, '350ms'],
    [1000, '1s'],
    [4200, '4.2s'],
    [59_949, '59.9s'],
    [60_000, '1m'],
    [90_000, '1m 30s'],
    [3_600_000, '1h'],
    [3_723_000, '1h 2m 3s']
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
