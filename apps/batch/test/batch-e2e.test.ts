import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  buildFixture,
  createPrng,
  expectClose,
  expectedPredictions,
  uniformFloat32,
} from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import type { Job__Output } from '@presage/proto';
import { waitFor } from '@presage/testing';
import { encodeTfExample, encodeTfRecord } from '@presage/tfrecord';
import type { BatchPlatform } from './batch-harness';
import { linearInstance, readResults, startBatchPlatform, writeLines } from './batch-harness';

const MODEL = 'projects/batch/models/linear';
let platform: BatchPlatform;
let linear: Fixture;
let version: string;

beforeAll(async () => {
  platform = await startBatchPlatform({
    PRESAGE_BATCH_LEASE_MS: '2000',
    PRESAGE_BATCH_SHARD_BYTES: String(256 * 1024),
  });
  linear = await buildFixture('linear', path.join(platform.home, 'fixtures'));
  version = await platform.deploy(MODEL, linear.dir);
}, 120_000);

afterAll(() => platform?.stop());

/** Every key of the results once, and each result equal to the online prediction of its instance. */
async function expectExactlyOnceAsOnline(outputDir: string, instances: { key: string; x: number[] }[]) {
  const { predictions } = readResults(outputDir);
  const byKey = new Map<unknown, Record<string, unknown>>();
  const repeated = predictions.filter((p) => byKey.has(p['key']) || !byKey.set(p['key'], p));
  expect(repeated).toEqual([]);
  expect(byKey.size).toBe(instances.length);
  const online: unknown[] = [];
  for (let i = 0; i < instances.length; i += 5000) {
    online.push(...(await platform.predictOnline(version, instances.slice(i, i + 5000))));
  }
  expect(instances.map((instance) => byKey.get(instance.key))).toEqual(online);
}

