import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from '@presage/testing';
import { startPlatform } from './platform-harness';
import type { Platform } from './platform-harness';
import { presageJson, runPresage, writeInstances } from './cli-runner';
import type { CliRunOptions } from './cli-runner';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const IRIS_DIR = path.join(REPO_ROOT, 'tools/iris/model');
/** The iris model's known answers (tools/iris/train.py wrote them beside the model). */
const SAMPLES = JSON.parse(fs.readFileSync(path.join(IRIS_DIR, 'samples.json'), 'utf8')) as {
  instances: number[][];
  probabilities: number[][];
  classes: number[];
};

interface Prediction {
  class: number;
  probabilities: number[];
}
type Json = Record<string, unknown>;

function expectIrisAnswers(predictions: Prediction[]): void {
  expect(predictions.map((p) => p.class)).toEqual(SAMPLES.classes);
  predictions.forEach((p, n) =>
    p.probabilities.forEach((value, k) => expect(value).toBeCloseTo(SAMPLES.probabilities[n]![k]!, 5)),
  );
}

describe('the presage CLI against `presage up`', () => {
  jest.setTimeout(180_000);
  let platform: Platform;
  let work: string;
  let env: CliRunOptions['env'];
  const presage = (args: string[], options: CliRunOptions = {}) =>
    runPresage(args, { ...options, env: { ...env, ...options.env } });
  const json = <T = Json>(args: string[], options: CliRunOptions = {}) =>
    presageJson<T>(args, { ...options, env: { ...env, ...options.env } });

  beforeAll(async () => {
    platform = await startPlatform({ demo: true });
    env = { PRESAGE_ENDPOINT: platform.rest };
    work = fs.mkdtempSync(path.join(platform.home, 'cli-'));
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('lists and describes the demo model in table, JSON and YAML, in the default project demo', async () => {
    const table = await presage(['models', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME +DEFAULT_VERSION_NAME\niris +v1\n$/);
    const models = await json<Json[]>(['models', 'list']);
    expect(models).toEqual([expect.objectContaining({ name: 'projects/demo/models/iris' })]);
    const model = await json(['models', 'describe', 'iris']);
    expect(model['defaultVersion']).toMatchObject({
      name: 'projects/demo/models/iris/versions/v1',
      state: 'READY',
    });
    const yaml = await presage(['models', 'describe', 'iris', '--format', 'yaml']);
    expect(yaml.stdout).toMatch(/^name: projects\/demo\/models\/iris\n/);
    expect(yaml.stdout).toMatch(/^ {2}state: READY$/m);
    const versions = await json<Json[]>(['versions', 'list', '--model', 'iris']);
    expect(versions.map((v) => [v['name'], v['state'], v['isDefault']])).toEqual([
      ['projects/demo/models/iris/versions/v1', 'READY', true],
    ]);
  });

  it('predicts with the server and with `local predict`, and both give the model’s known answers', async () => {
    const file = writeInstances(work, 'iris.jsonl', SAMPLES.instances);
    const server = await json<{ predictions: Prediction[] }>([
      'predict',
      '--model',
      'iris',
      '--json-instances',
      file,
    ]);
    expectIrisAnswers(server.predictions);
    const byVersion = await json<{ predictions: Prediction[] }>(
      ['predict', '--model', 'projects/demo/models/iris', '--version', 'v1', '--json-request', '-'],
      { stdin: JSON.stringify({ instances: SAMPLES.instances }) },
    );
    expect(byVersion.predictions).toEqual(server.predictions);
    const local = await json<{ predictions: Prediction[] }>(
      ['local', 'predict', '--model-dir', IRIS_DIR, '--json-instances', file],
      { env: { PRESAGE_ENDPOINT: 'http://127.0.0.1:1' } }, // no server involved
    );
    expect(local.predictions).toEqual(server.predictions);
    const table = await presage(['predict', '--model', 'iris', '--json-instances', file]);
    expect(table.stdout.split('\n')[0]).toMatch(/^PROBABILITIES +CLASS$/);
    expect(table.stdout.trim().split('\n')).toHaveLength(SAMPLES.instances.length + 1);
    const bad = await presage(['predict', '--model', 'iris', '--json-request', '-'], {
      stdin: '{"instances": [[1, 2]]}',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^presage: .*Failed to process element: 0/m);
  });

  it('creates, updates, deploys, defaults and deletes models and versions with --project, waiting with a spinner', async () => {
    const acme = ['--project', 'acme'];
    const created = await json([
      ...acme,
      'models',
      'create',
      'churn',
      '--description',
      'first',
      '--labels',
      'team=ml,tier=1',
    ]);
    expect(created).toMatchObject({ name: 'projects/acme/models/churn', labels: { team: 'ml', tier: '1' } });
    const updated = await json([
      ...acme,
      'models',
      'update',
      'churn',
      '--description',
      'second',
      '--remove-labels',
      'tier',
    ]);
    expect(updated).toMatchObject({ description: 'second', labels: { team: 'ml' } });

    // PRESAGE_PROJECT does what --project does.
    const projectEnv = { env: { PRESAGE_PROJECT: 'acme' } };
    const v1 = await presage(
      [
        'versions',
        'create',
        'v1',
        '--model',
        'churn',
        '--origin',
        IRIS_DIR,
        '--framework',
        'onnx',
        '--format',
        'json',
      ],
      projectEnv,
    );
    expect(v1.code).toBe(0);
    expect(JSON.parse(v1.stdout)).toMatchObject({
      name: 'projects/acme/models/churn/versions/v1',
      state: 'READY',
      framework: 'ONNX',
    });
    // Not a TTY: the spinner is a plain line before and after.
    expect(v1.stderr).toContain(
      'Creating version (this might take a few minutes) [projects/acme/models/churn/versions/v1]...\n',
    );
    expect(v1.stderr).toContain('[projects/acme/models/churn/versions/v1]...done.\n');

    const config = path.join(work, 'v2.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ deploymentUri: IRIS_DIR, description: 'from --config', labels: { source: 'file' } }),
    );
    const forced = await presage([
      ...acme,
      'versions',
      'create',
      'v2',
      '--model',
      'churn',
      '--config',
      config,
      '--progress',
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('\r\x1b[K'); // --progress draws the spinner without a TTY
    const v2 = await json([...acme, 'versions', 'describe', 'v2', '--model', 'churn']);
    expect(v2).toMatchObject({
      state: 'READY',
      description: 'from --config',
      labels: { source: 'file' },
    });
    expect(v2['isDefault'] ?? false).toBe(false); // proto3 JSON leaves false out

    const relabelled = await json([
      ...acme,
      'versions',
      'update',
      'v2',
      '--model',
      'churn',
      '--update-labels',
      'stage=canary',
      '--description',
      'canary',
    ]);
    expect(relabelled).toMatchObject({ description: 'canary', labels: { source: 'file', stage: 'canary' } });
    expect(await json([...acme, 'versions', 'set-default', 'v2', '--model', 'churn'])).toMatchObject({
      isDefault: true,
    });
    const states = await json<Json[]>([...acme, 'versions', 'list', '--model', 'churn']);
    expect(states.map((v) => [v['name'], v['state'], v['isDefault'] ?? false])).toEqual([
      ['projects/acme/models/churn/versions/v1', 'READY', false],
      ['projects/acme/models/churn/versions/v2', 'READY', true],
    ]);

    const busy = await presage([...acme, 'models', 'delete', 'churn']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/^presage: FAILED_PRECONDITION: .*still has 2 version/m);
    const deleting = await json([...acme, 'versions', 'delete', 'v1', '--model', 'churn', '--async']);
    expect(deleting['name']).toMatch(/^projects\/acme\/operations\//);
    await json([...acme, 'operations', 'wait', String(deleting['name'])]);
    const gone = await presage([...acme, 'versions', 'delete', 'v2', '--model', 'churn', '--quiet']);
    expect(gone).toMatchObject({
      code: 0,
      stderr: expect.stringContaining('Deleted version [projects/acme/models/churn/versions/v2].'),
    });
    expect((await presage([...acme, 'models', 'delete', 'churn'])).code).toBe(0);
    expect(await json<Json[]>([...acme, 'models', 'list'])).toEqual([]);
  });

  it('lists, describes, waits for and cancels operations', async () => {
    const acme = ['--project', 'opsco'];
    await json([...acme, 'models', 'create', 'm']);
    const operation = await json([
      ...acme,
      'versions',
      'create',
      'v1',
      '--model',
      'm',
      '--origin',
      IRIS_DIR,
      '--async',
    ]);
    const id = String(operation['name']).split('/').pop()!;
    const cancel = await presage([...acme, 'operations', 'cancel', id]);
    expect(cancel.code).toBe(0);
    const waited = await presage([...acme, 'operations', 'wait', id, '--format', 'json']);
    // Cancelled before the deployer finished, or finished first: either way it is done and says so.
    if (waited.code === 0)
      expect(JSON.parse(waited.stdout)).toMatchObject({ name: 'projects/opsco/models/m/versions/v1' });
    else expect(waited.stderr).toMatch(/^presage: CANCELLED: /m);
    const described = await json([...acme, 'operations', 'describe', id]);
    expect(described).toMatchObject({
      name: String(operation['name']),
      done: true,
      metadata: { operationType: 'CREATE_VERSION' },
    });
    // A cancelled operation says cancellation was asked for; one that ended before the cancel arrived
    // (the deployer can be that quick) is left as it ended.
    if (waited.code !== 0) {
      expect(described).toMatchObject({ metadata: { isCancellationRequested: true } });
    }
    const listed = await json<Json[]>([...acme, 'operations', 'list']);
    expect(listed.map((o) => o['name'])).toContain(String(operation['name']));
    const table = await presage([...acme, 'operations', 'list']);
    expect(table.stdout).toMatch(new RegExp(`^${id} +CREATE_VERSION +yes`, 'm'));
  });

  it('reports API errors with their status and field violations (exit 1) and usage errors (exit 2), never a stack', async () => {
    const missing = await presage(['models', 'describe', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^presage: NOT_FOUND: .*projects\/demo\/models\/nope/);
    const invalid = await presage([
      'versions',
      'create',
      'Bad-name',
      '--model',
      'iris',
      '--origin',
      IRIS_DIR,
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^presage: INVALID_ARGUMENT: /);
    expect(invalid.stderr).toMatch(/^ {2}version\.name: A version name must start with a letter/m);
    const failed = await presage([
      'versions',
      'create',
      'nowhere',
      '--model',
      'iris',
      '--origin',
      path.join(work, 'absent'),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('...failed.\n');
    expect(failed.stderr).toMatch(/^presage: FAILED_PRECONDITION: .*does not exist/m);
    for (const args of [
      ['models', 'list', '--bogus'],
      ['versions', 'list'],
      ['predict', '--model', 'iris'],
      ['models', 'list', '--format', 'xml'],
      [
        'jobs',
        'submit',
        'prediction',
        'j',
        '--model',
        'iris',
        '--input-paths',
        'x',
        '--output-path',
        'y',
        '--data-format',
        'csv',
      ],
    ]) {
      const result = await presage(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(/^presage: /);
    }
    for (const result of [missing, invalid, failed]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('submits a batch job and shows its progress as instances done of total, then lists, describes and cancels jobs', async () => {
    const input = path.join(work, 'batch-in');
    fs.mkdirSync(input);
    const instances = Array.from({ length: 300 }, (_, n) => SAMPLES.instances[n % SAMPLES.instances.length]);
    fs.writeFileSync(
      path.join(input, 'part-0.jsonl'),
      `${instances.map((i) => JSON.stringify(i)).join('\n')}\nnot json\n`,
    );
    const submit = [
      'jobs',
      'submit',
      'prediction',
      'nightly_1',
      '--model',
      'iris',
      '--input-paths',
      `${input}/part-*`,
      '--output-path',
      path.join(work, 'batch-out'),
      '--data-format',
      'json',
      '--region',
      'us-central1',
      '--wait',
    ];
    const done = await presage([...submit, '--format', 'json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      jobId: 'nightly_1',
      state: 'SUCCEEDED',
      predictionOutput: { predictionCount: '300', errorCount: '1' },
    });
    const progress = done.stderr.split('\n').filter((line) => line.includes('instances'));
    expect(progress[0]).toMatch(/^(QUEUED|PREPARING|RUNNING) \[-{30}\] 0\/301 instances \(0%\), 0 errors$/);
    expect(progress.at(-1)).toBe(`SUCCEEDED [${'#'.repeat(30)}] 301/301 instances (100%), 1 error`);
    const results = fs.readFileSync(
      path.join(work, 'batch-out', 'prediction.results-00000-of-00001'),
      'utf8',
    );
    expect(results.trim().split('\n')).toHaveLength(300);

    const jobs = await json<Json[]>(['jobs', 'list']);
    expect(jobs.map((j) => [j['jobId'], j['state']])).toContainEqual(['nightly_1', 'SUCCEEDED']);
    expect((await presage(['jobs', 'list'])).stdout).toMatch(/^nightly_1 +SUCCEEDED +\d{4}-/m);
    expect(await json(['jobs', 'describe', 'nightly_1'])).toMatchObject({
      predictionInput: { region: 'us-central1', dataFormat: 'JSON' },
    });
    const followed = await presage(['jobs', 'stream-logs', 'nightly_1']);
    expect(followed.code).toBe(0);
    expect(followed.stderr).toContain('SUCCEEDED [');

    // The same output path again: the job fails, and --wait says why with exit 1.
    const refused = await presage([...submit.slice(0, 3), 'nightly_2', ...submit.slice(4), '--progress']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('\r\x1b[K'); // the bar drawn in place
    expect(refused.stderr).toMatch(
      /^presage: job nightly_2 ended FAILED: The output path .* already holds prediction results/m,
    );
    const ended = await presage(['jobs', 'cancel', 'nightly_1']);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(/^presage: FAILED_PRECONDITION: /);
  });

  it('cancels a running job', async () => {
    const input = path.join(work, 'big-in');
    fs.mkdirSync(input);
    const line = `${JSON.stringify(SAMPLES.instances[0])}\n`;
    fs.writeFileSync(path.join(input, 'part-0.jsonl'), line.repeat(100_000));
    const submitted = await json([
      'jobs',
      'submit',
      'prediction',
      'long_1',
      '--model-dir',
      IRIS_DIR,
      '--input-paths',
      `${input}/part-0.jsonl`,
      '--output-path',
      path.join(work, 'big-out'),
      '--data-format',
      'json',
      '--batch-size',
      '1',
      '--max-worker-count',
      '1',
    ]);
    expect(submitted).toMatchObject({ jobId: 'long_1', state: 'QUEUED' });
    const cancelled = await presage(['jobs', 'cancel', 'long_1']);
    expect(cancelled).toMatchObject({ code: 0, stderr: 'Cancelled job [projects/demo/jobs/long_1].\n' });
    const state = await waitFor(
      async () => {
        const job = await json(['jobs', 'describe', 'long_1']);
        return ['CANCELLED', 'SUCCEEDED', 'FAILED'].includes(String(job['state'])) ? job['state'] : undefined;
      },
      { timeoutMs: 60_000, description: 'the job to end' },
    );
    expect(state).toBe('CANCELLED');
  });

  it('runs as the package bin, `npx presage`', async () => {
    const models = await json<Json[]>(['models', 'list'], {
      entry: path.join(REPO_ROOT, 'node_modules/.bin/presage'),
    });
    expect(models.map((m) => m['name'])).toEqual(['projects/demo/models/iris']);
  });
});
