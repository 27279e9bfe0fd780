import { createTestDatabase } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import pg from 'pg';
import { dumpedSchemas, restoreDump, TargetNotEmptyError } from './pglite-restore';

/** The shape of PGlite's pg_dump (--inserts, --no-owner), cut down to one table with its migration history. */
const DUMP = `--
-- PostgreSQL database dump
--
\\restrict abc123

SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

CREATE SCHEMA shop;

CREATE TABLE shop.knex_migrations (
    id integer NOT NULL,
    name character varying(255)
);

CREATE TABLE shop.items (
    id integer NOT NULL,
    label text NOT NULL
);

INSERT INTO shop.knex_migrations VALUES (1, '0001_items');
INSERT INTO shop.items VALUES (1, 'kept from PGlite');
INSERT INTO shop.items VALUES (2, 'with a '';'' inside');

ALTER TABLE ONLY shop.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);

\\unrestrict abc123
`;

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('restoreDump (presage migrate-pglite)', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db?.drop());

  it('finds the schemas the dump creates', () => {
    expect(dumpedSchemas(DUMP)).toEqual(['shop']);
  });

  it('replaces a schema that services migrated but that holds no rows, in one transaction', async () => {
    // What a first `presage up` on the new cluster leaves: migrated, empty tables.
    await query(
      db.url,
      `create schema shop; create table shop.knex_migrations (id int, name text);
       insert into shop.knex_migrations values (1, '0001_items');
       create table shop.items (id int primary key, label text not null, added text)`,
    );
    expect(await restoreDump(db.url, DUMP)).toEqual({ 'shop.items': 2, 'shop.knex_migrations': 1 });
    expect(await query(db.url, 'select id, label from shop.items order by id')).toEqual([
      { id: 1, label: 'kept from PGlite' },
      { id: 2, label: "with a ';' inside" },
    ]);
    // The dump's table definition replaced the migrated one.
    expect(
      await query(
        db.url,
        "select column_name from information_schema.columns where table_name = 'items' order by 1",
      ),
    ).toEqual([{ column_name: 'id' }, { column_name: 'label' }]);
  });

  it('refuses a target that holds rows, and changes nothing', async () => {
    await query(
      db.url,
      "create schema shop; create table shop.items (id int, label text); insert into shop.items values (9, 'new')",
    );
    const error = await restoreDump(db.url, DUMP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetNotEmptyError);
    expect((error as TargetNotEmptyError).counts).toEqual({ 'shop.items': 1 });
    expect(await query(db.url, 'select id, label from shop.items')).toEqual([{ id: 9, label: 'new' }]);
  });

  it('rolls back everything when a statement fails', async () => {
    const broken = DUMP.replace('INSERT INTO shop.items VALUES (2,', 'INSERT INTO shop.items VALUES (1,');
    await expect(restoreDump(db.url, broken)).rejects.toMatchObject({ code: '23505' });
    expect(
      await query(
        db.url,
        "select count(*)::int as n from information_schema.schemata where schema_name = 'shop'",
      ),
    ).toEqual([{ n: 0 }]);
  });
});
