import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { scrape, sampleValue, startTcpProxy, waitFor } from '@presage/testing';
import type { TcpProxy } from '@presage/testing';
import { call, startGatewayHarness, waitUntilReady } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * Request-response logging (requestLoggingConfig) and access-log lines (onlinePredictionLogging), through
 * the public REST interface to a real predictor serving the bundled iris model; the rows are read from
 * the registry's Postgres database with pg, as a user would query them.
 */
const IRIS_DIR = path.resolve(__dirname, '../../../tools/iris/model');
const MODEL = 'projects/logs/models/iris';
const VERSION = `${MODEL}/versions/v1`;
const FULL_TABLE = 'serving_logs.iris_full';
let home: string;
let h: GatewayHarness;
let db: pg.Client;
const accessLines: string[] = [];

interface LogRow {
  model: string;
  model_version: string;
  time: Date;
  raw_data: string;
  raw_prediction: string;
  groundtruth: string | null;
}

const instanceBody = (i: number): string =>
  JSON.stringify({ instances: [[5 + (i % 30) / 10, 3.1, 1.4, 0.2]] });

async function predict(baseUrl: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}/v1/${MODEL}:predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

async function rows(table: string): Promise<LogRow[]> {
  const [schema, name] = table.split('.') as [string, string];
  const found = await db.query<{ found: string | null }>('select to_regclass($1) as found', [
    `"${schema}"."${name}"`,
  ]);
  if (!found.rows[0]?.found) return [];
  return (await db.query<LogRow>(`select * from "${schema}"."${name}" order by time`)).rows;
}

async function setLogging(samplingPercentage: number, bigqueryTableName: string): Promise<void> {
  const res = await call(h.baseUrl, 'PATCH', `/v1/${VERSION}?updateMask=requestLoggingConfig`, {
    requestLoggingConfig: { samplingPercentage, bigqueryTableName },
  });
  expect(res.status).toBe(200);
}

/** The 50th and 95th percentile latency, in ms, of `count` predictions sent one after another. */
async function latencies(baseUrl: string, count: number): Promise<{ p50: number; p95: number }> {
  const taken: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    expect((await predict(baseUrl, instanceBody(i))).status).toBe(200);
    taken.push(performance.now() - started);
  }
  taken.sort((a, b) => a - b);
  return { p50: taken[Math.floor(count / 2)]!, p95: taken[Math.floor(count * 0.95)]! };
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-request-logging-'));
  h = await startGatewayHarness({
    realDeployer: { PRESAGE_HOME: home },
    accessLog: (line) => void accessLines.push(line),
  });
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  const model = await call(h.baseUrl, 'POST', '/v1/projects/logs/models', {
    name: 'iris',
    onlinePredictionLogging: true,
  });
  expect(model.status).toBe(200);
  const version = await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, {
    name: 'v1',
    deploymentUri: IRIS_DIR,
    requestLoggingConfig: { samplingPercentage: 1, bigqueryTableName: FULL_TABLE },
  });
  expect(version.status).toBe(200);
  await waitUntilReady(h.baseUrl, VERSION);
}, 150_000);

