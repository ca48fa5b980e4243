/** Stand-ins for the clock, the Qovery API and the runner, for tests of the pure and flow code. */
import type { Clock } from '../src/util/clock.ts'
import { RequestFailed, type Fault } from '../src/qovery/faults.ts'
import type { ActionIO, RunContext } from '../src/runner/action-io.ts'
import type * as Records from '../src/rules/qovery-records.ts'
import type { CancelAnswer, QoveryApi } from '../src/qovery/client.ts'
import { ENV_ID } from './environment.ts'

/** A clock whose sleeps pass instantly, moving its time forward. */
export class FakeClock implements Clock {
  time = Date.UTC(2026, 10, 27, 12, 0, 0)
  readonly sleeps: number[] = []
  /** Called inside every sleep; lets a test act "during" a wait. */
  onSleep: ((ms: number) => void) | undefined

  now(): number {
    return this.time
  }

  wallNow(): number {
    return this.time
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason
    this.sleeps.push(ms)
    this.onSleep?.(ms)
    if (signal.aborted) throw signal.reason
    this.time += ms
  }
}

export function status(state: string, extra: Partial<Records.EnvironmentStatus> = {}): Records.EnvironmentStatus {
  return {
    id: ENV_ID,
    state,
    last_deployment_state: state,
    last_deployment_id: 'd-1',
    last_deployment_date: '2026-11-27T11:59:00Z',
    deployment_request_id: 'r-1',
    total_deployment_duration_in_seconds: 60,
    deployment_status: 'OUT_OF_DATE',
    ...extra
  }
}

export type Scripted<T> = T | Fault | ((signal: AbortSignal) => Promise<T>)

/** What the list endpoints return: organizations, and projects and environments by parent id. */
export interface Catalog {
  organizations: Array<Scripted<Records.Named[]>>
  projects: Record<string, Records.Named[]>
  environments: Record<string, Records.Named[]>
}

/** An API answering from scripts; the last answer of each script repeats. */
export class FakeApi implements QoveryApi {
  readonly calls: Array<{
    what: 'status' | 'cancel' | 'list' | 'queue' | 'lookup' | 'cancel-request' | 'environment' | 'statuses' | 'history'
    at: number
    id?: string
    force?: boolean
  }> = []
  catalog: Catalog = { organizations: [[]], projects: {}, environments: {} }
  /** Successive answers of the queue endpoint. */
  queues: Array<Scripted<Records.WaitingRequest[]>> = [[]]
  /** Successive answers of the lookup, by request id; a request with none is not known (404). */
  lookups: Record<string, Array<Scripted<Records.RequestLookup>>> = {}
  /** Successive answers of the per-request cancel. */
  requestCancels: Array<Scripted<CancelAnswer>> = [{ accepted: true, httpStatus: 202 }]
  /** Successive answers of GET /environment/{id}; by default a 404, as for an environment the token cannot see. */
  environments: Array<Scripted<Records.EnvironmentDetails>> = [{ kind: 'http', status: 404 }]
  /** Successive answers of GET /environment/{id}/statuses; by default no services. */
  serviceStatuses: Array<Scripted<Records.ServiceStatus[]>> = [[]]
  /**
   * Successive answers of the deployment history; by default, the deployment the last status
   * answered shows: its execution (last_deployment_id), a DEPLOY in that status's state.
   */
  histories: Array<Scripted<Records.DeploymentHistoryEntry[]>> | undefined
  private readonly statuses: Array<Scripted<Records.EnvironmentStatus>>
  /** Successive answers of the environment cancel. */
  cancels: Array<Scripted<CancelAnswer>>
  private readonly clock: FakeClock
  #lastStatus: Records.EnvironmentStatus | undefined

  constructor(
    clock: FakeClock,
    statuses: Array<Scripted<Records.EnvironmentStatus>>,
    cancels: Array<Scripted<CancelAnswer>> = [{ accepted: true, httpStatus: 202, status: status('DEPLOYING') }]
  ) {
    this.clock = clock
    this.statuses = statuses
    this.cancels = cancels
  }

  get requestCount(): number {
    return this.calls.length
  }

  async getStatus(environmentId: string, signal: AbortSignal): Promise<Records.EnvironmentStatus> {
    this.calls.push({ what: 'status', at: this.clock.now(), id: environmentId })
    const scripted = next(this.statuses)
    // Noted at once: the history read beside it shows the deployment this status shows.
    if (typeof scripted === 'object' && scripted !== null && 'state' in scripted) this.#lastStatus = scripted
    return answer(scripted, signal, 'GET /status')
  }

  async cancelDeployment(environmentId: string, force: boolean, signal: AbortSignal): Promise<CancelAnswer> {
    this.calls.push({ what: 'cancel', at: this.clock.now(), id: environmentId, force })
    return answer(next(this.cancels), signal, 'POST /cancelDeployment')
  }

  async getQueue(environmentId: string, signal: AbortSignal): Promise<Records.WaitingRequest[]> {
    this.calls.push({ what: 'queue', at: this.clock.now(), id: environmentId })
    return answer(next(this.queues), signal, 'GET /deploymentQueue')
  }

