// Batch prediction benchmark: a Presage batch job (`presage up`, REST) over a JSON-lines data set of the mlp
// fixture with 1 and 2 workers, against what a user would write instead (tools/bench/batch-baseline.ts: one
// process, readline + onnxruntime-node, batches of 64) on the same files. See tools/bench/README.md.
//
//   node --import tsx tools/bench/batch-predict.ts [--instances 1000000] [--workers 1,2] [--files 4]
//     [--out tools/bench/results/batch-predict.md]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { buildFixture, createPrng, expectClose, uniformFloat32 } from '@presage/model-fixtures';
import { waitFor } from '@presage/testing';
import { callRest, deployFixture, startPresage } from './presage-platform';
import { machineFacts } from './report';

interface Args {
  instances: number;
  workers: number[];
  files: number;
  out: string;
}

interface Run {
  side: string;
  workers: number;
  instances: number;
  /** The processing time: the job's RUNNING span (startTime → endTime) for Presage, the process's own for the baseline. */
  seconds: number;
  /** From submitting the job to seeing it SUCCEEDED (Presage only). */
  wallSeconds?: number;
  inferenceSeconds?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    instances: 1_000_000,
    workers: [1, 2],
    files: 4,
    out: 'tools/bench/results/batch-predict.md',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value = ''] = [argv[i], argv[i + 1]];
    if (flag === '--instances') args.instances = Number(value);
    else if (flag === '--workers') args.workers = value.split(',').map(Number);
    else if (flag === '--files') args.files = Number(value);
    else if (flag === '--out') args.out = value;
    else throw new Error(`Unknown argument ${flag}; see the header of tools/bench/batch-predict.ts`);
  }
  if (!(args.instances > 0) || args.workers.some((w) => !(w > 0)) || !(args.files > 0)) {
    throw new Error('--instances, --workers and --files must be positive');
  }
  return args;
}

/** The data set, written once per size and reused: keyed mlp instances, 256 features with 3 decimals. */
async function dataSet(instances: number, files: number): Promise<string[]> {
  const dir = path.join(os.tmpdir(), `presage-bench-batch-${instances}-${files}`);
  const paths = Array.from({ length: files }, (_, f) => path.join(dir, `part-${f}.jsonl`));
  if (fs.existsSync(path.join(dir, 'complete'))) return paths;
  fs.mkdirSync(dir, { recursive: true });
  const random = createPrng(2026);
  for (const [f, file] of paths.entries()) {
    const out = fs.createWriteStream(file);
    for (let n = f; n < instances; n += files) {
      const x = Array.from(uniformFloat32(random, 256, 1), (v) => Math.round(v * 1000) / 1000);
      if (!out.write(`${JSON.stringify({ key: n, x })}\n`))
        await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve) => out.end(resolve));
  }
  fs.writeFileSync(path.join(dir, 'complete'), '');
  return paths;
}

