// Scale-from-zero benchmark: how long the first prediction takes for a version the autoscaler scaled to
// zero (the gateway holds it, the autoscaler hears of it, the deployer starts a predictor), for the linear
// and mlp fixtures, beside the model load alone and a predictor process started by hand. See
// tools/bench/README.md.
//
//   node --import tsx tools/bench/scale-from-zero.ts [--rounds 5] [--out tools/bench/results/scale-from-zero.md]
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { pidsWithEnv, waitFor } from '@presage/testing';
import type { DeployerServiceHandlers } from '@presage/proto';
import { DeployerService, PredictorService } from '@presage/proto';
import { measureModelLoad, measurePredictorStart, stopBaselineProcesses } from './cold-start-baselines';
import { deployFixture, startPresage } from './presage-platform';
import type { PresagePlatform } from './presage-platform';
import { renderScaleFromZeroReport } from './scale-from-zero-report';
import type { ScaleFromZeroRound } from './scale-from-zero-report';
import { exitOnFailure, runBenchmarkMain } from './bench-main';

const MODELS = ['linear', 'mlp'] as const;
const PROJECT = 'bench';

/**
 * Short autoscaler windows, so a version goes to zero a few seconds after its last request (the defaults
 * are a 60 s stable window and as long an idle time). `presage up` passes its environment to every service.
 */
export const AUTOSCALER_ENV: Record<string, string> = {
  PRESAGE_AUTOSCALER_TICK_MS: '500',
  PRESAGE_AUTOSCALER_STABLE_WINDOW_MS: '4000',
  PRESAGE_AUTOSCALER_PANIC_WINDOW_MS: '2000',
  PRESAGE_AUTOSCALER_SCALE_TO_ZERO_IDLE_MS: '3000',
};

/** Set on SIGINT or SIGTERM: what fails then fails because everything is being stopped. */
let interrupted = false;

/** The longest the benchmark waits for a version to lose its last replica. */
const SCALE_DOWN_TIMEOUT_MS = 120_000;

export interface ScaleFromZeroArgs {
  /** Cold starts per fixture. @default 5 */
  rounds: number;
  /** Where the Markdown report goes. @default 'tools/bench/results/scale-from-zero.md' */
  out: string;
}

export function parseScaleFromZeroArgs(argv: string[]): ScaleFromZeroArgs {
  const args: ScaleFromZeroArgs = { rounds: 5, out: 'tools/bench/results/scale-from-zero.md' };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--out') args.out = value;
    else if (flag === '--rounds') {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0)
        throw new Error(`--rounds must be a positive integer, got "${value}"`);
      args.rounds = n;
    } else throw new Error(`Unknown argument ${flag}; valid: --rounds, --out`);
  }
  return args;
}

interface Target {
  fixture: Fixture;
  version: string;
  url: string;
  body: string;
}

/** A histogram's cumulative sum and count for one version on a Prometheus text page. */
export function histogramOf(page: string, metric: string, version: string): { sum: number; count: number } {
  const value = (suffix: string): number => {
    const line = page
      .split('\n')
      .find(
        (l) =>
          new RegExp(`^${metric}(_seconds)?_${suffix}\\{`).test(l) &&
          l.includes(`presage_version="${version}"`),
      );
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return { sum: value('sum'), count: value('count') };
}

async function coldStartHistogram(platform: PresagePlatform, version: string) {
  const response = await fetch(`${platform.rest}/metrics`);
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
  return histogramOf(await response.text(), 'presage_gateway_cold_start_duration', version);
}

/** One predict request, timed in the client from sending it to the last byte of the answer. */
async function timedPredict(target: Target): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body,
  });
  const text = await response.text();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (response.status !== 200)
    throw new Error(
      `${target.url} answered ${response.status} after ${seconds.toFixed(2)} s: ${text.slice(0, 500)}`,
    );
  const { predictions } = JSON.parse(text) as { predictions: unknown };
  expectClose(predictions, target.fixture.predictions.slice(0, 1));
  return seconds;
}

type Deployer = ConnectedClient<DeployerServiceHandlers>;

async function replicasOf(deployer: Deployer, version: string) {
  return (await deployer.client.ListReplicas({ version })).replicas;
}

/**
 * Waits until the deployer lists no replica (in any state) of any of the versions and their predictor
 * processes have exited (the deployer unlists a replica before its process is gone).
 */
async function waitForZero(deployer: Deployer, versions: string[]): Promise<void> {
  await waitFor(
    async () => {
      for (const version of versions) {
        if ((await replicasOf(deployer, version)).length > 0) return false;
        if (pidsWithEnv('PRESAGE_PREDICTOR_VERSION', version).length > 0) return false;
      }
      return true;
    },
    { timeoutMs: SCALE_DOWN_TIMEOUT_MS, intervalMs: 100, description: 'every version to scale to zero' },
  );
}

