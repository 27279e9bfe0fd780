import { realpath, stat } from 'node:fs/promises';
import { planRecordFile } from '@presage/record-files';
import { addErrors } from '../domain/error-stats';
import { isWithin, outsideRoots, recordFormatOf } from '../domain/job-spec';
import type { JobSpec } from '../domain/job-spec';
import { rangeInputBytes } from '../domain/shard-bytes';
import type { PlannedShard } from '../domain/shard-bytes';
import { expandInputPaths, InputError } from '../storage/input-paths';
import { OutputError, prepareOutputDir } from '../storage/output-dir';

export interface PreparedJob {
  /** The shards in order: each a range of one file's records with the input bytes it counts for. */
  shards: PlannedShard[];
  /** Records no range holds (a broken file), message → count. */
  prepareErrors: Record<string, number>;
  workerCount: number;
}

export interface PrepareLimits {
  /** The most workers one job gets on this machine. */
  maxWorkers: number;
  /** The most input bytes per shard. */
  shardBytes: number;
  /** The directories jobs may use (after following links); empty for any. */
  allowedRoots: readonly string[];
}

/** Shards per worker the planner aims for: enough to balance the load and to lose little when one dies. */
const SHARDS_PER_WORKER = 4;
const MIN_SHARD_BYTES = 64 * 1024;
const MAX_SHARDS = 99_999;

/**
 * PREPARING: checks the output directory, expands the input paths and splits the files into shards.
 * Throws an InputError or OutputError (the job fails with its message).
 */
export async function prepareJob(spec: JobSpec, limits: PrepareLimits): Promise<PreparedJob> {
  await prepareOutputDir(spec.outputPath);
  if (!isWithin(await realpath(spec.outputPath), limits.allowedRoots)) {
    throw new OutputError(
      outsideRoots(limits.allowedRoots, `The output path ${spec.outputPath}, once its links are followed,`),
    );
  }
  const files = await expandInputPaths(spec.inputPaths);
  for (const file of files) {
    if (!isWithin(await realpath(file), limits.allowedRoots)) {
      throw new InputError(
        outsideRoots(limits.allowedRoots, `The input file ${file}, once its links are followed,`),
      );
    }
  }
  const sizes = new Map<string, number>();
  for (const file of files) sizes.set(file, (await stat(file)).size);
  const totalBytes = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  const workers = Math.max(1, Math.min(spec.maxWorkerCount, limits.maxWorkers));
  const rangeBytes = Math.max(
    MIN_SHARD_BYTES,
    Math.min(limits.shardBytes, Math.ceil(totalBytes / (workers * SHARDS_PER_WORKER))),
    Math.ceil(totalBytes / MAX_SHARDS),
  );
  const shards: PlannedShard[] = [];
  const prepareErrors: Record<string, number> = {};
  for (const file of files) {
    const plan = await planRecordFile(file, recordFormatOf(spec.dataFormat), {
      rangeBytes,
      maxGzipRanges: workers,
    });
    const bytes = rangeInputBytes(plan.ranges, sizes.get(file)!);
    shards.push(...plan.ranges.map((range, i) => ({ range, inputBytes: bytes[i]! })));
    addErrors(prepareErrors, Object.fromEntries(plan.problems.map((p) => [p, 1])));
  }
  return { shards, prepareErrors, workerCount: Math.min(workers, Math.max(1, shards.length)) };
}
