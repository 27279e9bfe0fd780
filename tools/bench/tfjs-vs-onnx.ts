// TF.js (WebAssembly) against onnxruntime-node on the same MLP (256→1024→1024→16, the `mlp` fixture's
// weights in both formats), in one process, through Presage's own runtimes (LoadedModel.run, as the
// predictor calls it). Latency per call at batch 1 and 64, engines interleaved in rounds after a warm-up.
// Run: node --import tsx tools/bench/tfjs-vs-onnx.ts [--rounds N]   (writes results/tfjs-vs-onnx.md)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFixture, createPrng, expectClose, writeTfjsMlp } from '@presage/model-fixtures';
import { createOnnxRuntime, defaultRuntimes } from '@presage/runtimes';
import type { LoadedModel, Tensor } from '@presage/runtimes';

const BATCHES = [1, 64] as const;
/** Timed calls per engine per round, by batch size. */
const CALLS_PER_ROUND: Record<number, number> = { 1: 200, 64: 20 };
const WARMUP_CALLS: Record<number, number> = { 1: 200, 64: 20 };
const INPUT_SIZE = 256;
const RESULT_FILE = path.join(__dirname, 'results', 'tfjs-vs-onnx.md');

interface Engine {
  label: string;
  model: LoadedModel;
}

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  calls: number;
}

function batchOf(size: number, seed: number): Tensor {
  const random = createPrng(seed);
  const data = Float32Array.from({ length: size * INPUT_SIZE }, () => Math.floor(random() * 129 - 64) / 64);
  return { dtype: 'float32', shape: [size, INPUT_SIZE], data };
}

/** One engine's latencies (µs) for `calls` runs of `feeds`. */
async function time(engine: Engine, input: Tensor, calls: number, into: number[]) {
  const feeds = feedsOf(engine.model, input);
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    await engine.model.run(feeds);
    into.push(Number(process.hrtime.bigint() - start) / 1000);
  }
}

/** The input keyed by the model's one input name (`x` in ONNX, `dense_1_input` in the Keras topology). */
function feedsOf(model: LoadedModel, input: Tensor): Record<string, Tensor> {
  return { [model.signature.inputs[0]!.name]: input };
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { p50: at(0.5), p99: at(0.99), mean, calls: sorted.length };
}

async function loadEngines(dir: string): Promise<Engine[]> {
  const onnxFixture = await buildFixture('mlp', dir);
  const tfjsDir = path.join(dir, 'mlp-tfjs');
  await writeTfjsMlp(tfjsDir);
  const tfjs = await defaultRuntimes.get('tensorflow').load(tfjsDir);
  const onnx = await createOnnxRuntime({ intraOpNumThreads: 1 }).load(onnxFixture.dir);
  // Same weights: both must give the same answers before their speed means anything.
  const check = batchOf(8, 99);
  const [a, b] = [await tfjs.run(feedsOf(tfjs, check)), await onnx.run(feedsOf(onnx, check))];
  const values = (outputs: Record<string, Tensor>) =>
    Array.from(Object.values(outputs)[0]!.data as Float32Array);
  expectClose(values(a), values(b), 1e-3);
  return [
    { label: `TF.js (${tfjs.runtime})`, model: tfjs },
    { label: 'onnxruntime-node (intraOp 1)', model: onnx },
  ];
}

async function measure(engines: Engine[], batch: number, rounds: number): Promise<Stats[]> {
  const feeds = batchOf(batch, batch);
  for (const engine of engines) await time(engine, feeds, WARMUP_CALLS[batch] ?? 20, []);
  const samples = engines.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    // Alternate which engine goes first so drift (heat, other load) hits both alike.
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) await time(engines[i]!, feeds, CALLS_PER_ROUND[batch] ?? 20, samples[i]!);
  }
  return samples.map(stats);
}

function report(engines: Engine[], results: Map<number, Stats[]>, rounds: number, load: number[]): string {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
  const lines = [
    '# TF.js (WebAssembly) vs onnxruntime-node: MLP 256→1024→1024→16',
    '',
    `${new Date().toISOString()} · ${os.cpus()[0]?.model.trim() ?? 'cpu'} × ${os.cpus().length} · Node ${process.version} · ` +
      `load before ${load.map((l) => l.toFixed(2)).join(' ')}, after ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    '',
    `Same weights in both formats (the \`mlp\` fixture); one process; each engine through Presage's runtime ` +
      `(\`LoadedModel.run\`: tensor conversion included); ${rounds} interleaved rounds after a warm-up; ` +
      'latency per call in µs; inferences/s = calls/s × batch.',
    '',
    '| batch | engine | p50 µs | p99 µs | calls/s | inferences/s | p50 vs ONNX |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const [batch, stats] of results) {
    const onnx = stats[1]!;
    engines.forEach((engine, i) => {
      const s = stats[i]!;
      const perSecond = 1e6 / s.mean;
      lines.push(
        `| ${batch} | ${engine.label} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(perSecond)} | ` +
          `${fmt(perSecond * batch)} | ${(s.p50 / onnx.p50).toFixed(2)}× |`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const roundsArg = process.argv.indexOf('--rounds');
  const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;
  const load = os.loadavg();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'presage-bench-tfjs-'));
  try {
    const engines = await loadEngines(dir);
    const results = new Map<number, Stats[]>();
    for (const batch of BATCHES) results.set(batch, await measure(engines, batch, rounds));
    const markdown = report(engines, results, rounds, load);
    await writeFile(RESULT_FILE, markdown);
    console.log(markdown);
    console.log(`written to ${path.relative(process.cwd(), RESULT_FILE)}`);
    for (const engine of engines) await engine.model.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
