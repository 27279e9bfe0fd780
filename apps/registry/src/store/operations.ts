import type { Knex } from '@presage/db';
import type { FilterTerm } from '@presage/resources';
import type { OperationRecord, OperationType, StoredStatus } from '../domain/records';
import { applyFilter } from '@presage/db';
import { REGISTRY_SCHEMA } from './migrations';

export const OPERATION_FILTER_FIELDS = ['done', 'operation_type'] as const;
const OPERATION_COLUMNS: Record<string, string> = { done: 'done', operation_type: 'operation_type' };

interface OperationRow {
  id: string;
  name: string;
  project: string;
  operation_type: OperationType;
  version_id: string | null;
  metadata: Record<string, unknown>;
  done: boolean;
  cancel_requested: boolean;
  error: StoredStatus | null;
  response: OperationRecord['response'];
  create_time: Date;
  end_time: Date | null;
}

export interface NewOperation {
  name: string;
  project: string;
  operationType: OperationType;
  versionId: string | null;
  metadata: Record<string, unknown>;
  createTime: Date;
  /** Operations that complete at once (deletes of models, updates) are stored done. */
  result?: { error: StoredStatus | null; response: OperationRecord['response'] };
}

const operations = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('operations');

export async function insertOperation(db: Knex, op: NewOperation): Promise<OperationRecord> {
  const [row] = (await operations(db)
    .insert({
      name: op.name,
      project: op.project,
      operation_type: op.operationType,
      version_id: op.versionId,
      metadata: JSON.stringify(op.metadata),
      done: op.result !== undefined,
      error: op.result?.error ? JSON.stringify(op.result.error) : null,
      response: op.result?.response ? JSON.stringify(op.result.response) : null,
      create_time: op.createTime,
      end_time: op.result ? op.createTime : null,
    })
    .returning('*')) as unknown[];
  return toOperation(row as OperationRow);
}

export async function findOperation(
  db: Knex,
  name: string,
  options: { forUpdate?: boolean } = {},
): Promise<OperationRecord | undefined> {
  const query = operations(db).where({ name }).first();
  if (options.forUpdate) void query.forUpdate();
  const row = (await query) as OperationRow | undefined;
  return row && toOperation(row);
}

export async function findPendingOperations(
  db: Knex,
  versionIds: string[],
): Promise<Map<string, OperationRecord>> {
  if (versionIds.length === 0) return new Map();
  const rows = (await operations(db)
    .whereIn('version_id', versionIds)
    .where({ done: false })
    .orderBy('id')) as OperationRow[];
  return new Map(rows.map((row) => [String(row.version_id), toOperation(row)]));
}

export async function listOperations(
  db: Knex,
  project: string,
  terms: FilterTerm[],
  afterId: string | undefined,
  limit: number,
): Promise<OperationRecord[]> {
  const query = operations(db).where({ project });
  applyFilter(query, terms, OPERATION_COLUMNS);
  if (afterId) void query.where('id', '>', afterId);
  const rows = (await query.orderBy('id').limit(limit)) as OperationRow[];
  return rows.map(toOperation);
}

/** Completes an operation once: an operation already done keeps its result and end time. */
export async function completeOperation(
  db: Knex,
  id: string,
  result: { error: StoredStatus | null; response: OperationRecord['response'] },
  now: Date,
): Promise<OperationRecord | undefined> {
  const [row] = (await operations(db)
    .where({ id, done: false })
    .update({
      done: true,
      error: result.error ? JSON.stringify(result.error) : null,
      response: result.response ? JSON.stringify(result.response) : null,
      end_time: now,
    })
    .returning('*')) as unknown[];
  return row ? toOperation(row as OperationRow) : undefined;
}

export async function requestCancellation(db: Knex, id: string): Promise<void> {
  await operations(db).where({ id }).update({ cancel_requested: true });
}

function toOperation(row: OperationRow): OperationRecord {
  return {
    id: String(row.id),
    name: row.name,
    project: row.project,
    operationType: row.operation_type,
    versionId: row.version_id === null ? null : String(row.version_id),
    metadata: row.metadata,
    done: row.done,
    cancelRequested: row.cancel_requested,
    error: row.error,
    response: row.response,
    createTime: row.create_time,
    endTime: row.end_time,
  };
}
