import { ApiError, StatusCode, errorInfo } from '@presage/errors';
import type { OperationType, VersionState } from './records';

/**
 * The one owner of a version's lifecycle: for each state and each thing that can happen to a version, the
 * state that follows (or the refusal, with its google.rpc code), the operation it starts or settles, and
 * the deployment event it records. Every registry handler that changes a version's state asks `transition`;
 * nothing else decides which states may follow which.
 *
 *   GONE ──create──▶ CREATING ──deployed──▶ READY ──update (replicas)──▶ UPDATING ──deployed/failed──▶ READY
 *                        └──failed──▶ FAILED       └──delete──▶ DELETING ──undeployed──▶ GONE
 *                                       └──delete──────────────────┘   └──failed──▶ FAILED
 *
 * Requests come from users (CreateVersion, UpdateVersion, DeleteVersion, SetDefaultVersion); reports come
 * from the deployer (ReportVersion) and settle the one pending operation of the version.
 */

/** A stored state, or GONE: before the version is created, and once its deletion is settled. */
export type LifecycleState = VersionState | 'GONE';

export const LIFECYCLE_STATES: readonly LifecycleState[] = [
  'GONE',
  'CREATING',
  'READY',
  'UPDATING',
  'FAILED',
  'DELETING',
];

export type LifecycleEvent =
  /** CreateVersion. */
  | 'create-requested'
  /** UpdateVersion of fields no replica runs with (labels, description, lineage, logging, target concurrency). */
  | 'edit-requested'
  /** UpdateVersion of fields the replicas run with: their count (scaling bounds) or batching. */
  | 'update-requested'
  /** DeleteVersion. */
  | 'delete-requested'
  /** SetDefaultVersion, or UpdateModel of `default_version.name`. */
  | 'default-requested'
  /** UpdateModel giving the version a share of its model's traffic (`traffic_split`) or its shadow copies. */
  | 'traffic-requested'
  /** ReportVersion DEPLOYED: a pending create or update has its replicas. */
  | 'deployed'
  /** ReportVersion FAILED: the pending operation cannot succeed. */
  | 'failed'
  /** ReportVersion UNDEPLOYED: a deletion's replicas and staged copies are gone. */
  | 'undeployed';

export const LIFECYCLE_EVENTS: readonly LifecycleEvent[] = [
  'create-requested',
  'edit-requested',
  'update-requested',
  'delete-requested',
  'default-requested',
  'traffic-requested',
  'deployed',
  'failed',
  'undeployed',
];

/** The deployment events (presage.v1.DeploymentEvent.Type) the lifecycle records. */
export type LifecycleEventType =
  'CREATED' | 'DEPLOYED' | 'FAILED' | 'UPDATED' | 'DELETION_REQUESTED' | 'UNDEPLOYED' | 'BECAME_DEFAULT';

/** What a transition does to the version's operations. */
export type OperationEffect =
  /** No operation (SetDefaultVersion answers the Version itself). */
  | { kind: 'none' }
  /** Starts an operation that stays pending until the deployer reports on it. */
  | { kind: 'start'; type: OperationType }
  /** Starts an operation that is done at once with the Version: the deployer has nothing to do. */
  | { kind: 'start-done'; type: OperationType }
  /** Settles the pending operation of `type`, with its response (Version or Empty) or an error. */
  | { kind: 'settle'; type: OperationType; with: 'response' | 'error' };

export interface Move {
  allowed: true;
  next: LifecycleState;
  operation: OperationEffect;
  /** The deployment event to record; null when another event tells the story (the deployer's SCALED). */
  event: LifecycleEventType | null;
}

export interface Refusal {
  allowed: false;
  code: StatusCode;
  /** The google.rpc.ErrorInfo reason. */
  reason: string;
  /** The message for the version named `version`. */
  message: (version: string) => string;
}

export type Transition = Move | Refusal;

const move = (next: LifecycleState, operation: OperationEffect, event: LifecycleEventType | null): Move => ({
  allowed: true,
  next,
  operation,
  event,
});
const none: OperationEffect = { kind: 'none' };
const start = (type: OperationType): OperationEffect => ({ kind: 'start', type });
const startDone = (type: OperationType): OperationEffect => ({ kind: 'start-done', type });
const settle = (type: OperationType, outcome: 'response' | 'error'): OperationEffect => ({
  kind: 'settle',
  type,
  with: outcome,
});

const refuse = (code: StatusCode, reason: string, message: (version: string) => string): Refusal => ({
  allowed: false,
  code,
  reason,
  message,
});
const gone = refuse(
  StatusCode.NOT_FOUND,
  'VERSION_NOT_FOUND',
  (v) => `The version resource "${v}" was not found.`,
);
const exists = refuse(
  StatusCode.ALREADY_EXISTS,
  'VERSION_EXISTS',
  (v) => `The version resource "${v}" already exists.`,
);
/** AI Platform refuses to change a version while an operation is changing it. */
const busy = (state: VersionState, verb: string) =>
  refuse(
    StatusCode.FAILED_PRECONDITION,
    'VERSION_BUSY',
    (v) => `Version ${v} is ${state} and cannot be ${verb} until its operation finishes.`,
  );
/** Only a READY version can take its model's traffic: as its default, or a share of it (split, shadow). */
const notReady = (state: VersionState, role: string) =>
  refuse(
    StatusCode.FAILED_PRECONDITION,
    'VERSION_NOT_READY',
    (v) => `Version ${v} is ${state}; only a READY version can ${role}.`,
  );
