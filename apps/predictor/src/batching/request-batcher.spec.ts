import { ApiError, StatusCode } from '@presage/errors';
import type { LoadedModel, Tensor } from '@presage/runtimes';
import { RequestBatcher } from './request-batcher';
import type { BatchingSettings, EncodedAnswer } from './request-batcher';

/**
 * A model doubling a [N, 2] float32 input, whose runs the test holds open and counts. A run with the value
 * 666 in it fails, as a model can on an input it does not take.
 */
function doubler(options: { batchDim?: number } = {}) {
  const runs: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  const model: LoadedModel = {
    runtime: 'fake',
    signature: {
      inputs: [{ name: 'x', dtype: 'float32', shape: [options.batchDim ?? -1, 2] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [options.batchDim ?? -1, 2] }],
    },
    async run(feeds) {
      const x = feeds['x'] as Tensor<'float32'>;
      runs.push(x.shape[0]!);
      await gate;
      if (x.data.includes(666)) throw new Error('the model cannot take 666');
      return { y: { dtype: 'float32', shape: x.shape, data: x.data.map((v) => v * 2) } };
    },
    close: () => Promise.resolve(),
  };
  return {
    model,
    runs,
    /** Runs wait until release() from now on. */
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => open(),
  };
}

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const json = (answer: EncodedAnswer) => ({
  status: answer.httpStatus,
  body: JSON.parse(answer.body.toString()) as Record<string, unknown>,
});
const settings = (overrides: Partial<BatchingSettings> = {}): BatchingSettings => ({
  maxBatchSize: 64,
  maxQueueDelayMs: 0,
  ...overrides,
});

