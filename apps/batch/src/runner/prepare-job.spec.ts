import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareJob } from './prepare-job';
import type { JobSpec } from '../domain/job-spec';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-job-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function spec(overrides: Partial<JobSpec>): JobSpec {
  return {
    modelName: 'projects/p/models/m',
    versionName: '',
    uri: '',
    framework: '',
    dataFormat: 'JSON',
    inputPaths: [path.join(dir, 'in', '*')],
    outputPath: path.join(dir, 'out'),
    maxWorkerCount: 10,
    batchSize: 64,
    signatureName: '',
    ...overrides,
  };
}

function writeInput(name: string, bytes: number) {
  fs.mkdirSync(path.join(dir, 'in'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'in', name), `${'{"x": [1, 2, 3, 4]}\n'.repeat(Math.ceil(bytes / 20))}`);
}

describe('preparing a job', () => {
  it('gives each worker several shards and no more workers than shards', async () => {
    writeInput('a.jsonl', 2_000_000);
    const prepared = await prepareJob(spec({ maxWorkerCount: 4 }), {
      maxWorkers: 8,
      shardBytes: 64 << 20,
      allowedRoots: [],
    });
    expect(prepared.workerCount).toBe(4);
    expect(prepared.shards.length).toBeGreaterThanOrEqual(8);
    const inputBytes = prepared.shards.reduce((sum, shard) => sum + shard.inputBytes, 0);
    expect(inputBytes).toBe(fs.statSync(path.join(dir, 'in', 'a.jsonl')).size);
    expect(prepared.shards.every((shard) => shard.inputBytes > 0)).toBe(true);
    const small = await prepareJob(spec({ outputPath: path.join(dir, 'out2') }), {
      maxWorkers: 8,
      shardBytes: 64 << 20,
      allowedRoots: [],
    });
    expect(small.workerCount).toBeLessThanOrEqual(small.shards.length);
  });

  it('bounds the workers by the machine', async () => {
    writeInput('a.jsonl', 4_000_000);
    expect(
      (
        await prepareJob(spec({ maxWorkerCount: 50 }), {
          maxWorkers: 3,
          shardBytes: 64 << 20,
          allowedRoots: [],
        })
      ).workerCount,
    ).toBe(3);
  });

  it('refuses inputs and outputs that a symbolic link takes outside the allowed directories', async () => {
    writeInput('a.jsonl', 100);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'elsewhere-'));
    try {
      fs.writeFileSync(path.join(elsewhere, 'secret.jsonl'), '{"x": [0, 0, 0, 0]}\n');
      fs.symlinkSync(path.join(elsewhere, 'secret.jsonl'), path.join(dir, 'in', 'b.jsonl'));
      await expect(
        prepareJob(spec({}), { maxWorkers: 2, shardBytes: 1 << 20, allowedRoots: [dir] }),
      ).rejects.toThrow(
        /^The input file .*b\.jsonl, once its links are followed, is outside the directories/,
      );
      fs.symlinkSync(elsewhere, path.join(dir, 'linked-out'));
      await expect(
        prepareJob(spec({ outputPath: path.join(dir, 'linked-out') }), {
          maxWorkers: 2,
          shardBytes: 1 << 20,
          allowedRoots: [dir],
        }),
      ).rejects.toThrow(
        /^The output path .*linked-out, once its links are followed, is outside the directories/,
      );
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
