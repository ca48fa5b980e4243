/**
 * How a deployment request ended, from what Qovery's records say of it. Pure policy: a claim
 * rests on records that name the request (its lookup, the status's `state` beside its
 * deployment_request_id, `last_deployment_state` beside its execution, its history entry, its
 * accepted per-request cancel with the queue read after it). When those that speak agree, the
 * request ended so; when they disagree, the caller reads again, and if they still disagree the end
 * is not known, with what each said. Nothing is picked.
 */
import { isFinalState, stateWords } from './states.ts'
import { joinedWithAnd } from '../util/text.ts'

/** A record that speaks of the request's state. */
type Source =
  /** The status's `state`, beside the request's deployment_request_id (or its execution, when it names no request). */
  | 'status'
  /** The status's `last_deployment_state`, beside the request's execution as last_deployment_id. */
  | 'last deployment'
  /** Qovery's lookup of the request by its id. */
  | 'lookup'
  /** The request's entry in the deployment history. */
  | 'history'
  /** Its per-request cancel was accepted, and a read of the queue after it no longer lists it, and it never ran. */
  | 'queue'

/** What one record said of the request's state, and when it was read (ms). */
export interface Testimony {
  source: Source
  state: string
  at: number
}

/** What became of the targeted request, and on what the action knows it. */
export interface Fate {
  /** Its final state, when the records that speak of it agree on one. */
  state?: string
  /** The observation it rests on, as a clause for messages. */
  basis: string
  /** What each record said, when they did not agree. */
  said?: Testimony[]
}

/** The records' word on the request: still in progress, ended (and how), or not agreeing. */
export type Verdict = { verdict: 'in progress' } | { verdict: 'ended'; fate: Fate } | { verdict: 'disagree'; said: Testimony[] }

/** The words for each source, in sentences: "Qovery's request lookup". */
const SOURCE_WORDS: Record<Source, string> = {
  status: "the environment's status",
  'last deployment': "the status's last deployment state",
  lookup: "Qovery's lookup of the request",
  history: 'its deployment history entry',
  queue: 'its accepted cancel, after which the queue no longer listed it'
}

/**
 * The verdict of the latest word of each source. The history may lag the status for a few
 * reads (an entry still CANCELING once the request ended), so an entry in progress beside final
 * words says nothing against them; every other source in progress beside a final word is a
 * disagreement. Sources that named no state are simply absent: with none, the request is in
 * progress as far as anyone said.
 */
export function judge(said: readonly Testimony[]): Verdict {
  const latest = latestBySource(said)
  const finals = latest.filter((testimony) => isFinalState(testimony.state))
  if (finals.length === 0) return { verdict: 'in progress' }
  const lagging = latest.filter((testimony) => !isFinalState(testimony.state))
  const states = new Set(finals.map((testimony) => testimony.state.toUpperCase()))
  if (states.size > 1 || lagging.some((testimony) => testimony.source !== 'history')) return { verdict: 'disagree', said: latest }
  const state = finals[0]!.state
  return {
    verdict: 'ended',
    fate: {
      state,
      basis: `${joinedWithAnd(finals.map((testimony) => SOURCE_WORDS[testimony.source]))} say${finals.length > 1 ? '' : 's'} ${state}`
    }
  }
}

/** The end of a request whose records still disagreed when the action had to stop reading. */
export function disagreement(said: readonly Testimony[]): Fate {
  const each = latestBySource(said).map((testimony) => `${SOURCE_WORDS[testimony.source]} says ${stateWords(testimony.state)}`)
  return { basis: `Qovery's records disagree: ${joinedWithAnd(each)}`, said: latestBySource(said) }
}

/** The end of a request no record named once it had left the status. */
export function noRecord(why: string): Fate {
  return { basis: why }
}

/** The latest testimony of each source, in the order the sources first spoke. */
function latestBySource(said: readonly Testimony[]): Testimony[] {
  const latest = new Map<Source, Testimony>()
  for (const testimony of said) {
    const before = latest.get(testimony.source)
    if (before === undefined || testimony.at >= before.at) latest.set(testimony.source, testimony)
  }
  return [...latest.values()]
}
