import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { serviceDefinition } from '@presage/proto';
import { sampleValue, scrape, waitFor } from '@presage/testing';
import { TrafficSplit } from '../src/predict/traffic-split';
import { call, startGatewayHarness } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * Rollouts at the gateway (issue 14): predicting through an alias, model-level traffic split by weight or
 * routing key, and shadow copies, against real predictor processes (the deployer runs them): v1 and v2
 * serve the linear ONNX fixture, `flaky` is a custom routine that answers, fails or sleeps as its mode
 * file says. The registry stores the settings (UpdateModel with an update mask and the etag).
 */
const PROJECT = 'rollout';
const MODEL = `projects/${PROJECT}/models/ranker`;
const versionName = (id: string) => `${MODEL}/versions/${id}`;
const VERSION_HEADER = 'x-presage-version';
let home: string;
let modeFile: string;
let h: GatewayHarness;
let linear: Fixture;

/** A routine whose behaviour follows the mode file named in its artifacts: ok, fail, or sleep:<ms>. */
const FLAKY_ROUTINE = `
const fs = require('node:fs');
const path = require('node:path');
class Flaky {
  static async load(dir) {
    return new Flaky(JSON.parse(fs.readFileSync(path.join(dir, 'control.json'), 'utf8')).modeFile);
  }
  constructor(modeFile) { this.modeFile = modeFile; }
  async predict(instances) {
    const mode = fs.readFileSync(this.modeFile, 'utf8').trim();
    if (mode === 'fail') throw new Error('the shadow fails on purpose');
    if (mode.startsWith('sleep:')) await new Promise((r) => setTimeout(r, Number(mode.slice(6))));
    return instances.map(() => [0, 0, 0]);
  }
}
module.exports = { Flaky };
`;

interface Answer {
  status: number;
  version: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
  json: any;
  ms: number;
}

async function predict(name: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${h.baseUrl}/v1/${name}:predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ instances: linear.instances.slice(0, 1) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    version: response.headers.get(VERSION_HEADER),
    json: text ? JSON.parse(text) : undefined,
    ms: performance.now() - started,
  };
}

/** `count` predictions of `name`, `concurrency` at a time. */
async function predictMany(name: string, count: number, concurrency = 8): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        answers.push(await predict(name));
      }
    }),
  );
  return answers;
}

/** UpdateModel over REST with the model's current etag and `fields` under `mask`. */
async function updateModel(fields: Record<string, unknown>, mask: string): Promise<void> {
  const { json: model } = await call(h.baseUrl, 'GET', `/v1/${MODEL}`);
  const updated = await call(h.baseUrl, 'PATCH', `/v1/${MODEL}?updateMask=${mask}`, {
    ...fields,
    etag: model.etag,
  });
  expect([updated.status, updated.json.error]).toEqual([200, undefined]);
  if (!updated.json.done) {
    await waitFor(async () => (await call(h.baseUrl, 'GET', `/v1/${updated.json.name}`)).json.done === true, {
      timeoutMs: 10_000,
      description: `UpdateModel ${mask} to complete`,
    });
  }
}

async function createVersion(id: string, fields: Record<string, unknown>): Promise<void> {
  const created = await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, { name: id, ...fields });
  expect(created.status).toBe(200);
}

async function waitReady(id: string): Promise<void> {
  await waitFor(
    async () => {
      const version = await call(h.baseUrl, 'GET', `/v1/${versionName(id)}`);
      if (version.json.state === 'FAILED') throw new Error(version.json.errorMessage as string);
      return version.json.state === 'READY';
    },
    { timeoutMs: 90_000, description: `${id} to become READY` },
  );
}

