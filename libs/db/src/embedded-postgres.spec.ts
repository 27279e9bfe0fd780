import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startEmbeddedPostgresProcess } from '@presage/testing';
import type { EmbeddedPostgresProcess, TestDatabase } from '@presage/testing';
import knexFactory from 'knex';
import pg from 'pg';

// PGlite cannot load inside Jest: startEmbeddedPostgres runs in a child process (embedded-postgres-main.ts).
describe('startEmbeddedPostgres (child process)', () => {
  let testDb: TestDatabase;
  const saved = process.env['PRESAGE_TEST_DB'];

  beforeAll(async () => {
    process.env['PRESAGE_TEST_DB'] = 'pglite';
    try {
      testDb = await createTestDatabase();
    } finally {
      if (saved === undefined) delete process.env['PRESAGE_TEST_DB'];
      else process.env['PRESAGE_TEST_DB'] = saved;
    }
  });
  afterAll(() => testDb?.drop());

  it('answers select version() with PostgreSQL 18', async () => {
    expect(testDb.kind).toBe('pglite');
    const client = new pg.Client(testDb.url);
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>('select version()');
      expect(rows[0]?.version).toMatch(/^PostgreSQL 18\./);
    } finally {
      await client.end();
    }
  });

  it('serves several pg clients at once; a second waits while another holds a transaction', async () => {
    const clients = Array.from({ length: 4 }, () => new pg.Client(testDb.url));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const sums = await Promise.all(
        clients.map((c, i) => c.query<{ n: number }>('select $1::int + 1 as n', [i])),
      );
      expect(sums.map((r) => r.rows[0]?.n)).toEqual([1, 2, 3, 4]);

      const [holder, waiter] = clients as [pg.Client, pg.Client];
      await holder.query('create table t (id int primary key)');
      await holder.query('begin');
      await holder.query('insert into t values (1)');
      let waited = false;
      const read = waiter.query<{ count: string }>('select count(*) from t').then((r) => {
        waited = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(waited).toBe(false); // queued behind the open transaction
      await holder.query('commit');
      expect((await read).rows[0]?.count).toBe('1');
    } finally {
      await Promise.allSettled(clients.map((c) => c.end()));
    }
  });

  it('serves a knex pool of several connections running queries concurrently', async () => {
    const knex = knexFactory({ client: 'pg', connection: testDb.url, pool: { min: 0, max: 5 } });
    try {
      await knex.schema.createTable('items', (t) => t.integer('id').primary());
      await Promise.all(Array.from({ length: 20 }, (_, i) => knex('items').insert({ id: i })));
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          knex.transaction(async (trx) => {
            await trx('items')
              .where({ id: i })
              .update({ id: 100 + i });
          }),
        ),
      );
      expect(Number((await knex('items').where('id', '>=', 100).count({ n: '*' }))[0]?.n)).toBe(5);
    } finally {
      await knex.destroy();
    }
  });
});

describe('startEmbeddedPostgres with a data dir (child process)', () => {
  let dataDir: string;
  let server: EmbeddedPostgresProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'presage-pgdata-'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps data across a SIGTERM and restart', async () => {
    server = await startEmbeddedPostgresProcess({ dataDir });
    let client = new pg.Client(server.url);
    await client.connect();
    await client.query('create table kept (v text)');
    await client.query("insert into kept values ('survives restart')");
    await client.end();
    await server.stop();

    const started = Date.now();
    server = await startEmbeddedPostgresProcess({ dataDir });
    console.log(
      `embedded postgres restart from a data dir (including node/tsx start): ${Date.now() - started} ms`,
    );
    client = new pg.Client(server.url);
    await client.connect();
    try {
      expect((await client.query('select v from kept')).rows).toEqual([{ v: 'survives restart' }]);
    } finally {
      await client.end();
    }
  });
});
