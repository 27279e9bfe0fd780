import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { freePort, serviceMain, startServiceProcess, waitFor } from '@presage/testing';
import type { ServiceProcess } from '@presage/testing';
import { call, startGatewayHarness, waitUntilReady } from './gateway-harness';
import type { ExtraGateway, GatewayHarness } from './gateway-harness';

/**
 * The web console in a real headless Chromium (Debian's, driven by playwright-core) against a gateway
 * with the real registry, deployer (real predictor processes) and batch service, after real traffic.
 */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../../../tmp/console-screenshots');
const PROJECT = 'console';
const MODEL = `projects/${PROJECT}/models/linear`;
const VERSION = `${MODEL}/versions/v1`;
const ADMIN_KEY = 'console-test-bootstrap-key-0123456789abcdef';
const DIGEST = 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

let home: string;
let linear: Fixture;
let h: GatewayHarness;
let batch: ServiceProcess;
let secured: ExtraGateway;
let browser: Browser;

async function readyVersion(): Promise<void> {
  await waitUntilReady(h.baseUrl, VERSION);
}

async function deploymentEvents(): Promise<{ type: string }[]> {
  const answer = await call(h.baseUrl, 'GET', `/v1/${VERSION}/deploymentEvents`);
  return (answer.json.deploymentEvents ?? []) as { type: string }[];
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the console's browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it).`,
    );
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-console-'));
  linear = await buildFixture('linear', path.join(home, 'fixtures'));
  const batchAddress = `127.0.0.1:${await freePort()}`;
  h = await startGatewayHarness({
    realDeployer: { PRESAGE_HOME: home },
    gateway: { batchAddress, consoleSampleMs: 500 },
  });
  batch = await startServiceProcess({
    entry: serviceMain('batch'),
    env: {
      PRESAGE_HOME: home,
      DATABASE_URL: h.databaseUrl,
      PRESAGE_BATCH_ADDRESS: batchAddress,
      PRESAGE_REGISTRY_ADDRESS: h.registryAddress,
      PRESAGE_DEPLOYER_ADDRESS: h.deployerAddress,
      PRESAGE_BATCH_TICK_MS: '200',
    },
    listeningMessage: 'batch listening',
  });
  secured = await h.startGateway({ auth: 'required', bootstrapAdminKey: ADMIN_KEY, batchAddress });

  const model = await call(h.baseUrl, 'POST', `/v1/projects/${PROJECT}/models`, {
    name: 'linear',
    description: 'A linear model for the console test',
  });
  expect(model.status).toBe(200);
  const created = await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, {
    name: 'v1',
    deploymentUri: linear.dir,
    manualScaling: { nodes: 1 },
    lineage: {
      trainedBy: 'user:trainer@example.com',
      publishedBy: 'user:publisher@example.com',
      trainingDatasets: [
        { uri: 'file:///data/linear/train.jsonl', digest: DIGEST, description: 'train split' },
      ],
      evaluationMetrics: { rmse: 0.125, r2: 0.97 },
      source: { codeCommit: '4c1f00d', codeRepository: 'https://git.example.com/ml/linear' },
    },
  });
  expect(created.status).toBe(200);
  await readyVersion();

  // Traffic: good predictions and a few the model refuses (counted as errors).
  for (let i = 0; i < 40; i++) {
    const answer = await call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances: linear.instances });
    expect(answer.status).toBe(200);
  }
  for (let i = 0; i < 4; i++) {
    const answer = await call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances: [[1, 2]] });
    expect(answer.status).toBe(400);
  }

  // A scaling decision: one replica → two, recorded by the deployer as a SCALED event.
  const scaled = await call(h.baseUrl, 'PATCH', `/v1/${VERSION}?updateMask=manualScaling.nodes`, {
    manualScaling: { nodes: 2 },
  });
  expect(scaled.status).toBe(200);
  await waitFor(async () => (await deploymentEvents()).some((event) => event.type === 'SCALED'), {
    timeoutMs: 60_000,
    description: 'a SCALED deployment event',
  });

  // A batch job with one line that is not JSON: one counted error.
  const input = path.join(home, 'batch-input.jsonl');
  fs.writeFileSync(input, [...linear.instances.map((x) => JSON.stringify(x)), 'not json'].join('\n') + '\n');
  const job = await call(h.baseUrl, 'POST', `/v1/projects/${PROJECT}/jobs`, {
    jobId: 'score_console',
    predictionInput: {
      versionName: VERSION,
      dataFormat: 'JSON',
      inputPaths: [input],
      outputPath: path.join(home, 'batch-output'),
      maxWorkerCount: '1',
    },
  });
  expect(job.status).toBe(200);
  await waitFor(
    async () => {
      const state = (await call(h.baseUrl, 'GET', `/v1/projects/${PROJECT}/jobs/score_console`)).json.state;
      if (state === 'FAILED') throw new Error('the batch job failed');
      return state === 'SUCCEEDED';
    },
    { timeoutMs: 120_000, description: 'the batch job to succeed' },
  );

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await secured?.stop();
  await batch?.stop();
  await h?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
}, 60_000);

