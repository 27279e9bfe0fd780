import fs from 'node:fs';
import path from 'node:path';
import { StatusCode } from '@presage/errors';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { expectApiError, waitFor } from '@presage/testing';
import type { BatchPlatform } from './batch-harness';
import { linearInstance, startBatchPlatform, writeLines } from './batch-harness';

const MODEL = 'projects/jobs/models/linear';
let platform: BatchPlatform;
let linear: Fixture;
let input: string;
let big: string;

type PredictionInput = NonNullable<
  NonNullable<Parameters<BatchPlatform['jobs']['client']['CreateJob']>[0]['job']>['predictionInput']
>;

beforeAll(async () => {
  platform = await startBatchPlatform({ PRESAGE_BATCH_LEASE_MS: '2000' });
  linear = await buildFixture('linear', path.join(platform.home, 'fixtures'));
  await platform.deploy(MODEL, linear.dir);
  input = writeLines(
    path.join(platform.home, 'in', 'small.jsonl'),
    Array.from({ length: 50 }, (_, n) => JSON.stringify(linearInstance(n))),
  );
  big = writeLines(
    path.join(platform.home, 'in-big', 'big.jsonl'),
    Array.from({ length: 200_000 }, (_, n) => JSON.stringify(linearInstance(n))),
  );
}, 120_000);

afterAll(() => platform?.stop());

let counter = 0;
function create(
  predictionInput: PredictionInput,
  extra: { jobId?: string; labels?: Record<string, string> } = {},
) {
  const jobId = extra.jobId ?? `job_${++counter}`;
  return platform.jobs.client.CreateJob({
    parent: 'projects/jobs',
    job: { jobId, labels: extra.labels ?? {}, predictionInput },
  });
}

function valid(overrides: PredictionInput = {}): PredictionInput {
  return {
    modelName: MODEL,
    dataFormat: 'JSON',
    inputPaths: [input],
    outputPath: path.join(platform.home, 'out', `o${++counter}`),
    ...overrides,
  };
}

describe('creating a job', () => {
  it('lists every invalid field as a violation', async () => {
    const error = await expectApiError(
      create({
        dataFormat: 'CSV',
        inputPaths: [],
        outputPath: 'relative/out',
        batchSize: '-3',
        outputDataFormat: 'CSV',
      }),
      StatusCode.INVALID_ARGUMENT,
    );
    const fields = error.details.flatMap((d) =>
      'fieldViolations' in d ? d.fieldViolations.map((v) => v.field) : [],
    );
    expect(fields).toEqual([
      'job.prediction_input.model_name',
      'job.prediction_input.data_format',
      'job.prediction_input.input_paths',
      'job.prediction_input.output_path',
      'job.prediction_input.output_data_format',
      'job.prediction_input.batch_size',
    ]);
    expect(error.message).toMatch(
      /^Field: job.prediction_input.model_name Error: One of modelName, versionName or uri/,
    );
  });

  it('refuses a bad job id, object store paths, a framework with a model, bad labels', async () => {
    await expectApiError(create(valid(), { jobId: '9lives' }), StatusCode.INVALID_ARGUMENT, {
      field: 'job.job_id',
    });
    await expectApiError(create(valid({ inputPaths: ['gs://bucket/in/*'] })), StatusCode.INVALID_ARGUMENT, {
      field: 'job.prediction_input.input_paths[0]',
      message: /gs:\/\/ paths need an object store/,
    });
    await expectApiError(create(valid({ framework: 'ONNX' })), StatusCode.INVALID_ARGUMENT, {
      field: 'job.prediction_input.framework',
    });
    await expectApiError(create(valid(), { labels: { Team: 'x' } }), StatusCode.INVALID_ARGUMENT, {
      field: 'job.labels.Team',
    });
  });

  it('answers UNIMPLEMENTED for a training job', async () => {
    const call = platform.jobs.client.CreateJob({
      parent: 'projects/jobs',
      job: { jobId: 'train_me', trainingInput: { pythonModule: 'trainer.task' } },
    });
    await expectApiError(call, StatusCode.UNIMPLEMENTED, { message: /trainingInput is not supported/ });
  });

  it('answers NOT_FOUND on the field for an unknown model or version, FAILED_PRECONDITION for one not ready', async () => {
    await expectApiError(create(valid({ modelName: 'projects/jobs/models/nope' })), StatusCode.NOT_FOUND, {
      field: 'job.prediction_input.model_name',
      message:
        /^Field: job.prediction_input.model_name Error: The model resource: "projects\/jobs\/models\/nope" was not found/,
    });
    await expectApiError(
      create(valid({ modelName: undefined, versionName: `${MODEL}/versions/v9` })),
      StatusCode.NOT_FOUND,
      { field: 'job.prediction_input.version_name' },
    );
    await platform.models.client.CreateModel({ parent: 'projects/jobs', model: { name: 'empty' } });
    await expectApiError(
      create(valid({ modelName: 'projects/jobs/models/empty' })),
      StatusCode.FAILED_PRECONDITION,
      {
        message: /has no default version/,
      },
    );
  });

  it('answers ALREADY_EXISTS for a job id taken in the project', async () => {
    await create(valid(), { jobId: 'twice' });
    await expectApiError(create(valid(), { jobId: 'twice' }), StatusCode.ALREADY_EXISTS, {
      field: 'job.job_id',
    });
  });
});

