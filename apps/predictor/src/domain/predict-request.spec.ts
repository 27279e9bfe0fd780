import type { LoadedModel, Tensor } from '@presage/runtimes';
import { ModelRunError } from '@presage/runtimes';
import { encodeAnswer, predictBody } from './predict-request';

/** y = 2·x on a [N, 2] float32 input; `fail` makes run() reject like a runtime would. */
function doubler(fail?: Error): LoadedModel {
  return {
    runtime: 'fake',
    signature: {
      inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 2] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [-1, 2] }],
    },
    run: (feeds) => {
      if (fail) return Promise.reject(fail);
      const x = feeds['x'] as Tensor<'float32'>;
      return Promise.resolve({ y: { dtype: 'float32', shape: x.shape, data: x.data.map((v) => v * 2) } });
    },
    close: () => Promise.resolve(),
  };
}

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('predictBody', () => {
  it('answers 200 with one prediction per instance, ignoring other top-level keys', async () => {
    expect(
      await predictBody(
        doubler(),
        body({
          instances: [
            [1, 2],
            [0.5, -1],
          ],
          signature_name: 'serving_default',
        }),
      ),
    ).toEqual({
      httpStatus: 200,
      body: {
        predictions: [
          [2, 4],
          [1, -2],
        ],
      },
    });
  });

  it.each([
    ['not JSON', '{"instances": [', /^The request body is not valid JSON: /],
    ['not an object', '[[1, 2]]', /^The request body must be a JSON object/],
    ['without instances', { instance: [[1, 2]] }, /^Missing "instances" attribute/],
    ['with non-list instances', { instances: 'x' }, /^"instances" must be a list$/],
    [
      'with a bad instance',
      { instances: [[1, 2], [1]] },
      /^Failed to process element: 1 of 'instances' list\. Error: /,
    ],
  ])('answers 400 {"error"} to a body %s', async (_what, value, message) => {
    const answer = await predictBody(doubler(), body(value));
    expect(answer.httpStatus).toBe(400);
    expect((answer.body as { error: string }).error).toMatch(message);
  });

  it('answers 400 "Prediction failed: ..." when the model fails to run', async () => {
    const answer = await predictBody(
      doubler(new ModelRunError('Got invalid dimensions for input: x')),
      body({ instances: [[1, 2]] }),
    );
    expect(answer).toEqual({
      httpStatus: 400,
      body: { error: 'Prediction failed: Got invalid dimensions for input: x' },
    });
  });

  describe('with a model that takes JSON instances (a custom routine)', () => {
    const routine = (predict: LoadedModel['predictInstances']): LoadedModel => ({
      runtime: 'custom',
      signature: { inputs: [], outputs: [] },
      run: () => Promise.reject(new Error('not used')),
      close: () => Promise.resolve(),
      predictInstances: predict,
    });

    it('passes the instances as they are and the other top-level keys as options', async () => {
      const model = routine((instances, options) =>
        Promise.resolve(instances.map((instance) => ({ instance, options }))),
      );
      const answer = await predictBody(
        model,
        body({ instances: [{ text: 'a' }, 'b'], signature_name: 's', parameters: { k: 2 } }),
      );
      const options = { signature_name: 's', parameters: { k: 2 } };
      expect(answer).toEqual({
        httpStatus: 200,
        body: {
          predictions: [
            { instance: { text: 'a' }, options },
            { instance: 'b', options },
          ],
        },
      });
    });

    it('answers 400 to a body without an instances list, and "Prediction failed: ..." to a failed predict', async () => {
      const model = routine(() => Promise.reject(new ModelRunError('bad input')));
      expect(await predictBody(model, body({ instances: 'x' }))).toEqual({
        httpStatus: 400,
        body: { error: '"instances" must be a list' },
      });
      expect(await predictBody(model, body({ instances: [1] }))).toEqual({
        httpStatus: 400,
        body: { error: 'Prediction failed: bad input' },
      });
    });

    it('answers 400 when the predictions are not JSON', async () => {
      const answer = await predictBody(
        routine(() => Promise.resolve([BigInt(1)])),
        body({ instances: [1] }),
      );
      expect(answer.httpStatus).toBe(400);
      expect((answer.body as { error: string }).error).toMatch(
        /^Prediction failed: the predictions cannot be written as JSON: .*BigInt/,
      );
    });
  });
});

describe('encodeAnswer', () => {
  it('writes an answer within the limit as it is', () => {
    const answer = { httpStatus: 200 as const, body: { predictions: [1, 2] } };
    expect(encodeAnswer(answer, 100)).toEqual({
      httpStatus: 200,
      body: Buffer.from('{"predictions":[1,2]}'),
    });
  });

  it('replaces an answer over the limit by a 400 that says the sizes and the setting', () => {
    const answer = {
      httpStatus: 200 as const,
      body: { predictions: Array.from({ length: 100 }, () => 1.5) },
    };
    const encoded = encodeAnswer(answer, 100);
    expect(encoded.httpStatus).toBe(400);
    expect(JSON.parse(encoded.body.toString())).toEqual({
      error:
        'The predictions (417 bytes) are larger than the limit of 100 bytes for an answer (PRESAGE_MAX_RESPONSE_BYTES); send fewer instances per request.',
    });
  });
});
