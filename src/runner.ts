/**
 * The GitHub runner's protocol, as far as this action speaks it: workflow commands on stdout
 * (`::name key=value::message`) and the files the runner names in GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY. Written here rather than taken from @actions/core, whose OIDC client
 * would add a second HTTP stack (undici 6) to the bundle and to every start.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'

export type Properties = Record<string, string | undefined>

/** A command's message: %, CR and LF would end or split the line. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property value: also : and , which separate properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

export function command(name: string, message: string, properties: Properties = {}): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`
}

export interface RunnerOptions {
  env: NodeJS.ProcessEnv
  write: (text: string) => void
}

/** The runner's side of a step, over the process's environment and stdout. */
export class Runner {
  private readonly env: NodeJS.ProcessEnv
  private readonly write: (text: string) => void

  constructor({ env, write }: RunnerOptions) {
    this.env = env
    this.write = write
  }

  /** INPUT_<NAME>, as the runner sets it from `with:` (spaces become underscores), trimmed. */
  getInput(name: string): string {
    return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
  }

  issue(name: string, message: string, properties?: Properties): void {
    this.write(command(name, message, properties) + EOL)
  }

  info(message: string): void {
    this.write(message + EOL)
  }

  /** Shown only when the run has debug logging on (RUNNER_DEBUG); the runner decides. */
  debug(message: string): void {
    this.issue('debug', message)
  }

  setSecret(value: string): void {
    this.issue('add-mask', value)
  }

  /** Appends `name<<DELIMITER`, the value, `DELIMITER` to GITHUB_OUTPUT, with a fresh delimiter. */
  setOutput(name: string, value: string): void {
    const file = this.env.GITHUB_OUTPUT
    if (!file) return this.debug(`GITHUB_OUTPUT is not set: output ${name} not written`)
    const delimiter = `ghadelimiter_${randomUUID()}`
    if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output ${name} contains its delimiter`)
    appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
  }

  /** Appends Markdown to the job summary; false when the runner gave no summary file. */
  appendSummary(markdown: string): boolean {
    const file = this.env.GITHUB_STEP_SUMMARY
    if (!file) return false
    appendFileSync(file, markdown + EOL, 'utf8')
    return true
  }

  setFailed(message: string): void {
    process.exitCode = 1
    this.issue('error', message)
  }
}