describe('RequestBatcher', () => {
  it('merges requests that arrive together into one run and gives each its predictions, in order, with its keys', async () => {
    const fake = doubler();
    const batcher = new RequestBatcher(fake.model, settings(), 1 << 20);
    const answers = await Promise.all([
      batcher.submit(body({ instances: [{ x: [1, 2], key: 'a' }] })).answer,
      batcher.submit(
        body({
          instances: [
            [3, 4],
            [5, 6],
          ],
        }),
      ).answer,
      batcher.submit(body({ instances: [{ x: [7, 8], key: 9 }] })).answer,
    ]);
    expect(fake.runs).toEqual([4]);
    expect(answers.map(json)).toEqual([
      { status: 200, body: { predictions: [{ y: [2, 4], key: 'a' }] } },
      {
        status: 200,
        body: {
          predictions: [
            [6, 8],
            [10, 12],
          ],
        },
      },
      { status: 200, body: { predictions: [{ y: [14, 16], key: 9 }] } },
    ]);
  });

  it('runs a lone request at once, and merges what arrives while the model runs into the next run', async () => {
    const fake = doubler();
    const batcher = new RequestBatcher(fake.model, settings(), 1 << 20);
    fake.hold();
    const first = batcher.submit(body({ instances: [[1, 1]] })).answer;
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.runs).toEqual([1]);
    const later = [1, 2, 3].map((n) => batcher.submit(body({ instances: [[n, n]] })).answer);
    fake.release();
    await Promise.all([first, ...later]);
    expect(fake.runs).toEqual([1, 3]);
  });

  it('answers a bad request alone, at once, with its error, while the others run', async () => {
    const fake = doubler();
    const batcher = new RequestBatcher(fake.model, settings(), 1 << 20);
    const [good, bad, other] = await Promise.all([
      batcher.submit(body({ instances: [[1, 2]] })).answer,
      batcher.submit(body({ instances: [[1, 2, 3]] })).answer,
      batcher.submit(body({ instances: [[3, 4]] })).answer,
    ]);
    expect(fake.runs).toEqual([2]);
    expect(json(bad)).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^Failed to process element: 0 of 'instances' list/) },
    });
    expect(json(good).body).toEqual({ predictions: [[2, 4]] });
    expect(json(other).body).toEqual({ predictions: [[6, 8]] });
  });

  it('runs each request alone when their merged run fails, so only the one at fault fails', async () => {
    const fake = doubler();
    const batcher = new RequestBatcher(fake.model, settings(), 1 << 20);
    const answers = await Promise.all([
      batcher.submit(body({ instances: [[1, 2]] })).answer,
      batcher.submit(body({ instances: [[666, 0]] })).answer,
      batcher.submit(body({ instances: [[3, 4]] })).answer,
    ]);
    expect(fake.runs).toEqual([3, 1, 1, 1]);
    expect(answers.map(json)).toEqual([
      { status: 200, body: { predictions: [[2, 4]] } },
      { status: 400, body: { error: 'Prediction failed: the model cannot take 666' } },
      { status: 200, body: { predictions: [[6, 8]] } },
    ]);
  });

  it('drops a queued request whose deadline passed or whose caller cancelled: it never runs', async () => {
    const fake = doubler();
    const batcher = new RequestBatcher(fake.model, settings(), 1 << 20);
    fake.hold();
    const running = batcher.submit(body({ instances: [[1, 1]] })).answer;
    await new Promise((resolve) => setImmediate(resolve));
    const late = batcher.submit(body({ instances: [[2, 2]] }), { deadlineAt: Date.now() + 5 });
    const left = batcher.submit(body({ instances: [[3, 3]] }));
    const kept = batcher.submit(body({ instances: [[4, 4]] }));
    left.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.release();
    await expect(late.answer).rejects.toMatchObject({ code: StatusCode.DEADLINE_EXCEEDED });
    await expect(left.answer).rejects.toMatchObject({ code: StatusCode.CANCELLED });
    expect(json(await kept.answer).body).toEqual({ predictions: [[8, 8]] });
    await running;
    expect(fake.runs).toEqual([1, 1]);
    expect(ApiError.from(await late.answer.catch((e: unknown) => e)).message).toMatch(/deadline/);
  });

  it('keeps runs within maxBatchSize instances', async () => {
    const fake = doubler();
    const batcher = new RequestBatcher(fake.model, settings({ maxBatchSize: 3 }), 1 << 20);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(body({ instances: [[n, n]] })).answer));
    expect(fake.runs).toEqual([3, 2]);
  });

  it('waits up to maxQueueDelayMs for requests to join a lone one on an idle model', async () => {
    const fake = doubler();
    const batcher = new RequestBatcher(fake.model, settings({ maxQueueDelayMs: 30 }), 1 << 20);
    const first = batcher.submit(body({ instances: [[1, 1]] })).answer;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = batcher.submit(body({ instances: [[2, 2]] })).answer;
    await Promise.all([first, second]);
    expect(fake.runs).toEqual([2]);
  });

  it('does not merge for a model without a dynamic batch dimension, nor when maxBatchSize is 1', async () => {
    for (const [fake, size] of [
      [doubler({ batchDim: 1 }), 64],
      [doubler(), 1],
    ] as const) {
      const batcher = new RequestBatcher(fake.model, settings({ maxBatchSize: size }), 1 << 20);
      expect(batcher.batching).toBe(false);
      await Promise.all([1, 2, 3].map((n) => batcher.submit(body({ instances: [[n, n]] })).answer));
      expect(fake.runs).toEqual([1, 1, 1]);
    }
  });

  it('merges requests for a routine that asked for it, only when their options are the same', async () => {
    const calls: { instances: unknown[]; options: Record<string, unknown> }[] = [];
    const routine: LoadedModel = {
      runtime: 'custom',
      signature: { inputs: [], outputs: [] },
      mergesRequests: true,
      run: () => Promise.reject(new Error('not a tensor model')),
      predictInstances: (instances, options) => {
        calls.push({ instances, options });
        return Promise.resolve(instances.map((x) => (x as number) * 10));
      },
      close: () => Promise.resolve(),
    };
    const batcher = new RequestBatcher(routine, settings(), 1 << 20);
    const answers = await Promise.all([
      batcher.submit(body({ instances: [1] })).answer,
      batcher.submit(body({ instances: [2, 3] })).answer,
      batcher.submit(body({ instances: [4], scale: 'x' })).answer,
    ]);
    expect(calls).toEqual([
      { instances: [1, 2, 3], options: {} },
      { instances: [4], options: { scale: 'x' } },
    ]);
    expect(answers.map((a) => json(a).body)).toEqual([
      { predictions: [10] },
      { predictions: [20, 30] },
      { predictions: [40] },
    ]);
  });
});