const DEFAULT_ROLE = 'become the default';
const TRAFFIC_ROLE = "receive a share of its model's traffic or its shadow copies";
/** A deployer report the version's state does not take. */
const notReportable = (state: VersionState, outcome: string, why: string) =>
  refuse(
    StatusCode.FAILED_PRECONDITION,
    'REPORT_NOT_APPLICABLE',
    (v) => `Version ${v} is ${state}; the deployer cannot report it ${outcome}: ${why}.`,
  );
const settled = (state: VersionState) => (outcome: string) =>
  notReportable(state, outcome, 'it has no pending operation');

const busyVersion = (state: VersionState) => ({
  'create-requested': exists,
  'edit-requested': busy(state, 'updated'),
  'update-requested': busy(state, 'updated'),
  'delete-requested': busy(state, 'deleted'),
  'default-requested': notReady(state, DEFAULT_ROLE),
  'traffic-requested': notReady(state, TRAFFIC_ROLE),
});

const TABLE: Record<LifecycleState, Record<LifecycleEvent, Transition>> = {
  GONE: {
    'create-requested': move('CREATING', start('CREATE_VERSION'), 'CREATED'),
    'edit-requested': gone,
    'update-requested': gone,
    'delete-requested': gone,
    'default-requested': gone,
    'traffic-requested': gone,
    deployed: gone,
    failed: gone,
    undeployed: gone,
  },
  CREATING: {
    ...busyVersion('CREATING'),
    deployed: move('READY', settle('CREATE_VERSION', 'response'), 'DEPLOYED'),
    failed: move('FAILED', settle('CREATE_VERSION', 'error'), 'FAILED'),
    undeployed: notReportable('CREATING', 'UNDEPLOYED', 'only a version being deleted is undeployed'),
  },
  READY: {
    'create-requested': exists,
    'edit-requested': move('READY', startDone('UPDATE_VERSION'), 'UPDATED'),
    'update-requested': move('UPDATING', start('UPDATE_VERSION'), 'UPDATED'),
    'delete-requested': move('DELETING', start('DELETE_VERSION'), 'DELETION_REQUESTED'),
    'default-requested': move('READY', none, 'BECAME_DEFAULT'),
    // UpdateModel records TRAFFIC_CHANGED or SHADOW_CHANGED with the shares before and after.
    'traffic-requested': move('READY', none, null),
    deployed: settled('READY')('DEPLOYED'),
    failed: settled('READY')('FAILED'),
    undeployed: settled('READY')('UNDEPLOYED'),
  },
  UPDATING: {
    ...busyVersion('UPDATING'),
    // The deployer records the change of replicas itself (SCALED).
    deployed: move('READY', settle('UPDATE_VERSION', 'response'), null),
    // Its replicas keep serving: a failed update does not take the version down.
    failed: move('READY', settle('UPDATE_VERSION', 'error'), 'FAILED'),
    undeployed: notReportable('UPDATING', 'UNDEPLOYED', 'only a version being deleted is undeployed'),
  },
  FAILED: {
    'create-requested': exists,
    'edit-requested': move('FAILED', startDone('UPDATE_VERSION'), 'UPDATED'),
    // The deployer runs nothing of a FAILED version: the new settings are stored and the update is done.
    'update-requested': move('FAILED', startDone('UPDATE_VERSION'), 'UPDATED'),
    'delete-requested': move('DELETING', start('DELETE_VERSION'), 'DELETION_REQUESTED'),
    'default-requested': notReady('FAILED', DEFAULT_ROLE),
    'traffic-requested': notReady('FAILED', TRAFFIC_ROLE),
    deployed: settled('FAILED')('DEPLOYED'),
    failed: settled('FAILED')('FAILED'),
    undeployed: settled('FAILED')('UNDEPLOYED'),
  },
  DELETING: {
    ...busyVersion('DELETING'),
    deployed: notReportable(
      'DELETING',
      'DEPLOYED',
      'it is being deleted; report UNDEPLOYED once its replicas are gone',
    ),
    failed: move('FAILED', settle('DELETE_VERSION', 'error'), 'FAILED'),
    undeployed: move('GONE', settle('DELETE_VERSION', 'response'), 'UNDEPLOYED'),
  },
};

/** The states whose versions the deployer acts on (ListDeploymentTargets): all but FAILED, which runs nothing. */
export const DEPLOYER_STATES: readonly VersionState[] = ['CREATING', 'READY', 'UPDATING', 'DELETING'];

/** What `event` does to a version in `state`. Pure: no I/O, the same answer every time. */
export function transition(state: LifecycleState, event: LifecycleEvent): Transition {
  return TABLE[state][event];
}

/** The move `event` makes from `state`, or the refusal thrown as an ApiError about `version`. */
export function requireTransition(state: LifecycleState, event: LifecycleEvent, version: string): Move {
  const result = transition(state, event);
  if (result.allowed) return result;
  throw new ApiError(result.code, result.message(version), { details: [errorInfo(result.reason)] });
}

/** The code an operation settled with an error ends with: CANCELLED when the user asked to cancel it. */
export function settlementErrorCode(cancelRequested: boolean): StatusCode {
  return cancelRequested ? StatusCode.CANCELLED : StatusCode.FAILED_PRECONDITION;
}

/** Update-mask paths the replicas run with: changing one makes the deployer act before the update is done. */
const REPLICA_PATHS = new Set([
  'manual_scaling.nodes',
  'auto_scaling.min_nodes',
  'auto_scaling.max_nodes',
  'batching',
  'batching.max_batch_size',
  'batching.max_queue_delay_ms',
]);

/** The event an UpdateVersion of these (normalised, snake_case) mask paths is. */
export function updateEvent(paths: readonly string[]): 'update-requested' | 'edit-requested' {
  return paths.some((path) => REPLICA_PATHS.has(path)) ? 'update-requested' : 'edit-requested';
}
