/**
 * The runner's signals, caught from the entry point's first moment: what catchInterruptions does
 * with them, and that the entry point evaluates it before any dependency.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { Interrupted } from '../../src/util/interrupted.ts'
import { catchInterruptions, INTERRUPTIONS } from '../../src/runner/interruptions.ts'

const importsOf = (file: string): string[] =>
  [...readFileSync(new URL(`../../src/${file}`, import.meta.url), 'utf8').matchAll(/^import .* from '([^']+)'/gm)].map((match) => match[1]!)

describe('catchInterruptions', () => {
  it.each(INTERRUPTIONS)('aborts with an Interrupted naming %s, and lets go of the process on release', (name) => {
    const before = process.listenerCount(name)
    const interruptions = catchInterruptions()
    expect(process.listenerCount(name)).toBe(before + 1)
    process.emit(name, name)
    expect(interruptions.signal.aborted).toBe(true)
    expect(interruptions.signal.reason).toBeInstanceOf(Interrupted)
    expect((interruptions.signal.reason as Interrupted).signalName).toBe(name)
    interruptions.release()
    expect(process.listenerCount(name)).toBe(before)
  })

  it('keeps the first signal when a second follows (the runner sends SIGTERM 7.5 s after SIGINT)', () => {
    const interruptions = catchInterruptions()
    process.emit('SIGINT', 'SIGINT')
    process.emit('SIGTERM', 'SIGTERM')
    interruptions.release()
    expect((interruptions.signal.reason as Interrupted).signalName).toBe('SIGINT')
  })
})

describe('the entry point', () => {
  it('catches signals before it loads anything else: its one static import reaches only modules without dependencies', () => {
    expect(importsOf('index.ts')).toEqual(['./runner/interruptions-from-start.ts'])
    expect(readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8')).toContain("await import('./step.ts')")
    expect(importsOf('runner/interruptions-from-start.ts')).toEqual(['./interruptions.ts'])
    expect(importsOf('runner/interruptions.ts')).toEqual(['../util/interrupted.ts'])
    expect(importsOf('util/interrupted.ts')).toEqual([])
  })
})
