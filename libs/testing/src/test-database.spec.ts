import pg from 'pg';
import { chooseTestDatabaseKind, createTestDatabase, EMBEDDED_TEST_SERVER_ENV } from './test-database';
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

async function withEnv<T>(values: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

function withKind<T>(kind: string | undefined, work: () => Promise<T>): Promise<T> {
  return withEnv({ PRESAGE_TEST_DB: kind }, work);
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

  it('embedded: a database on the embedded server this run started, which drop() removes', async () => {
    // Any server stands in for the run's embedded one: createTestDatabase only creates a database on it.
    const serverUrl =
      process.env['PRESAGE_TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
    const db = await withEnv({ PRESAGE_TEST_DB: 'embedded', [EMBEDDED_TEST_SERVER_ENV]: serverUrl }, () =>
      createTestDatabase(),
    );
    created.push(db);
    expect(db.kind).toBe('embedded');
    expect(new URL(db.url).host).toBe(new URL(serverUrl).host);
    const name = new URL(db.url).pathname.slice(1);
    await db.drop();
    expect((await query(serverUrl, 'select 1 from pg_database where datname = $1', [name])).rows).toEqual([]);
  });

  it('auto uses the embedded server when the run started one', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/postgres';
    expect(
      await withEnv({ PRESAGE_TEST_DB: undefined, [EMBEDDED_TEST_SERVER_ENV]: url }, chooseTestDatabaseKind),
    ).toBe('embedded');
  });

  it('embedded without the server of the run says how to get one', async () => {
    await expect(
      withEnv({ PRESAGE_TEST_DB: 'embedded', [EMBEDDED_TEST_SERVER_ENV]: undefined }, createTestDatabase),
    ).rejects.toThrow('run the tests through Jest, whose global setup');
  });

  it('auto picks the server when it answers and no embedded server runs', async () => {
    const db = await withEnv(
      { PRESAGE_TEST_DB: undefined, [EMBEDDED_TEST_SERVER_ENV]: undefined },
      createTestDatabase,
    );
    created.push(db);
    expect(db.kind).toBe('postgres');
  });

  it('rejects an unknown PRESAGE_TEST_DB listing the valid choices', async () => {
    await expect(withKind('mysql', createTestDatabase)).rejects.toThrow(
      'PRESAGE_TEST_DB must be one of postgres, embedded, auto; got "mysql"',
    );
  });
});
