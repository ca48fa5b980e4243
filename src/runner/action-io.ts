/** The action's seams, shared by the entry point, the runtime, the runner's I/O and the reports. */
/** The runner as the action sees it: inputs, masking, outputs, logs, annotations, summary. */
export interface ActionIO {
  getInput(name: string): string
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  info(message: string): void
  debug(message: string): void
  notice(message: string, title?: string): void
  warning(message: string, title?: string): void
  error(message: string, title?: string): void
  /** An error annotation, titled when `title` is given, and the step failed. */
  setFailed(message: string, title?: string): void
  group(name: string, lines: string[]): void
  writeSummary(markdown: string): Promise<void>
  /** The workflow run, for the summary; loaded once the cancel request is out of the way. */
  runContext(): Promise<RunContext>
}

/** The workflow run the action runs in, as far as the runner says. */
export interface RunContext {
  runUrl?: string
  repository?: string
  actor?: string
  event?: string
}
