import type { Knex, Migration } from '@presage/db';

/** Schema `autoscaler`: the history of scaling decisions, pruned by age and by count per version. */
export const AUTOSCALER_SCHEMA = 'autoscaler';

const initial: Migration = {
  name: '0001_scaling_decisions',
  async up(knex: Knex) {
    await knex.schema.withSchema(AUTOSCALER_SCHEMA).createTable('scaling_decisions', (t) => {
      t.bigIncrements('id').primary();
      t.text('version').notNullable();
      t.timestamp('time', { useTz: true }).notNullable();
      t.integer('ready_replicas').notNullable();
      t.integer('previous_replicas').notNullable();
      t.integer('desired_replicas').notNullable();
      t.text('mode').notNullable();
      t.double('stable_concurrency').notNullable();
      t.double('panic_concurrency').notNullable();
      t.double('target_concurrency').notNullable();
      t.integer('min_nodes').notNullable();
      t.integer('max_nodes').notNullable();
      t.text('reason').notNullable().defaultTo('');
      t.index(['version', 'id']);
      t.index(['time']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.withSchema(AUTOSCALER_SCHEMA).dropTable('scaling_decisions');
  },
};

export const AUTOSCALER_MIGRATIONS: Migration[] = [initial];
