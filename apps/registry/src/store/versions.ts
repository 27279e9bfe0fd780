import type { Knex } from '@presage/db';
import type { FilterTerm } from '@presage/resources';
import type { VersionRecord, VersionSpec, VersionState } from '../domain/records';
import { applyFilter } from '@presage/db';
import { REGISTRY_SCHEMA } from './migrations';

export const VERSION_FILTER_FIELDS = [
  'name',
  'description',
  'state',
  'framework',
  'runtime_version',
  'deployment_uri',
  'labels',
] as const;
const VERSION_COLUMNS: Record<string, string> = {
  name: 'name',
  description: 'description',
  state: 'state',
  framework: 'framework',
  runtime_version: 'runtime_version',
  deployment_uri: 'deployment_uri',
  labels: 'labels',
};

interface VersionRow {
  id: string;
  model_id: string;
  project: string;
  model: string;
  name: string;
  description: string;
  state: VersionState;
  error_message: string;
  deployment_uri: string;
  runtime_version: string;
  framework: string;
  is_default: boolean;
  labels: Record<string, string>;
  spec: VersionSpec;
  lineage: Record<string, unknown>;
  signature: Record<string, unknown> | null;
  etag: string;
  create_time: Date;
  update_time: Date;
  last_use_time: Date | null;
}

export type NewVersion = Omit<
  VersionRecord,
  'id' | 'updateTime' | 'lastUseTime' | 'signature' | 'errorMessage'
>;
export type VersionChanges = Partial<
  Pick<
    VersionRecord,
    'description' | 'labels' | 'spec' | 'lineage' | 'state' | 'errorMessage' | 'signature' | 'isDefault'
  >
>;

const versions = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('versions');

export async function insertVersion(db: Knex, version: NewVersion): Promise<VersionRecord> {
  const [row] = (await versions(db)
    .insert({
      model_id: version.modelId,
      project: version.project,
      model: version.model,
      name: version.name,
      description: version.description,
      state: version.state,
      deployment_uri: version.deploymentUri,
      runtime_version: version.runtimeVersion,
      framework: version.framework,
      is_default: version.isDefault,
      labels: JSON.stringify(version.labels),
      spec: JSON.stringify(version.spec),
      lineage: JSON.stringify(version.lineage),
      etag: version.etag,
      create_time: version.createTime,
      update_time: version.createTime,
    })
    .returning('*')) as unknown[];
  return toVersion(row as VersionRow);
}

export async function findVersion(
  db: Knex,
  modelId: string,
  name: string,
  options: { forUpdate?: boolean } = {},
): Promise<VersionRecord | undefined> {
  const query = versions(db).where({ model_id: modelId, name }).whereNull('delete_time').first();
  if (options.forUpdate) void query.forUpdate();
  const row = (await query) as VersionRow | undefined;
  return row && toVersion(row);
}

/** The live versions of a model among `names`, by name. */
export async function findVersionsByName(
  db: Knex,
  modelId: string,
  names: readonly string[],
): Promise<Map<string, VersionRecord>> {
  if (names.length === 0) return new Map();
  const rows = (await versions(db)
    .where({ model_id: modelId })
    .whereIn('name', [...new Set(names)])
    .whereNull('delete_time')) as VersionRow[];
  return new Map(rows.map((row) => [row.name, toVersion(row)]));
}

export async function findVersionById(db: Knex, id: string): Promise<VersionRecord | undefined> {
  const row = (await versions(db).where({ id }).whereNull('delete_time').first()) as VersionRow | undefined;
  return row && toVersion(row);
}

/** A version by id, also once deleted: what it was when its last operation settled. */
export async function findVersionEvenDeleted(db: Knex, id: string): Promise<VersionRecord | undefined> {
  const row = (await versions(db).where({ id }).first()) as VersionRow | undefined;
  return row && toVersion(row);
}

export async function findDefaultVersions(db: Knex, modelIds: string[]): Promise<Map<string, VersionRecord>> {
  if (modelIds.length === 0) return new Map();
  const rows = (await versions(db)
    .whereIn('model_id', modelIds)
    .where({ is_default: true })
    .whereNull('delete_time')) as VersionRow[];
  return new Map(rows.map((row) => [String(row.model_id), toVersion(row)]));
}

export async function countVersions(db: Knex, modelId: string): Promise<number> {
  const row = (await versions(db)
    .where({ model_id: modelId })
    .whereNull('delete_time')
    .count({ n: '*' })
    .first()) as { n: string | number } | undefined;
  return Number(row?.n ?? 0);
}

