import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@presage/errors';
import { buildFixture, expectClose, expectedPredictions } from '@presage/model-fixtures';
import { PredictorService, serviceDefinition } from '@presage/proto';
import { sampleValue, scrape, waitFor } from '@presage/testing';
import type {
  PredictStreamRequest__Output,
  PredictStreamResponse__Output,
  StreamedAnswer__Output,
} from '@presage/proto';
import type { ReadyPredictor } from './predictor-process';
import { startPredictor } from './predictor-process';

/** A PredictStream to a replica, as the gateway holds one: predictions sent by id, answers collected by id. */
function openStream(address: string) {
  const method = serviceDefinition(PredictorService)['PredictStream']!;
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const call = client.makeBidiStreamRequest(
    method.path,
    method.requestSerialize as (value: PredictStreamRequest__Output) => Buffer,
    method.responseDeserialize as (bytes: Buffer) => PredictStreamResponse__Output,
  );
  const answers = new Map<number, StreamedAnswer__Output>();
  const all: StreamedAnswer__Output[] = [];
  call.on('data', (message: PredictStreamResponse__Output) => {
    for (const answer of message.answers) {
      all.push(answer);
      if (!answers.has(answer.id)) answers.set(answer.id, answer);
    }
  });
  let ended = false;
  call.on('error', () => (ended = true));
  call.on('end', () => (ended = true));
  return {
    answers,
    /** Every answer, in the order received. */
    all,
    ended: () => ended,
    send(predicts: { id: number; body: unknown; timeoutMs?: number }[], cancelledIds: number[] = []) {
      call.write({
        predicts: predicts.map((p) => ({
          id: p.id,
          body: Buffer.from(JSON.stringify(p.body)),
          timeoutMs: p.timeoutMs ?? 0,
          traceparent: '',
        })),
        cancelledIds,
      });
    },
    async answer(id: number) {
      const answer = await waitFor(() => answers.get(id), { timeoutMs: 30_000, description: `answer ${id}` });
      return {
        ...answer,
        json: answer.body.length ? (JSON.parse(answer.body.toString()) as Record<string, unknown>) : {},
      };
    },
    close() {
      call.end();
      client.close();
    },
  };
}

let root: string;
let predictor: ReadyPredictor;
const VERSION = 'projects/p/models/m/versions/multi';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-stream-'));
  const fixture = await buildFixture('multi_input', root);
  predictor = await startPredictor(fixture.dir, { PRESAGE_PREDICTOR_VERSION: VERSION });
}, 60_000);
afterAll(async () => {
  expect(await predictor?.stop()).toBe(0);
  await rm(root, { recursive: true, force: true });
});

/** The multi_input fixture's instances: `a` (2 floats) and `b` (3 floats). */
const instance = (n: number) => ({ a: [n, n + 1], b: [n * 2, 1, 0] });

describe('PredictStream with adaptive batching', () => {
  it('merges the predictions of one message into model runs, each answered with its own predictions and keys, in order', async () => {
    const stream = openStream(predictor.address);
    const before = await batchSizes();
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: 100 + i,
      body: { instances: [{ ...instance(i), key: `k${i}` }, instance(i + 100)] },
    }));
    stream.send(requests);
    for (const request of requests) {
      const answer = await stream.answer(request.id);
      expect(answer).toMatchObject({ code: 0, httpStatus: 200 });
      const predictions = answer.json['predictions'] as Record<string, unknown>[];
      expect(predictions).toHaveLength(2);
      expect(predictions[0]!['key']).toBe(`k${request.id - 100}`);
      expectClose(
        predictions.map(({ key: _key, ...outputs }) => outputs),
        expectedPredictions(
          'multi_input',
          request.body.instances.map(({ a, b }) => ({ a, b })),
        ),
      );
    }
    // 40 instances in fewer runs than requests: they were merged.
    const after = await batchSizes();
    expect(after.sum - before.sum).toBe(40);
    expect(after.count - before.count).toBeLessThan(20);
    stream.close();
  });

  it('fails a bad request alone with its AI Platform error while the others of the same message succeed', async () => {
    const stream = openStream(predictor.address);
    stream.send([
      { id: 1, body: { instances: [instance(1)] } },
      { id: 2, body: { instances: [{ a: [1, 2, 3], b: [1, 2, 3] }] } },
      { id: 3, body: 'not an object' },
      { id: 4, body: { instances: [instance(4)] } },
    ]);
    expect(await stream.answer(1)).toMatchObject({ code: 0, httpStatus: 200 });
    const bad = await stream.answer(2);
    expect(bad).toMatchObject({ code: 0, httpStatus: 400 });
    expect(bad.json['error']).toMatch(/^Failed to process element: 0 of 'instances' list/);
    expect((await stream.answer(3)).json['error']).toMatch(/must be a JSON object/);
    expect(await stream.answer(4)).toMatchObject({ code: 0, httpStatus: 200 });
    stream.close();
  });

  it('answers a prediction whose deadline passed in the queue DEADLINE_EXCEEDED, and drops a cancelled one unanswered', async () => {
    const stream = openStream(predictor.address);
    // A large request keeps the model busy while the others queue behind it.
    const big = Array.from({ length: 20_000 }, (_, i) => instance(i));
    stream.send([
      { id: 1, body: { instances: big } },
      { id: 2, body: { instances: [instance(2)] }, timeoutMs: 1 },
      { id: 3, body: { instances: [instance(3)] } },
      { id: 4, body: { instances: [instance(4)] } },
    ]);
    stream.send([], [3]);
    expect(await stream.answer(1)).toMatchObject({ code: 0, httpStatus: 200 });
    expect(await stream.answer(2)).toMatchObject({ code: StatusCode.DEADLINE_EXCEEDED, httpStatus: 0 });
    expect(await stream.answer(4)).toMatchObject({ code: 0, httpStatus: 200 });
    expect(stream.answers.has(3)).toBe(false);
    stream.close();
  });

  it('refuses an id already waiting on the stream, and answers garbage bytes INVALID_ARGUMENT', async () => {
    const stream = openStream(predictor.address);
    const big = Array.from({ length: 20_000 }, (_, i) => instance(i));
    stream.send([
      { id: 7, body: { instances: big } },
      { id: 7, body: { instances: [instance(1)] } },
    ]);
    // The second one is refused at once; the first is answered afterwards.
    await waitFor(() => stream.all.length === 2, { timeoutMs: 30_000, description: 'both answers' });
    expect(stream.all.map((answer) => [answer.id, answer.code])).toEqual([
      [7, StatusCode.INVALID_ARGUMENT],
      [7, StatusCode.OK],
    ]);
    stream.close();

    const client = new grpc.Client(predictor.address, grpc.credentials.createInsecure());
    const call = client.makeBidiStreamRequest(
      '/presage.internal.v1.PredictorService/PredictStream',
      (bytes: Buffer) => bytes,
      (bytes: Buffer) => bytes,
    );
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    call.on('error', () => undefined);
    call.write(Buffer.from([0x0a, 0xff, 0xff]));
    expect(await status).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    client.close();
  });
});

/** The replica's batch-size histogram: runs (count) and instances (sum). */
async function batchSizes(): Promise<{ count: number; sum: number }> {
  const samples = await scrape(`http://${predictor.ready.metricsAddress}/metrics`);
  const labels = { presage_version: VERSION };
  return {
    count: sampleValue(samples, 'presage_predictor_batch_size_count', labels) ?? 0,
    sum: sampleValue(samples, 'presage_predictor_batch_size_sum', labels) ?? 0,
  };
}
