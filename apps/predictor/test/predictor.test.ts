import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHealth } from '@presage/grpc-kit';
import { FIXTURE_NAMES, buildFixture, expectClose, expectedPredictions } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { waitFor } from '@presage/testing';
import type { ReadyPredictor } from './predictor-process';
import { spawnPredictor, startPredictor } from './predictor-process';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-predictor-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.each(FIXTURE_NAMES.map((name) => [name]))('predictor serving %s', (name) => {
  let fixture: Fixture;
  let predictor: ReadyPredictor;
  beforeAll(async () => {
    fixture = await buildFixture(name, root);
    predictor = await startPredictor(fixture.dir, {
      PRESAGE_PREDICTOR_VERSION: `projects/p/models/m/versions/${name}`,
    });
  });
  afterAll(async () => {
    expect(await predictor.stop()).toBe(0);
  });

  it('prints one ready line with the address, runtime and signature', () => {
    expect(predictor.ready).toEqual({
      event: 'ready',
      address: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      metricsAddress: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      runtime: 'onnx',
      signature: fixture.signature,
      loadSeconds: expect.any(Number),
    });
    expect(predictor.events).toHaveLength(1);
  });

  it("answers the fixture's instances with its expected predictions", async () => {
    const { httpStatus, body } = await predictor.predict({
      instances: fixture.instances,
      signature_name: 'serving_default',
    });
    expect(httpStatus).toBe(200);
    expectClose(body, { predictions: fixture.predictions });
  });

  it('answers a single instance the same as in a batch', async () => {
    const { body } = await predictor.predict({ instances: [fixture.instances[0]] });
    expectClose(body, { predictions: [fixture.predictions[0]] });
  });

  it('reports the model in GetModelInfo and SERVING in health', async () => {
    const info = await predictor.client.GetModelInfo({});
    expect(info).toEqual({
      version: `projects/p/models/m/versions/${name}`,
      runtime: 'onnx',
      signature: {
        inputs: fixture.signature.inputs.map((s) => ({ ...s, shape: s.shape.map(String) })),
        outputs: fixture.signature.outputs.map((s) => ({ ...s, shape: s.shape.map(String) })),
      },
      loadSeconds: predictor.ready.loadSeconds,
      metricsAddress: predictor.ready.metricsAddress,
    });
    expect(await checkHealth(predictor.address, 'presage.internal.v1.PredictorService')).toBe('SERVING');
  });
});

describe('predictor rejecting bad requests', () => {
  let linear: ReadyPredictor;
  let multi: ReadyPredictor;
  let multiFixture: Fixture;
  beforeAll(async () => {
    multiFixture = await buildFixture('multi_input', root);
    [linear, multi] = await Promise.all([
      startPredictor((await buildFixture('linear', root)).dir),
      startPredictor(multiFixture.dir),
    ]);
  });
  afterAll(async () => {
    expect(await Promise.all([linear.stop(), multi.stop()])).toEqual([0, 0]);
  });

  const element = (index: number) => `Failed to process element: ${index} of 'instances' list. Error: `;
  const cases: [string, 'linear' | 'multi', unknown, string][] = [
    ['a body that is not JSON', 'linear', '{"instances": [1, 2', 'The request body is not valid JSON: '],
    [
      'a body that is not an object',
      'linear',
      [[1, 2, 3, 4]],
      'The request body must be a JSON object: {"instances": [...]}',
    ],
    ['a body without instances', 'linear', { inputs: [[1, 2, 3, 4]] }, 'Missing "instances" attribute'],
    [
      'instances that are not a list',
      'linear',
      { instances: { x: [1, 2, 3, 4] } },
      '"instances" must be a list',
    ],
    [
      'a wrongly shaped instance',
      'linear',
      {
        instances: [
          [1, 2, 3, 4],
          [1, 2, 3],
        ],
      },
      `${element(1)}input 'x' expects shape [4] per instance, got [3]`,
    ],
    [
      'a string for a float input',
      'linear',
      {
        instances: [
          [1, 2, 3, 4],
          ['a', 'b', 'c', 'd'],
        ],
      },
      `${element(1)}at x[0]: expected a number (float32), got string "a"`,
    ],
    [
      'a list mixing types',
      'linear',
      { instances: [[1, 2, 'three', 4]] },
      `${element(0)}mixed types in a list at x: item 0 is a number, item 2 is a string`,
    ],
    [
      'an instance missing an input of a multi-input model',
      'multi',
      {
        instances: [
          { a: [1, 2], b: [3, 4, 5] },
          { a: [1, 2], c: [3, 4, 5] },
        ],
      },
      `${element(1)}missing input 'b'; the model's inputs are 'a' (float32 [?, 2]), 'b' (float32 [?, 3])`,
    ],
    [
      'a list for a multi-input model',
      'multi',
      { instances: [[1, 2]] },
      `${element(0)}the model has 2 inputs: each instance must be an object keyed by input name`,
    ],
    [
      'an instance nested 10,000 levels deep',
      'linear',
      `{"instances": [${'['.repeat(10_000)}${']'.repeat(10_000)}]}`,
      'The request body nests arrays and objects more than 100 levels deep',
    ],
    [
      'a pass-through key nested 10,000 levels deep',
      'multi',
      `{"instances": [{"a": [1, 2], "b": [3, 4, 5], "key": ${'{"k":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`,
      'The request body nests arrays and objects more than 100 levels deep',
    ],
  ];
  it.each(cases)('answers 400 to %s and keeps serving', async (_what, which, body, message) => {
    const predictor = which === 'linear' ? linear : multi;
    const answer = await predictor.predict(body);
    expect(answer.httpStatus).toBe(400);
    expect(Object.keys(answer.body)).toEqual(['error']);
    expect(answer.body['error']).toContain(message);

    const instances = which === 'linear' ? [[1, 2, 3, 4]] : multiFixture.instances;
    const good = await predictor.predict({ instances });
    expect(good.httpStatus).toBe(200);
    expectClose(
      good.body['predictions'],
      expectedPredictions(which === 'linear' ? 'linear' : 'multi_input', instances),
    );
  });
});

