import type { Knex } from '@presage/db';
import { quotedLogTable } from '../domain/log-table-name';
import type { LogTableName } from '../domain/log-table-name';
import type { FeatureStats } from '../monitoring/feature-statistics';
import { REGISTRY_SCHEMA } from './migrations';

/** One watched feature in one window, as stored. */
export interface FeatureWindowRecord {
  name: string;
  statistics: FeatureStats;
  skew?: number | undefined;
  drift?: number | undefined;
  threshold: number;
  skewAlert: boolean;
  driftAlert: boolean;
}

export interface MonitoringWindowRecord {
  versionId: string;
  start: Date;
  end: Date;
  loggedPredictions: number;
  analyzedPredictions: number;
  instances: number;
  unreadablePredictions: number;
  features: FeatureWindowRecord[];
}

interface WindowRow {
  id: string;
  version_id: string;
  window_start: Date;
  window_end: Date;
  logged_predictions: string;
  analyzed_predictions: string;
  instances: string;
  unreadable_predictions: string;
  features: FeatureWindowRecord[];
}

/** Logged predictions read from one window at most; beyond it a window is measured on a random share. */
export const MAX_ANALYZED_PER_WINDOW = 50_000;

const windows = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('monitoring_windows');

/** Stores a window unless another registry replica did first; whether this call stored it. */
export async function insertMonitoringWindow(
  db: Knex,
  window: MonitoringWindowRecord,
  now: Date,
): Promise<boolean> {
  const inserted = (await windows(db)
    .insert({
      version_id: window.versionId,
      window_start: window.start,
      window_end: window.end,
      logged_predictions: window.loggedPredictions,
      analyzed_predictions: window.analyzedPredictions,
      instances: window.instances,
      unreadable_predictions: window.unreadablePredictions,
      features: JSON.stringify(window.features),
      create_time: now,
    })
    .onConflict(['version_id', 'window_start'])
    .ignore()
    .returning('id')) as unknown[];
  return inserted.length > 0;
}

/** Deletes the windows that ended before `cutoff` (the request logs' retention); the number deleted. */
export async function deleteMonitoringWindowsBefore(db: Knex, cutoff: Date): Promise<number> {
  return windows(db).where('window_end', '<', cutoff).delete();
}

/** The end of the version's newest stored window. */
export async function lastMonitoringWindowEnd(db: Knex, versionId: string): Promise<Date | undefined> {
  const row = (await windows(db).where({ version_id: versionId }).max('window_end as end').first()) as
    { end: Date | null } | undefined;
  return row?.end ?? undefined;
}

/** The version's windows starting before `before` (all when undefined), newest first. */
export async function listMonitoringWindows(
  db: Knex,
  versionId: string,
  before: Date | undefined,
  limit: number,
): Promise<MonitoringWindowRecord[]> {
  const query = windows(db).where({ version_id: versionId });
  if (before) void query.where('window_start', '<', before);
  const rows = (await query.orderBy('window_start', 'desc').limit(limit)) as WindowRow[];
  return rows.map((row) => ({
    versionId: String(row.version_id),
    start: row.window_start,
    end: row.window_end,
    loggedPredictions: Number(row.logged_predictions),
    analyzedPredictions: Number(row.analyzed_predictions),
    instances: Number(row.instances),
    unreadablePredictions: Number(row.unreadable_predictions),
    features: row.features,
  }));
}

/**
 * The request bodies one version logged into `table` in [start, end): how many there were, and a share
 * `sampling` of them (at most MAX_ANALYZED_PER_WINDOW). A table not created yet holds none.
 */
export async function readLoggedRequests(
  db: Knex,
  table: LogTableName,
  source: { model: string; version: string },
  start: Date,
  end: Date,
  sampling: number,
): Promise<{ logged: number; bodies: string[] }> {
  const exists = await db.raw<{ rows: { found: string | null }[] }>('select to_regclass(?) as found', [
    quotedLogTable(table),
  ]);
  if (!exists.rows[0]?.found) return { logged: 0, bodies: [] };
  const inWindow = () =>
    db
      .withSchema(table.schema)
      .table(table.table)
      .where({ model: source.model, model_version: source.version })
      .where('time', '>=', start)
      .where('time', '<', end);
  const counted = (await inWindow().count('* as logged').first()) as { logged: string } | undefined;
  const logged = Number(counted?.logged ?? 0);
  if (logged === 0) return { logged, bodies: [] };
  const share = Math.min(sampling, MAX_ANALYZED_PER_WINDOW / logged);
  const query = inWindow().select('raw_data');
  if (share < 1) void query.whereRaw('random() < ?', [share]);
  const rows = (await query.limit(MAX_ANALYZED_PER_WINDOW)) as { raw_data: string }[];
  return { logged, bodies: rows.map((row) => row.raw_data) };
}
