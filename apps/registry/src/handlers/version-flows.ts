import { ApiError } from '@presage/errors';
import { packAny } from '@presage/proto';
import type { Knex } from '@presage/db';
import type {
  ModelRecord,
  OperationRecord,
  OperationType,
  StoredStatus,
  VersionRecord,
} from '../domain/records';
import { modelResourceName, newEtag, operationName, versionResourceName } from '@presage/resources';
import { insertEvent } from '../store/events';
import { touchModelEtag } from '../store/models';
import { insertOperation } from '../store/operations';
import { clearDefault, updateVersion } from '../store/versions';
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

/** Makes `version` its model's default; only a READY version can take traffic. */
export async function makeDefault(
  trx: Knex,
  model: ModelRecord,
  version: VersionRecord,
  actor: string,
  now: Date,
): Promise<VersionRecord> {
  if (version.isDefault) return version;
  if (version.state !== 'READY') {
    throw ApiError.failedPrecondition(
      `Version ${versionName(version)} is ${version.state}; only a READY version can become the default.`,
      'VERSION_NOT_READY',
    );
  }
  const previous = await clearDefault(trx, model.id);
  if (previous) {
    await recordEvent(trx, previous, 'REPLACED_AS_DEFAULT', actor, now, `replaced by ${version.name}`);
  }
  const updated = await updateVersion(trx, version.id, { isDefault: true }, newEtag(), now);
  await recordEvent(trx, updated, 'BECAME_DEFAULT', actor, now, previous ? `replacing ${previous.name}` : '');
  await touchModelEtag(trx, model.id, newEtag(), now);
  return updated;
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
