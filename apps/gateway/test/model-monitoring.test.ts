import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import { ModelService } from '@presage/proto';
import { freePort, sampleValue, scrape, waitFor } from '@presage/testing';
import { call, startGatewayHarness, waitUntilReady } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * Model monitoring (monitoringConfig) end to end: predictions through the gateway's public REST API to
 * a real predictor serving the bundled iris model, logged by requestLoggingConfig into Postgres, measured
 * by the registry against a baseline file in short windows, with alerts to a webhook receiver run here.
 */
const IRIS_DIR = path.resolve(__dirname, '../../../tools/iris/model');
const MODEL = 'projects/watch/models/iris';
const VERSION = `${MODEL}/versions/v1`;
const WINDOW_S = 3;
const WINDOW_MS = WINDOW_S * 1_000;
const SECRET = 'the-webhook-secret';
const SHIFTED_FEATURE = '[2]';

let home: string;
let h: GatewayHarness;
let registryMetrics: string;
let receiver: WebhookReceiver;
let baselineFile: string;

/** A deterministic stream of numbers in [0, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** An iris-like instance; `shift` moves petal length (feature [2]) out of the training range. */
function instance(next: () => number, shift = 0): number[] {
  return [4.5 + 2 * next(), 2.5 + next(), 1 + 4 * next() + shift, 0.1 + 2 * next()];
}

interface Delivery {
  body: string;
  headers: http.IncomingHttpHeaders;
  status: number;
}

interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}

/** Answers 503 to the first try of each delivery id and 200 after, so every alert is retried once. */
async function startReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const seen = new Set<string>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = String(request.headers['x-presage-delivery']);
      const status = seen.has(id) ? 200 : 503;
      seen.add(id);
      deliveries.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function predictUntil(until: number, next: () => number, shift: number): Promise<number> {
  let sent = 0;
  while (Date.now() < until - 20) {
    const instances = [instance(next, shift), instance(next, shift), instance(next, shift)];
    const answer = await call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances });
    expect(answer.status).toBe(200);
    sent += instances.length;
  }
  // The next window starts at `until`; no request of this phase may be stamped in it.
  while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
  return sent;
}

interface StatisticsJson {
  name: string;
  kind: string;
  bounds: number[];
  counts: string[];
  categories?: Record<string, string>;
}

interface FeatureJson {
  name: string;
  statistics: StatisticsJson;
  skew?: number;
  drift?: number;
  threshold: number;
  skewAlert?: boolean;
  driftAlert?: boolean;
}

interface WindowJson {
  startTime: string;
  instances: string;
  loggedPredictions: string;
  features: FeatureJson[];
}

interface AlertJson {
  version: string;
  window: { startTime: string };
  alerts: { type: string; feature: string }[];
}

interface FieldViolationJson {
  field: string;
  description: string;
}

interface EventJson {
  type: string;
  actor: string;
  message: string;
}

async function monitoringWindows(): Promise<WindowJson[]> {
  const stats = await call(h.baseUrl, 'GET', `/v1/${VERSION}/monitoringStats`);
  expect(stats.status).toBe(200);
  return (stats.json as { windows: WindowJson[] }).windows;
}

function feature(window: WindowJson | undefined, name: string): FeatureJson {
  const found = window?.features.find((f) => f.name === name);
  if (!found) throw new Error(`no feature ${name} in ${JSON.stringify(window)}`);
  return found;
}

function createVersion(name: string, body: Record<string, unknown>): ReturnType<typeof call> {
  return call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, { name, ...body });
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-monitoring-'));
  baselineFile = path.join(home, 'training.jsonl');
  const next = uniform(7);
  fs.writeFileSync(
    baselineFile,
    Array.from({ length: 2_000 }, () => JSON.stringify(instance(next))).join('\n'),
  );
  receiver = await startReceiver();
  const metricsPort = await freePort();
  registryMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
  h = await startGatewayHarness({
    realDeployer: { PRESAGE_HOME: home },
    gateway: { requestLogFlushMs: 100 },
    registryEnv: {
      PRESAGE_MONITORING_INTERVAL_MS: '250',
      PRESAGE_MONITORING_GRACE_MS: '1000',
      PRESAGE_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
      PRESAGE_MONITORING_WEBHOOK_HOSTS: '127.0.0.1',
    },
  });
  expect((await call(h.baseUrl, 'POST', '/v1/projects/watch/models', { name: 'iris' })).status).toBe(200);
  const version = await createVersion('v1', {
    deploymentUri: IRIS_DIR,
    requestLoggingConfig: { samplingPercentage: 1, bigqueryTableName: 'monitoring.iris_requests' },
    monitoringConfig: {
      baselineUri: baselineFile,
      windowSeconds: WINDOW_S,
      minInstances: 50,
      webhookUri: receiver.url,
      webhookSecret: SECRET,
    },
  });
  expect(version.status).toBe(200);
  await waitUntilReady(h.baseUrl, VERSION);
}, 150_000);

