/**
 * `npm run build`: dist/ from scratch. ncc neither empties dist/ (a chunk left from an earlier
 * build would be committed) nor, once the bundle has a chunk, lists every bundled package in its
 * --license file: the licences are gathered here from ncc's statistics, over every chunk. Each
 * bundle file is then made ASCII-only (see ascii-only.ts).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { asciiOnly } from './ascii-only.ts'
import { eachModule, nccBuild, packageOf, ROOT } from './ncc.ts'

const DIST = join(ROOT, 'dist')

rmSync(DIST, { recursive: true, force: true })
const folders = new Set<string>()
eachModule(nccBuild(DIST).modules, (module) => {
  const pkg = packageOf(module)
  if (pkg !== undefined) folders.add(pkg.folder)
})
writeFileSync(join(DIST, 'licenses.txt'), licenses([...folders].sort()))
for (const name of readdirSync(DIST).filter((file) => file.endsWith('.js'))) {
  const file = join(DIST, name)
  writeFileSync(file, asciiOnly(readFileSync(file, 'utf8'), `dist/${name}`))
}

/** Each package's name, version, licence and licence text, as ncc's --license file has them. */
function licenses(packageFolders: string[]): string {
  return packageFolders
    .map((folder) => {
      const pkg = JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as {
        name: string
        version: string
        license?: string
      }
      const file = readdirSync(join(ROOT, folder)).find((name) => /^(licen[sc]e|copying)/i.test(name))
      const text =
        file !== undefined && existsSync(join(ROOT, folder, file))
          ? readFileSync(join(ROOT, folder, file), 'utf8').trim()
          : '(no licence file in the package)'
      return `${pkg.name}@${pkg.version}\n${pkg.license ?? 'UNKNOWN'}\n${text}`
    })
    .join('\n\n')
    .concat('\n')
}
