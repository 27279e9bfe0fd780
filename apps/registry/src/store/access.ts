import type { Knex } from '@presage/db';
import { REGISTRY_SCHEMA } from './migrations';

/** API keys (stored as the SHA-256 of their secret) and project IAM policies. */
export interface ApiKeyRecord {
  /** The row id: the listing order. */
  id: string;
  project: string;
  keyId: string;
  keyPrefix: string;
  displayName: string;
  member: string;
  createdBy: string;
  createTime: Date;
  expireTime: Date | null;
  lastUseTime: Date | null;
}

export interface NewApiKey extends Omit<ApiKeyRecord, 'id' | 'lastUseTime'> {
  keySha256: Buffer;
}

/** One binding of a policy as stored: a role and its members. */
export interface StoredBinding {
  role: string;
  members: string[];
}

export interface PolicyRecord {
  project: string;
  bindings: StoredBinding[];
  /** Hex; '' for a project that has never had a policy set. */
  etag: string;
}

interface ApiKeyRow {
  id: string;
  project: string;
  key_id: string;
  key_prefix: string;
  display_name: string;
  member: string;
  created_by: string;
  create_time: Date;
  expire_time: Date | null;
  last_use_time: Date | null;
}

/** How stale `last_use_time` may get: a key used all the time is written at most once a minute. */
const LAST_USE_RESOLUTION = '1 minute';

const apiKeys = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('api_keys');
const policies = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('iam_policies');
const quotas = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('quota_settings');

export async function insertApiKey(db: Knex, key: NewApiKey): Promise<ApiKeyRecord> {
  const [row] = (await apiKeys(db)
    .insert({
      project: key.project,
      key_id: key.keyId,
      key_sha256: key.keySha256,
      key_prefix: key.keyPrefix,
      display_name: key.displayName,
      member: key.member,
      created_by: key.createdBy,
      create_time: key.createTime,
      expire_time: key.expireTime,
    })
    .returning('*')) as ApiKeyRow[];
  return toApiKey(row!);
}

export async function findApiKey(
  db: Knex,
  project: string,
  keyId: string,
): Promise<ApiKeyRecord | undefined> {
  const row = (await apiKeys(db).where({ project, key_id: keyId }).whereNull('delete_time').first()) as
    ApiKeyRow | undefined;
  return row && toApiKey(row);
}

/** Newest first, after the row `afterId` when given. */
export async function listApiKeys(
  db: Knex,
  project: string,
  afterId: string | undefined,
  limit: number,
): Promise<ApiKeyRecord[]> {
  const query = apiKeys(db).where({ project }).whereNull('delete_time').orderBy('id', 'desc').limit(limit);
  if (afterId !== undefined) void query.where('id', '<', afterId);
  return ((await query) as ApiKeyRow[]).map(toApiKey);
}

/** Marks the key deleted; false when there was no live key of that id. */
export async function revokeApiKey(db: Knex, project: string, keyId: string, now: Date): Promise<boolean> {
  const changed = await apiKeys(db)
    .where({ project, key_id: keyId })
    .whereNull('delete_time')
    .update({ delete_time: now });
  return changed > 0;
}

/**
 * The live, unexpired key with this digest, recording its use (to within LAST_USE_RESOLUTION): one
 * statement, so a lookup costs one round trip whether or not it writes.
 */
export async function useApiKey(db: Knex, keySha256: Buffer, now: Date): Promise<ApiKeyRecord | undefined> {
  const result: { rows: ApiKeyRow[] } = await db.raw(
    `with found as (
       select id from ${REGISTRY_SCHEMA}.api_keys
       where key_sha256 = ? and delete_time is null and (expire_time is null or expire_time > ?)
     ), touched as (
       update ${REGISTRY_SCHEMA}.api_keys k set last_use_time = ?
       from found
       where k.id = found.id and (k.last_use_time is null or k.last_use_time < ?::timestamptz - interval '${LAST_USE_RESOLUTION}')
     )
     select k.* from ${REGISTRY_SCHEMA}.api_keys k join found on k.id = found.id`,
    [keySha256, now, now, now],
  );
  const row = result.rows[0];
  return row && toApiKey(row);
}

export async function findPolicy(
  db: Knex,
  project: string,
  options: { forUpdate?: boolean } = {},
): Promise<PolicyRecord> {
  const query = policies(db).where({ project }).first();
  if (options.forUpdate) void query.forUpdate();
  const row = (await query) as { bindings: StoredBinding[]; etag: string } | undefined;
  return { project, bindings: row?.bindings ?? [], etag: row?.etag ?? '' };
}

export async function storePolicy(db: Knex, policy: PolicyRecord, now: Date): Promise<void> {
  await policies(db)
    .insert({
      project: policy.project,
      bindings: JSON.stringify(policy.bindings),
      etag: policy.etag,
      update_time: now,
    })
    .onConflict('project')
    .merge();
}

/** A project's quota settings: 0 is the platform default, -1 no limit. */
export interface QuotaRecord {
  project: string;
  predictionsPerMinute: number;
  concurrentBatchJobs: number;
  /** Hex; '' for a project whose settings were never changed. */
  etag: string;
  updateTime: Date | null;
  updatedBy: string;
}

export async function findQuota(db: Knex, project: string): Promise<QuotaRecord> {
  const row = (await quotas(db).where({ project }).first()) as
    | {
        predictions_per_minute: number;
        concurrent_batch_jobs: number;
        etag: string;
        update_time: Date;
        updated_by: string;
      }
    | undefined;
  return {
    project,
    predictionsPerMinute: row?.predictions_per_minute ?? 0,
    concurrentBatchJobs: row?.concurrent_batch_jobs ?? 0,
    etag: row?.etag ?? '',
    updateTime: row?.update_time ?? null,
    updatedBy: row?.updated_by ?? '',
  };
}

export async function storeQuota(db: Knex, quota: QuotaRecord & { updateTime: Date }): Promise<void> {
  await quotas(db)
    .insert({
      project: quota.project,
      predictions_per_minute: quota.predictionsPerMinute,
      concurrent_batch_jobs: quota.concurrentBatchJobs,
      etag: quota.etag,
      update_time: quota.updateTime,
      updated_by: quota.updatedBy,
    })
    .onConflict('project')
    .merge();
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: String(row.id),
    project: row.project,
    keyId: row.key_id,
    keyPrefix: row.key_prefix,
    displayName: row.display_name,
    member: row.member,
    createdBy: row.created_by,
    createTime: row.create_time,
    expireTime: row.expire_time,
    lastUseTime: row.last_use_time,
  };
}