describe('a job that cannot run', () => {
  async function failsWith(predictionInput: PredictionInput, message: RegExp) {
    const job = await create(predictionInput);
    const failed = await platform.waitForState(`projects/jobs/jobs/${job.jobId}`, ['FAILED', 'SUCCEEDED']);
    expect(failed.state).toBe('FAILED');
    expect(failed.errorMessage).toMatch(message);
    expect(failed.endTime).not.toBeNull();
  }

  it('fails when no file matches, or one cannot be read', async () => {
    await failsWith(
      valid({ inputPaths: [input, path.join(platform.home, 'in', 'none-*.jsonl')] }),
      /^No file matches inputPaths\[1\]/,
    );
    const link = path.join(platform.home, 'in', 'dangling.jsonl');
    fs.symlinkSync(path.join(platform.home, 'gone.jsonl'), link);
    await failsWith(
      valid({ inputPaths: [path.join(platform.home, 'in', '*.jsonl')] }),
      /^The input file .*dangling.jsonl cannot be read/,
    );
    fs.rmSync(link);
  });

  it('fails when the output path cannot be written, or already holds results', async () => {
    const file = path.join(platform.home, 'a-file');
    fs.writeFileSync(file, '');
    await failsWith(
      valid({ outputPath: path.join(file, 'out') }),
      /^The output path .*a-file\/out cannot be written: .*ENOTDIR/,
    );
    const used = path.join(platform.home, 'out', 'used');
    writeLines(path.join(used, 'prediction.results-00000-of-00001'), ['{}']);
    await failsWith(valid({ outputPath: used }), /already holds prediction results/);
  });

  it('fails with the load error when the model given by uri is broken', async () => {
    const broken = path.join(platform.home, 'broken-model');
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'model.onnx'), 'not a model');
    await failsWith(
      valid({ modelName: undefined, uri: broken }),
      /^The batch workers could not start: .*model\.onnx/,
    );
  });
});