/** OnlinePredictionService/Predict over gRPC: the answer's JSON and its `x-presage-version` trailer. */
async function grpcPredict(
  name: string,
  metadata: Record<string, string> = {},
): Promise<{ json: unknown; version: string | undefined }> {
  const method = serviceDefinition('presage.v1.OnlinePredictionService')['Predict']!;
  const client = new grpc.Client(h.grpcAddress, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  try {
    return await new Promise((resolve, reject) => {
      let data: Buffer | undefined;
      const body = Buffer.from(JSON.stringify({ instances: linear.instances.slice(0, 1) }));
      const unary = client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        { name, httpBody: { contentType: 'application/json', data: body } },
        md,
        (error, response) => {
          if (error) reject(error);
          else data = (response as { data: Buffer }).data;
        },
      );
      unary.on('status', (status: grpc.StatusObject) => {
        if (status.code !== grpc.status.OK) return;
        const version = status.metadata.get(VERSION_HEADER)[0];
        resolve({
          json: JSON.parse(Buffer.from(data ?? '').toString()) as unknown,
          version: version?.toString(),
        });
      });
    });
  } finally {
    client.close();
  }
}

/** The gateway's `presage.shadow.*` counter for the shadow version `id`, with more labels. */
async function shadowCount(metric: 'requests' | 'agreement', id: string, labels: Record<string, string>) {
  const samples = await scrape(`${h.baseUrl}/metrics`);
  return (
    sampleValue(samples, `presage_shadow_${metric}_total`, { presage_version: versionName(id), ...labels }) ??
    0
  );
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-rollout-'));
  h = await startGatewayHarness({
    realDeployer: { PRESAGE_HOME: home },
    tuning: { versionTtlMs: 200 },
    gateway: { shadowMaxInFlight: 8, shadowTimeoutMs: 1_000 },
  });
  linear = await buildFixture('linear', path.join(home, 'fixtures'));
  const flakyDir = path.join(home, 'flaky');
  fs.mkdirSync(flakyDir);
  modeFile = path.join(home, 'flaky-mode');
  fs.writeFileSync(modeFile, 'ok');
  fs.writeFileSync(path.join(flakyDir, 'control.json'), JSON.stringify({ modeFile }));
  fs.writeFileSync(path.join(flakyDir, 'flaky.js'), FLAKY_ROUTINE);
  expect((await call(h.baseUrl, 'POST', `/v1/projects/${PROJECT}/models`, { name: 'ranker' })).status).toBe(
    200,
  );
  await createVersion('v1', { deploymentUri: linear.dir });
  await createVersion('v2', { deploymentUri: linear.dir });
  await createVersion('flaky', {
    deploymentUri: flakyDir,
    predictionClass: 'flaky.js#Flaky',
    packageUris: [flakyDir],
  });
  for (const id of ['v1', 'v2', 'flaky']) await waitReady(id);
}, 180_000);

afterAll(async () => {
  await h?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the version that answered', () => {
  it('is named by x-presage-version over REST and the trailer over gRPC', async () => {
    const byVersion = await predict(versionName('v2'));
    expect([byVersion.status, byVersion.version]).toEqual([200, versionName('v2')]);
    expectClose(byVersion.json.predictions, linear.predictions.slice(0, 1));
    const byModel = await predict(MODEL);
    expect([byModel.status, byModel.version]).toEqual([200, versionName('v1')]);
    const overGrpc = await grpcPredict(versionName('v2'));
    expect(overGrpc.version).toBe(versionName('v2'));
  });
});

