// Online prediction benchmark: Presage (`presage up`: REST or gRPC gateway → predictor) against the server a
// user would write instead (tools/bench/baseline-server.ts: node:http, or a minimal grpc-js server), for the
// linear and mlp fixtures at concurrency 1, 32 and 128, measured by a load generator in its own process,
// with the CPU each process spent per request and the predictor's mean batch. See tools/bench/README.md.
//
//   node --import tsx tools/bench/online-predict.ts [--duration-s 10] [--warmup-s 2] [--max-requests 1000000]
//     [--auth off|required] [--request-logging 0..1] [--out tools/bench/results/online-predict.md]
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { createClient } from '@presage/grpc-kit';
import { sampleValue, scrape } from '@presage/testing';
import { DeployerService } from '@presage/proto';
import { runLoadInChild, startBaseline, stopLoadGenerators } from './child-processes';
import { cpuSeconds, platformCpu } from './process-memory';
import type { LoadResult } from './load';
import { callRest, deployFixture, startPresage } from './presage-platform';
import { machineFacts, renderReport } from './report';
import type { CaseResult, CpuPerRequest, RunSettings } from './report';
import type { PresagePlatform } from './presage-platform';
import { exitOnFailure, runBenchmarkMain } from './bench-main';

const MODELS = ['linear', 'mlp'] as const;
const CONCURRENCIES = [1, 32, 128];
const PROTOCOLS = ['rest', 'grpc'] as const;
const PROJECT = 'bench';

export interface OnlinePredictArgs {
  /** Measured seconds per case and target. @default 10 */
  durationS: number;
  /** Discarded warm-up seconds before each measurement. @default 2 */
  warmupS: number;
  /** Cap on measured requests per case and target. @default 1_000_000 */
  maxRequests: number;
  /** Where the Markdown report goes. @default 'tools/bench/results/online-predict.md' */
  out: string;
  /**
   * `required`: Presage runs with PRESAGE_AUTH=required and every prediction carries an API key bound to
   * roles/ml.modelUser (the baseline has no auth). @default 'off'
   */
  auth: 'off' | 'required';
  /**
   * The versions' requestLoggingConfig.samplingPercentage (into `bench_logs.<model>`); 0 leaves request
   * logging off. @default 0
   */
  requestLogging: number;
}

export function parseOnlinePredictArgs(argv: string[]): OnlinePredictArgs {
  const args: OnlinePredictArgs = {
    durationS: 10,
    warmupS: 2,
    maxRequests: 1_000_000,
    out: 'tools/bench/results/online-predict.md',
    auth: 'off',
    requestLogging: 0,
  };
  const numeric = {
    '--duration-s': 'durationS',
    '--warmup-s': 'warmupS',
    '--max-requests': 'maxRequests',
  } as const;
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--out') args.out = value;
    else if (flag === '--auth') {
      if (value !== 'off' && value !== 'required')
        throw new Error(`--auth must be off or required, got "${value}"`);
      args.auth = value;
    } else if (flag === '--request-logging') {
      const share = Number(value);
      if (!(share >= 0 && share <= 1))
        throw new Error(`--request-logging must be a share between 0 and 1, got "${value}"`);
      args.requestLogging = share;
    } else if (flag in numeric) {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, got "${value}"`);
      args[numeric[flag as keyof typeof numeric]] = n;
    } else
      throw new Error(
        `Unknown argument ${flag}; valid: --out, --auth, --request-logging, ${Object.keys(numeric).join(', ')}`,
      );
  }
  return args;
}

/** Checks that `url` answers the fixture's first instance with its expected prediction. */
async function checkPrediction(url: string, body: string, fixture: Fixture, apiKey?: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  const { predictions } = JSON.parse(text) as { predictions: unknown };
  try {
    expectClose(predictions, fixture.predictions.slice(0, 1));
  } catch (error) {
    throw new Error(`${url} predicted wrongly for ${fixture.name}: ${(error as Error).message}`);
  }
}

const describe = (r: LoadResult) =>
  `${r.requestsPerS.toFixed(0)} req/s, p50 ${r.p50Us} µs, p99 ${r.p99Us} µs, ${r.errors} errors`;

interface Target {
  presage: Record<(typeof PROTOCOLS)[number], string>;
  baseline: Record<(typeof PROTOCOLS)[number], string>;
  body: string;
  version: string;
}

/** The predictor's batch-size histogram (runs, instances) for `version`, from its /metrics. */
async function batches(
  platform: PresagePlatform,
  version: string,
): Promise<{ runs: number; instances: number }> {
  const deployer = createClient(DeployerService, platform.deployer);
  try {
    const { replicas } = await deployer.client.ListReplicas({ version });
    let runs = 0;
    let instances = 0;
    for (const replica of replicas.filter((r) => r.metricsAddress)) {
      const samples = await scrape(`http://${replica.metricsAddress}/metrics`);
      runs += sampleValue(samples, 'presage_predictor_batch_size_count', { presage_version: version }) ?? 0;
      instances +=
        sampleValue(samples, 'presage_predictor_batch_size_sum', { presage_version: version }) ?? 0;
    }
    return { runs, instances };
  } finally {
    deployer.close();
  }
}

