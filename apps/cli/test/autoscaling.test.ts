import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { sampleValue, scrape, waitFor } from '@presage/testing';
import { DeployerService } from '@presage/proto';
import { call, startPlatform, waitForOperation } from './platform-harness';
import type { Platform } from './platform-harness';

/**
 * Autoscaling end to end as a user runs it: `presage up` (local replica driver), the gateway's metrics
 * pushed over OTLP to the autoscaler, load sent through the REST gateway. Windows are seconds long here
 * so the test takes a minute; the defaults are Knative's (60 s stable, 6 s panic).
 *
 * The version under load is a custom routine that takes SLOW_MS per prediction, so its clients keep
 * about one request each in flight however fast or busy the machine is. (Against the linear ONNX model a
 * request takes well under a millisecond: on a busy machine the clients spent most of their time waiting
 * for the test process's CPU, and the load the gateway measured stayed below one replica's target.)
 */
const TIMING = {
  PRESAGE_AUTOSCALER_TICK_MS: '250',
  PRESAGE_AUTOSCALER_STABLE_WINDOW_MS: '5000',
  PRESAGE_AUTOSCALER_PANIC_WINDOW_MS: '1500',
  PRESAGE_AUTOSCALER_SCALE_TO_ZERO_IDLE_MS: '3000',
  PRESAGE_AUTOSCALER_METRIC_STALE_MS: '2000',
  PRESAGE_METRICS_EXPORT_INTERVAL_MS: '250',
};
const STABLE_MS = 5000;
const PANIC_MS = 1500;
const MODEL = 'projects/scaling/models/linear';
const SLOW_MS = 100;
const SLOW_ROUTINE = `exports.Slow = class Slow {
  static async load() { return new Slow(); }
  async predict(instances) {
    await new Promise((resolve) => setTimeout(resolve, ${SLOW_MS}));
    return instances.map((x) => x.reduce((sum, v) => sum + v, 0));
  }
};`;

let platform: Platform;
let linear: Fixture;

beforeAll(async () => {
  platform = await startPlatform({ demo: false, env: TIMING });
  linear = await buildFixture('linear', path.join(platform.home, 'fixtures'));
  const routine = path.join(platform.home, 'routine');
  fs.mkdirSync(routine);
  fs.writeFileSync(path.join(routine, 'slow.js'), SLOW_ROUTINE);
  await call(platform, 'POST', '/v1/projects/scaling/models', { name: 'linear' });
  for (const version of [
    { name: 'zero', autoScaling: { minNodes: 0 }, deploymentUri: linear.dir },
    {
      name: 'elastic',
      autoScaling: { minNodes: 1, maxNodes: 3, targetConcurrency: 1 },
      deploymentUri: linear.dir,
      predictionClass: 'slow.js#Slow',
      packageUris: [routine],
    },
    { name: 'fixed', manualScaling: { nodes: 2 }, deploymentUri: linear.dir },
  ]) {
    const op = await call(platform, 'POST', `/v1/${MODEL}/versions`, version);
    const done = await waitForOperation(platform, op.body['name'] as string);
    expect(done['error']).toBeUndefined();
  }
}, 240_000);

afterAll(async () => {
  expect(await platform?.stop()).toBe(0);
}, 90_000);

async function replicas(version: string): Promise<{ all: number; ready: number }> {
  const deployer = createClient(DeployerService, platform.deployer);
  try {
    const listed = (await deployer.client.ListReplicas({ version: `${MODEL}/versions/${version}` })).replicas;
    return { all: listed.length, ready: listed.filter((r) => r.state === 'READY').length };
  } finally {
    deployer.close();
  }
}

