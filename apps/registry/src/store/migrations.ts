import type { Knex, Migration } from '@presage/db';
import { versionChangeTrigger } from './version-change-trigger';

/**
 * Schema `registry`. Models and versions are soft-deleted (`delete_time`): their lineage and
 * deployment history stay for audits, and names become free again.
 */
export const REGISTRY_SCHEMA = 'registry';

const initial: Migration = {
  name: '0001_models_versions_operations_events',
  async up(knex: Knex) {
    // A fresh builder per statement: a knex SchemaBuilder replays every statement chained on it.
    const db = () => knex.schema.withSchema(REGISTRY_SCHEMA);
    await db().createTable('models', (t) => {
      t.bigIncrements('id').primary();
      t.text('project').notNullable();
      t.text('name').notNullable();
      t.text('description').notNullable().defaultTo('');
      t.jsonb('regions').notNullable().defaultTo('[]');
      t.boolean('online_prediction_logging').notNullable().defaultTo(false);
      t.boolean('online_prediction_console_logging').notNullable().defaultTo(false);
      t.jsonb('labels').notNullable().defaultTo('{}');
      t.text('etag').notNullable();
      t.timestamp('create_time', { useTz: true }).notNullable();
      t.timestamp('update_time', { useTz: true }).notNullable();
      t.timestamp('delete_time', { useTz: true });
    });
    await knex.raw(
      `create unique index models_live_name on ${REGISTRY_SCHEMA}.models (project, name) where delete_time is null`,
    );
    await db().createTable('versions', (t) => {
      t.bigIncrements('id').primary();
      t.bigInteger('model_id').notNullable().references('id').inTable(`${REGISTRY_SCHEMA}.models`);
      t.text('project').notNullable();
      t.text('model').notNullable();
      t.text('name').notNullable();
      t.text('description').notNullable().defaultTo('');
      t.text('state').notNullable();
      t.text('error_message').notNullable().defaultTo('');
      t.text('deployment_uri').notNullable().defaultTo('');
      t.text('runtime_version').notNullable().defaultTo('');
      t.text('framework').notNullable().defaultTo('FRAMEWORK_UNSPECIFIED');
      t.boolean('is_default').notNullable().defaultTo(false);
      t.jsonb('labels').notNullable().defaultTo('{}');
      t.jsonb('spec').notNullable().defaultTo('{}');
      t.jsonb('lineage').notNullable().defaultTo('{}');
      t.jsonb('signature');
      t.text('etag').notNullable();
      t.timestamp('create_time', { useTz: true }).notNullable();
      t.timestamp('update_time', { useTz: true }).notNullable();
      t.timestamp('last_use_time', { useTz: true });
      t.timestamp('delete_time', { useTz: true });
    });
    await knex.raw(
      `create unique index versions_live_name on ${REGISTRY_SCHEMA}.versions (model_id, name) where delete_time is null`,
    );
    await knex.raw(
      `create unique index versions_one_default on ${REGISTRY_SCHEMA}.versions (model_id) where is_default and delete_time is null`,
    );
    await db().createTable('operations', (t) => {
      t.bigIncrements('id').primary();
      t.text('name').notNullable().unique();
      t.text('project').notNullable();
      t.text('operation_type').notNullable();
      t.bigInteger('version_id').references('id').inTable(`${REGISTRY_SCHEMA}.versions`);
      t.jsonb('metadata').notNullable();
      t.boolean('done').notNullable().defaultTo(false);
      t.boolean('cancel_requested').notNullable().defaultTo(false);
      t.jsonb('error');
      t.jsonb('response');
      t.timestamp('create_time', { useTz: true }).notNullable();
      t.timestamp('end_time', { useTz: true });
      t.index(['project', 'id']);
      t.index(['version_id', 'done']);
    });
    await db().createTable('deployment_events', (t) => {
      t.bigIncrements('id').primary();
      t.bigInteger('version_id').notNullable().references('id').inTable(`${REGISTRY_SCHEMA}.versions`);
      t.text('type').notNullable();
      t.timestamp('time', { useTz: true }).notNullable();
      t.text('actor').notNullable().defaultTo('');
      t.text('message').notNullable().defaultTo('');
      t.integer('replicas').notNullable().defaultTo(0);
      t.index(['version_id', 'id']);
    });
  },
  async down(knex: Knex) {
    for (const table of ['deployment_events', 'operations', 'versions', 'models']) {
      await knex.schema.withSchema(REGISTRY_SCHEMA).dropTable(table);
    }
  },
};