/** The sizes of the files in `dir`, summed: the input bytes of a job over all of them. */
function sizeOfFiles(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

/** A job's input progress is consistent: nothing before it is prepared, then at most its whole input. */
function expectConsistentProgress(job: Job__Output, inputBytes: number) {
  const output = job.predictionOutput!;
  const progress = {
    inputBytes: Number(output.inputBytes),
    processedInputBytes: Number(output.processedInputBytes),
    shardCount: output.shardCount,
    shardsDone: output.shardsDone,
  };
  if (job.state === 'QUEUED' || job.state === 'PREPARING') {
    expect(progress).toEqual({ inputBytes: 0, processedInputBytes: 0, shardCount: 0, shardsDone: 0 });
    return;
  }
  expect(progress.inputBytes).toBe(inputBytes);
  expect(progress.processedInputBytes).toBeGreaterThanOrEqual(0);
  expect(progress.processedInputBytes).toBeLessThanOrEqual(progress.inputBytes);
  expect(progress.shardsDone).toBeLessThanOrEqual(progress.shardCount);
  if (progress.shardsDone === progress.shardCount) expect(progress.processedInputBytes).toBe(inputBytes);
}

/** A job that succeeded has done all of its input: every byte, in every shard. */
function expectAllInputDone(job: Job__Output, inputBytes: number) {
  expect(job.predictionOutput).toMatchObject({
    inputBytes: String(inputBytes),
    processedInputBytes: String(inputBytes),
    shardsDone: job.predictionOutput!.shardCount,
  });
  expect(job.predictionOutput!.shardCount).toBeGreaterThan(0);
}

describe('a batch prediction job', () => {
  it('predicts 100k JSON-lines instances over 3 files with 4 workers: every key once, as online, broken lines counted', async () => {
    const input = path.join(platform.home, 'in-100k');
    const instances = Array.from({ length: 100_000 }, (_, n) => linearInstance(n));
    const broken = [
      '{"key": "bad1", "x": [1, 2',
      'not json at all',
      '{"key": "short1", "x": [1, 2]}',
      '{"key": "short2", "x": [3]}',
      '[}',
    ];
    for (let f = 0; f < 3; f++) {
      const lines = instances.filter((_, n) => n % 3 === f).map((i) => JSON.stringify(i));
      lines.splice(100 * (f + 1), 0, ...[broken.slice(0, 3), broken.slice(3), []][f]!);
      writeLines(path.join(input, `part-${f}.jsonl`), lines);
    }
    const output = path.join(platform.home, 'out-100k');
    const created = await platform.jobs.client.CreateJob({
      parent: 'projects/batch',
      job: {
        jobId: 'score_100k',
        labels: { team: 'risk' },
        predictionInput: {
          modelName: MODEL,
          dataFormat: 'JSON',
          inputPaths: [`file://${input}/part-*.jsonl`],
          outputPath: output,
          maxWorkerCount: '4',
          region: 'us-central1',
        },
      },
    });
    expect(created).toMatchObject({ jobId: 'score_100k', state: 'QUEUED', labels: { team: 'risk' } });
    const inputBytes = sizeOfFiles(input);
    expectConsistentProgress(created, inputBytes);

    let mostWorkers = 0;
    let partlyDone = false;
    const done = await waitFor(
      async () => {
        mostWorkers = Math.max(mostWorkers, platform.workerPids('projects/batch/jobs/score_100k').length);
        const job = await platform.jobs.client.GetJob({ name: 'projects/batch/jobs/score_100k' });
        expectConsistentProgress(job, inputBytes);
        const processed = Number(job.predictionOutput!.processedInputBytes);
        partlyDone ||= job.state === 'RUNNING' && processed > 0 && processed < inputBytes;
        return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.state) ? job : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 100, description: 'the 100k job to end' },
    );
    expect(done.errorMessage).toBe('');
    expect(done.state).toBe('SUCCEEDED');
    expect(mostWorkers).toBe(4);
    expect(done.predictionOutput).toMatchObject({
      outputPath: output,
      predictionCount: '100000',
      errorCount: '5',
    });
    expect(done.predictionOutput!.nodeHours).toBeGreaterThan(0);
    expectAllInputDone(done, inputBytes);
    const listed = await platform.jobs.client.ListJobs({
      parent: 'projects/batch',
      filter: 'jobId:score_100k',
    });
    expect(listed.jobs.map((job) => job.predictionOutput)).toEqual([done.predictionOutput]);
    // Seen in the middle: some shards done, not all (the job has more shards than workers).
    expect(partlyDone).toBe(true);
    expect(done.startTime).not.toBeNull();
    expect(done.endTime).not.toBeNull();

    const { files } = readResults(output);
    expect(files.length).toBeGreaterThan(3);
    files.forEach((f, i) =>
      expect(f).toBe(
        `prediction.results-${String(i).padStart(5, '0')}-of-${String(files.length).padStart(5, '0')}`,
      ),
    );
    await expectExactlyOnceAsOnline(output, instances);

    const stats = fs
      .readFileSync(path.join(output, 'prediction.errors_stats-00000-of-00001'), 'utf8')
      .trim()
      .split('\n');
    expect(stats).toEqual([
      "('The line is not valid JSON.', 3)",
      `("Failed to process the instance: input 'x' expects shape [4] per instance, got [1]", 1)`,
      `("Failed to process the instance: input 'x' expects shape [4] per instance, got [2]", 1)`,
    ]);
    expect(fs.readdirSync(output).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(platform.workerPids('projects/batch/jobs/score_100k')).toEqual([]);
  }, 240_000);

  /** Starts a keyed linear job over `count` instances in `files` files and waits until it makes progress. */
  async function startSlowJob(jobId: string, count: number) {
    const input = path.join(platform.home, `in-${jobId}`);
    const instances = Array.from({ length: count }, (_, n) => linearInstance(n));
    for (let f = 0; f < 2; f++) {
      writeLines(
        path.join(input, `part-${f}.jsonl`),
        instances.filter((_, n) => n % 2 === f).map((i) => JSON.stringify(i)),
      );
    }
    const output = path.join(platform.home, `out-${jobId}`);
    const name = `projects/batch/jobs/${jobId}`;
    await platform.jobs.client.CreateJob({
      parent: 'projects/batch',
      job: {
        jobId,
        // One instance per model call: slow enough to act in the middle of the job.
        predictionInput: {
          versionName: version,
          dataFormat: 'JSON',
          inputPaths: [`${input}/*`],
          outputPath: output,
          maxWorkerCount: '2',
          batchSize: '1',
        },
      },
    });
    const running = await waitFor(
      async () => {
        const job = await platform.jobs.client.GetJob({ name });
        const progress = Number(job.predictionOutput?.predictionCount ?? 0);
        if (job.state !== 'RUNNING' && job.state !== 'QUEUED' && job.state !== 'PREPARING') {
          throw new Error(`the job ended before the test acted: ${job.state}`);
        }
        return job.state === 'RUNNING' && progress > count / 10 && progress < count / 2 ? job : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 50, description: `${jobId} to make progress` },
    );
    return { name, output, instances, running };
  }

  it('still predicts every key exactly once when a worker is killed in the middle', async () => {
    const { name, output, instances } = await startSlowJob('killed_worker', 120_000);
    const [victim] = platform.workerPids(name);
    process.kill(victim!, 'SIGKILL');
    const progressAtKill = Number(
      (await platform.jobs.client.GetJob({ name })).predictionOutput!.predictionCount,
    );
    expect(progressAtKill).toBeLessThan(instances.length);
    const done = await platform.waitForState(name, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({ state: 'SUCCEEDED', errorMessage: '' });
    expect(done.predictionOutput).toMatchObject({
      predictionCount: String(instances.length),
      errorCount: '0',
    });
    await expectExactlyOnceAsOnline(output, instances);
    expect(platform.workerPids(name)).not.toContain(victim);
  }, 240_000);

  it('resumes where it was when the batch service is killed and restarted in the middle of a job', async () => {
    const { name, output, instances } = await startSlowJob('restarted_service', 120_000);
    const before = platform.batch().child.pid;
    await platform.restartBatch(true);
    expect(platform.batch().child.pid).not.toBe(before);
    const done = await platform.waitForState(name, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({ state: 'SUCCEEDED', errorMessage: '' });
    expect(done.predictionOutput).toMatchObject({
      predictionCount: String(instances.length),
      errorCount: '0',
    });
    await expectExactlyOnceAsOnline(output, instances);
  }, 240_000);

  it('finishes a job whose workers went down with a crashed deployer', async () => {
    const { name, output, instances } = await startSlowJob('crashed_deployer', 80_000);
    const before = platform.workerPids(name);
    await platform.restartDeployer();
    const done = await platform.waitForState(name, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({ state: 'SUCCEEDED', errorMessage: '' });
    await expectExactlyOnceAsOnline(output, instances);
    expect(before.filter((pid) => platform.workerPids(name).includes(pid))).toEqual([]);
  }, 240_000);

  it('is SUCCEEDED only with every results file in place: a shard whose file vanished is predicted again', async () => {
    const { name, output, instances } = await startSlowJob('vanished_results', 60_000);
    const first = await waitFor(
      () => fs.readdirSync(output).find((n) => n.startsWith('prediction.results-')),
      { timeoutMs: 120_000, intervalMs: 20, description: 'a first shard to be done' },
    );
    fs.rmSync(path.join(output, first));
    // The job has not ended: how it ends is what this test is about.
    expect((await platform.jobs.client.GetJob({ name })).state).toBe('RUNNING');
    const done = await platform.waitForState(name, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      errorMessage: '',
      predictionOutput: { predictionCount: String(instances.length), errorCount: '0' },
    });
    expect(readResults(output).files).toContain(first);
    await expectExactlyOnceAsOnline(output, instances);
    expect(fs.readFileSync(path.join(output, 'prediction.errors_stats-00000-of-00001'), 'utf8')).toBe('');
    expect(fs.readdirSync(output).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 240_000);

  it('reads TFRecord files of tf.Example records, plain and gzipped, counting a corrupt record', async () => {
    const instances = Array.from({ length: 3000 }, (_, n) => linearInstance(n));
    const records = instances.map((i) =>
      encodeTfRecord(
        encodeTfExample({
          key: { kind: 'bytes', values: [Buffer.from(i.key)] },
          x: { kind: 'float', values: i.x },
        }),
      ),
    );
    const input = path.join(platform.home, 'in-tfrecord');
    fs.mkdirSync(input, { recursive: true });
    const plain = Buffer.concat(records.slice(0, 1500));
    const corruptAt = records.slice(0, 700).reduce((n, r) => n + r.length, 0) + 20;
    plain[corruptAt]! ^= 0xff;
    fs.writeFileSync(path.join(input, 'a.tfrecord'), plain);
    fs.writeFileSync(path.join(input, 'b.tfrecord.gz'), gzipSync(Buffer.concat(records.slice(1500))));
    for (const dataFormat of ['TF_RECORD', 'TF_RECORD_GZIP'] as const) {
      const jobId = `tfrecord_${dataFormat.toLowerCase()}`;
      const output = path.join(platform.home, `out-${jobId}`);
      await platform.jobs.client.CreateJob({
        parent: 'projects/batch',
        job: {
          jobId,
          predictionInput: { modelName: MODEL, dataFormat, inputPaths: [`${input}/*`], outputPath: output },
        },
      });
      const done = await platform.waitForState(`projects/batch/jobs/${jobId}`, ['SUCCEEDED', 'FAILED']);
      expect(done).toMatchObject({
        state: 'SUCCEEDED',
        predictionOutput: { predictionCount: '2999', errorCount: '1' },
      });
      expectAllInputDone(done, sizeOfFiles(input));
      const kept = instances.filter((_, n) => n !== 700);
      const { predictions } = readResults(output);
      const online = await platform.predictOnline(version, kept);
      const byKey = new Map(predictions.map((p) => [p['key'], p]));
      expect(kept.map((i) => byKey.get(i.key))).toEqual(online);
      expect(fs.readFileSync(path.join(output, 'prediction.errors_stats-00000-of-00001'), 'utf8')).toBe(
        `("a.tfrecord: a record's data CRC does not match (corrupt record skipped)", 1)\n`,
      );
    }
  }, 120_000);

  it('runs a model that was never deployed, given by uri, over gzipped JSON lines', async () => {
    const mlp = await buildFixture('mlp', path.join(platform.home, 'fixtures-mlp'));
    const random = createPrng(11);
    const instances = Array.from({ length: 400 }, (_, n) => ({
      key: n,
      x: Array.from(uniformFloat32(random, 256, 1)),
    }));
    const input = path.join(platform.home, 'in-uri');
    fs.mkdirSync(input, { recursive: true });
    fs.writeFileSync(
      path.join(input, 'mlp.jsonl.gz'),
      gzipSync(instances.map((i) => JSON.stringify(i)).join('\n')),
    );
    const output = path.join(platform.home, 'out-uri');
    await platform.jobs.client.CreateJob({
      parent: 'projects/batch',
      job: {
        jobId: 'undeployed_mlp',
        predictionInput: {
          uri: `file://${mlp.dir}`,
          framework: 'ONNX',
          dataFormat: 'JSON',
          inputPaths: [path.join(input, 'mlp.jsonl.gz')],
          outputPath: output,
          batchSize: '50',
        },
      },
    });
    const done = await platform.waitForState('projects/batch/jobs/undeployed_mlp', ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      predictionOutput: { predictionCount: '400', errorCount: '0' },
    });
    expectAllInputDone(done, sizeOfFiles(input));
    const byKey = new Map(readResults(output).predictions.map((p) => [p['key'], p['y']]));
    expectClose(
      instances.map((i) => byKey.get(i.key)),
      expectedPredictions(
        'mlp',
        instances.map((i) => i.x),
      ),
    );
    expect(fs.readFileSync(path.join(output, 'prediction.errors_stats-00000-of-00001'), 'utf8')).toBe('');
  }, 120_000);
});
