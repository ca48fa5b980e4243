/**
 * Which deployment history entry is the targeted request's own. The history names executions, not
 * requests: the entry is the one whose execution id is the one the status named beside the request
 * while it ran (its last_deployment_id), as Qovery's console pairs them. That pairing is Qovery's
 * console's reading, not the spec's, so the entry is taken only when nothing else known of the
 * request contradicts it: otherwise its services and its console link would be another
 * deployment's. Pure policy.
 */
import { sameId } from '../util/ids.ts'
import type { Known } from '../util/known.ts'
import type { DeploymentHistoryEntry } from './qovery-records.ts'
import type { Fate } from './request-end.ts'
import { familyOf, type RequestKind } from './request-kind.ts'
import { isFinalState } from './states.ts'

/** What is known of the request besides its history entry. */
export interface RequestFacts {
  /** The execution the status named beside the request while it ran. */
  executionId?: string
  /** The request's id, and the (request, execution) pairs the status named together over the run. */
  id?: string
  pairs: ReadonlyArray<readonly [string, string]>
  kind?: RequestKind
  fate?: Fate
  /** How many deployments may be newer than the request's own: those seen to start after it. */
  newer: number
}

/** The request's own history entry, or why none can be taken as it. */
export function deploymentEntry(history: readonly DeploymentHistoryEntry[], facts: RequestFacts): Known<DeploymentHistoryEntry> {
  const { executionId } = facts
  if (executionId === undefined) return { unknown: 'Qovery named no execution for the request while it ran (no last_deployment_id)' }
  const others = otherExecutions(facts, executionId)
  if (others.length > 0)
    return { unknown: `the status named more than one execution beside the request (${[executionId, ...others].join(', ')})` }
  const index = history.findIndex((entry) => sameId(entry.executionId, executionId))
  const entry = history[index]
  if (entry === undefined) return { unknown: `the deployment history has no entry for execution ${executionId}` }
  const contradiction = contradicts(entry, facts) ?? (index > facts.newer ? newerEntries(index, facts.newer) : undefined)
  return contradiction === undefined
    ? { value: entry }
    : { unknown: `the entry of execution ${executionId} is not taken as the request's: ${contradiction}` }
}

/**
 * Executions the status named beside the request's id other than `executionId`, but for those it
 * also named beside another request: there the request's id lagged behind the execution shown.
 */
function otherExecutions(facts: RequestFacts, executionId: string): string[] {
  const { id, pairs } = facts
  if (id === undefined) return []
  const ofOthers = new Set(pairs.filter(([request]) => request !== id).map(([, execution]) => execution.toLowerCase()))
  return [
    ...new Set(
      pairs
        .filter(([request, execution]) => request === id && !sameId(execution, executionId) && !ofOthers.has(execution.toLowerCase()))
        .map(([, execution]) => execution)
    )
  ]
}

/** What in the entry contradicts the request: another kind, or another end. */
function contradicts(entry: DeploymentHistoryEntry, facts: RequestFacts): string | undefined {
  const { kind, fate } = facts
  const entryFamily = entry.action === undefined ? undefined : (familyOf(entry.action) ?? entry.action.toUpperCase())
  const requestFamily = kind === undefined ? undefined : (familyOf(kind.action) ?? kind.action.toUpperCase())
  if (
    entryFamily !== undefined &&
    requestFamily !== undefined &&
    entry.action!.toUpperCase() !== 'UNKNOWN' &&
    entryFamily !== requestFamily
  )
    return `it is a ${entry.action}, and the request a ${kind!.action}`
  if (fate?.state !== undefined && isFinalState(entry.state) && entry.state.toUpperCase() !== fate.state.toUpperCase())
    return `it says ${entry.state}, and the request ended ${fate.state}`
  return undefined
}

function newerEntries(index: number, newer: number): string {
  return `${index} deployment${index > 1 ? 's are' : ' is'} newer in the history, and ${newer === 0 ? 'none' : newer} was seen to start after the request`
}
