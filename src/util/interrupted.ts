/** The run was interrupted (the workflow run was cancelled): stop at once, retry nothing. */
export class Interrupted extends Error {
  readonly signalName: string
  /** Whether it cut a request on its way: the server may have received that request, and acted on it. */
  readonly duringRequest: boolean
  constructor(signalName: string, duringRequest = false) {
    super(`interrupted by ${signalName}`)
    this.name = 'Interrupted'
    this.signalName = signalName
    this.duringRequest = duringRequest
  }
}