/**
 * API keys and project IAM policies. A key is stored as the SHA-256 of its secret; deleting a key revokes
 * it and keeps the row (who created it, when it was last used) for audits.
 */
const accessTables: Migration = {
  name: '0003_api_keys_iam_policies',
  async up(knex: Knex) {
    const db = () => knex.schema.withSchema(REGISTRY_SCHEMA);
    await db().createTable('api_keys', (t) => {
      t.bigIncrements('id').primary();
      t.text('project').notNullable();
      t.text('key_id').notNullable().unique();
      t.binary('key_sha256').notNullable().unique();
      t.text('key_prefix').notNullable();
      t.text('display_name').notNullable();
      t.text('member').notNullable();
      t.text('created_by').notNullable();
      t.timestamp('create_time', { useTz: true }).notNullable();
      t.timestamp('expire_time', { useTz: true });
      t.timestamp('last_use_time', { useTz: true });
      t.timestamp('delete_time', { useTz: true });
      t.index(['project', 'id']);
    });
    await db().createTable('iam_policies', (t) => {
      t.text('project').primary();
      t.jsonb('bindings').notNullable();
      t.text('etag').notNullable();
      t.timestamp('update_time', { useTz: true }).notNullable();
    });
  },
  async down(knex: Knex) {
    for (const table of ['iam_policies', 'api_keys']) {
      await knex.schema.withSchema(REGISTRY_SCHEMA).dropTable(table);
    }
  },
};

const quotaSettingsTable: Migration = {
  name: '0004_quota_settings',
  async up(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).createTable('quota_settings', (t) => {
      t.text('project').primary();
      t.integer('predictions_per_minute').notNullable();
      t.integer('concurrent_batch_jobs').notNullable();
      t.text('etag').notNullable();
      t.timestamp('update_time', { useTz: true }).notNullable();
      t.text('updated_by').notNullable();
    });
  },
  async down(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).dropTable('quota_settings');
  },
};

/** Presage rollouts: a model's aliases, traffic split and shadow traffic, each one JSON document. */
const modelRolloutColumns: Migration = {
  name: '0005_model_aliases_traffic_split_shadow',
  async up(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).alterTable('models', (t) => {
      t.jsonb('aliases').notNullable().defaultTo('{}');
      t.jsonb('traffic_split').notNullable().defaultTo('{}');
      t.jsonb('shadow');
    });
  },
  async down(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).alterTable('models', (t) => {
      t.dropColumns('aliases', 'traffic_split', 'shadow');
    });
  },
};

/** The request-logging tables the registry created, for the retention sweep. */
const predictionLogTables: Migration = {
  name: '0006_prediction_log_tables',
  async up(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).createTable('prediction_log_tables', (t) => {
      t.text('schema_name').notNullable();
      t.text('table_name').notNullable();
      t.timestamp('create_time', { useTz: true }).notNullable();
      t.primary(['schema_name', 'table_name']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).dropTable('prediction_log_tables');
  },
};

/** Model monitoring's results: one row per monitored version and window, its features as JSON. */
const monitoringWindows: Migration = {
  name: '0007_monitoring_windows',
  async up(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).createTable('monitoring_windows', (t) => {
      t.bigIncrements('id').primary();
      t.bigInteger('version_id').notNullable().references('id').inTable(`${REGISTRY_SCHEMA}.versions`);
      t.timestamp('window_start', { useTz: true }).notNullable();
      t.timestamp('window_end', { useTz: true }).notNullable();
      t.bigInteger('logged_predictions').notNullable();
      t.bigInteger('analyzed_predictions').notNullable();
      t.bigInteger('instances').notNullable();
      t.bigInteger('unreadable_predictions').notNullable();
      t.jsonb('features').notNullable();
      t.timestamp('create_time', { useTz: true }).notNullable();
      t.unique(['version_id', 'window_start']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.withSchema(REGISTRY_SCHEMA).dropTable('monitoring_windows');
  },
};

export const REGISTRY_MIGRATIONS: Migration[] = [
  initial,
  versionChangeTrigger,
  accessTables,
  quotaSettingsTable,
  modelRolloutColumns,
  predictionLogTables,
  monitoringWindows,
];
