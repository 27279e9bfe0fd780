import fs from 'node:fs';
import path from 'node:path';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { waitFor } from '@presage/testing';
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

    let mostWorkers = 0;
    const done = await waitFor(
      async () => {
        mostWorkers = Math.max(mostWorkers, platform.workerPids('projects/batch/jobs/score_100k').length);
        const job = await platform.jobs.client.GetJob({ name: 'projects/batch/jobs/score_100k' });
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
});
