import type { Knex } from '@presage/db';
import type { FilterTerm } from '@presage/resources';
import type { ModelRecord, ShadowTraffic } from '../domain/records';
import { applyFilter } from '@presage/db';
import { REGISTRY_SCHEMA } from './migrations';

export const MODEL_FILTER_FIELDS = ['name', 'description', 'labels'] as const;
const MODEL_COLUMNS: Record<string, string> = { name: 'name', description: 'description', labels: 'labels' };

interface ModelRow {
  id: string;
  project: string;
  name: string;
  description: string;
  regions: string[];
  online_prediction_logging: boolean;
  online_prediction_console_logging: boolean;
  labels: Record<string, string>;
  aliases: Record<string, string>;
  traffic_split: Record<string, number>;
  shadow: ShadowTraffic | null;
  etag: string;
  create_time: Date;
  update_time: Date;
}

export type NewModel = Omit<ModelRecord, 'id' | 'updateTime'>;

const models = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('models');

export async function insertModel(db: Knex, model: NewModel): Promise<ModelRecord> {
  const [row] = (await models(db)
    .insert({
      project: model.project,
      name: model.name,
      description: model.description,
      regions: JSON.stringify(model.regions),
      online_prediction_logging: model.onlinePredictionLogging,
      online_prediction_console_logging: model.onlinePredictionConsoleLogging,
      labels: JSON.stringify(model.labels),
      aliases: JSON.stringify(model.aliases),
      traffic_split: JSON.stringify(model.trafficSplit),
      shadow: model.shadow ? JSON.stringify(model.shadow) : null,
      etag: model.etag,
      create_time: model.createTime,
      update_time: model.createTime,
    })
    .returning('*')) as unknown[];
  return toModel(row as ModelRow);
}

/** The live model, optionally locked for the rest of the transaction. */
export async function findModel(
  db: Knex,
  project: string,
  name: string,
  options: { forUpdate?: boolean } = {},
): Promise<ModelRecord | undefined> {
  const query = models(db).where({ project, name }).whereNull('delete_time').first();
  if (options.forUpdate) void query.forUpdate();
  const row = (await query) as ModelRow | undefined;
  return row && toModel(row);
}

export async function listModels(
  db: Knex,
  project: string,
  terms: FilterTerm[],
  afterId: string | undefined,
  limit: number,
): Promise<ModelRecord[]> {
  const query = models(db).where({ project }).whereNull('delete_time');
  applyFilter(query, terms, MODEL_COLUMNS);
  if (afterId) void query.where('id', '>', afterId);
  const rows = (await query.orderBy('id').limit(limit)) as ModelRow[];
  return rows.map(toModel);
}

export type ModelChanges = Partial<
  Pick<
    ModelRecord,
    | 'description'
    | 'labels'
    | 'onlinePredictionLogging'
    | 'onlinePredictionConsoleLogging'
    | 'aliases'
    | 'trafficSplit'
    | 'shadow'
  >
>;

export async function updateModel(
  db: Knex,
  id: string,
  changes: ModelChanges,
  etag: string,
  now: Date,
): Promise<ModelRecord> {
  const update: Record<string, unknown> = { etag, update_time: now };
  if (changes.description !== undefined) update['description'] = changes.description;
  if (changes.labels !== undefined) update['labels'] = JSON.stringify(changes.labels);
  if (changes.onlinePredictionLogging !== undefined)
    update['online_prediction_logging'] = changes.onlinePredictionLogging;
  if (changes.onlinePredictionConsoleLogging !== undefined) {
    update['online_prediction_console_logging'] = changes.onlinePredictionConsoleLogging;
  }
  if (changes.aliases !== undefined) update['aliases'] = JSON.stringify(changes.aliases);
  if (changes.trafficSplit !== undefined) update['traffic_split'] = JSON.stringify(changes.trafficSplit);
  if (changes.shadow !== undefined) update['shadow'] = changes.shadow ? JSON.stringify(changes.shadow) : null;
  const [row] = (await models(db).where({ id }).update(update).returning('*')) as unknown[];
  return toModel(row as ModelRow);
}

export async function touchModelEtag(db: Knex, id: string, etag: string, now: Date): Promise<void> {
  await models(db).where({ id }).update({ etag, update_time: now });
}

export async function softDeleteModel(db: Knex, id: string, now: Date): Promise<void> {
  await models(db).where({ id }).update({ delete_time: now });
}

function toModel(row: ModelRow): ModelRecord {
  return {
    id: String(row.id),
    project: row.project,
    name: row.name,
    description: row.description,
    regions: row.regions,
    onlinePredictionLogging: row.online_prediction_logging,
    onlinePredictionConsoleLogging: row.online_prediction_console_logging,
    labels: row.labels,
    aliases: row.aliases,
    trafficSplit: row.traffic_split,
    shadow: row.shadow,
    etag: row.etag,
    createTime: row.create_time,
    updateTime: row.update_time,
  };
}
