// The batch benchmark's baseline: what a user would write instead of a Presage batch job — one Node process
// that reads JSON-lines files with readline, runs onnxruntime-node on batches of 64 instances and writes one
// JSON line per prediction. Deliberately the simplest correct code: no sharding, no workers, no retries.
//
//   node --import tsx tools/bench/batch-baseline.ts --model <dir> --out <file> <input files…>
//
// Prints one JSON line at the end: {"instances", "seconds", "inferenceSeconds"}.
import fs from 'node:fs';
import readline from 'node:readline';
import { loadBaselineModel, predict } from './baseline-server';

const BATCH = 64;

interface Line {
  key: unknown;
  x: number[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const take = (flag: string) => {
    const at = args.indexOf(flag);
    if (at < 0 || !args[at + 1]) throw new Error(`${flag} is required`);
    return args.splice(at, 2)[1]!;
  };
  const model = await loadBaselineModel(take('--model'));
  const out = fs.createWriteStream(take('--out'));
  const started = process.hrtime.bigint();
  let inference = 0n;
  let count = 0;
  let batch: Line[] = [];
  const flush = async () => {
    const before = process.hrtime.bigint();
    const predictions = await predict(
      model,
      batch.map((l) => l.x),
    );
    inference += process.hrtime.bigint() - before;
    const text = batch.map((l, i) => JSON.stringify({ key: l.key, y: predictions[i] })).join('\n') + '\n';
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    count += batch.length;
    batch = [];
  };
  for (const file of args) {
    for await (const text of readline.createInterface({
      input: fs.createReadStream(file),
      crlfDelay: Infinity,
    })) {
      if (!text) continue;
      batch.push(JSON.parse(text) as Line);
      if (batch.length === BATCH) await flush();
    }
  }
  if (batch.length > 0) await flush();
  await new Promise<void>((resolve) => out.end(resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ instances: count, seconds, inferenceSeconds: Number(inference) / 1e9 }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
