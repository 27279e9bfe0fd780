import fs from 'node:fs';
import path from 'node:path';
import { buildTfjsFixture, expectClose } from '@presage/model-fixtures';
import type { TfjsFixture, TfjsFixtureName } from '@presage/model-fixtures';
import { call, startPlatform, waitForOperation } from './platform-harness';
import type { Platform } from './platform-harness';

const MODEL = 'projects/e2e/models/tf';

let platform: Platform;
const fixtures = new Map<TfjsFixtureName, TfjsFixture>();

beforeAll(async () => {
  platform = await startPlatform({ demo: false });
  for (const name of ['tfjs_graph', 'tfjs_layers', 'tfjs_multi_input'] as const) {
    fixtures.set(name, await buildTfjsFixture(name, path.join(platform.home, 'fixtures')));
  }
  expect((await call(platform, 'POST', '/v1/projects/e2e/models', { name: 'tf' })).status).toBe(200);
}, 180_000);
afterAll(async () => {
  expect(await platform?.stop()).toBe(0);
}, 90_000);

async function deploy(version: string, deploymentUri: string, extra: Record<string, unknown>) {
  const created = await call(platform, 'POST', `/v1/${MODEL}/versions`, {
    name: version,
    deploymentUri,
    ...extra,
  });
  expect(created.status).toBe(200);
  await waitForOperation(platform, created.body['name'] as string);
  return (await call(platform, 'GET', `/v1/${MODEL}/versions/${version}`)).body;
}

/** The signature as the REST API records it (proto3 JSON: int64 shape dims are strings). */
function recorded(signature: TfjsFixture['signature']) {
  const specs = (list: TfjsFixture['signature']['inputs']) =>
    list.map((spec) => ({ name: spec.name, dtype: spec.dtype, shape: spec.shape.map(String) }));
  return { inputs: specs(signature.inputs), outputs: specs(signature.outputs) };
}

describe('TensorFlow.js models served over REST', () => {
  it.each([
    ['graph', 'tfjs_graph', 'TENSORFLOW'],
    ['layers', 'tfjs_layers', undefined],
    ['multi', 'tfjs_multi_input', 'TENSORFLOW'],
  ] as const)(
    'deploys the %s model (%s, framework %s), records its signature and predicts',
    async (version, name, framework) => {
      const extra = framework ? { framework } : {};
      const fixture = fixtures.get(name)!;
      const deployed = await deploy(version, fixture.dir, extra);
      expect([deployed['state'], deployed['errorMessage']]).toEqual(['READY', undefined]);
      expect(deployed['signature']).toEqual(recorded(fixture.signature));
      const answer = await call(platform, 'POST', `/v1/${MODEL}/versions/${version}:predict`, {
        instances: fixture.instances,
      });
      expect(answer.status).toBe(200);
      expectClose(answer.body['predictions'], fixture.predictions);
    },
  );

  it('detects the graph model when the framework is unset, and serves AI Platform errors for bad instances', async () => {
    const fixture = fixtures.get('tfjs_graph')!;
    const deployed = await deploy('graph_detected', fixture.dir, {});
    expect(deployed['state']).toBe('READY');
    const ok = await call(platform, 'POST', `/v1/${MODEL}/versions/graph_detected:predict`, {
      instances: fixture.instances.slice(0, 1),
    });
    expectClose(ok.body['predictions'], fixture.predictions.slice(0, 1));
    const bad = await call(platform, 'POST', `/v1/${MODEL}/versions/graph_detected:predict`, {
      instances: [[1, 2, 3]],
    });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toEqual(expect.stringContaining("input 'x' expects shape [4] per instance"));
  });

  it('fails a SavedModel version with how to run it: the native backend, or a conversion', async () => {
    const dir = path.join(platform.home, 'fixtures', 'saved_model');
    fs.mkdirSync(path.join(dir, 'variables'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'saved_model.pb'), 'a SavedModel graph would be here');
    const deployed = await deploy('saved', dir, { framework: 'TENSORFLOW' });
    expect(deployed).toMatchObject({
      state: 'FAILED',
      errorMessage: expect.stringContaining(
        'This is a TensorFlow SavedModel; running it needs the native backend: `npm install @tensorflow/tfjs-node` ' +
          'on a machine with internet access, or convert the model: to ONNX with `python -m tf2onnx.convert',
      ),
    });
    expect(deployed['errorMessage']).toContain('tensorflowjs_converter --input_format=tf_saved_model');
  });
});