afterAll(async () => {
  await h?.stop();
  await receiver?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('model monitoring', () => {
  it('keeps the baseline as statistics and never shows the webhook secret', async () => {
    const { json: version } = await call(h.baseUrl, 'GET', `/v1/${VERSION}`);
    const config = (version as { monitoringConfig: { baselineUri: string; baselineStats: StatisticsJson[] } })
      .monitoringConfig;
    expect(config.baselineUri).toBe(baselineFile);
    expect(JSON.stringify(version)).not.toContain(SECRET);
    expect(config.baselineStats.map((f) => f.name)).toEqual(['[0]', '[1]', '[2]', '[3]']);
    for (const stats of config.baselineStats) {
      expect(stats.kind).toBe('NUMERIC');
      expect(stats.bounds).toHaveLength(11);
      expect(stats.counts.map(Number).reduce((a: number, b: number) => a + b, 0)).toBe(2_000);
    }
  });

  it('finds no skew in a window like the baseline, then skew and drift when a feature shifts, and alerts once per window', async () => {
    const next = uniform(99);
    // Phases aligned to windows, so each window holds one kind of traffic only.
    const first = (Math.floor(Date.now() / WINDOW_MS) + 1) * WINDOW_MS;
    while (Date.now() < first) await new Promise((resolve) => setTimeout(resolve, 5));
    const unshifted = await predictUntil(first + WINDOW_MS, next, 0);
    const shifted = await predictUntil(first + 2 * WINDOW_MS, next, 3);
    expect(unshifted).toBeGreaterThan(50);
    expect(shifted).toBeGreaterThan(50);

    const windows = await waitFor(
      async () => {
        const list = await monitoringWindows();
        return list.some((w) => Date.parse(w.startTime) === first + WINDOW_MS) ? list : false;
      },
      { timeoutMs: 30_000, description: 'the shifted window to be measured' },
    );
    const calm = windows.find((w) => Date.parse(w.startTime) === first);
    const moved = windows.find((w) => Date.parse(w.startTime) === first + WINDOW_MS);
    expect(Number(calm?.instances)).toBe(unshifted);
    expect(Number(moved?.instances)).toBe(shifted);
    expect(Number(moved?.loggedPredictions)).toBe(shifted / 3);
    for (const name of ['[0]', '[1]', '[2]', '[3]']) {
      const f = feature(calm, name);
      expect(f.threshold).toBe(0.3);
      expect(f.skew).toBeLessThan(0.1);
      // REST answers leave out fields at their defaults (false), as AI Platform does.
      expect(f.skewAlert ?? false).toBe(false);
      expect(f.driftAlert ?? false).toBe(false);
    }
    const petal = feature(moved, SHIFTED_FEATURE);
    expect(petal.skew).toBeGreaterThan(0.3);
    expect(petal.skewAlert).toBe(true);
    expect(petal.drift).toBeGreaterThan(0.3);
    expect(petal.driftAlert).toBe(true);
    // The shifted values land above the baseline's largest bound, in the last bucket.
    const counts = petal.statistics.counts.map(Number);
    expect(counts[counts.length - 1]! / shifted).toBeGreaterThan(0.5);
    for (const name of ['[0]', '[1]', '[3]']) {
      expect(feature(moved, name).skew).toBeLessThan(0.1);
      expect(feature(moved, name).skewAlert ?? false).toBe(false);
    }

    // The webhook: tried, refused with 503, retried with the same delivery id and a valid signature.
    const delivered = await waitFor(() => receiver.deliveries.find((d) => d.status === 200) ?? false, {
      timeoutMs: 20_000,
      description: 'the alert webhook to be delivered',
    });
    const tries = receiver.deliveries.filter(
      (d) => d.headers['x-presage-delivery'] === delivered.headers['x-presage-delivery'],
    );
    expect(tries.map((d) => d.status)).toEqual([503, 200]);
    expect(delivered.headers['x-presage-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(delivered.body).digest('hex')}`,
    );
    const alert = JSON.parse(delivered.body) as AlertJson;
    expect(alert.version).toBe(VERSION);
    expect(Date.parse(alert.window.startTime)).toBe(first + WINDOW_MS);
    expect(alert.alerts.map((a) => `${a.type} ${a.feature}`).sort()).toEqual([
      `DRIFT ${SHIFTED_FEATURE}`,
      `SKEW ${SHIFTED_FEATURE}`,
    ]);
    // No alert for the unshifted window, or for any window but the shifted one.
    const alertedWindows = new Set(
      receiver.deliveries.map((d) => (JSON.parse(d.body) as AlertJson).window.startTime),
    );
    expect([...alertedWindows]).toEqual([alert.window.startTime]);

    const events = await call(h.baseUrl, 'GET', `/v1/${VERSION}/deploymentEvents`);
    const alerts = (events.json as { deploymentEvents: EventJson[] }).deploymentEvents.filter(
      (e) => e.type === 'MONITORING_ALERT',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.actor).toBe('model-monitoring');
    expect(alerts[0]!.message).toContain(`skew of ${SHIFTED_FEATURE}`);
    expect(alerts[0]!.message).toContain(`drift of ${SHIFTED_FEATURE}`);

    const samples = await scrape(registryMetrics);
    const labels = { presage_version: VERSION, presage_feature: SHIFTED_FEATURE };
    // The gauges show the newest measured window, which may be a later, empty one (no skew there).
    expect(sampleValue(samples, 'presage_monitoring_skew', labels)).toBeGreaterThan(0.3);
    expect(sampleValue(samples, 'presage_monitoring_drift', labels)).toBeGreaterThan(0.3);
    expect(
      sampleValue(samples, 'presage_monitoring_skew', { ...labels, presage_feature: '[0]' }),
    ).toBeLessThan(0.1);
    expect(sampleValue(samples, 'presage_monitoring_alerts_total', { ...labels, type: 'SKEW' })).toBe(1);
  }, 90_000);

  it('answers the same over gRPC, with skew absent where a window had no values', async () => {
    const models = createClient(ModelService, h.grpcAddress);
    try {
      const stats = await models.client.GetMonitoringStats({ name: VERSION, pageSize: 100 });
      expect(stats.baseline.map((f) => f.name)).toEqual(['[0]', '[1]', '[2]', '[3]']);
      const measured = stats.windows.filter((w) => Number(w.instances) > 0);
      expect(measured.length).toBeGreaterThanOrEqual(2);
      const petal = measured[0]!.features.find((f) => f.name === SHIFTED_FEATURE)!;
      expect(petal.skew).toBeGreaterThan(0.3);
      expect(petal.skewAlert).toBe(true);
      const empty = stats.windows.find((w) => Number(w.instances) === 0);
      if (empty) expect(empty.features[0]!.skew).toBeUndefined();
      await expect(
        models.client.GetMonitoringStats({ name: `${MODEL}/versions/none` }),
      ).rejects.toMatchObject({ code: StatusCode.NOT_FOUND });
      await expect(models.client.GetMonitoringStats({ name: 'projects/x' })).rejects.toMatchObject({
        code: StatusCode.INVALID_ARGUMENT,
      });
    } finally {
      models.close();
    }
  });

  it('pages through windows newest first', async () => {
    const first = await call(h.baseUrl, 'GET', `/v1/${VERSION}/monitoringStats?pageSize=1`);
    expect(first.status).toBe(200);
    expect(first.json.windows).toHaveLength(1);
    const page = first.json as { baseline: StatisticsJson[]; windows: WindowJson[]; nextPageToken: string };
    expect(page.baseline.map((f) => f.name)).toEqual(['[0]', '[1]', '[2]', '[3]']);
    const second = await call(
      h.baseUrl,
      'GET',
      `/v1/${VERSION}/monitoringStats?pageSize=1&pageToken=${page.nextPageToken}`,
    );
    expect(second.status).toBe(200);
    const older = (second.json as { windows: WindowJson[] }).windows;
    expect(Date.parse(older[0]!.startTime)).toBeLessThan(Date.parse(page.windows[0]!.startTime));
  });

  it('takes the baseline as statistics, or from the lineage training dataset', async () => {
    const csv = path.join(home, 'training.csv');
    fs.writeFileSync(csv, 'petal,species\n1.5,setosa\n4.5,versicolor\n"5.5","virginica"\n6,virginica\n');
    const logging = { samplingPercentage: 1, bigqueryTableName: 'monitoring.other' };
    const fromLineage = await createVersion('lineage', {
      deploymentUri: '/nonexistent/model',
      requestLoggingConfig: logging,
      lineage: { trainingDatasets: [{ uri: `file://${csv}` }] },
      monitoringConfig: { thresholds: { species: 0.5 } },
    });
    expect(fromLineage.status).toBe(200);
    const { json: got } = await call(h.baseUrl, 'GET', `/v1/${MODEL}/versions/lineage`);
    const config = (got as { monitoringConfig: { baselineUri: string; baselineStats: StatisticsJson[] } })
      .monitoringConfig;
    expect(config.baselineUri).toBe(`file://${csv}`);
    const byName = Object.fromEntries(config.baselineStats.map((f) => [f.name, f]));
    expect(byName['petal']?.kind).toBe('NUMERIC');
    expect(byName['species']?.kind).toBe('CATEGORICAL');
    expect(byName['species']?.categories).toEqual({ setosa: '1', versicolor: '1', virginica: '2' });

    const given = await createVersion('given', {
      deploymentUri: '/nonexistent/model',
      requestLoggingConfig: logging,
      monitoringConfig: {
        baselineStats: [
          { name: 'age', kind: 'NUMERIC', bounds: [18, 40, 65], counts: [0, 50, 40, 10] },
          { name: 'plan', kind: 'CATEGORICAL', categories: { free: 70, paid: 30 } },
        ],
        features: ['plan'],
      },
    });
    expect(given.status).toBe(200);
    const stats = await call(h.baseUrl, 'GET', `/v1/${MODEL}/versions/given/monitoringStats`);
    expect(stats.status).toBe(200);
    expect((stats.json as { baseline: StatisticsJson[] }).baseline.map((f) => f.name)).toEqual(['plan']);
  });

  it('answers field violations for bad configurations', async () => {
    const logging = { samplingPercentage: 1, bigqueryTableName: 'monitoring.bad' };
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { monitoringConfig: { baselineUri: baselineFile } },
        'version.monitoring_config',
        'request_logging_config',
      ],
      [
        {
          requestLoggingConfig: logging,
          monitoringConfig: { baselineUri: path.join(home, 'missing.jsonl') },
        },
        'version.monitoring_config.baseline_uri',
        'No file',
      ],
      [
        { requestLoggingConfig: logging, monitoringConfig: {} },
        'version.monitoring_config.baseline_uri',
        'training baseline',
      ],
      [
        {
          requestLoggingConfig: logging,
          monitoringConfig: { baselineUri: baselineFile, thresholds: { '[0]': 2 } },
        },
        'version.monitoring_config.thresholds[[0]]',
        'at most 1',
      ],
      [
        { requestLoggingConfig: logging, monitoringConfig: { baselineUri: baselineFile, features: ['age'] } },
        'version.monitoring_config.features[0]',
        'no feature "age"',
      ],
      [
        { requestLoggingConfig: logging, monitoringConfig: { baselineUri: baselineFile, windowSeconds: -1 } },
        'version.monitoring_config.window_seconds',
        '2592000',
      ],
      [
        {
          requestLoggingConfig: logging,
          monitoringConfig: { baselineUri: baselineFile, webhookUri: 'ftp://x/y' },
        },
        'version.monitoring_config.webhook_uri',
        'http',
      ],
      [
        {
          requestLoggingConfig: logging,
          monitoringConfig: { baselineUri: baselineFile, webhookUri: 'https://hooks.example.com/x' },
        },
        'version.monitoring_config.webhook_uri',
        'PRESAGE_MONITORING_WEBHOOK_HOSTS',
      ],
      [
        {
          requestLoggingConfig: logging,
          monitoringConfig: {
            baselineUri: baselineFile,
            baselineStats: [{ name: 'a', kind: 'NUMERIC', bounds: [2, 1], counts: [1, 1] }],
          },
        },
        'version.monitoring_config.baseline_stats[0].bounds',
        'ascending',
      ],
    ];
    for (const [body, field, words] of cases) {
      const answer = await createVersion('bad', { deploymentUri: IRIS_DIR, ...body });
      expect({ field, status: answer.status }).toEqual({ field, status: 400 });
      const details = (answer.json as { error: { details: { fieldViolations?: FieldViolationJson[] }[] } })
        .error.details;
      const violations = details.find((d) => d.fieldViolations)?.fieldViolations ?? [];
      const violation = violations.find((v) => v.field === field);
      expect({ field, violations }).toEqual({ field, violations: expect.arrayContaining([violation]) });
      expect(violation?.description).toContain(words);
    }
    const notCreated = await call(h.baseUrl, 'GET', `/v1/${MODEL}/versions/bad`);
    expect(notCreated.status).toBe(404);

    // Turning logging off under a monitored version is refused; so is monitoring a version not monitored.
    const off = await call(h.baseUrl, 'PATCH', `/v1/${VERSION}?updateMask=requestLoggingConfig`, {
      requestLoggingConfig: null,
    });
    expect(off.status).toBe(400);
    expect(JSON.stringify(off.json)).toContain('version.request_logging_config');
    const plain = await createVersion('plain', { deploymentUri: '/nonexistent/model' });
    expect(plain.status).toBe(200);
    const unmonitored = await call(h.baseUrl, 'GET', `/v1/${MODEL}/versions/plain/monitoringStats`);
    expect(unmonitored.status).toBe(400);
    expect((unmonitored.json as { error: { status: string } }).error.status).toBe('FAILED_PRECONDITION');
    const missing = await call(h.baseUrl, 'GET', `/v1/${MODEL}/versions/nope/monitoringStats`);
    expect(missing.status).toBe(404);
  });
});
