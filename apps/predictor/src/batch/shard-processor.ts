import { open } from 'node:fs/promises';
import { readRecordRange } from '@presage/record-files';
import type { RecordFormat, RecordRange } from '@presage/record-files';
import type { LoadedModel } from '@presage/runtimes';
import type { BatchShard__Output } from '@presage/proto';
import { predictChunk } from './chunk-predictor';
import { recordToInstance } from './record-instances';

/** Counts of a shard so far; the lease keeper reports them while the shard runs. */
export interface ShardProgress {
  predictionCount: number;
  errorCount: number;
  /** Distinct error message → instances that failed with it. */
  errors: Record<string, number>;
}

/** The shard's input or output cannot be used at all (not one record's fault): the shard is given up. */
export class ShardIoError extends Error {
  override readonly name = 'ShardIoError';
}

/**
 * Predicts every record of a shard in `batchSize` chunks and writes one JSON line per prediction to the
 * shard's temporary file, synced to disk before it resolves. Each record yields exactly one prediction
 * or one counted error. Stops with the signal's reason when the lease is lost.
 */
export async function processShard(
  model: LoadedModel,
  shard: BatchShard__Output,
  progress: ShardProgress,
  signal: AbortSignal,
): Promise<void> {
  const range: RecordRange = {
    path: shard.inputPath,
    format: shard.recordFormat as RecordFormat,
    gzip: shard.gzip,
    byteStart: Number(shard.byteStart),
    byteEnd: Number(shard.byteEnd),
    recordStart: Number(shard.recordStart),
    recordEnd: Number(shard.recordEnd),
  };
  const batchSize = Math.max(1, shard.batchSize);
  const output = await open(shard.tempPath, 'w').catch((error: unknown) => {
    throw new ShardIoError(
      `The results file ${shard.tempPath} cannot be written: ${(error as Error).message}`,
    );
  });
  const countError = (message: string) => {
    progress.errorCount++;
    progress.errors[message] = (progress.errors[message] ?? 0) + 1;
  };
  let chunk: unknown[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const results = await predictChunk(model, chunk, {});
    chunk = [];
    let lines = '';
    for (const result of results) {
      if (result.error !== undefined) countError(result.error);
      else lines += `${JSON.stringify(result.prediction)}\n`;
    }
    if (lines) await output.write(lines);
    progress.predictionCount += results.filter((r) => r.error === undefined).length;
  };
  try {
    for await (const entry of readRecords(range)) {
      signal.throwIfAborted();
      if (entry.error !== undefined) {
        countError(entry.error);
        continue;
      }
      const parsed = recordToInstance(entry.data, range.format, model.signature.inputs);
      if (parsed.error !== undefined) countError(parsed.error);
      else chunk.push(parsed.instance);
      if (chunk.length >= batchSize) await flush();
    }
    signal.throwIfAborted();
    await flush();
    await output.sync();
  } finally {
    await output.close();
  }
}

/** The range's records; a file that cannot be opened or read is the shard's failure, not a record's. */
async function* readRecords(range: RecordRange) {
  try {
    yield* readRecordRange(range);
  } catch (error) {
    throw new ShardIoError(`The input file ${range.path} cannot be read: ${(error as Error).message}`);
  }
}
