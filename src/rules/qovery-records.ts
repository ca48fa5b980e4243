/**
 * What the action reads from Qovery's API, in the shapes the rest of the action uses. The raw
 * shapes come from Qovery's own generated client (qovery-typescript-axios, type-only), widened
 * by `AsSent`: the API adds enum values over time (states, actions, service types), so every
 * enum field may hold a name the action has never seen.
 */
import type * as Qovery from 'qovery-typescript-axios'

/** A Qovery type as the API may send it: its enum fields hold any string. */
export type AsSent<T> = T extends string
  ? string
  : T extends Array<infer Item>
    ? Array<AsSent<Item>>
    : T extends object
      ? { [Key in keyof T]: AsSent<T[Key]> }
      : T

/** GET /environment/{id}/status (EnvironmentStatus); other fields are kept as they come. */
export type EnvironmentStatus = AsSent<Qovery.EnvironmentStatus> & { [field: string]: unknown }

/** A request waiting in the environment's queue (a QueuedDeploymentRequestWithStages row). */
export interface WaitingRequest {
  /** Its deployment_request_id, lower-case. */
  id: string
  /** Its trigger_action: DEPLOY, DELETE, RESTART, STOP... */
  action?: string
  triggeredBy?: string
  origin?: string
}

/** What `GET /environment/deploymentStatus?deploymentRequestId=` said of one request. */
/** Qovery's lookup of one request: its state, and the environment it belongs to when the answer names it. */
export type RequestLookup = { found: true; state: string; environmentId?: string } | { found: false; detail?: string }

/** GET /environment/{id}: the environment's name and where it lives, for names and console links. */
export interface EnvironmentDetails {
  id: string
  name: string
  organizationId: string
  projectId: string
  /** PRODUCTION, STAGING, DEVELOPMENT, PREVIEW. */
  mode?: string
  clusterName?: string
}

/** One service in GET /environment/{id}/statuses (a Status), with the list it came in as its type. */
export interface ServiceStatus {
  id: string
  /** APPLICATION, CONTAINER, JOB, DATABASE, HELM, TERRAFORM, AGENTIC_WORKFLOW. */
  type: string
  /** Its state now (StateEnum). */
  state: string
  /** status_details.action: the action the service is part of (DEPLOY, DELETE, RESTART, STOP, UNKNOWN). */
  action?: string
  deploymentRequestId?: string
  executionId?: string
  isPartOfLastDeployment?: boolean
}

/** What a service of a deployment was given to run: a commit, or an image and its tag. */
export type ServiceVersion = { commit: string; message?: string } | { image: string; tag: string } | { chart: string; version?: string }

/** One service of one deployment, as its history entry lists it. */
export interface HistoryService {
  id: string
  name: string
  /** ServiceTypeEnum. */
  type: string
  /** Its state at the end of that deployment (StateEnum). */
  state: string
  /** status_details.action. */
  action?: string
  version?: ServiceVersion
  /** total_duration, an ISO 8601 duration as Qovery gives it. */
  duration?: string
}

/** One deployment of the environment: a deploymentHistoryV2 entry (DeploymentHistoryEnvironmentV2). */
export interface DeploymentHistoryEntry {
  /** identifier.execution_id: what the status calls last_deployment_id. */
  executionId: string
  /** Its state (StateEnum). */
  state: string
  /** trigger_action: DEPLOY, DELETE, RESTART, STOP... */
  action?: string
  triggeredBy?: string
  origin?: string
  createdAt?: string
  /** total_duration, an ISO 8601 duration as Qovery gives it. */
  duration?: string
  stages: Array<{ name: string; status?: string; duration?: string; services: HistoryService[] }>
  /**
   * What of its stages and services could not be read, in words (`stages is null, not a list`,
   * `2 services have no identifier.service_id`); absent when all could. `stages` holds the rest.
   */
  unreadable?: string
}

/** An organization, a project or an environment as the list endpoints return it. */
export interface Named {
  id: string
  name: string
}
