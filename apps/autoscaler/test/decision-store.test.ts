import { openDatabase } from '@presage/db';
import type { Database } from '@presage/db';
import { createLogger } from '@presage/log';
import { createTestDatabase } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import { createDecisionLog } from '../src/store/decision-log';
import { listDecisions, pruneDecisions } from '../src/store/decisions';
import type { NewDecision } from '../src/store/decisions';
import { AUTOSCALER_MIGRATIONS, AUTOSCALER_SCHEMA } from '../src/store/migrations';

const logger = createLogger('decision-store-test', { level: 'error' });
const A = 'projects/p/models/m/versions/a';
const B = 'projects/p/models/m/versions/b';

let testDb: TestDatabase;
let db: Database;

function decision(version: string, time: Date, desiredReplicas: number): NewDecision {
  return {
    version,
    time,
    readyReplicas: 1,
    previousReplicas: desiredReplicas - 1,
    desiredReplicas,
    mode: 'stable',
    stableConcurrency: 4.25,
    panicConcurrency: 6.5,
    targetConcurrency: 4,
    minNodes: 0,
    maxNodes: 0,
    reason: `to ${desiredReplicas}`,
  };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({
    url: testDb.url,
    schema: AUTOSCALER_SCHEMA,
    migrations: AUTOSCALER_MIGRATIONS,
    logger,
  });
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('the decision history', () => {
  it('is written behind, in order, and listed newest first with every input', async () => {
    const log = createDecisionLog({ knex: db.knex, logger, pruneEveryMs: 3_600_000 });
    const now = Date.now();
    for (let n = 1; n <= 5; n++) log.record(decision(A, new Date(now + n), n));
    log.record(decision(B, new Date(now), 9));
    await log.close();
    const listed = await listDecisions(db.knex, A, undefined, 10);
    expect(listed.map((d) => d.desiredReplicas)).toEqual([5, 4, 3, 2, 1]);
    expect(listed[0]).toMatchObject({
      version: A,
      readyReplicas: 1,
      previousReplicas: 4,
      stableConcurrency: 4.25,
      panicConcurrency: 6.5,
      targetConcurrency: 4,
      reason: 'to 5',
    });
    const older = await listDecisions(db.knex, A, listed[1]!.id, 10);
    expect(older.map((d) => d.desiredReplicas)).toEqual([3, 2, 1]);
  });

  it('is pruned by age and to the newest N of each version', async () => {
    const week = 7 * 86_400_000;
    // The log prunes once as it starts (by its own age limit), racing the write below: let that prune
    // keep everything, so only the explicit one below deletes.
    const log = createDecisionLog({
      knex: db.knex,
      logger,
      pruneEveryMs: 3_600_000,
      maxAgeMs: 365 * 86_400_000,
    });
    log.record(decision(B, new Date(Date.now() - 2 * week), 1));
    await log.close();
    const deleted = await pruneDecisions(db.knex, {
      olderThan: new Date(Date.now() - week),
      keepPerVersion: 3,
    });
    expect(deleted).toBe(3); // B's old one, A's two oldest
    expect((await listDecisions(db.knex, A, undefined, 10)).map((d) => d.desiredReplicas)).toEqual([5, 4, 3]);
    expect((await listDecisions(db.knex, B, undefined, 10)).map((d) => d.desiredReplicas)).toEqual([9]);
  });
});