/** One side's load, with the CPU of the processes that serve it read over its measured phase only. */
async function measure(
  url: string,
  body: string,
  concurrency: number,
  settings: RunSettings,
  cpuNow: () => Map<string, number>,
  apiKey: string | undefined,
): Promise<{ result: LoadResult; cpu: Map<string, number> }> {
  let before = new Map<string, number>();
  let after = new Map<string, number>();
  const result = await runLoadInChild(
    {
      url,
      body,
      concurrency,
      warmupS: settings.warmupS,
      durationS: settings.durationS,
      maxRequests: settings.maxRequests,
      rate: 0,
      apiKey,
    },
    (phase) => (phase === 'measuring' ? (before = cpuNow()) : (after = cpuNow())),
  );
  const cpu = new Map<string, number>();
  for (const [name, seconds] of after) {
    cpu.set(name, ((seconds - (before.get(name) ?? seconds)) * 1000) / Math.max(1, result.requests));
  }
  return { result, cpu };
}

async function runBenchmark(
  args: OnlinePredictArgs,
  onCleanup: (stop: () => Promise<void>) => void,
): Promise<string> {
  const settings: RunSettings = {
    durationS: args.durationS,
    warmupS: args.warmupS,
    maxRequests: args.maxRequests,
    startedAt: new Date(),
    auth: args.auth,
    requestLogging: args.requestLogging,
  };
  const loadBefore = os.loadavg();
  console.log(
    `load average before: ${loadBefore.map((v) => v.toFixed(2)).join(' ')} on ${os.cpus().length} cores`,
  );
  console.log('starting presage up (embedded Postgres) ...');
  const platform = await startPresage(
    args.auth === 'required'
      ? { PRESAGE_AUTH: 'required', PRESAGE_BOOTSTRAP_ADMIN_KEY: randomBytes(32).toString('hex') }
      : {},
  );
  onCleanup(platform.stop);
  const apiKey = args.auth === 'required' ? await modelUserKey(platform) : undefined;
  const fixtures = await Promise.all(
    MODELS.map((name) => buildFixture(name, path.join(platform.home, 'fixtures'))),
  );
  const targets = new Map<string, Target>();
  const baseline = await startBaseline(Object.fromEntries(fixtures.map((f) => [f.name, f.dir])));
  onCleanup(baseline.stop);
  for (const fixture of fixtures) {
    // One replica, as a user's own server is one process: the autoscaler would otherwise add replicas under load.
    const logging =
      args.requestLogging > 0
        ? {
            requestLoggingConfig: {
              samplingPercentage: args.requestLogging,
              bigqueryTableName: `bench_logs.${fixture.name}`,
            },
          }
        : {};
    const model = await deployFixture(platform, PROJECT, fixture, {
      manualScaling: { nodes: 1 },
      ...logging,
    });
    console.log(`${model} is READY`);
    const body = JSON.stringify({ instances: fixture.instances.slice(0, 1) });
    const target: Target = {
      presage: {
        rest: `${platform.rest}/v1/${model}:predict`,
        grpc: `grpc://${platform.gatewayGrpc}/${model}`,
      },
      baseline: {
        rest: `${baseline.url}/v1/models/${fixture.name}:predict`,
        grpc: `grpc://${baseline.grpcAddress}/${model}`,
      },
      body,
      version: `${model}/versions/v1`,
    };
    await checkPrediction(target.presage.rest, body, fixture, apiKey);
    await checkPrediction(target.baseline.rest, body, fixture);
    targets.set(fixture.name, target);
  }
  const baselineCpu = () => new Map([['baseline', cpuSeconds(baseline.pid) ?? 0]]);
  const cases: CaseResult[] = [];
  for (const model of MODELS) {
    for (const protocol of PROTOCOLS) {
      for (const concurrency of CONCURRENCIES) {
        const target = targets.get(model)!;
        // Alternate which side goes first, so neither always runs on the hotter (or cooler) machine.
        const presageFirst = cases.length % 2 === 0;
        const runs: Partial<Record<'presage' | 'baseline', Awaited<ReturnType<typeof measure>>>> = {};
        let batch = { runs: 0, instances: 0 };
        for (const side of presageFirst
          ? (['presage', 'baseline'] as const)
          : (['baseline', 'presage'] as const)) {
          const start = side === 'presage' ? await batches(platform, target.version) : undefined;
          runs[side] = await measure(
            target[side][protocol],
            target.body,
            concurrency,
            settings,
            side === 'presage' ? () => platformCpu(platform.home) : baselineCpu,
            side === 'presage' ? apiKey : undefined,
          );
          if (start) {
            const end = await batches(platform, target.version);
            batch = { runs: end.runs - start.runs, instances: end.instances - start.instances };
          }
          console.log(`${model} ${protocol} c=${concurrency} ${side}: ${describe(runs[side].result)}`);
        }
        const cpu: CpuPerRequest = {
          gateway: runs.presage!.cpu.get('gateway') ?? NaN,
          predictor: runs.presage!.cpu.get('predictor') ?? NaN,
          baseline: runs.baseline!.cpu.get('baseline') ?? NaN,
        };
        cases.push({
          model,
          protocol,
          concurrency,
          presage: runs.presage!.result,
          baseline: runs.baseline!.result,
          cpu,
          meanBatch: batch.runs > 0 ? batch.instances / batch.runs : NaN,
        });
      }
    }
  }
  await callRest(platform, 'GET', `/v1/projects/${PROJECT}/models`); // still serving after the load
  if (args.requestLogging > 0) {
    const samples = await scrape(`${platform.rest}/metrics`);
    const written = sampleValue(samples, 'presage_request_log_rows_total') ?? 0;
    const full = sampleValue(samples, 'presage_request_log_dropped_total', { reason: 'buffer_full' }) ?? 0;
    const failed = sampleValue(samples, 'presage_request_log_dropped_total', { reason: 'send_failed' }) ?? 0;
    console.log(
      `request log: ${written} rows written, ${full} dropped (buffer full), ${failed} dropped (send failed)`,
    );
  }
  return renderReport(cases, machineFacts(loadBefore), settings);
}

/** An API key of the benchmark's project bound to roles/ml.modelUser: what a client predicting would hold. */
async function modelUserKey(platform: PresagePlatform): Promise<string> {
  const member = 'serviceAccount:bench@example.com';
  const key = await callRest(platform, 'POST', `/v1/projects/${PROJECT}/apiKeys`, {
    displayName: 'bench',
    member,
  });
  await callRest(platform, 'POST', `/v1/projects/${PROJECT}:setIamPolicy`, {
    policy: { bindings: [{ role: 'roles/ml.modelUser', members: [member] }] },
  });
  return String(key['keyString']);
}

async function main(): Promise<void> {
  const args = parseOnlinePredictArgs(process.argv.slice(2));
  await runBenchmarkMain({
    out: args.out,
    stopChildren: stopLoadGenerators,
    run: (onStarted) => runBenchmark(args, onStarted),
  });
}

if (require.main === module) exitOnFailure(main);