describe('predictor answer limit', () => {
  let linear: ReadyPredictor;
  beforeAll(async () => {
    linear = await startPredictor((await buildFixture('linear', root)).dir, {
      PRESAGE_MAX_RESPONSE_BYTES: '2000',
    });
  });
  afterAll(async () => {
    expect(await linear.stop()).toBe(0);
  });

  it('answers 400 saying the limit to a request whose predictions are larger than PRESAGE_MAX_RESPONSE_BYTES', async () => {
    const instances = Array.from({ length: 1000 }, () => [1, 2, 3, 4]);
    const refused = await linear.predict({ instances });
    expect(refused.httpStatus).toBe(400);
    expect(refused.body['error']).toMatch(
      /^The predictions \(\d+ bytes\) are larger than the limit of 2000 bytes for an answer \(PRESAGE_MAX_RESPONSE_BYTES\); send fewer instances per request\.$/,
    );
    const fits = await linear.predict({ instances: instances.slice(0, 2) });
    expect(fits.httpStatus).toBe(200);
    expectClose(fits.body['predictions'], expectedPredictions('linear', instances.slice(0, 2)));
  });
});

describe('predictor load failures', () => {
  it('prints a failed line naming the missing model.onnx and exits 3', async () => {
    const dir = await mkdtemp(join(root, 'empty-'));
    const predictor = spawnPredictor({ PRESAGE_PREDICTOR_MODEL_DIR: dir });
    // The markers of every registered runtime are listed; model.onnx among them.
    expect(await predictor.firstEvent()).toEqual({
      event: 'failed',
      error: expect.stringMatching(
        new RegExp(
          `^No .*model\\.onnx.* in ${dir}: the directory is empty\\. Presage looks for: .*model\\.onnx \\(onnx\\)`,
        ),
      ) as string,
    });
    expect(await predictor.exited).toBe(3);
  });

  it('prints a failed line listing the package files when the custom routine it is given is missing', async () => {
    const dir = await mkdtemp(join(root, 'routine-'));
    await writeFile(join(dir, 'routine.js'), 'exports.R = class R {};');
    const predictor = spawnPredictor({
      PRESAGE_PREDICTOR_MODEL_DIR: dir,
      PRESAGE_PREDICTOR_PREDICTION_CLASS: 'predictor.js#Predictor',
      PRESAGE_PREDICTOR_PACKAGE_DIRS: JSON.stringify([dir]),
    });
    expect(await predictor.firstEvent()).toEqual({
      event: 'failed',
      error: expect.stringMatching(
        /^Module predictor\.js .* is not in the packages: the packages hold routine\.js\./,
      ) as string,
    });
    expect(await predictor.exited).toBe(3);
  });

  it('prints a failed line saying a corrupt model.onnx is not a valid ONNX model and exits 3', async () => {
    const dir = await mkdtemp(join(root, 'corrupt-'));
    await writeFile(join(dir, 'model.onnx'), 'not an onnx model');
    const predictor = spawnPredictor({ PRESAGE_PREDICTOR_MODEL_DIR: dir });
    const event = await predictor.firstEvent();
    expect(event).toEqual({ event: 'failed', error: expect.stringMatching(/is not a valid ONNX model: .+/) });
    expect(
      event.event === 'failed' && event.error.startsWith(`${dir}/model.onnx is not a valid ONNX model: `),
    ).toBe(true);
    expect(await predictor.exited).toBe(3);
  });

  it.each([
    [
      'throws from a timer',
      "setTimeout(() => { throw new RangeError('weights out of range\\n    at secret/stack.js:1'); }, 10); return new Promise(() => {});",
      "The model's code crashed while loading: RangeError: weights out of range",
      1,
    ],
    [
      'leaves a promise rejected',
      "Promise.reject(new Error('vocabulary missing')); return new Promise(() => {});",
      "The model's code crashed while loading: Error: vocabulary missing",
      1,
    ],
    [
      'exits the process',
      'process.exit(5);',
      "The model's code ended the predictor process (exit code 5) while loading.",
      5,
    ],
  ])(
    'prints a failed line saying what happened when the routine %s while loading',
    async (_, body, error, code) => {
      const dir = await mkdtemp(join(root, 'crash-'));
      await writeFile(
        join(dir, 'predictor.js'),
        `exports.Predictor = class Predictor { static async load() { ${body} } predict(i) { return i; } };`,
      );
      const predictor = spawnPredictor({
        PRESAGE_PREDICTOR_MODEL_DIR: dir,
        PRESAGE_PREDICTOR_PREDICTION_CLASS: 'predictor.js#Predictor',
        PRESAGE_PREDICTOR_PACKAGE_DIRS: JSON.stringify([dir]),
      });
      expect(await predictor.firstEvent()).toEqual({ event: 'failed', error });
      expect(await predictor.exited).toBe(code);
      expect(predictor.events).toHaveLength(1);
    },
  );

  it('prints a failed line when PRESAGE_PREDICTOR_MODEL_DIR is unset', async () => {
    const predictor = spawnPredictor({ PRESAGE_PREDICTOR_MODEL_DIR: undefined });
    const event = await predictor.firstEvent();
    expect(event).toEqual({
      event: 'failed',
      error: expect.stringContaining('PRESAGE_PREDICTOR_MODEL_DIR is required'),
    });
    expect(await predictor.exited).not.toBe(0);
  });
});