export async function listVersions(
  db: Knex,
  modelId: string,
  terms: FilterTerm[],
  afterId: string | undefined,
  limit: number,
): Promise<VersionRecord[]> {
  const query = versions(db).where({ model_id: modelId }).whereNull('delete_time');
  applyFilter(query, terms, VERSION_COLUMNS);
  if (afterId) void query.where('id', '>', afterId);
  const rows = (await query.orderBy('id').limit(limit)) as VersionRow[];
  return rows.map(toVersion);
}

/** Every live version in one of `states`, for the deployer, in id order. */
export async function listDeploymentVersions(
  db: Knex,
  states: readonly VersionState[],
  afterId: string | undefined,
  limit: number,
): Promise<VersionRecord[]> {
  const query = versions(db)
    .whereNull('delete_time')
    .whereIn('state', [...states]);
  if (afterId) void query.where('id', '>', afterId);
  const rows = (await query.orderBy('id').limit(limit)) as VersionRow[];
  return rows.map(toVersion);
}

/** Every live version with a monitoringConfig, in id order. */
export async function listMonitoredVersions(db: Knex): Promise<VersionRecord[]> {
  const rows = (await versions(db)
    .whereNull('delete_time')
    .whereRaw(`jsonb_typeof(spec -> 'monitoringConfig') = 'object'`)
    .orderBy('id')) as VersionRow[];
  return rows.map(toVersion);
}

export async function updateVersion(
  db: Knex,
  id: string,
  changes: VersionChanges,
  etag: string,
  now: Date,
): Promise<VersionRecord> {
  const update: Record<string, unknown> = { etag, update_time: now };
  if (changes.description !== undefined) update['description'] = changes.description;
  if (changes.labels !== undefined) update['labels'] = JSON.stringify(changes.labels);
  if (changes.spec !== undefined) update['spec'] = JSON.stringify(changes.spec);
  if (changes.lineage !== undefined) update['lineage'] = JSON.stringify(changes.lineage);
  if (changes.state !== undefined) update['state'] = changes.state;
  if (changes.errorMessage !== undefined) update['error_message'] = changes.errorMessage;
  if (changes.signature !== undefined)
    update['signature'] = changes.signature && JSON.stringify(changes.signature);
  if (changes.isDefault !== undefined) update['is_default'] = changes.isDefault;
  const [row] = (await versions(db).where({ id }).update(update).returning('*')) as unknown[];
  return toVersion(row as VersionRow);
}

/** Clears the model's default flag (the partial unique index allows one default per model). */
export async function clearDefault(db: Knex, modelId: string): Promise<VersionRecord | undefined> {
  const [row] = (await versions(db)
    .where({ model_id: modelId, is_default: true })
    .whereNull('delete_time')
    .update({ is_default: false })
    .returning('*')) as unknown[];
  return row ? toVersion(row as VersionRow) : undefined;
}

export async function softDeleteVersion(db: Knex, id: string, now: Date): Promise<void> {
  await versions(db).where({ id }).update({ delete_time: now, is_default: false });
}

function toVersion(row: VersionRow): VersionRecord {
  return {
    id: String(row.id),
    modelId: String(row.model_id),
    project: row.project,
    model: row.model,
    name: row.name,
    description: row.description,
    state: row.state,
    errorMessage: row.error_message,
    deploymentUri: row.deployment_uri,
    runtimeVersion: row.runtime_version,
    framework: row.framework,
    isDefault: row.is_default,
    labels: row.labels,
    spec: row.spec,
    lineage: row.lineage,
    signature: row.signature,
    etag: row.etag,
    createTime: row.create_time,
    updateTime: row.update_time,
    lastUseTime: row.last_use_time,
  };
}

/** The live versions not FAILED among these names (the deployer's targets), in id order. */
export async function findDeploymentVersions(
  db: Knex,
  names: readonly { project: string; model: string; version: string }[],
): Promise<VersionRecord[]> {
  if (names.length === 0) return [];
  const rows = (await versions(db)
    .whereIn(
      ['project', 'model', 'name'],
      names.map((n) => [n.project, n.model, n.version]),
    )
    .whereNull('delete_time')
    .whereNot({ state: 'FAILED' })
    .orderBy('id')) as VersionRow[];
  return rows.map(toVersion);
}
