import type { Knex, Migration } from '@presage/db';

/** Schema `batch`: prediction jobs and their shards (ranges of input records claimed by workers). */
export const BATCH_SCHEMA = 'batch';

const initial: Migration = {
  name: '0001_jobs_shards',
  async up(knex: Knex) {
    const db = () => knex.schema.withSchema(BATCH_SCHEMA);
    await db().createTable('jobs', (t) => {
      t.bigIncrements('id').primary();
      t.text('project').notNullable();
      t.text('job_id').notNullable();
      t.text('state').notNullable();
      // predictionInput as the client gave it (echoed by GetJob), and what was made of it.
      t.jsonb('prediction_input').notNullable();
      t.jsonb('spec').notNullable();
      t.jsonb('source').notNullable();
      t.jsonb('labels').notNullable().defaultTo('{}');
      t.text('etag').notNullable();
      t.text('error_message').notNullable().defaultTo('');
      t.integer('worker_count').notNullable().defaultTo(0);
      t.integer('shard_count').notNullable().defaultTo(0);
      // Records the planner could not hand to workers (a broken file), message → count.
      t.jsonb('prepare_errors').notNullable().defaultTo('{}');
      // Final counts, set when the job ends; while it runs they are summed over its shards.
      t.bigInteger('prediction_count').notNullable().defaultTo(0);
      t.bigInteger('error_count').notNullable().defaultTo(0);
      t.double('node_hours').notNullable().defaultTo(0);
      t.timestamp('create_time', { useTz: true }).notNullable();
      t.timestamp('start_time', { useTz: true });
      t.timestamp('end_time', { useTz: true });
      t.timestamp('update_time', { useTz: true }).notNullable();
      t.unique(['project', 'job_id']);
      t.index(['state']);
    });
    await db().createTable('shards', (t) => {
      t.bigIncrements('id').primary();
      t.bigInteger('job').notNullable().references('id').inTable(`${BATCH_SCHEMA}.jobs`).onDelete('CASCADE');
      t.integer('index').notNullable();
      t.jsonb('range').notNullable();
      // PENDING → CLAIMED (a worker holds its lease) → DONE; back to PENDING when the worker gives up.
      t.text('state').notNullable().defaultTo('PENDING');
      t.text('claim');
      t.text('worker');
      t.timestamp('claimed_at', { useTz: true });
      t.timestamp('renewed_at', { useTz: true });
      t.timestamp('lease_expires', { useTz: true });
      t.integer('attempts').notNullable().defaultTo(0);
      t.integer('failures').notNullable().defaultTo(0);
      t.text('last_error').notNullable().defaultTo('');
      t.bigInteger('prediction_count').notNullable().defaultTo(0);
      t.bigInteger('error_count').notNullable().defaultTo(0);
      t.jsonb('errors').notNullable().defaultTo('{}');
      t.double('worker_seconds').notNullable().defaultTo(0);
      t.unique(['job', 'index']);
      t.index(['job', 'state']);
      t.unique(['claim']);
    });
  },
  async down(knex: Knex) {
    for (const table of ['shards', 'jobs']) await knex.schema.withSchema(BATCH_SCHEMA).dropTable(table);
  },
};

const shardInputBytes: Migration = {
  name: '0002_shard_input_bytes',
  async up(knex: Knex) {
    await knex.schema.withSchema(BATCH_SCHEMA).alterTable('shards', (t) => {
      // The input bytes the shard counts for in its job's progress (0 for shards planned before it).
      t.bigInteger('input_bytes').notNullable().defaultTo(0);
    });
  },
  async down(knex: Knex) {
    await knex.schema.withSchema(BATCH_SCHEMA).alterTable('shards', (t) => void t.dropColumn('input_bytes'));
  },
};

export const BATCH_MIGRATIONS: Migration[] = [initial, shardInputBytes];