async function predict(version: string): Promise<number> {
  const answer = await call(platform, 'POST', `/v1/${MODEL}/versions/${version}:predict`, {
    instances: linear.instances,
  });
  if (answer.status !== 200)
    throw new Error(`predict ${version}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const expected =
    version === 'elastic'
      ? (linear.instances as number[][]).map((x) => x.reduce((sum, v) => sum + v, 0))
      : linear.predictions;
  expectClose(answer.body['predictions'], expected);
  return answer.status;
}

/** `clients` closed-loop clients sending predictions to each version until `stop()`; counts non-200s. */
function load(versions: string[], clients: number) {
  let running = true;
  const failures: string[] = [];
  let sent = 0;
  const loops = versions.flatMap((version) =>
    Array.from({ length: clients }, async () => {
      while (running) {
        sent++;
        await predict(version).catch((error: unknown) => failures.push(String(error)));
      }
    }),
  );
  return {
    sent: () => sent,
    failures,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

interface Decision {
  time: string;
  previousReplicas?: number;
  desiredReplicas?: number;
  mode: string;
  stableConcurrency?: number;
  panicConcurrency?: number;
  targetConcurrency?: number;
  reason: string;
}

/**
 * The load a version gets as its gateway measures it: `presage.gateway.concurrency.time` (∫ in flight +
 * queued dt, what the autoscaler receives over OTLP), sampled by the test, so bounds follow from the load
 * the test achieved on this machine rather than from the machine's speed.
 */
function gatewayLoad(version: string) {
  const samples: { at: number; seconds: number }[] = [];
  const valueAt = (at: number): number => {
    const after = samples.findIndex((s) => s.at >= at);
    if (after <= 0) return samples[Math.max(0, after)]?.seconds ?? 0;
    const [a, b] = [samples[after - 1]!, samples[after]!];
    return a.seconds + ((b.seconds - a.seconds) * (at - a.at)) / (b.at - a.at);
  };
  return {
    async sample() {
      const scraped = await scrape(`${platform.rest}/metrics`);
      const seconds = sampleValue(scraped, 'presage_gateway_concurrency_time_total', {
        presage_version: `${MODEL}/versions/${version}`,
      });
      samples.push({ at: Date.now(), seconds: seconds ?? 0 });
    },
    /**
     * The first sample time at which the mean concurrency over the `windowMs` before it exceeded `level`
     * (time before the first sample counting as idle, as the autoscaler counts it).
     */
    firstAbove(level: number, windowMs: number): number | undefined {
      return samples.find((s) => (s.seconds - valueAt(s.at - windowMs)) / (windowMs / 1000) > level)?.at;
    },
  };
}

async function decisions(version: string): Promise<Decision[]> {
  const answer = await call(
    platform,
    'GET',
    `/v1/${MODEL}/versions/${version}/scalingDecisions?pageSize=100`,
  );
  expect(answer.status).toBe(200);
  return (answer.body['scalingDecisions'] as Decision[] | undefined) ?? [];
}

describe('autoscaling', () => {
  it('scales a minNodes 0 version to zero when idle, and answers the next prediction with a cold start', async () => {
    await waitFor(async () => (await replicas('zero')).all === 0, {
      timeoutMs: 60_000,
      description: 'the minNodes 0 version to scale to zero',
    });
    const started = Date.now();
    expect(await predict('zero')).toBe(200);
    const coldStartMs = Date.now() - started;
    // A predictor process starting and loading the model: seconds, far below the gateway's hold timeout.
    expect(coldStartMs).toBeLessThan(30_000);
    expect((await replicas('zero')).ready).toBe(1);
    const samples = await scrape(`${platform.rest}/metrics`);
    const version = `${MODEL}/versions/zero`;
    expect(
      sampleValue(samples, 'presage_gateway_cold_start_duration_count', { presage_version: version }),
    ).toBe(1);
    const recorded = sampleValue(samples, 'presage_gateway_cold_start_duration_sum', {
      presage_version: version,
    })!;
    expect(recorded * 1000).toBeGreaterThan(0);
    expect(recorded * 1000).toBeLessThanOrEqual(coldStartMs + 50);
    const history = await decisions('zero');
    expect(history.map((d) => d.mode)).toContain('cold-start');
    expect(history.find((d) => d.desiredReplicas === undefined || d.desiredReplicas === 0)?.reason).toMatch(
      /idle/,
    );
  }, 120_000);

  it('raises replicas in panic mode under a load step, within maxNodes, holds a manual version, and returns to minNodes after the stable window', async () => {
    expect(await replicas('elastic')).toEqual({ all: 1, ready: 1 });
    const before = (await decisions('elastic')).length;
    const measured = gatewayLoad('elastic');
    await measured.sample();
    const traffic = load(['elastic', 'fixed'], 6);
    let fixedCounts = new Set<number>();
    // The load stops whatever happens: clients left running would keep Jest from exiting.
    try {
      const scaledUp = await waitFor(
        async () => {
          await measured.sample();
          fixedCounts.add((await replicas('fixed')).ready);
          const history = await decisions('elastic');
          return history
            .slice(0, history.length - before)
            .find((d) => (d.desiredReplicas ?? 0) > (d.previousReplicas ?? 0));
        },
        { timeoutMs: 30_000, intervalMs: 100, description: 'a scale-up decision under load' },
      );
      // The gateway measured that load too (sampled until it shows, however slowly this machine scrapes).
      await waitFor(
        async () => {
          await measured.sample();
          return measured.firstAbove(1, PANIC_MS) !== undefined;
        },
        { timeoutMs: 30_000, intervalMs: 100, description: "the gateway's measured load above one replica" },
      );
      // In panic mode, because the load it recorded is more than the previous replicas carry at the target.
      expect(scaledUp.mode).toBe('panic');
      expect(
        Math.max(scaledUp.stableConcurrency ?? 0, scaledUp.panicConcurrency ?? 0) /
          scaledUp.targetConcurrency!,
      ).toBeGreaterThan(scaledUp.previousReplicas ?? 0);
      // How soon it reacts depends on how fast this machine delivers the metrics and runs the ticks; the
      // policy's timing is asserted in virtual time by scaling-simulation.spec.ts. Here: the decision took
      // the panic path, on load the gateway measured, and the replicas follow.
      // As many replicas as the load recorded asks for at the target, never more than maxNodes (3): how
      // many that is depends on the load this machine's clients achieve.
      const wanted = (d: Decision) =>
        Math.min(
          3,
          Math.ceil(Math.max(d.stableConcurrency ?? 0, d.panicConcurrency ?? 0) / d.targetConcurrency!),
        );
      expect(scaledUp.desiredReplicas).toBe(wanted(scaledUp));
      await waitFor(
        async () => {
          fixedCounts.add((await replicas('fixed')).ready);
          return (await replicas('elastic')).ready >= scaledUp.desiredReplicas!;
        },
        {
          timeoutMs: 60_000,
          intervalMs: 200,
          description: `${scaledUp.desiredReplicas} ready replicas under load, as decided`,
        },
      );
      const history = (await decisions('elastic')).slice(0, -before || undefined);
      for (const decision of history) expect(decision.desiredReplicas ?? 0).toBeLessThanOrEqual(3);
      const seen = await scrape(platform.autoscalerMetrics);
      const elastic = { presage_version: `${MODEL}/versions/elastic` };
      expect(sampleValue(seen, 'presage_autoscaler_replicas_desired', elastic)).toBeLessThanOrEqual(3);
      // The autoscaler reports the load it sees (how much depends on this machine's speed: the decision
      // above checked it against what the gateway measured).
      expect(sampleValue(seen, 'presage_autoscaler_concurrency_panic', elastic)).toBeGreaterThan(0);
    } finally {
      await traffic.stop();
    }
    expect(traffic.failures).toEqual([]);
    // Every client got answers, more than one each.
    expect(traffic.sent()).toBeGreaterThan(2 * 12);
    expect([...fixedCounts]).toEqual([2]);

    fixedCounts = new Set<number>();
    await waitFor(
      async () => {
        fixedCounts.add((await replicas('fixed')).all);
        return (await replicas('elastic')).all === 1;
      },
      { timeoutMs: STABLE_MS + 30_000, intervalMs: 200, description: 'the version back at minNodes (1)' },
    );
    // Scale-down waits for the stable window to agree: every step down is a stable-mode decision that
    // keeps at least the replicas the stable window's concurrency asks for. (When it came is not asserted:
    // on a loaded machine the clients achieve little concurrency, and scaling down during the load is right.)
    const downs = (await decisions('elastic'))
      .slice(0, -before || undefined)
      .filter((d) => (d.desiredReplicas ?? 0) < (d.previousReplicas ?? 0));
    expect(downs.length).toBeGreaterThan(0);
    for (const down of downs) {
      expect(down.mode).toBe('stable');
      const asked = Math.ceil((down.stableConcurrency ?? 0) / down.targetConcurrency! - 1e-6);
      expect(down.desiredReplicas ?? 0).toBeGreaterThanOrEqual(asked);
    }
    expect([...fixedCounts]).toEqual([2]);
    expect(await decisions('fixed')).toEqual([]);
  }, 180_000);
});
