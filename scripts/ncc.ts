/**
 * ncc over the action's entry point, with webpack's statistics: what the build writes dist/ with,
 * and what the benchmark reads the bundle's parts from.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

export interface StatsModule {
  name: string
  size: number
  chunks?: Array<string | number>
  /** The modules webpack concatenated into this one. */
  modules?: StatsModule[]
}

export interface BundleStats {
  modules: StatsModule[]
  chunks: Array<{ id: string | number; files: string[] }>
}

/** Bundles src/index.ts into `outDir` and returns ncc's statistics; throws if ncc fails. */
export function nccBuild(outDir: string, quiet = false): BundleStats {
  const scratch = mkdtempSync(join(tmpdir(), 'qovery-cancel-ncc-'))
  try {
    const stats = join(scratch, 'stats.json')
    const cli = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
    const built = spawnSync(
      process.execPath,
      [cli, 'build', join(ROOT, 'src', 'index.ts'), '-o', outDir, '--stats-out', stats, '--transpile-only'],
      {
        cwd: ROOT,
        stdio: quiet ? 'pipe' : 'inherit',
        encoding: 'utf8'
      }
    )
    if (built.status !== 0) throw new Error(`ncc failed with exit code ${built.status}${quiet ? `: ${built.stderr}` : ''}`)
    return JSON.parse(readFileSync(stats, 'utf8')) as BundleStats
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * Calls `visit` once with every module in the bundle's files: the modules webpack concatenated
 * into one are visited inside it (the statistics also list them on their own, in no chunk).
 */
export function eachModule(modules: StatsModule[], visit: (module: StatsModule, chunk: string | number) => void): void {
  const walk = (module: StatsModule, chunk: string | number): void => {
    if (module.modules === undefined) return visit(module, chunk)
    for (const inner of module.modules) walk(inner, chunk)
  }
  for (const module of modules) {
    const chunk = module.chunks?.[0]
    if (chunk !== undefined) walk(module, chunk)
  }
}

/** `node_modules/@scope/name` and `@scope/name` of a module inside a package, else undefined. */
export function packageOf(module: StatsModule): { folder: string; name: string } | undefined {
  const match = /^(?:\.\/)?(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(module.name)
  return match === null ? undefined : { folder: match[1]!, name: match[2]! }
}