describe('predictor shutdown', () => {
  it('answers every in-flight request of a burst on SIGTERM, then exits 0', async () => {
    const fixture = await buildFixture('mlp', root);
    const predictor = await startPredictor(fixture.dir, { PRESAGE_LOG_LEVEL: 'debug' });
    const instances = Array.from({ length: 300 }, (_, i) => fixture.instances[i % fixture.instances.length]);
    const expected = expectedPredictions('mlp', instances);
    const burst = Array.from({ length: 12 }, () =>
      predictor.predict({ instances }).then(
        (answer) => answer,
        (error: Error) => error,
      ),
    );
    const started = () => predictor.logs.filter((line) => line.includes('"predict started"')).length;
    await waitFor(() => started() >= 1, {
      timeoutMs: 20_000,
      description: 'the first request to reach the predictor',
    });
    predictor.child.kill('SIGTERM');

    const answers = await Promise.all(burst);
    expect(await predictor.exited).toBe(0);
    const answered = answers.filter(
      (answer): answer is Exclude<typeof answer, Error> => !(answer instanceof Error),
    );
    // Every call the predictor took is answered in full; calls that reached it after SIGTERM are refused
    // (UNAVAILABLE) so the gateway retries them elsewhere.
    expect(answered).toHaveLength(started());
    for (const answer of answered) {
      expect(answer.httpStatus).toBe(200);
      expectClose(answer.body['predictions'], expected);
    }
    for (const answer of answers)
      if (answer instanceof Error)
        expect(answer.message).toMatch(/unavailable|no connection|connection dropped|goaway/i);
    const stopping = predictor.logs.find((line) => line.includes('"predictor stopping"'));
    expect(JSON.parse(stopping!)).toMatchObject({ inFlight: expect.any(Number) });
    expect(JSON.parse(stopping!).inFlight).toBeGreaterThan(0);
  });
});