afterAll(async () => {
  await db?.end();
  await h?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('request-response logging', () => {
  it('at sampling 1.0 logs every prediction with AI Platform columns, and writes one access line each', async () => {
    const started = new Date();
    const sent: { body: string; answer: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const body = instanceBody(i);
      const answer = await predict(h.baseUrl, body);
      expect(answer.status).toBe(200);
      sent.push({ body, answer: answer.text });
    }
    const logged = await waitFor(
      async () => ((await rows(FULL_TABLE)).length >= 40 ? rows(FULL_TABLE) : false),
      {
        timeoutMs: 10_000,
        description: '40 rows in serving_logs.iris_full',
      },
    );
    expect(logged).toHaveLength(40);
    const byBody = new Map(logged.map((row) => [row.raw_data, row]));
    for (const { body, answer } of sent) {
      const row = byBody.get(body);
      expect(row).toMatchObject({
        model: MODEL,
        model_version: 'v1',
        raw_prediction: answer,
        groundtruth: null,
      });
      expect(row!.time.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
      expect(row!.time.getTime()).toBeLessThanOrEqual(Date.now());
    }
    const columns = await db.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns
        where table_schema = 'serving_logs' and table_name = 'iris_full' order by ordinal_position`,
    );
    expect(columns.rows.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'model text',
      'model_version text',
      'time timestamp with time zone',
      'raw_data text',
      'raw_prediction text',
      'groundtruth text',
    ]);

    const lines = accessLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(lines.at(-1)).toEqual({
      time: expect.any(String),
      type: 'prediction_access',
      model: MODEL,
      version: 'v1',
      status: 200,
      latencyMs: expect.any(Number),
      bytesIn: Buffer.byteLength(sent.at(-1)!.body),
      bytesOut: Buffer.byteLength(sent.at(-1)!.answer),
      actor: 'anonymous',
    });
    expect(accessLines.join('')).not.toContain('instances');
  }, 60_000);

  it('drops and counts rows when the buffer is full, and predictions keep their latency while the registry is cut', async () => {
    const proxy: TcpProxy = await startTcpProxy(h.registryAddress);
    const gateway = await h.startGateway({
      registryAddress: `127.0.0.1:${proxy.port}`,
      requestLogBufferRows: 20,
      requestLogFlushMs: 100,
    });
    try {
      const before = await latencies(gateway.baseUrl, 100);
      proxy.cut();
      const during = await latencies(gateway.baseUrl, 300);
      // A cut registry is never waited for: the predictions answer as fast as before (generous bound).
      expect(during.p50).toBeLessThan(before.p50 * 2 + 2);
      const metrics = await waitFor(
        async () => {
          const samples = await scrape(`${gateway.baseUrl}/metrics`);
          const full = sampleValue(samples, 'presage_request_log_dropped_total', { reason: 'buffer_full' });
          const failed = sampleValue(samples, 'presage_request_log_dropped_total', { reason: 'send_failed' });
          return (full ?? 0) > 0 && (failed ?? 0) > 0 && samples;
        },
        { timeoutMs: 10_000, description: 'dropped rows counted as buffer_full and send_failed' },
      );
      const written = sampleValue(metrics, 'presage_request_log_rows_total') ?? 0;
      const full = sampleValue(metrics, 'presage_request_log_dropped_total', { reason: 'buffer_full' })!;
      const failed = sampleValue(metrics, 'presage_request_log_dropped_total', { reason: 'send_failed' })!;
      expect(written).toBeGreaterThan(0);
      // Every sampled prediction is written, dropped for a full buffer, failed, or still held or being sent.
      expect(written + full + failed).toBeLessThanOrEqual(400);
      expect(written + full + failed).toBeGreaterThanOrEqual(400 - 2 * 20);
    } finally {
      proxy.restore();
      await gateway.stop();
      await proxy.close();
    }
  }, 60_000);

  it('at sampling 0.1 logs a share of 2,000 predictions within 5 binomial sigmas of 10 %', async () => {
    const table = 'serving_logs.iris_tenth';
    await setLogging(0.1, table);
    // A gateway started after the change resolves the new setting from its first request.
    const gateway = await h.startGateway({});
    const total = 2_000;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        const i = next++;
        expect((await predict(gateway.baseUrl, instanceBody(i))).status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await gateway.stop(); // sends what it holds
    const logged = (await rows(table)).length;
    const mean = total * 0.1;
    const sigma = Math.sqrt(total * 0.1 * 0.9);
    expect(Math.abs(logged - mean)).toBeLessThanOrEqual(5 * sigma);
  }, 120_000);
});

describe('request logging settings', () => {
  it.each([
    [{ samplingPercentage: 1.5, bigqueryTableName: 'logs.t' }, 'sampling_percentage'],
    [{ samplingPercentage: -0.1, bigqueryTableName: 'logs.t' }, 'sampling_percentage'],
    [{ samplingPercentage: 1, bigqueryTableName: 'no_dataset' }, 'bigquery_table_name'],
    [{ samplingPercentage: 1, bigqueryTableName: 'a.b.c' }, 'bigquery_table_name'],
    [{ samplingPercentage: 1, bigqueryTableName: 'logs.t"; drop table x; --' }, 'bigquery_table_name'],
    [{ samplingPercentage: 1, bigqueryTableName: '1logs.t' }, 'bigquery_table_name'],
    [{ samplingPercentage: 1, bigqueryTableName: 'registry.models' }, 'bigquery_table_name'],
  ])('CreateVersion refuses %j with a field violation', async (requestLoggingConfig, field) => {
    const res = await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, {
      name: 'bad',
      deploymentUri: IRIS_DIR,
      requestLoggingConfig,
    });
    expect(res.status).toBe(400);
    const fields = (res.json.error.details[0].fieldViolations as { field: string }[]).map((v) => v.field);
    expect(fields).toContain(`version.request_logging_config.${field}`);
  });

  it('UpdateVersion refuses a bad table name or sampling share, and keeps the setting', async () => {
    const badName = await call(
      h.baseUrl,
      'PATCH',
      `/v1/${VERSION}?updateMask=requestLoggingConfig.bigqueryTableName`,
      { requestLoggingConfig: { bigqueryTableName: 'logs.t-1' } },
    );
    expect(badName.status).toBe(400);
    expect(badName.json.error.details[0].fieldViolations[0].field).toBe(
      'version.request_logging_config.bigquery_table_name',
    );
    const badShare = await call(
      h.baseUrl,
      'PATCH',
      `/v1/${VERSION}?updateMask=requestLoggingConfig.samplingPercentage`,
      { requestLoggingConfig: { samplingPercentage: 2 } },
    );
    expect(badShare.status).toBe(400);
    expect(badShare.json.error.details[0].fieldViolations[0].field).toBe(
      'version.request_logging_config.sampling_percentage',
    );
    const version = await call(h.baseUrl, 'GET', `/v1/${VERSION}`);
    expect(version.json.requestLoggingConfig).toEqual({
      samplingPercentage: 0.1,
      bigqueryTableName: 'serving_logs.iris_tenth',
    });
  });
});