/** A fresh tab that records every console error and uncaught exception. */
async function openConsole(baseUrl: string, hash = ''): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(`${baseUrl}/console/${hash}`);
  return { page, errors };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** What the console exposes for tests: each chart's points, its uPlot data and its scaling markers. */
interface ExposedChart {
  points: number;
  data: (number | null)[][];
  markers: number;
}
type ConsoleWindow = { presageConsole: { charts: Record<string, ExposedChart> } };

describe('the series query', () => {
  it('answers points with the traffic sent, the ready replicas, and the error share', async () => {
    const series = await waitFor(
      async () => {
        const answer = await call(h.baseUrl, 'GET', `/console/api/series?version=${VERSION}`);
        expect(answer.status).toBe(200);
        const points = answer.json.points as Record<string, (number | null)[]>;
        const busy = points['requestsPerSecond']!.some((value) => (value ?? 0) > 0);
        const series = answer.json as { sampleMs: number; points: Record<string, (number | null)[]> };
        return busy && points['replicas']!.some((value) => value === 2) ? series : undefined;
      },
      { timeoutMs: 30_000, description: 'series points with traffic and two replicas' },
    );
    expect(series.sampleMs).toBe(500);
    const points = series.points;
    expect(points['t']!.length).toBeGreaterThan(0);
    for (const column of Object.values(points)) expect(column).toHaveLength(points['t']!.length);
    expect(points['errorRate']!.some((value) => (value ?? 0) > 0)).toBe(true);
    expect(points['p99Ms']!.some((value) => (value ?? 0) > 0)).toBe(true);
    const last = points['t']!.at(-1)!;
    const later = await call(h.baseUrl, 'GET', `/console/api/series?version=${VERSION}&since=${last}`);
    expect((later.json.points.t as number[]).every((t) => t > last)).toBe(true);
  });

  it('answers clear JSON errors: 400 naming the parameter, 404 for an unknown version', async () => {
    const missing = await call(h.baseUrl, 'GET', '/console/api/series');
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json.error)).toContain('"field":"version"');
    const malformed = await call(h.baseUrl, 'GET', '/console/api/series?version=projects/p/models');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.json.error)).toContain('"field":"version"');
    const since = await call(h.baseUrl, 'GET', `/console/api/series?version=${VERSION}&since=yesterday`);
    expect(since.status).toBe(400);
    expect(JSON.stringify(since.json.error)).toContain('"field":"since"');
    const unknown = await call(h.baseUrl, 'GET', `/console/api/series?version=${MODEL}/versions/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.status).toBe('NOT_FOUND');
  });
});

describe('the console files', () => {
  it('serves the page, its modules and uPlot; /console redirects; an unknown file is a 404', async () => {
    const page = await fetch(`${h.baseUrl}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="app.js">');
    const uplot = await fetch(`${h.baseUrl}/console/vendor/uPlot.esm.js`);
    expect(uplot.status).toBe(200);
    expect(uplot.headers.get('content-type')).toContain('text/javascript');
    expect(await uplot.text()).toContain('export { uPlot as default }');
    const redirect = await fetch(`${h.baseUrl}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/console/');
    const traversal = await fetch(`${h.baseUrl}/console/..%2F..%2Fpackage.json`);
    expect(traversal.status).toBe(404);
  });
});

describe('the console in Chromium', () => {
  it('goes from the models to a version page with lineage, events and live charts, and back', async () => {
    const { page, errors } = await openConsole(h.baseUrl, `#/projects/${PROJECT}/models`);
    await page.locator('#models-table a.model-link', { hasText: 'linear' }).waitFor();
    expect(await page.locator('#models-table').innerText()).toContain('READY');
    await shot(page, 'models');

    await page.click('#models-table a.model-link:text-is("linear")');
    await page.locator('#versions-table a.version-link', { hasText: 'v1' }).waitFor();
    expect(await page.locator('#versions-table').innerText()).toMatch(/READY[\s\S]*manual 2/);

    await page.click('#versions-table a.version-link:text-is("v1")');
    await page.waitForURL(/#\/projects\/console\/models\/linear\/versions\/v1$/);
    await page.locator('#datasets-table').waitFor();
    const lineage = await page.locator('#lineage').innerText();
    for (const text of [
      'user:trainer@example.com',
      'user:publisher@example.com',
      '4c1f00d',
      DIGEST,
      'rmse',
      '0.125',
    ]) {
      expect(lineage).toContain(text);
    }
    await page.locator('#timeline .mark[data-type="SCALED"]').first().waitFor();
    const events = await page.locator('#events-table').innerText();
    expect(events).toContain('DEPLOYED');
    expect(events).toContain('1 → 2 replicas');

    // The charts hold points once the page has read the series (it exposes them for tests).
    const charts = await page.waitForFunction(
      () => {
        const exposed = (globalThis as unknown as ConsoleWindow).presageConsole.charts;
        const traffic = exposed['traffic'];
        return traffic && traffic.points > 0 && traffic.data[1]!.some((v) => (v ?? 0) > 0)
          ? exposed
          : undefined;
      },
      undefined,
      { timeout: 30_000 },
    );
    const exposed = (await charts.jsonValue()) as Record<string, ExposedChart>;
    expect(Object.keys(exposed).sort()).toEqual(['errors', 'latency', 'replicas', 'traffic']);
    expect(exposed['latency']!.data).toHaveLength(4); // time, p50, p95, p99
    expect(exposed['replicas']!.data[1]).toContain(2);
    expect(exposed['replicas']!.markers).toBeGreaterThan(0);
    expect(await page.locator('#chart-traffic canvas').count()).toBe(1);
    expect(Number(await page.locator('#chart-latency').getAttribute('data-points'))).toBeGreaterThan(0);

    // Live: traffic sent while the page is open reaches its charts without a reload.
    const before = exposed['traffic']!.points;
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      const answer = await call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances: linear.instances });
      expect(answer.status).toBe(200);
    }
    await page.waitForFunction(
      (count) => {
        const traffic = (globalThis as unknown as ConsoleWindow).presageConsole.charts['traffic'];
        return traffic !== undefined && traffic.points > count + 3 && (traffic.data[1]!.at(-2) ?? 0) > 0;
      },
      before,
      { timeout: 30_000 },
    );
    await shot(page, 'version');
    // The top of the page alone: the README's picture (docs/console.png) is copied from it.
    await page.screenshot({
      path: path.join(SHOTS, 'version-top.png'),
      clip: { x: 0, y: 0, width: 1280, height: 960 },
    });

    await page.goBack();
    await page.locator('#versions-table').waitFor();
    await page.click('#crumb-model, nav.crumbs a:text-is("Models")');
    await page.locator('#models-table').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows batch jobs with their progress and error statistics, and the operations', async () => {
    const { page, errors } = await openConsole(h.baseUrl, `#/projects/${PROJECT}/models`);
    await page.locator('#models-table').waitFor();
    await page.click('#nav-jobs');
    await page.locator('#jobs-table').waitFor();
    const row = page.locator('#jobs-table tr', { hasText: 'score_console' });
    expect(await row.innerText()).toMatch(/SUCCEEDED[\s\S]*1 failed/);
    const bar = row.locator('.progress');
    expect(await bar.getAttribute('data-predicted')).toBe(String(linear.instances.length));
    expect(await bar.getAttribute('data-failed')).toBe('1');
    expect(await bar.getAttribute('data-percent')).toBe('100');
    await shot(page, 'jobs');

    await page.click('#nav-operations');
    await page.locator('#operations-table').waitFor();
    const operations = await page.locator('#operations-table').innerText();
    expect(operations).toContain('CREATE_VERSION');
    expect(operations).toContain('UPDATE_VERSION');
    await shot(page, 'operations');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows an unknown project as empty, not as an error', async () => {
    const { page, errors } = await openConsole(h.baseUrl, '#/projects/nothing_here/models');
    await page.locator('p.empty', { hasText: 'No models in project nothing_here' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the console with PRESAGE_AUTH=required', () => {
  it('asks for a key before calling the API, then loads with it', async () => {
    const { page, errors } = await openConsole(secured.baseUrl, `#/projects/${PROJECT}/models`);
    await page.locator('#key-dialog[open]').waitFor();
    expect(await page.locator('#models-table').count()).toBe(0);
    await shot(page, 'auth-prompt');
    await page.fill('#key-input', ADMIN_KEY);
    await page.click('#key-save');
    await page.locator('#models-table a.model-link', { hasText: 'linear' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("presage.apiKey")')).toBe(ADMIN_KEY);
    await page.goto(`${secured.baseUrl}/console/#/${VERSION}`);
    await page.waitForFunction(
      () => ((globalThis as unknown as ConsoleWindow).presageConsole.charts['replicas']?.points ?? 0) > 0,
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.locator('#key-dialog[open]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('answers the series query 401 without a key, 403 for a key without access, 200 with one', async () => {
    const anonymous = await call(secured.baseUrl, 'GET', `/console/api/series?version=${VERSION}`);
    expect(anonymous.status).toBe(401);
    // An anonymous caller learns nothing else, not even that its input is bad.
    expect((await call(secured.baseUrl, 'GET', '/console/api/series')).status).toBe(401);
    const admin = { authorization: `Bearer ${ADMIN_KEY}` };
    const key = await call(
      secured.baseUrl,
      'POST',
      `/v1/projects/${PROJECT}/apiKeys`,
      { displayName: 'nobody', member: 'serviceAccount:nobody@example.com' },
      admin,
    );
    expect(key.status).toBe(200);
    const outsider = { authorization: `Bearer ${key.json.keyString as string}` };
    const denied = await call(
      secured.baseUrl,
      'GET',
      `/console/api/series?version=${VERSION}`,
      undefined,
      outsider,
    );
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toContain('ml.versions.get');
    const allowed = await call(
      secured.baseUrl,
      'GET',
      `/console/api/series?version=${VERSION}`,
      undefined,
      admin,
    );
    expect(allowed.status).toBe(200);
    // The static files stay public.
    expect((await fetch(`${secured.baseUrl}/console/app.js`)).status).toBe(200);
  });
});
