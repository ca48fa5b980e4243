/**
 * The map of src/ (docs/architecture.md) kept true: folders by concern, the entry and the wiring
 * at the root, folders importing in one direction only, and no import circle between files.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from '../../test-support/run-action.ts'

const SRC = join(ROOT, 'src')
/** Each folder's rank: a folder imports only from folders of a lower rank (and from itself). */
const RANKS: Record<string, number> = { util: 0, rules: 1, qovery: 2, inputs: 2, runner: 2, flow: 3, report: 4, '.': 5 }

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return sources(path)
    return name.endsWith('.ts') ? [path] : []
  })
}

/** Each source file, relative to src/, with the files it imports (static and dynamic), relative to src/ too. */
const graph = new Map(
  sources(SRC).map((file) => {
    const text = readFileSync(file, 'utf8')
    const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) =>
      relative(SRC, resolve(dirname(file), match[1]!))
    )
    return [relative(SRC, file), imports] as const
  })
)
const folderOf = (file: string): string => (file.includes('/') ? file.split('/')[0]! : '.')

describe('src/', () => {
  it('has the entry and the wiring at its root, at most four files, and its code in folders by concern', () => {
    const root = [...graph.keys()].filter((file) => folderOf(file) === '.')
    expect(root.sort()).toEqual(['index.ts', 'main.ts', 'runtime.ts', 'step.ts'])
    expect(new Set([...graph.keys()].map(folderOf).filter((folder) => folder !== '.'))).toEqual(
      new Set(Object.keys(RANKS).filter((folder) => folder !== '.'))
    )
  })

  it('imports in one direction: a folder from folders of a lower rank only; rules/ and util/ from no other folder but util/', () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => folderOf(target) !== folderOf(file) && RANKS[folderOf(target)]! >= RANKS[folderOf(file)]!)
        .map((target) => `${file} -> ${target}`)
    )
    expect(wrong).toEqual([])
  })

  it('has no import circle between files', () => {
    const circles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') return void circles.push([...path.slice(path.indexOf(file)), file].join(' -> '))
      state.set(file, 'open')
      for (const target of graph.get(file) ?? []) visit(target, [...path, file])
      state.set(file, 'done')
    }
    for (const file of graph.keys()) visit(file, [])
    expect(circles).toEqual([])
  })
})
