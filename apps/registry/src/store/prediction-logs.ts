import type { Knex } from '@presage/db';
import { quotedLogTable } from '../domain/log-table-name';
import type { LogTableName } from '../domain/log-table-name';
import { REGISTRY_SCHEMA } from './migrations';
import { deleteMonitoringWindowsBefore } from './monitoring';

/** One sampled prediction, in AI Platform's request-response logging columns (`groundtruth` stays null). */
export interface PredictionLogRecord {
  model: string;
  modelVersion: string;
  time: Date;
  rawData: string;
  rawPrediction: string;
}

/** Rows per INSERT statement: well under Postgres's 65,535 bind parameters (5 a row). */
const ROWS_PER_STATEMENT = 1_000;

/**
 * The request-logging tables: created on first use (`create schema/table if not exists`, recorded in
 * `registry.prediction_log_tables` for the retention sweep), written with multi-row inserts, trimmed by age.
 * Identifiers reach SQL only from a parsed LogTableName, quoted.
 */
export class PredictionLogStore {
  /** Tables this process has made sure of: `schema.table` → the creation in progress or done. */
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Writes the rows into `name` (created when missing); the number written. */
  async append(name: LogTableName, rows: readonly PredictionLogRecord[]): Promise<number> {
    await this.ensure(name);
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => ({
        model: row.model,
        model_version: row.modelVersion,
        time: row.time,
        raw_data: row.rawData,
        raw_prediction: row.rawPrediction,
      }));
      await this.knex.withSchema(name.schema).table(name.table).insert(chunk);
    }
    return rows.length;
  }

  /**
   * Deletes rows older than `cutoff` from every table the registry created, and the monitoring windows
   * measured from them that ended before it; the number of rows deleted.
   */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const tables = await this.knex
      .withSchema(REGISTRY_SCHEMA)
      .table('prediction_log_tables')
      .select<{ schema_name: string; table_name: string }[]>('schema_name', 'table_name');
    let deleted = 0;
    for (const { schema_name: schema, table_name: table } of tables) {
      const exists = await this.knex.raw<{ rows: { found: string | null }[] }>(
        'select to_regclass(?) as found',
        [quotedLogTable({ schema, table })],
      );
      if (!exists.rows[0]?.found) continue;
      deleted += await this.knex.withSchema(schema).table(table).where('time', '<', cutoff).delete();
    }
    return deleted + (await deleteMonitoringWindowsBefore(this.knex, cutoff));
  }

  private ensure(name: LogTableName): Promise<void> {
    const key = `${name.schema}.${name.table}`;
    let ensured = this.ensured.get(key);
    if (!ensured) {
      ensured = this.create(name).catch((error: unknown) => {
        this.ensured.delete(key);
        throw error;
      });
      this.ensured.set(key, ensured);
    }
    return ensured;
  }

  /** Creates the schema and table; a concurrent creator (another registry replica) may win a race once. */
  private async create(name: LogTableName): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.knex.raw(`create schema if not exists "${name.schema}"`);
        await this.knex.raw(
          `create table if not exists ${quotedLogTable(name)} (
             model text not null,
             model_version text not null,
             time timestamptz not null,
             raw_data text not null,
             raw_prediction text not null,
             groundtruth text null
           )`,
        );
        await this.knex.raw(
          `create index if not exists "${`${name.table}_time`.slice(0, 63)}" on ${quotedLogTable(name)} (time)`,
        );
        break;
      } catch (error) {
        // Two `create … if not exists` at once: one fails on pg_namespace's or pg_type's unique index.
        if (attempt > 0 || (error as { code?: string }).code !== '23505') throw error;
      }
    }
    await this.knex
      .withSchema(REGISTRY_SCHEMA)
      .table('prediction_log_tables')
      .insert({ schema_name: name.schema, table_name: name.table, create_time: this.now() })
      .onConflict(['schema_name', 'table_name'])
      .ignore();
  }
}
