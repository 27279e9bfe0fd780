import { ApiError, StatusCode } from '@presage/errors';
import { createTestDatabase } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';
import { alreadyExistsOn, mapDbError } from './db-errors';

describe('mapDbError', () => {
  let testDb: TestDatabase;
  let knex: Knex;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    knex = knexFactory({ client: 'pg', connection: testDb.url, pool: { min: 0, max: 2 } });
  });
  afterAll(async () => {
    await knex?.destroy();
    await testDb?.drop();
  });

  it('maps a real unique violation to ALREADY_EXISTS, keeping the pg error as cause', async () => {
    await knex.schema.createTable('names', (t) => t.text('name').primary());
    await knex('names').insert({ name: 'a' });
    const error: unknown = await knex('names')
      .insert({ name: 'a' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const mapped = mapDbError(error);
    expect(mapped.code).toBe(StatusCode.ALREADY_EXISTS);
    expect(mapped.cause).toBe(error);
  });

  it('maps a refused connection to UNAVAILABLE', async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/x' });
    const error: unknown = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(mapDbError(error).code).toBe(StatusCode.UNAVAILABLE);
  });

  it('maps text the database cannot store (NUL in text and in JSON) to INVALID_ARGUMENT, without the query', async () => {
    await knex.schema.createTable('texts', (t) => {
      t.text('name');
      t.jsonb('doc');
    });
    const refused = async (row: Record<string, unknown>) =>
      mapDbError(
        await knex('texts')
          .insert(row)
          .then(
            () => undefined,
            (e: unknown) => e,
          ),
      );
    const inText = await refused({ name: 'a\u0000b' });
    expect(inText).toMatchObject({
      code: StatusCode.INVALID_ARGUMENT,
      details: [expect.objectContaining({ reason: 'UNSTORABLE_VALUE', metadata: { sqlstate: '22021' } })],
    });
    expect(inText.message).toContain('NUL');
    expect(inText.message).not.toContain('insert');
    const inJson = await refused({ doc: JSON.stringify({ a: 'x\u0000' }) });
    expect(inJson).toMatchObject({
      code: StatusCode.INVALID_ARGUMENT,
      details: [expect.objectContaining({ metadata: { sqlstate: '22P05' } })],
    });
  });

  it('maps serialization failures and deadlocks to ABORTED, and server shutdown to UNAVAILABLE', () => {
    expect(mapDbError(Object.assign(new Error('x'), { code: '40001' }))).toMatchObject({
      code: StatusCode.ABORTED,
      message: 'concurrent update, retry',
    });
    expect(mapDbError(Object.assign(new Error('x'), { code: '40P01' })).code).toBe(StatusCode.ABORTED);
    expect(mapDbError(Object.assign(new Error('x'), { code: '57P01' })).code).toBe(StatusCode.UNAVAILABLE);
    expect(mapDbError(Object.assign(new Error('x'), { code: '08006' })).code).toBe(StatusCode.UNAVAILABLE);
    expect(mapDbError(Object.assign(new Error('pool'), { name: 'KnexTimeoutError' })).code).toBe(
      StatusCode.UNAVAILABLE,
    );
  });

  it('passes an ApiError through and turns anything else into INTERNAL with the cause kept', () => {
    const notFound = ApiError.notFound('model', 'projects/p/models/m');
    expect(mapDbError(notFound)).toBe(notFound);
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' });
    const mapped = mapDbError(syntax);
    expect(mapped.code).toBe(StatusCode.INTERNAL);
    expect(mapped.message).toBe('Internal error');
    expect(mapped.cause).toBe(syntax);
  });
});

describe('alreadyExistsOn', () => {
  const uniqueViolation = Object.assign(new Error('duplicate key'), { code: '23505' });

  it('names the resource and the field of a unique violation, and maps anything else as mapDbError', () => {
    let error: unknown;
    try {
      alreadyExistsOn(uniqueViolation, 'job', 'projects/p/jobs/j', 'job.job_id');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: StatusCode.ALREADY_EXISTS });
    expect((error as ApiError).message).toContain('projects/p/jobs/j');
    const other = new Error('boom');
    expect(() => alreadyExistsOn(other, 'job', 'projects/p/jobs/j', 'job.job_id')).toThrow(mapDbError(other));
  });
});