  async getRequestStatus(deploymentRequestId: string, signal: AbortSignal): Promise<Records.RequestLookup> {
    this.calls.push({ what: 'lookup', at: this.clock.now(), id: deploymentRequestId })
    const script = this.lookups[deploymentRequestId]
    return script === undefined ? { found: false } : answer(next(script), signal, 'GET /environment/deploymentStatus')
  }

  async cancelRequest(deploymentRequestId: string, signal: AbortSignal): Promise<CancelAnswer> {
    this.calls.push({ what: 'cancel-request', at: this.clock.now(), id: deploymentRequestId })
    return answer(next(this.requestCancels), signal, 'POST /deploymentQueue/cancelDeployment')
  }

  async getEnvironment(environmentId: string, signal: AbortSignal): Promise<Records.EnvironmentDetails> {
    this.calls.push({ what: 'environment', at: this.clock.now(), id: environmentId })
    return answer(next(this.environments), signal, 'GET /environment')
  }

  async getServiceStatuses(environmentId: string, signal: AbortSignal): Promise<Records.ServiceStatus[]> {
    this.calls.push({ what: 'statuses', at: this.clock.now(), id: environmentId })
    return answer(next(this.serviceStatuses), signal, 'GET /environment/statuses')
  }

  async getDeploymentHistory(environmentId: string, _pageSize: number, signal: AbortSignal): Promise<Records.DeploymentHistoryEntry[]> {
    this.calls.push({ what: 'history', at: this.clock.now(), id: environmentId })
    if (this.histories !== undefined) return answer(next(this.histories), signal, 'GET /environment/deploymentHistoryV2')
    // Before any status was answered (the first failed), the first status the script will answer.
    const shown =
      this.#lastStatus ??
      (this.statuses.find((entry) => typeof entry === 'object' && entry !== null && 'state' in entry) as
        Records.EnvironmentStatus | undefined)
    const executionId = typeof shown?.last_deployment_id === 'string' ? shown.last_deployment_id : 'd-1'
    return [{ executionId, state: shown?.state ?? 'DEPLOYED', action: 'DEPLOY', stages: [] }]
  }

  async listOrganizations(signal: AbortSignal): Promise<Records.Named[]> {
    this.calls.push({ what: 'list', at: this.clock.now(), id: 'organizations' })
    return answer(next(this.catalog.organizations), signal, 'GET /organization')
  }

  async listProjects(organizationId: string): Promise<Records.Named[]> {
    this.calls.push({ what: 'list', at: this.clock.now(), id: organizationId })
    return (
      this.catalog.projects[organizationId] ??
      Promise.reject(new RequestFailed({ kind: 'http', status: 404 }, 'GET /organization/x/project'))
    )
  }

  async listEnvironments(projectId: string): Promise<Records.Named[]> {
    this.calls.push({ what: 'list', at: this.clock.now(), id: projectId })
    return (
      this.catalog.environments[projectId] ?? Promise.reject(new RequestFailed({ kind: 'http', status: 404 }, 'GET /project/x/environment'))
    )
  }
}

/** The script's next answer; the last one repeats. */
function next<T>(script: T[]): T {
  return script.length > 1 ? script.shift()! : script[0]!
}

function answer<T>(next: Scripted<T>, signal: AbortSignal, request: string): Promise<T> {
  if (typeof next === 'function') return (next as (signal: AbortSignal) => Promise<T>)(signal)
  if (typeof next === 'object' && next !== null && 'kind' in next) return Promise.reject(new RequestFailed(next as Fault, request))
  return Promise.resolve(next as T)
}

/** A runner that records what the action did with it. */
export class FakeIO implements ActionIO {
  readonly inputs: Record<string, string>
  readonly secrets: string[] = []
  readonly outputs: Record<string, string> = {}
  readonly lines: Array<{ kind: string; text: string; title?: string }> = []
  failed: string | undefined
  failedTitle: string | undefined
  summary: string | undefined
  run: RunContext = {}

  constructor(inputs: Record<string, string>) {
    this.inputs = inputs
  }

  getInput(name: string): string {
    return this.inputs[name] ?? ''
  }
  setSecret(value: string): void {
    this.secrets.push(value)
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value
  }
  info(text: string): void {
    this.lines.push({ kind: 'info', text })
  }
  debug(text: string): void {
    this.lines.push({ kind: 'debug', text })
  }
  notice(text: string, title?: string): void {
    this.lines.push({ kind: 'notice', text, ...(title ? { title } : {}) })
  }
  warning(text: string, title?: string): void {
    this.lines.push({ kind: 'warning', text, ...(title ? { title } : {}) })
  }
  error(text: string, title?: string): void {
    this.lines.push({ kind: 'error', text, ...(title ? { title } : {}) })
  }
  setFailed(text: string, title?: string): void {
    this.failed = text
    this.failedTitle = title
  }
  group(name: string, lines: string[]): void {
    this.lines.push({ kind: 'group', text: `${name}\n${lines.join('\n')}` })
  }
  async writeSummary(markdown: string): Promise<void> {
    this.summary = markdown
  }
  async runContext(): Promise<RunContext> {
    return this.run
  }
  of(kind: string): string[] {
    return this.lines.filter((line) => line.kind === kind).map((line) => line.text)
  }
}