describe('cancelling, listing and labelling jobs', () => {
  it('cancels a running job: CANCELLING then CANCELLED, its workers stopped; a finished job cannot be cancelled', async () => {
    const job = await create(valid({ inputPaths: [big], batchSize: '1', maxWorkerCount: '2' }));
    const name = `projects/jobs/jobs/${job.jobId}`;
    await waitFor(
      async () => Number((await platform.jobs.client.GetJob({ name })).predictionOutput?.predictionCount) > 0,
      {
        timeoutMs: 60_000,
        description: 'the job to make progress',
      },
    );
    expect(platform.workerPids(name).length).toBeGreaterThan(0);
    await platform.jobs.client.CancelJob({ name });
    const state = (await platform.jobs.client.GetJob({ name })).state;
    expect(['CANCELLING', 'CANCELLED']).toContain(state);
    const cancelled = await platform.waitForState(name, ['CANCELLED']);
    expect(Number(cancelled.predictionOutput!.predictionCount)).toBeLessThan(200_000);
    // Its input progress stays where it stopped: the file's bytes known, only the shards done counted.
    const output = cancelled.predictionOutput!;
    expect(output.inputBytes).toBe(String(fs.statSync(big).size));
    expect(Number(output.processedInputBytes)).toBeLessThan(Number(output.inputBytes));
    expect(output.shardsDone).toBeLessThan(output.shardCount);
    await waitFor(() => platform.workerPids(name).length === 0, {
      timeoutMs: 20_000,
      description: 'the workers to stop',
    });
    await expectApiError(platform.jobs.client.CancelJob({ name }), StatusCode.FAILED_PRECONDITION, {
      message: /already ended/,
    });
    await expectApiError(
      platform.jobs.client.CancelJob({ name: 'projects/jobs/jobs/unknown' }),
      StatusCode.NOT_FOUND,
    );
  }, 120_000);

  it('lists jobs with filters and pages, and updates labels only', async () => {
    for (const n of [1, 2, 3])
      await create(valid(), { jobId: `nightly_${n}`, labels: { run: n === 2 ? 'b' : 'a' } });
    const first = await platform.jobs.client.ListJobs({
      parent: 'projects/jobs',
      filter: 'jobId:nightly_*',
      pageSize: 2,
    });
    expect(first.jobs.map((j) => j.jobId)).toEqual(['nightly_1', 'nightly_2']);
    const second = await platform.jobs.client.ListJobs({
      parent: 'projects/jobs',
      filter: 'jobId:nightly_*',
      pageSize: 2,
      pageToken: first.nextPageToken,
    });
    expect(second.jobs.map((j) => j.jobId)).toEqual(['nightly_3']);
    expect(second.nextPageToken).toBe('');
    const labelled = await platform.jobs.client.ListJobs({
      parent: 'projects/jobs',
      filter: 'jobId:nightly_* AND labels.run:a',
    });
    expect(labelled.jobs.map((j) => j.jobId)).toEqual(['nightly_1', 'nightly_3']);
    await expectApiError(
      platform.jobs.client.ListJobs({ parent: 'projects/jobs', filter: 'outputPath:x' }),
      StatusCode.INVALID_ARGUMENT,
      {
        field: 'filter',
      },
    );

    const job = await platform.jobs.client.GetJob({ name: 'projects/jobs/jobs/nightly_1' });
    const updated = await platform.jobs.client.UpdateJob({
      name: 'projects/jobs/jobs/nightly_1',
      job: { labels: { run: 'c' }, etag: job.etag },
      updateMask: { paths: ['labels'] },
    });
    expect(updated.labels).toEqual({ run: 'c' });
    await expectApiError(
      platform.jobs.client.UpdateJob({
        name: 'projects/jobs/jobs/nightly_1',
        job: { labels: {}, etag: job.etag },
        updateMask: { paths: ['labels'] },
      }),
      StatusCode.ABORTED,
      { message: /etag/ },
    );
    await expectApiError(
      platform.jobs.client.UpdateJob({
        name: 'projects/jobs/jobs/nightly_1',
        job: {},
        updateMask: { paths: ['predictionInput'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'update_mask' },
    );
    await expectApiError(
      platform.jobs.client.GetJob({ name: 'projects/jobs/nojobs' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'name' },
    );
  });

  it('keeps jobs beyond the running limit (2) QUEUED with their position, and starts them as slots free up', async () => {
    const slow = () => create(valid({ inputPaths: [big], batchSize: '1', maxWorkerCount: '1' }));
    const names = [];
    for (let n = 0; n < 4; n++) names.push(`projects/jobs/jobs/${(await slow()).jobId}`);
    await platform.waitForState(names[0]!, ['RUNNING']);
    await platform.waitForState(names[1]!, ['RUNNING']);
    const [third, fourth] = await Promise.all(
      names.slice(2).map((name) => platform.jobs.client.GetJob({ name })),
    );
    expect([third!.state, third!.jobPosition, fourth!.state, fourth!.jobPosition]).toEqual([
      'QUEUED',
      '0',
      'QUEUED',
      '1',
    ]);
    await platform.jobs.client.CancelJob({ name: names[0]! });
    await platform.waitForState(names[2]!, ['RUNNING']);
    expect(await platform.jobs.client.GetJob({ name: names[3]! })).toMatchObject({
      state: 'QUEUED',
      jobPosition: '0',
    });
    for (const name of names.slice(1)) await platform.jobs.client.CancelJob({ name });
    for (const name of names) await platform.waitForState(name, ['CANCELLED']);
  }, 120_000);
});

describe('the concurrent jobs quota', () => {
  const settings = 'projects/jobs/quotaSettings';
  const setQuota = (concurrentBatchJobs: number) =>
    platform.access.client.UpdateQuotaSettings({
      name: settings,
      quotaSettings: { concurrentBatchJobs },
      updateMask: { paths: ['concurrent_batch_jobs'] },
    });
  const slow = () => create(valid({ inputPaths: [big], batchSize: '1', maxWorkerCount: '1' }));
  const quotaFailure = async (creating: Promise<unknown>) => {
    const error = await expectApiError(creating, StatusCode.RESOURCE_EXHAUSTED, {
      message: /Quota exceeded for projects\/jobs/,
    });
    expect(error.details).toEqual(
      expect.arrayContaining([
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30.000s' },
      ]),
    );
    const failure = error.details.find((detail) => 'violations' in detail) as
      { violations: { subject: string; description: string }[] } | undefined;
    expect(failure?.violations[0]?.subject).toBe('projects/jobs');
    return failure!.violations[0]!.description;
  };
  const endAll = async (names: string[]) => {
    for (const name of names) await platform.jobs.client.CancelJob({ name }).catch(() => undefined);
    for (const name of names) await platform.waitForState(name, ['CANCELLED', 'SUCCEEDED', 'FAILED']);
  };

  beforeAll(async () => {
    // Jobs of the tests above may still be ending: the quota counts every job that has not ended.
    await waitFor(
      async () => {
        const { jobs } = await platform.jobs.client.ListJobs({ parent: 'projects/jobs', pageSize: 100 });
        return jobs.every((job) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.state));
      },
      { timeoutMs: 60_000, intervalMs: 250, description: 'the earlier jobs to end' },
    );
  }, 70_000);

  afterEach(() => setQuota(0));

  it("refuses a project's job beyond its quota setting with 429 details, and admits one again once a job has ended", async () => {
    expect(await setQuota(1)).toMatchObject({
      name: settings,
      concurrentBatchJobs: 1,
      predictionsPerMinute: 0,
    });
    const first = `projects/jobs/jobs/${(await slow()).jobId}`;
    expect(await quotaFailure(slow())).toBe(
      'concurrent batch prediction jobs (limit 1, projects/jobs/quotaSettings); wait for one to end or cancel one',
    );
    // Another project is not counted against this one.
    const other = await platform.jobs.client.CreateJob({
      parent: 'projects/elsewhere',
      job: { jobId: 'one', predictionInput: valid() },
    });
    expect(other.state).toBe('QUEUED');
    await endAll([first]);
    const next = `projects/jobs/jobs/${(await slow()).jobId}`;
    // -1: no limit for this project.
    await setQuota(-1);
    const beyond = `projects/jobs/jobs/${(await slow()).jobId}`;
    await expectApiError(setQuota(-2), StatusCode.INVALID_ARGUMENT, {
      field: 'quota_settings.concurrent_batch_jobs',
    });
    await setQuota(0);
    await endAll([next, beyond, 'projects/elsewhere/jobs/one']);
  }, 120_000);

  it('applies PRESAGE_QUOTA_CONCURRENT_JOBS to a project without a setting of its own', async () => {
    await platform.restartBatch(false, { PRESAGE_QUOTA_CONCURRENT_JOBS: '1' });
    try {
      const first = `projects/jobs/jobs/${(await slow()).jobId}`;
      expect(await quotaFailure(slow())).toContain('(limit 1, PRESAGE_QUOTA_CONCURRENT_JOBS)');
      await endAll([first]);
    } finally {
      await platform.restartBatch(false);
    }
  }, 120_000);
});
