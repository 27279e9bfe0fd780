// Online prediction benchmark: Presage (`presage up`: REST gateway → gRPC predictor) against the server a
// user would write instead (tools/bench/baseline-server.ts), for the linear and mlp fixtures at concurrency
// 1 and 32, measured by a load generator in its own process. See tools/bench/README.md.
//
//   node --import tsx tools/bench/online-predict.ts [--duration-s 10] [--warmup-s 2] [--max-requests 1000000]
//     [--out tools/bench/results/online-predict.md]
import os from 'node:os';
import path from 'node:path';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { runLoadInChild, startBaseline, stopLoadGenerators } from './child-processes';
import type { LoadResult } from './load';
import { callRest, deployFixture, startPresage } from './presage-platform';
import { machineFacts, renderReport } from './report';
import type { CaseResult, RunSettings } from './report';
import { exitOnFailure, runBenchmarkMain } from './bench-main';

const MODELS = ['linear', 'mlp'] as const;
const CONCURRENCIES = [1, 32];
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
}

export function parseOnlinePredictArgs(argv: string[]): OnlinePredictArgs {
  const args: OnlinePredictArgs = {
    durationS: 10,
    warmupS: 2,
    maxRequests: 1_000_000,
    out: 'tools/bench/results/online-predict.md',
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
    else if (flag in numeric) {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, got "${value}"`);
      args[numeric[flag as keyof typeof numeric]] = n;
    } else throw new Error(`Unknown argument ${flag}; valid: --out, ${Object.keys(numeric).join(', ')}`);
  }
  return args;
}

/** Checks that `url` answers the fixture's first instance with its expected prediction. */
async function checkPrediction(url: string, body: string, fixture: Fixture): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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

async function runBenchmark(
  args: OnlinePredictArgs,
  onCleanup: (stop: () => Promise<void>) => void,
): Promise<string> {
  const settings: RunSettings = {
    durationS: args.durationS,
    warmupS: args.warmupS,
    maxRequests: args.maxRequests,
    startedAt: new Date(),
  };
  const loadBefore = os.loadavg();
  console.log(
    `load average before: ${loadBefore.map((v) => v.toFixed(2)).join(' ')} on ${os.cpus().length} cores`,
  );
  console.log('starting presage up (embedded Postgres) ...');
  const platform = await startPresage();
  onCleanup(platform.stop);
  const fixtures = await Promise.all(
    MODELS.map((name) => buildFixture(name, path.join(platform.home, 'fixtures'))),
  );
  const targets = new Map<string, { presage: string; baseline: string; body: string }>();
  const baseline = await startBaseline(Object.fromEntries(fixtures.map((f) => [f.name, f.dir])));
  onCleanup(baseline.stop);
  for (const fixture of fixtures) {
    const model = await deployFixture(platform, PROJECT, fixture);
    console.log(`${model} is READY`);
    const body = JSON.stringify({ instances: fixture.instances.slice(0, 1) });
    const urls = {
      presage: `${platform.rest}/v1/${model}:predict`,
      baseline: `${baseline.url}/v1/models/${fixture.name}:predict`,
    };
    await checkPrediction(urls.presage, body, fixture);
    await checkPrediction(urls.baseline, body, fixture);
    targets.set(fixture.name, { ...urls, body });
  }
  const cases: CaseResult[] = [];
  for (const model of MODELS) {
    for (const concurrency of CONCURRENCIES) {
      const target = targets.get(model)!;
      // Alternate which side goes first, so neither always runs on the hotter (or cooler) machine.
      const order =
        cases.length % 2 === 0 ? (['presage', 'baseline'] as const) : (['baseline', 'presage'] as const);
      const results: Partial<Record<'presage' | 'baseline', LoadResult>> = {};
      for (const side of order) {
        const result = await runLoadInChild({
          url: target[side],
          body: target.body,
          concurrency,
          warmupS: settings.warmupS,
          durationS: settings.durationS,
          maxRequests: settings.maxRequests,
          rate: 0,
        });
        console.log(`${model} c=${concurrency} ${side}: ${describe(result)}`);
        results[side] = result;
      }
      cases.push({ model, concurrency, presage: results.presage!, baseline: results.baseline! });
    }
  }
  await callRest(platform, 'GET', `/v1/projects/${PROJECT}/models`); // still serving after the load
  return renderReport(cases, machineFacts(loadBefore), settings);
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
