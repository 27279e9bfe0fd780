import fs from 'node:fs';
import path from 'node:path';
import { call, startPlatform, waitForOperation } from './platform-harness';
import type { Platform } from './platform-harness';

const TOOLS = path.resolve(__dirname, '../../../tools');
const XGBOOST = ['reg-squarederror', 'binary-logistic', 'multi-softprob'] as const;
const TOLERANCE = 1e-5;

interface Expected {
  instances: (number | null)[][];
  predictions?: (number | number[])[];
  labels?: number[];
  probabilities?: number[][];
}

function expectedOf(dir: string): Expected {
  return JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
}

/** Every number within 1e-5 of sklearn's or XGBoost's, relative to its size (regressions run to ~300). */
function expectClose(actual: unknown, expected: unknown): void {
  const got = [actual].flat(2) as number[];
  const want = [expected].flat(2) as number[];
  expect(got).toHaveLength(want.length);
  want.forEach((value, i) =>
    expect(Math.abs(got[i]! - value)).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(value))),
  );
}

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ demo: false });
  for (const name of ['xgboost', 'sklearn', 'refused']) {
    expect((await call(platform, 'POST', '/v1/projects/e2e/models', { name })).status).toBe(200);
  }
}, 180_000);
afterAll(async () => {
  expect(await platform?.stop()).toBe(0);
}, 90_000);

/** Creates a version and waits for its operation; answers the version as the API shows it then. */
async function deploy(model: string, version: Record<string, unknown>): Promise<Record<string, unknown>> {
  const created = await call(platform, 'POST', `/v1/projects/e2e/models/${model}/versions`, version);
  expect(created.status).toBe(200);
  await waitForOperation(platform, created.body['name'] as string);
  return (await call(platform, 'GET', `/v1/projects/e2e/models/${model}/versions/${String(version['name'])}`))
    .body;
}

async function predict(model: string, version: string, instances: unknown[]): Promise<unknown[]> {
  const answer = await call(
    platform,
    'POST',
    `/v1/projects/e2e/models/${model}/versions/${version}:predict`,
    {
      instances,
    },
  );
  expect(answer).toMatchObject({ status: 200 });
  return answer.body['predictions'] as unknown[];
}

describe('XGBoost and scikit-learn models over REST', () => {
  it.each(XGBOOST)(
    'serves the XGBoost %s booster as XGBoost predicts, null features as missing',
    async (name) => {
      const dir = path.join(TOOLS, 'xgboost/models', name);
      const expected = expectedOf(dir);
      const version = await deploy('xgboost', {
        name: name.replace(/-/g, '_'),
        deploymentUri: dir,
        framework: 'XGBOOST',
      });
      expect(version).toMatchObject({ state: 'READY', framework: 'XGBOOST' });
      const predictions = await predict(
        'xgboost',
        String(version['name']).split('/').pop()!,
        expected.instances,
      );
      expect(predictions).toHaveLength(expected.instances.length);
      // A number per instance, or the list of class probabilities.
      expect(Array.isArray(predictions[0])).toBe(Array.isArray(expected.predictions![0]));
      expectClose(predictions, expected.predictions);
    },
  );

  it('detects an XGBoost model.json when the framework is unset', async () => {
    const dir = path.join(TOOLS, 'xgboost/models/binary-logistic');
    const expected = expectedOf(dir);
    const version = await deploy('xgboost', { name: 'detected', deploymentUri: dir });
    expect(version).toMatchObject({ state: 'READY' });
    expectClose(await predict('xgboost', 'detected', expected.instances), expected.predictions);
  });

  it('answers a classifier’s labels for SCIKIT_LEARN and every output for ONNX, and a regressor’s values', async () => {
    const classifier = path.join(TOOLS, 'sklearn/models/classifier');
    const expected = expectedOf(classifier);
    expect(
      await deploy('sklearn', { name: 'labels', deploymentUri: classifier, framework: 'SCIKIT_LEARN' }),
    ).toMatchObject({
      state: 'READY',
    });
    expect(await predict('sklearn', 'labels', expected.instances)).toEqual(expected.labels);

    expect(
      await deploy('sklearn', { name: 'all_outputs', deploymentUri: classifier, framework: 'ONNX' }),
    ).toMatchObject({
      state: 'READY',
    });
    const outputs = (await predict('sklearn', 'all_outputs', expected.instances)) as {
      label: number;
      probabilities: number[];
    }[];
    expect(outputs.map((output) => output.label)).toEqual(expected.labels);
    expectClose(
      outputs.map((output) => output.probabilities),
      expected.probabilities,
    );

    const regressor = path.join(TOOLS, 'sklearn/models/regressor');
    const values = expectedOf(regressor);
    expect(
      await deploy('sklearn', { name: 'regressor', deploymentUri: regressor, framework: 'SCIKIT_LEARN' }),
    ).toMatchObject({
      state: 'READY',
    });
    const predictions = await predict('sklearn', 'regressor', values.instances);
    expect(typeof predictions[0]).toBe('number');
    expectClose(predictions, values.predictions);
  });

  it.each([
    [
      'model.pkl',
      'SCIKIT_LEARN',
      /export the model to ONNX \(skl2onnx: to_onnx\(model, X\[:1\]\) → model\.onnx\)/,
    ],
    [
      'model.bst',
      'XGBOOST',
      /save the booster with booster\.save_model\('model\.json'\) \(the JSON format\)/,
    ],
    [
      'model.bst',
      undefined,
      /save the booster with booster\.save_model\('model\.json'\) \(the JSON format\)/,
    ],
  ])('fails a version of %s (framework %s) saying what to do', async (file, framework, guidance) => {
    const dir = fs.mkdtempSync(path.join(platform.home, 'refused-'));
    fs.writeFileSync(path.join(dir, file), 'not loaded');
    const name = `${file.replace('.', '_')}_${framework ?? 'detected'}`.toLowerCase();
    const version = await deploy('refused', {
      name,
      deploymentUri: dir,
      ...(framework ? { framework } : {}),
    });
    expect(version).toMatchObject({ state: 'FAILED', errorMessage: expect.stringMatching(guidance) });
  });
});
