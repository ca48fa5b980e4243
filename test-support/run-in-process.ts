/** run() in process for the tests (see recorded-run.ts); simulators.ts starts the simulators they run against. */
export { type InProcessRun, runInProcess } from './recorded-run.ts'