async function runBaseline(modelDir: string, inputs: string[], out: string): Promise<Run> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'batch-baseline.ts'),
      '--model',
      modelDir,
      '--out',
      out,
      ...inputs,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the baseline exited with ${code}`);
  const result = JSON.parse(output.trim().split('\n').pop()!) as {
    instances: number;
    seconds: number;
    inferenceSeconds: number;
  };
  return { side: 'baseline (1 process)', workers: 1, ...result };
}

/** The first `count` results of a JSON-lines file, by key. */
async function firstResults(file: string, count: number): Promise<Map<number, number[]>> {
  const results = new Map<number, number[]>();
  for await (const line of readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Infinity,
  })) {
    const parsed = JSON.parse(line) as { key: number; y: number[] };
    results.set(parsed.key, parsed.y);
    if (results.size >= count) break;
  }
  return results;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadBefore = os.loadavg();
  console.log(`writing or reusing ${args.instances} instances in ${args.files} files…`);
  const inputs = await dataSet(args.instances, args.files);
  const inputBytes = inputs.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const platform = await startPresage();
  const stopOnSignal = () => void platform.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const runs: Run[] = [];
  try {
    const mlp = await buildFixture('mlp', path.join(platform.home, 'fixtures'));
    const model = await deployFixture(platform, 'bench', mlp);
    const baselineOut = path.join(platform.home, 'baseline-results.jsonl');
    console.log('baseline…');
    runs.push(await runBaseline(mlp.dir, inputs, baselineOut));
    const reference = await firstResults(baselineOut, 2000);
    for (const workers of args.workers) {
      console.log(`presage, ${workers} worker(s)…`);
      const jobId = `bench_${workers}w_${Date.now()}`;
      const output = path.join(platform.home, `out-${jobId}`);
      const submitted = Date.now();
      await callRest(platform, 'POST', '/v1/projects/bench/jobs', {
        jobId,
        predictionInput: {
          modelName: model,
          dataFormat: 'JSON',
          inputPaths: inputs,
          outputPath: output,
          maxWorkerCount: String(workers),
          batchSize: '64',
        },
      });
      const job = await waitFor(
        async () => {
          const got = await callRest(platform, 'GET', `/v1/projects/bench/jobs/${jobId}`);
          if (got['state'] === 'FAILED' || got['state'] === 'CANCELLED')
            throw new Error(`job ${jobId}: ${JSON.stringify(got)}`);
          return got['state'] === 'SUCCEEDED' ? got : undefined;
        },
        { timeoutMs: 3_600_000, intervalMs: 250, description: `job ${jobId} to succeed` },
      );
      const wallSeconds = (Date.now() - submitted) / 1000;
      const output_ = job['predictionOutput'] as { predictionCount: string };
      const seconds = (Date.parse(job['endTime'] as string) - Date.parse(job['startTime'] as string)) / 1000;
      runs.push({
        side: 'presage',
        workers,
        instances: Number(output_.predictionCount),
        seconds,
        wallSeconds,
      });
      const first = fs.readdirSync(output).find((n) => n.startsWith('prediction.results-'))!;
      const sample = await firstResults(path.join(output, first), 500);
      const keys = [...sample.keys()].filter((k) => reference.has(k));
      expectClose(
        keys.map((k) => sample.get(k)),
        keys.map((k) => reference.get(k)),
      );
      fs.rmSync(output, { recursive: true, force: true });
    }
    console.log('baseline again…');
    runs.push(await runBaseline(mlp.dir, inputs, baselineOut));
  } finally {
    await platform.stop();
  }
  const report = renderBatchReport(runs, args, inputBytes, loadBefore);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, report);
  console.log(report);
}

function renderBatchReport(runs: Run[], args: Args, inputBytes: number, loadBefore: number[]): string {
  const baselines = runs.filter((r) => r.side.startsWith('baseline'));
  const baselineRate = baselines.reduce((sum, r) => sum + r.instances / r.seconds, 0) / baselines.length;
  const rows = runs.map((r) => {
    const rate = r.instances / r.seconds;
    return `| ${r.side} | ${r.workers} | ${r.instances} | ${r.seconds.toFixed(1)} | ${r.wallSeconds?.toFixed(1) ?? '–'} | ${rate.toFixed(0)} | ${(rate / baselineRate).toFixed(2)} | ${r.inferenceSeconds ? (r.instances / r.inferenceSeconds).toFixed(0) : '–'} |`;
  });
  const machine = machineFacts(loadBefore);
  return [
    '# Batch prediction: a Presage job vs. one readline + onnxruntime-node process',
    '',
    `Run ${new Date().toISOString()} by \`node --import tsx tools/bench/batch-predict.ts --instances ${args.instances} --workers ${args.workers.join(',')} --files ${args.files}\`.`,
    `Data: ${args.instances} keyed instances of the mlp fixture (256 → 1024 → 1024 → 16, float32) in ${args.files} JSON-lines files,`,
    `${(inputBytes / 2 ** 20).toFixed(0)} MiB in all; batches of 64 on both sides; each side writes one JSON line per prediction.`,
    "Presage: `presage up` with embedded Postgres, the job submitted over REST; its seconds are the job's RUNNING span",
    '(startTime → endTime: starting the workers, which load the model, included). The baseline ran before and after the',
    "Presage jobs; the ratio is against their mean. `ORT-only inst/s` is the baseline's instances per second of",
    'session.run alone, the ceiling of one core.',
    '',
    '| side | workers | instances | seconds | wall s | inst/s | ratio | ORT-only inst/s |',
    '| ---- | ------: | --------: | ------: | -----: | -----: | ----: | --------------: |',
    ...rows,
    '',
    '## Machine',
    '',
    `- ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}`,
    `- node ${machine.node}`,
    `- load average (1 / 5 / 15 min) before: ${loadBefore.map((v) => v.toFixed(2)).join(' ')}; after: ${machine.loadAfter.map((v) => v.toFixed(2)).join(' ')}`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
