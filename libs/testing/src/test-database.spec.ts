import pg from 'pg';
import { createTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';

async function query(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function withKind<T>(kind: string | undefined, work: () => Promise<T>): Promise<T> {
  const saved = process.env['PRESAGE_TEST_DB'];
  if (kind === undefined) delete process.env['PRESAGE_TEST_DB'];
  else process.env['PRESAGE_TEST_DB'] = kind;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env['PRESAGE_TEST_DB'];
    else process.env['PRESAGE_TEST_DB'] = saved;
  }
}

describe('createTestDatabase', () => {
  const created: TestDatabase[] = [];
  afterAll(() => Promise.allSettled(created.map((db) => db.drop())));

  it('postgres: creates a fresh database that drop() really removes, even with a connection open', async () => {
    const serverUrl =
      process.env['PRESAGE_TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
    const db = await withKind('postgres', createTestDatabase);
    created.push(db);
    expect(db.kind).toBe('postgres');
    const name = new URL(db.url).pathname.slice(1);
    expect(name).toMatch(/^presage_test_[a-z0-9]+$/);
    expect(
      (await query(db.url, 'select count(*)::int as n from pg_tables where schemaname = $1', ['public']))
        .rows,
    ).toEqual([{ n: 0 }]);

    const lingering = new pg.Client(db.url);
    lingering.on('error', () => undefined); // terminated by drop()
    await lingering.connect();
    await db.drop();
    await lingering.end().catch(() => undefined);
    const { rows } = await query(serverUrl, 'select 1 from pg_database where datname = $1', [name]);
    expect(rows).toEqual([]);
  });

  it('two databases are distinct', async () => {
    const [a, b] = await Promise.all([
      withKind('postgres', createTestDatabase),
      withKind('postgres', createTestDatabase),
    ]);
    created.push(a, b);
    expect(a.url).not.toBe(b.url);
  });

  it('pglite: a child process that drop() stops', async () => {
    const db = await withKind('pglite', createTestDatabase);
    created.push(db);
    expect(db.kind).toBe('pglite');
    const { rows } = await query(db.url, 'select version() as v');
    expect((rows[0] as { v: string }).v).toMatch(/^PostgreSQL 18/);
    await db.drop();
    await expect(query(db.url, 'select 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('auto picks the server when it answers', async () => {
    const db = await withKind(undefined, createTestDatabase);
    created.push(db);
    expect(db.kind).toBe('postgres');
  });

  it('rejects an unknown PRESAGE_TEST_DB listing the valid choices', async () => {
    await expect(withKind('mysql', createTestDatabase)).rejects.toThrow(
      'PRESAGE_TEST_DB must be one of postgres, pglite, auto; got "mysql"',
    );
  });
});
