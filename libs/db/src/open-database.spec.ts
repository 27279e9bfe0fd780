import { createServer } from 'node:net';
import { StatusCode } from '@presage/errors';
import { createLogger } from '@presage/log';
import { createTestDatabase, uniqueName } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import type { ApiError } from '@presage/errors';
import type { Knex } from 'knex';
import { openDatabase } from './open-database';
import type { Database } from './open-database';
import type { Migration } from './migration-source';

const logger = createLogger('db-test', { level: 'error' });

/** Two migrations; the first records each run in a table, so a rerun would be visible. */
function migrations(schema: string): Migration[] {
  return [
    {
      name: '0001_models',
      up: async (knex: Knex) => {
        await knex.schema.withSchema(schema).createTable('models', (t) => {
          t.text('name').primary();
        });
        await knex.schema.withSchema(schema).createTable('migration_runs', (t) => t.increments('id'));
        await knex.withSchema(schema).table('migration_runs').insert({});
      },
      down: (knex: Knex) => knex.schema.withSchema(schema).dropTable('models').dropTable('migration_runs'),
    },
    {
      name: '0002_model_description',
      up: (knex: Knex) => knex.schema.withSchema(schema).alterTable('models', (t) => t.text('description')),
      down: (knex: Knex) =>
        knex.schema.withSchema(schema).alterTable('models', (t) => t.dropColumn('description')),
    },
  ];
}

async function runCount(db: Database): Promise<number> {
  const rows: { count: string | number }[] = await db.knex
    .withSchema(db.schema)
    .table('migration_runs')
    .count({ count: '*' });
  return Number(rows[0]?.count);
}

describe('openDatabase', () => {
  let testDb: TestDatabase;
  const open: Database[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.allSettled(open.map((db) => db.close()));
    await testDb?.drop();
  });

  async function openTracked(schema: string): Promise<Database> {
    const db = await openDatabase({ url: testDb.url, schema, migrations: migrations(schema), logger });
    open.push(db);
    return db;
  }

  it('creates the schema, runs the migrations once, and keeps knex tables inside the schema', async () => {
    const schema = uniqueName('registry');
    const first = await openTracked(schema);
    await first.knex.withSchema(schema).table('models').insert({ name: 'm1', description: 'a model' });
    await first.close();

    const second = await openTracked(schema);
    expect(await runCount(second)).toBe(1);
    expect(await second.knex.withSchema(schema).table('models').select('name', 'description')).toEqual([
      { name: 'm1', description: 'a model' },
    ]);
    const tables = await second
      .knex('information_schema.tables')
      .where({ table_schema: schema })
      .pluck('table_name');
    expect(tables.sort()).toEqual(['knex_migrations', 'knex_migrations_lock', 'migration_runs', 'models']);
    const publicTables = await second
      .knex('information_schema.tables')
      .where({ table_schema: 'public' })
      .pluck('table_name');
    expect(publicTables).not.toContain('knex_migrations');
  });

  it('lets several processes open the same new schema at once; migrations still run once', async () => {
    // Rounds of three at once on a fresh schema: knex's lock table is made by exactly one of them.
    for (let round = 0; round < 5; round++) {
      const schema = uniqueName('deployer');
      const opened = await Promise.all([openTracked(schema), openTracked(schema), openTracked(schema)]);
      for (const db of opened) expect(await runCount(db)).toBe(1);
      const [lockRows] = await opened[0].knex
        .withSchema(schema)
        .table('knex_migrations_lock')
        .count({ n: '*' });
      expect(Number(lockRows!['n'])).toBe(1);
    }
  });
});

describe('openDatabase without a server', () => {
  it('gives up after ~10 s with UNAVAILABLE naming the host', async () => {
    const port = await closedPort();
    const started = Date.now();
    const failure = openDatabase({
      url: `postgres://postgres@127.0.0.1:${port}/x`,
      schema: 'registry',
      migrations: [],
      logger,
    });
    await expect(failure).rejects.toMatchObject({
      code: StatusCode.UNAVAILABLE,
      message: expect.stringContaining(`127.0.0.1:${port}`),
    } satisfies Partial<Record<keyof ApiError, unknown>>);
    expect(Date.now() - started).toBeGreaterThan(5000);
  }, 30_000);
});

/** A port nothing listens on: bind port 0, note it, close. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
