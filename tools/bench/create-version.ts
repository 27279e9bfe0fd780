// Create-version benchmark: how long a version of the linear fixture takes from CreateVersion (REST) to its
// operation done with the version READY, alone and while another version is stuck loading (a custom
// routine whose load never finishes). See tools/bench/README.md.
//
//   node --import tsx tools/bench/create-version.ts [--rounds 10] [--out tools/bench/results/create-version.md]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { pidsWithEnv, waitFor } from '@presage/testing';
import { exitOnFailure, runBenchmarkMain } from './bench-main';
import { measurePredictorStart, stopBaselineProcesses } from './cold-start-baselines';
import { callRest, startPresage } from './presage-platform';
import type { PresagePlatform } from './presage-platform';

const PROJECT = 'bench';
const MODEL = `projects/${PROJECT}/models/linear`;
const STUCK_MODEL = `projects/${PROJECT}/models/stuck`;
/** How often the benchmark asks for the operation: the resolution of each measurement. */
const POLL_MS = 20;
const TARGET_P50_S = 2;

interface Args {
  /** Versions created per phase. @default 10 */
  rounds: number;
  /** @default 'tools/bench/results/create-version.md' */
  out: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { rounds: 10, out: 'tools/bench/results/create-version.md' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i]!, argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--out') args.out = value;
    else if (flag === '--rounds' && Number.isInteger(Number(value)) && Number(value) > 0)
      args.rounds = Number(value);
    else throw new Error(`Unknown option or bad value: ${flag} ${value}`);
  }
  return args;
}

/** Creates `versionId` and resolves with the seconds until its operation is done and the version READY. */
async function timeCreate(platform: PresagePlatform, versionId: string, fixture: Fixture): Promise<number> {
  const started = performance.now();
  const operation = await callRest(platform, 'POST', `/v1/${MODEL}/versions`, {
    name: versionId,
    deploymentUri: fixture.dir,
  });
  const done = await waitFor(
    async () => {
      const op = await callRest(platform, 'GET', `/v1/${String(operation['name'])}`);
      return op['done'] === true ? op : undefined;
    },
    { timeoutMs: 180_000, intervalMs: POLL_MS, description: `${versionId} to be created` },
  );
  const seconds = (performance.now() - started) / 1000;
  if (done['error'] !== undefined) throw new Error(`${versionId} failed: ${JSON.stringify(done['error'])}`);
  const version = await callRest(platform, 'GET', `/v1/${MODEL}/versions/${versionId}`);
  if (version['state'] !== 'READY') throw new Error(`${versionId} is ${String(version['state'])}`);
  return seconds;
}

/** Deletes a (non-default) version and waits until it is gone, so every round starts from the same state. */
async function deleteVersion(platform: PresagePlatform, versionId: string): Promise<void> {
  const operation = await callRest(platform, 'DELETE', `/v1/${MODEL}/versions/${versionId}`);
  await waitFor(
    async () => (await callRest(platform, 'GET', `/v1/${String(operation['name'])}`))['done'] === true,
    { timeoutMs: 120_000, intervalMs: 100, description: `${versionId} to be deleted` },
  );
}

async function runPhase(
  platform: PresagePlatform,
  fixture: Fixture,
  phase: string,
  rounds: number,
): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const versionId = `${phase}_${round}`;
    const seconds = await timeCreate(platform, versionId, fixture);
    console.log(`${phase} ${round}: ${seconds.toFixed(3)} s`);
    samples.push(seconds);
    await deleteVersion(platform, versionId);
  }
  return samples;
}

/** A version of STUCK_MODEL whose custom routine never finishes loading; resolves once its predictor runs. */
async function createStuckVersion(platform: PresagePlatform, dir: string): Promise<void> {
  const artifacts = path.join(dir, 'stuck-artifacts');
  const routine = path.join(dir, 'stuck-routine');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.mkdirSync(routine, { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'weights.json'), '{}');
  fs.writeFileSync(
    path.join(routine, 'stuck.js'),
    `exports.Stuck = class Stuck {
      static load() { setInterval(() => undefined, 60_000); return new Promise(() => undefined); }
      predict(instances) { return instances; }
    };`,
  );
  await callRest(platform, 'POST', `/v1/projects/${PROJECT}/models`, { name: 'stuck' });
  await callRest(platform, 'POST', `/v1/${STUCK_MODEL}/versions`, {
    name: 'v1',
    deploymentUri: artifacts,
    predictionClass: 'stuck.js#Stuck',
    packageUris: [routine],
  });
  await waitFor(() => pidsWithEnv('PRESAGE_PREDICTOR_VERSION', `${STUCK_MODEL}/versions/v1`).length > 0, {
    timeoutMs: 60_000,
    description: 'the stuck version’s predictor to be loading',
  });
}

