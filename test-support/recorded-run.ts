/**
 * Runs the action's run() in this process, as the bundle runs it on a runner but for the process
 * around it: the real HTTP client on the real clock against a server on loopback, and the same
 * ActionIO, whose toolkit here records what @actions/core would print or write. Many runs go
 * side by side in one test file, and each gives what runAction gives for the bundle. Free of
 * Jest, so that scripts (the summary preview) run it too.
 */
import { githubIO, type Toolkit, type WorkflowContext } from '../src/runner/github-io.ts'
import { run } from '../src/main.ts'
import { systemClock } from '../src/util/clock.ts'
import { dispatcherFor, qoveryClient } from '../src/runtime.ts'
import type { ActionRun } from './run-action.ts'

export interface InProcessOptions {
  /** Called with each line printed, with a way to interrupt the run (as a signal would). */
  onLine?: (line: string, interrupt: (reason: unknown) => void) => void
}

export interface InProcessRun extends ActionRun {
  /** Each request the client dispatched, timed at its check of the deadline, on the action's own clock. */
  sent: Array<{ at: number; method: string; path: string }>
}

/** Runs the action with these inputs; resolves once it has ended, with what a runner would have seen. */
export async function runInProcess(inputs: Record<string, string>, options: InProcessOptions = {}): Promise<InProcessRun> {
  const interruption = new AbortController()
  const recorder = new RunnerRecorder(inputs, (line) => options.onLine?.(line, (reason) => interruption.abort(reason)))
  const sent: InProcessRun['sent'] = []
  // The client reads the clock to check the deadline, then dispatches in the same synchronous
  // step: a request is timed at that check, which a pause of the machine cannot move past it.
  let checkedAt = 0
  const now = () => (checkedAt = systemClock.now())
  // Built as on a runner: the same caps on what an answer may hold.
  const agent = dispatcherFor({ route: 'direct' }, () => {})
  const dispatcher = agent.compose((dispatch) => (request, handler) => {
    sent.push({ at: checkedAt, method: request.method, path: request.path })
    return dispatch(request, handler)
  })
  const startedAt = Date.now()
  try {
    await run({
      io: githubIO({ GITHUB_STEP_SUMMARY: 'recorded' }, recorder.toolkit),
      clock: systemClock,
      signal: interruption.signal,
      random: Math.random,
      createApi: (settings, deadline) => qoveryClient(settings, deadline, dispatcher, (line) => recorder.toolkit.core.debug(line), now)
    })
  } finally {
    await agent.destroy()
  }
  return {
    sent,
    exitCode: recorder.exitCode,
    signal: null,
    stdout: recorder.lines.map((line) => `${line}\n`).join(''),
    stderr: '',
    outputs: recorder.outputs,
    summary: recorder.summary,
    startedAt,
    endedAt: Date.now()
  }
}

/** @actions/core's workflow commands, printed as the runner reads them (its escaping included). */
class RunnerRecorder {
  readonly lines: string[] = []
  readonly outputs: Record<string, string> = {}
  summary = ''
  exitCode = 0
  readonly toolkit: Toolkit

  constructor(inputs: Record<string, string>, onLine: (line: string) => void) {
    const print = (line: string): void => {
      this.lines.push(line)
      onLine(line)
    }
    const command = (name: string, message: string, title?: string): void =>
      print(`::${name}${title === undefined ? '' : ` title=${escapeProperty(title)}`}::${escapeData(message)}`)
    this.toolkit = {
      core: {
        getInput: (name) => (inputs[name] ?? '').trim(),
        setSecret: (value) => print(`::add-mask::${escapeData(value)}`),
        setOutput: (name, value) => void (this.outputs[name] = String(value)),
        info: (message) => print(message),
        debug: (message) => command('debug', message),
        notice: (message, properties) => command('notice', String(message), properties?.title),
        warning: (message, properties) => command('warning', String(message), properties?.title),
        error: (message, properties) => command('error', String(message), properties?.title),
        startGroup: (name) => print(`::group::${name}`),
        endGroup: () => print('::endgroup::')
      },
      fail: () => void (this.exitCode = 1),
      appendSummary: async (markdown) => void (this.summary += `${markdown}\n`),
      context: async () => NO_CONTEXT
    }
  }
}

/** A run outside a workflow: @actions/github's context with nothing from the runner. */
const NO_CONTEXT: WorkflowContext = {
  runId: Number.NaN,
  runAttempt: Number.NaN,
  serverUrl: 'https://github.com',
  actor: '',
  eventName: ''
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