describe('aliases', () => {
  it('predicts through an alias, follows it when it moves, and answers NOT_FOUND for an unknown one', async () => {
    await updateModel({ aliases: { champion: 'v1' } }, 'aliases');
    const first = await waitFor(
      async () => {
        const answer = await predict(`${MODEL}@champion`);
        return answer.status === 200 && answer;
      },
      { timeoutMs: 10_000, description: 'the alias to serve' },
    );
    expect(first.version).toBe(versionName('v1'));
    expectClose(first.json.predictions, linear.predictions.slice(0, 1));

    await updateModel({ aliases: { champion: 'v2' } }, 'aliases');
    await waitFor(async () => (await predict(`${MODEL}@champion`)).version === versionName('v2'), {
      timeoutMs: 10_000,
      description: 'the moved alias to serve v2',
    });
    expect((await grpcPredict(`${MODEL}@champion`)).version).toBe(versionName('v2'));

    const unknown = await predict(`${MODEL}@stable`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toContain('no alias "stable"');
    expect(unknown.version).toBeNull();
  });
});

describe('traffic split', () => {
  afterAll(() => updateModel({ trafficSplit: {} }, 'traffic_split'));

  it('shares 2,000 model-level predictions 90/10 within 3 points, naming the version each time', async () => {
    await updateModel({ trafficSplit: { v1: 90, v2: 10 } }, 'traffic_split');
    await waitFor(async () => (await predictMany(MODEL, 50)).some((a) => a.version === versionName('v2')), {
      timeoutMs: 10_000,
      description: 'the split to take effect',
    });
    const answers = await predictMany(MODEL, 2_000);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const v1 = answers.filter((a) => a.version === versionName('v1')).length;
    const v2 = answers.filter((a) => a.version === versionName('v2')).length;
    expect(v1 + v2).toBe(2_000);
    expect(Math.abs((v1 / 2_000) * 100 - 90)).toBeLessThanOrEqual(3);
  }, 120_000);

  it('keeps a caller with a routing key on one version, over REST and gRPC', async () => {
    await updateModel({ trafficSplit: { v1: 50, v2: 50 } }, 'traffic_split');
    // A key the old and the new split send to different versions tells when the gateway has the new one.
    const [before, after] = [
      { v1: 90, v2: 10 },
      { v1: 50, v2: 50 },
    ].map((split) => TrafficSplit.of(MODEL, split)!);
    const probe = Array.from({ length: 100 }, (_, i) => `probe-${i}`).find(
      (key) => before!.pick(key) !== after!.pick(key),
    )!;
    await waitFor(
      async () => (await predict(MODEL, { 'x-presage-routing-key': probe })).version === after!.pick(probe),
      { timeoutMs: 10_000, description: 'the 50/50 split to take effect' },
    );
    const versionsOf = new Map<string, Set<string | null>>();
    for (let caller = 0; caller < 20; caller++) {
      const key = `caller-${caller}`;
      const seen = new Set<string | null>();
      for (let i = 0; i < 10; i++) seen.add((await predict(MODEL, { 'x-presage-routing-key': key })).version);
      seen.add((await grpcPredict(MODEL, { 'x-presage-routing-key': key })).version ?? null);
      versionsOf.set(key, seen);
    }
    for (const [key, seen] of versionsOf) expect([key, seen.size]).toEqual([key, 1]);
    const used = new Set([...versionsOf.values()].flatMap((seen) => [...seen]));
    expect([...used].sort()).toEqual([versionName('v1'), versionName('v2')]);
  }, 60_000);
});

describe('shadow traffic', () => {
  it('copies its share to the shadow, which agrees with an identical primary', async () => {
    const before = await shadowCount('requests', 'v2', { presage_shadow_outcome: 'ok' });
    await updateModel({ shadow: { version: 'v2', percent: 50 } }, 'shadow');
    await waitFor(
      async () => {
        await predictMany(MODEL, 10, 1);
        return (await shadowCount('requests', 'v2', { presage_shadow_outcome: 'ok' })) > before;
      },
      { timeoutMs: 10_000, description: 'shadow copies to start' },
    );
    const start = {
      ok: await shadowCount('requests', 'v2', { presage_shadow_outcome: 'ok' }),
      error: await shadowCount('requests', 'v2', { presage_shadow_outcome: 'error' }),
      agree: await shadowCount('agreement', 'v2', { presage_shadow_agreement: 'agree' }),
    };
    // One at a time: no copy is dropped for the in-flight bound, so the share is the sampling's alone.
    const answers: Answer[] = [];
    for (let i = 0; i < 400; i++) answers.push(await predict(MODEL));
    expect(answers.every((a) => a.status === 200 && a.version === versionName('v1'))).toBe(true);
    const copied = await waitFor(
      async () => {
        const ok = (await shadowCount('requests', 'v2', { presage_shadow_outcome: 'ok' })) - start.ok;
        const agree =
          (await shadowCount('agreement', 'v2', { presage_shadow_agreement: 'agree' })) - start.agree;
        return ok > 0 && agree === ok && ok;
      },
      { timeoutMs: 10_000, description: 'the copies to be answered and compared' },
    );
    expect(copied).toBeGreaterThanOrEqual(140);
    expect(copied).toBeLessThanOrEqual(260);
    expect((await shadowCount('requests', 'v2', { presage_shadow_outcome: 'error' })) - start.error).toBe(0);
    expect(await shadowCount('agreement', 'v2', { presage_shadow_agreement: 'disagree' })).toBe(0);
  }, 60_000);

  it('counts a failing shadow as errors while every primary answer stays right', async () => {
    fs.writeFileSync(modeFile, 'fail');
    await updateModel({ shadow: { version: 'flaky', percent: 100 } }, 'shadow');
    const errors = () => shadowCount('requests', 'flaky', { presage_shadow_outcome: 'error' });
    const answers: Answer[] = [];
    await waitFor(
      async () => {
        answers.push(await predict(MODEL));
        return (await errors()) >= 20;
      },
      { timeoutMs: 20_000, description: 'failed shadow copies to be counted' },
    );
    for (const answer of answers) {
      expect([answer.status, answer.version]).toEqual([200, versionName('v1')]);
      expectClose(answer.json.predictions, linear.predictions.slice(0, 1));
    }
  }, 30_000);

  it('leaves the primary latency alone while the shadow sleeps past its timeout', async () => {
    const measure = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const answer = await predict(MODEL);
        expect([answer.status, answer.version]).toEqual([200, versionName('v1')]);
        times.push(answer.ms);
      }
      return times;
    };
    await updateModel({ shadow: null }, 'shadow');
    await waitFor(
      async () => {
        const before = await shadowCount('requests', 'flaky', { presage_shadow_outcome: 'error' });
        await predictMany(MODEL, 20, 1);
        return (await shadowCount('requests', 'flaky', { presage_shadow_outcome: 'error' })) === before;
      },
      { timeoutMs: 10_000, description: 'the shadow to be off' },
    );
    const off = await measure();

    fs.writeFileSync(modeFile, 'sleep:3000');
    await updateModel({ shadow: { version: 'flaky', percent: 100 } }, 'shadow');
    const dropped = () => shadowCount('requests', 'flaky', { presage_shadow_outcome: 'dropped' });
    const timeouts = () => shadowCount('requests', 'flaky', { presage_shadow_outcome: 'error' });
    const [droppedBefore, timeoutsBefore] = [await dropped(), await timeouts()];
    await waitFor(async () => (await predictMany(MODEL, 20, 1)) && (await dropped()) > droppedBefore, {
      timeoutMs: 10_000,
      description: 'the sleeping shadow to fill its in-flight bound',
    });
    const on = await measure();

    const summary = (times: number[]) => ({ p50: percentile(times, 50), p95: percentile(times, 95) });
    const [quiet, shadowed] = [summary(off), summary(on)];
    expect(shadowed.p50).toBeLessThanOrEqual(quiet.p50 * 2 + 5);
    expect(shadowed.p95).toBeLessThanOrEqual(quiet.p95 * 2 + 20);
    // Copies that waited their 1 s timeout are counted as errors; the rest were dropped at the bound.
    await waitFor(async () => (await timeouts()) > timeoutsBefore, {
      timeoutMs: 5_000,
      description: 'timed-out shadow copies to be counted',
    });
    await updateModel({ shadow: null }, 'shadow');
  }, 90_000);
});