/** The load time the serving replica reports (PredictorService/GetModelInfo). */
async function replicaLoadSeconds(deployer: Deployer, version: string): Promise<number> {
  const ready = (await replicasOf(deployer, version)).filter((r) => r.state === 'READY');
  if (ready.length !== 1) throw new Error(`expected one READY replica of ${version}, got ${ready.length}`);
  const predictor = createClient(PredictorService, ready[0]!.address);
  try {
    return (await predictor.client.GetModelInfo({})).loadSeconds;
  } finally {
    predictor.close();
  }
}

/** The platform under test, the deployer's client and the deployed fixtures. */
interface Bench {
  platform: PresagePlatform;
  deployer: Deployer;
  targets: Target[];
}

/** One round for one fixture: every version at zero, the baselines, then the cold and a warm prediction. */
async function runRound({ platform, deployer, targets }: Bench, target: Target): Promise<ScaleFromZeroRound> {
  await waitForZero(
    deployer,
    targets.map((t) => t.version),
  );
  const modelLoad = await measureModelLoad(target.fixture);
  const predictorStart = await measurePredictorStart(target.fixture);
  if ((await replicasOf(deployer, target.version)).length > 0)
    throw new Error(`${target.version} got a replica while nothing was sent to it`);
  const before = await coldStartHistogram(platform, target.version);
  const coldSeconds = await timedPredict(target);
  const warmSeconds = await timedPredict(target);
  const after = await coldStartHistogram(platform, target.version);
  if (after.count - before.count !== 1)
    throw new Error(
      `the gateway recorded ${after.count - before.count} cold starts of ${target.version}, expected 1`,
    );
  return {
    model: target.fixture.name,
    coldSeconds,
    warmSeconds,
    gatewayColdStartSeconds: after.sum - before.sum,
    replicaLoadSeconds: await replicaLoadSeconds(deployer, target.version),
    modelLoad,
    predictorStart,
  };
}

async function runBenchmark(
  args: ScaleFromZeroArgs,
  onCleanup: (stop: () => Promise<void>) => void,
): Promise<string> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  console.log(
    `load average before: ${loadBefore.map((v) => v.toFixed(2)).join(' ')} on ${os.cpus().length} cores`,
  );
  console.log('starting presage up (embedded Postgres, short autoscaler windows) ...');
  const platform = await startPresage(AUTOSCALER_ENV);
  onCleanup(platform.stop);
  const deployer = createClient(DeployerService, platform.deployer);
  onCleanup(() => Promise.resolve(deployer.close()));
  const targets: Target[] = [];
  for (const name of MODELS) {
    const fixture = await buildFixture(name, path.join(platform.home, 'fixtures'));
    const model = await deployFixture(platform, PROJECT, fixture, { autoScaling: { minNodes: 0 } });
    targets.push({
      fixture,
      version: `${model}/versions/v1`,
      url: `${platform.rest}/v1/${model}:predict`,
      body: JSON.stringify({ instances: fixture.instances.slice(0, 1) }),
    });
    console.log(`${model} is READY (autoScaling.minNodes 0)`);
  }
  let rounds: ScaleFromZeroRound[];
  try {
    rounds = await runRounds({ platform, deployer, targets }, args.rounds);
  } catch (error) {
    // What the services logged says why a cold start failed (a 503 or 429, a timeout).
    if (!interrupted)
      console.error(`presage up's last output:\n${platform.output().split('\n').slice(-60).join('\n')}`);
    throw error;
  }
  return renderScaleFromZeroReport(rounds, {
    rounds: args.rounds,
    startedAt,
    loadBefore,
    autoscalerEnv: AUTOSCALER_ENV,
  });
}

async function runRounds(bench: Bench, count: number): Promise<ScaleFromZeroRound[]> {
  const rounds: ScaleFromZeroRound[] = [];
  for (let round = 1; round <= count; round += 1) {
    // Alternate which fixture goes first in a round.
    const order = round % 2 === 1 ? bench.targets : [...bench.targets].reverse();
    for (const target of order) {
      const result = await runRound(bench, target);
      console.log(
        `round ${round} ${result.model}: cold ${result.coldSeconds.toFixed(3)} s (gateway ${result.gatewayColdStartSeconds.toFixed(3)} s, ` +
          `replica load ${result.replicaLoadSeconds.toFixed(3)} s), warm ${(result.warmSeconds * 1000).toFixed(1)} ms; ` +
          `predictor start ${result.predictorStart.readySeconds.toFixed(3)} s, model load ${(result.modelLoad.createSeconds + result.modelLoad.runSeconds).toFixed(3)} s`,
      );
      rounds.push(result);
    }
  }
  return rounds;
}

async function main(): Promise<void> {
  const args = parseScaleFromZeroArgs(process.argv.slice(2));
  await runBenchmarkMain({
    out: args.out,
    stopChildren: stopBaselineProcesses,
    run: (onStarted) => runBenchmark(args, onStarted),
    onSignal: () => {
      interrupted = true;
    },
  });
}

if (require.main === module) exitOnFailure(main);
