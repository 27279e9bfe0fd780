import { ApiError, StatusCode } from '@presage/errors';
import { createTestDatabase } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { mapDbError } from './db-errors';
import { inTransaction, withTransaction } from './transaction';

describe('withTransaction', () => {
  let testDb: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    knex = knexFactory({ client: 'pg', connection: testDb.url, pool: { min: 0, max: 4 } });
    await knex.schema.createTable('counters', (t) => {
      t.text('name').primary();
      t.integer('value').notNullable();
    });
  });
  afterAll(async () => {
    await knex?.destroy();
    await testDb?.drop();
  });

  /**
   * Reads the counter, lets another connection commit a change to it (`interfere`), then updates it:
   * under repeatable read the update fails with a real serialization failure (40001).
   */
  async function incrementWithInterference(
    name: string,
    interfere: (attempt: number) => boolean,
    retries?: number,
  ) {
    let attempts = 0;
    const result = await withTransaction(
      knex,
      async (trx) => {
        attempts++;
        const row = (await trx('counters').where({ name }).first()) as { value: number };
        if (interfere(attempts)) await knex('counters').where({ name }).increment('value', 100);
        await trx('counters')
          .where({ name })
          .update({ value: row.value + 1 });
        return row.value + 1;
      },
      { isolation: 'repeatable read', ...(retries === undefined ? {} : { retries }) },
    );
    return { result, attempts };
  }

  it('commits work and rolls back on error', async () => {
    await withTransaction(knex, (trx) => trx('counters').insert({ name: 'commit', value: 1 }));
    await expect(
      withTransaction(knex, async (trx) => {
        await trx('counters').insert({ name: 'rollback', value: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await knex('counters').whereIn('name', ['commit', 'rollback']).pluck('name')).toEqual(['commit']);
  });

  it('retries a real serialization failure and succeeds', async () => {
    await knex('counters').insert({ name: 'retry', value: 0 });
    const { result, attempts } = await incrementWithInterference('retry', (attempt) => attempt === 1);
    expect(attempts).toBe(2);
    expect(result).toBe(101);
    expect(await knex('counters').where({ name: 'retry' }).first()).toEqual({ name: 'retry', value: 101 });
  });

  it('gives up after `retries` and throws the failure, which maps to ABORTED', async () => {
    await knex('counters').insert({ name: 'give-up', value: 0 });
    const error: unknown = await incrementWithInterference('give-up', () => true, 2).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe('40001');
    expect(mapDbError(error).code).toBe(StatusCode.ABORTED);
    // Three attempts, each interfered once.
    expect(await knex('counters').where({ name: 'give-up' }).first()).toEqual({
      name: 'give-up',
      value: 300,
    });
  });
});

describe('inTransaction', () => {
  let testDb: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    knex = knexFactory({ client: 'pg', connection: testDb.url, pool: { min: 0, max: 4 } });
    await knex.schema.createTable('names', (t) => t.text('name').primary());
  });
  afterAll(async () => {
    await knex?.destroy();
    await testDb?.drop();
  });

  it('throws a database failure as an ApiError, and an ApiError of the work as it is', async () => {
    await inTransaction(knex, (trx) => trx('names').insert({ name: 'taken' }));
    await expect(inTransaction(knex, (trx) => trx('names').insert({ name: 'taken' }))).rejects.toMatchObject({
      code: StatusCode.ALREADY_EXISTS,
    });
    const notFound = ApiError.notFound('model', 'projects/p/models/m');
    await expect(inTransaction(knex, () => Promise.reject(notFound))).rejects.toBe(notFound);
  });
});
