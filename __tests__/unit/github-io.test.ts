import { describe, expect, it } from '@jest/globals'
import { safeLine } from '../../src/runner/github-io.ts'

describe('safeLine', () => {
  it('keeps API text from starting a workflow command', () => {
    expect(safeLine('DEPLOYING\n::error::injected')).toBe('DEPLOYING ::error::injected')
    expect(safeLine('  ::stop-commands::token')).toBe('  \\::stop-commands::token')
    expect(safeLine('a\r\n::add-mask::x\u2028::warning::y')).toBe('a ::add-mask::x ::warning::y')
    expect(safeLine('state ##[error]legacy')).toBe('state ## [error]legacy')
    expect(safeLine('bell\u0007 tab\tok')).toBe('bell? tab\tok')
  })

  it('leaves ordinary lines alone', () => {
    expect(safeLine('[12:00:00Z] Environment state: DEPLOYING -> CANCELING (after 2s)')).toBe(
      '[12:00:00Z] Environment state: DEPLOYING -> CANCELING (after 2s)'
    )
  })
})
