import { openDatabase } from '@presage/db';
import type { Database } from '@presage/db';
import { StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { PredictionLogService } from '@presage/proto';
import { createTestDatabase, expectApiError, waitFor } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';
import { REGISTRY_MIGRATIONS, REGISTRY_SCHEMA } from '../src/store/migrations';
import { PredictionLogRetention } from '../src/prediction-log-retention';
import { insertMonitoringWindow, listMonitoringWindows } from '../src/store/monitoring';
import { PredictionLogStore } from '../src/store/prediction-logs';

/**
 * PredictionLogService.AppendPredictionLogs (the gateway's request-log batches) and the retention sweep,
 * against a real Postgres database.
 */
let testDb: TestDatabase;
let registry: RegistryHarness;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({
    url: testDb.url,
    schema: REGISTRY_SCHEMA,
    migrations: REGISTRY_MIGRATIONS,
    logger: createLogger('prediction-logs-test', { level: 'error' }),
  });
  registry = await startRegistry({ database: { ...testDb, drop: () => Promise.resolve() } });
});
afterAll(async () => {
  await registry?.stop();
  await db?.close();
  await testDb?.drop();
});

const row = (table: string, time: Date, i = 0) => ({
  table,
  model: 'projects/p/models/m',
  modelVersion: 'v1',
  time: { seconds: String(Math.floor(time.getTime() / 1000)), nanos: 0 },
  rawData: `{"instances":[${i}]}`,
  rawPrediction: `{"predictions":[${i * 2}]}`,
});

describe('AppendPredictionLogs', () => {
  it('creates the schema and table on first use and writes every row of a batch', async () => {
    const logs = createClient(PredictionLogService, registry.address);
    try {
      const now = new Date();
      const rows = Array.from({ length: 1_500 }, (_, i) => row('app_logs.census', now, i));
      expect(await logs.client.AppendPredictionLogs({ rows })).toEqual({ written: 1_500 });
      const stored = await db.knex
        .withSchema('app_logs')
        .table('census')
        .count<{ count: string }[]>('* as count');
      expect(Number(stored[0]!.count)).toBe(1_500);
      const first = await db.knex
        .withSchema('app_logs')
        .table('census')
        .where('raw_data', '{"instances":[7]}');
      expect(first).toEqual([
        {
          model: 'projects/p/models/m',
          model_version: 'v1',
          time: new Date(Math.floor(now.getTime() / 1000) * 1000),
          raw_data: '{"instances":[7]}',
          raw_prediction: '{"predictions":[14]}',
          groundtruth: null,
        },
      ]);
    } finally {
      logs.close();
    }
  });

  it('refuses a batch naming a table that is not dataset.table, and writes none of it', async () => {
    const logs = createClient(PredictionLogService, registry.address);
    try {
      await expectApiError(
        logs.client.AppendPredictionLogs({
          rows: [
            row('app_logs.census', new Date()),
            row('app_logs.x"; drop schema app_logs; --', new Date()),
          ],
        }),
        StatusCode.INVALID_ARGUMENT,
      );
      const stored = await db.knex
        .withSchema('app_logs')
        .table('census')
        .count<{ count: string }[]>('* as count');
      expect(Number(stored[0]!.count)).toBe(1_500);
    } finally {
      logs.close();
    }
  });
});

describe('retention', () => {
  it('deletes rows older than the cutoff from the tables the registry created', async () => {
    const store = new PredictionLogStore(db.knex, () => new Date());
    const old = new Date(Date.now() - 40 * 86_400_000);
    const recent = new Date();
    const record = (time: Date) => ({
      model: 'projects/p/models/m',
      modelVersion: 'v2',
      time,
      rawData: '{}',
      rawPrediction: '{}',
    });
    await store.append({ schema: 'retained', table: 't' }, [record(old), record(old), record(recent)]);
    const deleted = await store.deleteOlderThan(new Date(Date.now() - 30 * 86_400_000));
    expect(deleted).toBe(2);
    const left = await db.knex.withSchema('retained').table('t').select('time');
    expect(left).toEqual([{ time: recent }]);
  });

  it('sweeps at start and then every interval, rows and the monitoring windows measured from them', async () => {
    await registry.models.CreateModel({ parent: 'projects/p', model: { name: 'swept' } });
    await registry.models.CreateVersion({
      parent: 'projects/p/models/swept',
      version: { name: 'v1', deploymentUri: '/models/swept' },
    });
    const [{ id: versionId }] = (await db.knex
      .withSchema(REGISTRY_SCHEMA)
      .table('versions')
      .where({ name: 'v1', model: 'swept' })
      .select('id')) as [{ id: string }];
    const store = new PredictionLogStore(db.knex, () => new Date());
    const table = { schema: 'swept', table: 't' };
    const old = new Date(Date.now() - 40 * 86_400_000);
    const record = (time: Date) => ({
      model: 'projects/p/models/swept',
      modelVersion: 'v1',
      time,
      rawData: '{}',
      rawPrediction: '{}',
    });
    const window = (start: Date) => ({
      versionId,
      start,
      end: new Date(start.getTime() + 3_600_000),
      loggedPredictions: 1,
      analyzedPredictions: 1,
      instances: 1,
      unreadablePredictions: 0,
      features: [],
    });
    await store.append(table, [record(old), record(new Date())]);
    await insertMonitoringWindow(db.knex, window(old), new Date());
    await insertMonitoringWindow(db.knex, window(new Date(Date.now() - 3_600_000)), new Date());
    const count = async () => ({
      rows: ((await db.knex.withSchema('swept').table('t').count('* as n')) as [{ n: string }])[0].n,
      windows: (await listMonitoringWindows(db.knex, versionId, undefined, 10)).length,
    });
    const retention = new PredictionLogRetention({
      store,
      logger: createLogger('retention-test', { level: 'error' }),
      retentionDays: 30,
      intervalMs: 100,
      now: () => new Date(),
    });
    retention.start();
    try {
      await waitFor(async () => (await count()).rows === '1', {
        timeoutMs: 5_000,
        description: 'the first sweep',
      });
      expect(await count()).toEqual({ rows: '1', windows: 1 });
      // The timer sweeps again: a row that turns up old later is deleted without a new start.
      await store.append(table, [record(old)]);
      await waitFor(async () => (await count()).rows === '1', {
        timeoutMs: 5_000,
        description: 'a later sweep',
      });
    } finally {
      await retention.stop();
    }
  });
});