/** Nearest-rank percentile. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function row(phase: string, samples: number[]): string {
  const s = (v: number) => v.toFixed(3);
  const p50 = percentile(samples, 50);
  const verdict = p50 <= TARGET_P50_S ? 'met' : 'missed';
  return `| ${phase} | ${samples.length} | ${s(p50)} | ${s(percentile(samples, 90))} | ${s(Math.min(...samples))} | ${s(Math.max(...samples))} | ${verdict} |`;
}

interface Results {
  alone: number[];
  stuck: number[];
  /** A predictor process started by hand on the fixture until its ready line: the floor of a creation. */
  predictorStart: number[];
}

function renderReport(results: Results, loadBefore: number[]): string {
  const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  return [
    '# create-version — CreateVersion to READY',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}.`,
    `Load average (1, 5, 15 min) before: ${loads(loadBefore)}; after: ${loads(os.loadavg())}.`,
    '',
    '`presage up` with embedded Postgres; each round creates a version of the linear fixture over REST,',
    `polls its operation every ${POLL_MS} ms until done, checks the version is READY, then deletes it. "stuck"`,
    'rounds run while another version (a custom routine whose load never finishes) is being created.',
    `Target: p50 ≤ ${TARGET_P50_S} s.`,
    '',
    '| phase | n | p50 s | p90 s | min s | max s | p50 target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('alone', results.alone),
    row('another version stuck loading', results.stuck),
    '',
    `Baseline: a predictor process started by hand on the same fixture until its ready line (what every`,
    `creation waits for at least), p50 of ${results.predictorStart.length}: ${percentile(results.predictorStart, 50).toFixed(3)} s`,
    `(${results.predictorStart.map((v) => v.toFixed(3)).join(', ')}). The rest of a creation is the platform's:`,
    'the registry, its target watch, staging, the report and the client polling.',
    '',
    `Samples (s), alone: ${results.alone.map((v) => v.toFixed(3)).join(', ')}`,
    '',
    `Samples (s), stuck: ${results.stuck.map((v) => v.toFixed(3)).join(', ')}`,
    '',
  ].join('\n');
}

async function runBenchmark(args: Args, onStarted: (stop: () => Promise<void>) => void): Promise<string> {
  const loadBefore = os.loadavg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-bench-create-'));
  onStarted(() => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })));
  const fixture = await buildFixture('linear', path.join(dir, 'fixtures'));
  const predictorStart: number[] = [];
  for (let round = 0; round < 5; round++)
    predictorStart.push((await measurePredictorStart(fixture)).readySeconds);
  const platform = await startPresage();
  onStarted(platform.stop);
  await callRest(platform, 'POST', `/v1/projects/${PROJECT}/models`, { name: 'linear' });
  // The model's first version becomes its default, which cannot be deleted: it stays for the whole run.
  await timeCreate(platform, 'base', fixture);
  const alone = await runPhase(platform, fixture, 'alone', args.rounds);
  await createStuckVersion(platform, dir);
  const stuck = await runPhase(platform, fixture, 'stuck', args.rounds);
  // Its predictor killed, the stuck version fails, and the platform stops without waiting for its load.
  for (const pid of pidsWithEnv('PRESAGE_PREDICTOR_VERSION', `${STUCK_MODEL}/versions/v1`))
    process.kill(pid, 'SIGKILL');
  return renderReport({ alone, stuck, predictorStart }, loadBefore);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await runBenchmarkMain({
    out: args.out,
    stopChildren: stopBaselineProcesses,
    run: (onStarted) => runBenchmark(args, onStarted),
  });
}

if (require.main === module) exitOnFailure(main);
