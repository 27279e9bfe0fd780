import { packAny } from '@presage/proto';
import type { Knex } from '@presage/db';
import type {
  ModelRecord,
  OperationRecord,
  OperationType,
  StoredStatus,
  VersionRecord,
} from '../domain/records';
import type { Move } from '../domain/version-lifecycle';
import { requireTransition } from '../domain/version-lifecycle';
import { modelResourceName, newEtag, operationName, versionResourceName } from '@presage/resources';
import { insertEvent } from '../store/events';
import { touchModelEtag } from '../store/models';
import { insertOperation } from '../store/operations';
import { clearDefault, softDeleteVersion, updateVersion } from '../store/versions';
import type { VersionChanges } from '../store/versions';
import { toStoredAny, versionMessage, versionSnapshot } from './messages';

/** Steps shared by several RPCs, each run inside the caller's transaction. */

export async function recordEvent(
  trx: Knex,
  version: VersionRecord,
  type: string,
  actor: string,
  now: Date,
  message = '',
  replicas = 0,
): Promise<void> {
  await insertEvent(trx, { versionId: version.id, type, time: now, actor, message, replicas });
}

/** Makes `version` its model's default; the lifecycle says which states can take traffic. */
export async function makeDefault(
  trx: Knex,
  model: ModelRecord,
  version: VersionRecord,
  actor: string,
  now: Date,
): Promise<VersionRecord> {
  if (version.isDefault) return version;
  const move = requireTransition(version.state, 'default-requested', versionName(version));
  const previous = await clearDefault(trx, model.id);
  if (previous) {
    await recordEvent(trx, previous, 'REPLACED_AS_DEFAULT', actor, now, `replaced by ${version.name}`);
  }
  const updated = await updateVersion(trx, version.id, { isDefault: true }, newEtag(), now);
  if (move.event) {
    await recordEvent(trx, updated, move.event, actor, now, previous ? `replacing ${previous.name}` : '');
  }
  await touchModelEtag(trx, model.id, newEtag(), now);
  return updated;
}

/** What a move records beside the new state. */
export interface MoveDetails {
  actor: string;
  now: Date;
  /** The deployment event's message. */
  message?: string;
  /** Other changes stored with the state. */
  changes?: VersionChanges;
}

/**
 * Applies a lifecycle move to a stored version: its next state (with `changes`), the deployment event,
 * and, for GONE, the removal. The caller handles the operation the move starts or settles.
 */
export async function applyMove(
  trx: Knex,
  version: VersionRecord,
  move: Move,
  details: MoveDetails,
): Promise<VersionRecord> {
  const { actor, now } = details;
  const state = move.next === 'GONE' ? version.state : move.next;
  const moved =
    state !== version.state || details.changes
      ? await updateVersion(trx, version.id, { ...details.changes, state }, newEtag(), now)
      : version;
  if (move.event) await recordEvent(trx, moved, move.event, actor, now, details.message ?? '');
  if (move.next === 'GONE') await softDeleteVersion(trx, version.id, now);
  return moved;
}

/** Starts the operation a lifecycle move starts: pending for the deployer, or done at once with the Version. */
export async function startMoveOperation(
  trx: Knex,
  move: Move,
  model: ModelRecord,
  version: VersionRecord,
  now: Date,
): Promise<OperationRecord> {
  const effect = move.operation;
  if (effect.kind !== 'start' && effect.kind !== 'start-done') {
    throw new Error(`The lifecycle move to ${move.next} starts no operation.`);
  }
  const result =
    effect.kind === 'start-done' ? { error: null, response: versionResponse(version) } : undefined;
  return startOperation(trx, effect.type, model, version, now, result);
}

/** Stores a new operation on a version or model; `result` completes it at once. */
export async function startOperation(
  trx: Knex,
  type: OperationType,
  model: ModelRecord,
  version: VersionRecord | undefined,
  now: Date,
  result?: { error: StoredStatus | null; response: OperationRecord['response'] },
): Promise<OperationRecord> {
  const verb = {
    CREATE_VERSION: 'create',
    DELETE_VERSION: 'delete',
    DELETE_MODEL: 'delete',
    UPDATE_MODEL: 'update',
    UPDATE_VERSION: 'update',
  }[type];
  const parts = version ? [model.name, version.name] : [model.name];
  return insertOperation(trx, {
    name: operationName(model.project, verb, parts, now),
    project: model.project,
    operationType: type,
    versionId: version?.id ?? null,
    metadata: {
      modelName: modelResourceName({ project: model.project, model: model.name }),
      ...(version ? { version: versionSnapshot(version) } : {}),
      labels: version?.labels ?? model.labels,
    },
    createTime: now,
    ...(result ? { result } : {}),
  });
}

export function versionResponse(version: VersionRecord): OperationRecord['response'] {
  return toStoredAny(packAny('presage.v1.Version', versionMessage(version)));
}

export function emptyResponse(): OperationRecord['response'] {
  return toStoredAny(packAny('google.protobuf.Empty', {}));
}

export function versionName(version: VersionRecord): string {
  return versionResourceName({ project: version.project, model: version.model, version: version.name });
}
