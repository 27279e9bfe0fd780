export type { Knex } from 'knex';
export { mapDbError } from './db-errors';
export { startEmbeddedPostgres } from './embedded-postgres';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded-postgres';
export type { Migration } from './migration-source';
export { openDatabase } from './open-database';
export type { Database, DatabaseOptions } from './open-database';
export { withTransaction } from './transaction';
export type { IsolationLevel, TransactionOptions } from './transaction';
