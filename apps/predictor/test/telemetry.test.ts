import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { buildFixture } from '@presage/model-fixtures';
import { scrape, sampleValue, waitFor } from '@presage/testing';
import type { ReadyPredictor } from './predictor-process';
import { startPredictor } from './predictor-process';

/** A predictor process's own telemetry: Prometheus /metrics and its span in the caller's trace. */
const VERSION = 'projects/p/models/m/versions/telemetry';
const REPLICA = `${VERSION}/replicas/7`;
let root: string;
let spansFile: string;
let predictor: ReadyPredictor;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-predictor-telemetry-'));
  spansFile = join(root, 'spans.jsonl');
  const fixture = await buildFixture('linear', root);
  predictor = await startPredictor(fixture.dir, {
    PRESAGE_PREDICTOR_VERSION: VERSION,
    PRESAGE_PREDICTOR_REPLICA: REPLICA,
    PRESAGE_TRACES_FILE: spansFile,
  });
});
afterAll(async () => {
  expect(await predictor.stop()).toBe(0);
  await rm(root, { recursive: true, force: true });
});

describe('predictor telemetry', () => {
  it('serves in-flight requests, inference time, model load time and process metrics on /metrics', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await predictor.predict({ instances: [[1, 2, 3, 4]] })).httpStatus).toBe(200);
    expect((await predictor.predict({ instances: [[1, 2]] })).httpStatus).toBe(400);

    const samples = await scrape(`http://${predictor.ready.metricsAddress}/metrics`);
    const ours = { presage_version: VERSION, presage_replica: REPLICA };
    expect(sampleValue(samples, 'presage_predictor_requests_in_flight', ours)).toBe(0);
    // The bad instance fails before the model runs: three runs.
    expect(sampleValue(samples, 'presage_predictor_inference_duration_count', ours)).toBe(3);
    expect(sampleValue(samples, 'presage_predictor_inference_duration_sum', ours)).toBeGreaterThan(0);
    expect(sampleValue(samples, 'presage_predictor_inference_duration_bucket', { ...ours, le: '60' })).toBe(
      3,
    );
    expect(sampleValue(samples, 'presage_predictor_model_load_duration', ours)).toBeCloseTo(
      predictor.ready.loadSeconds,
      6,
    );
    // A bad instance is a 400 body, not a gRPC error: four calls answered OK.
    expect(
      sampleValue(samples, 'rpc_server_call_duration_count', {
        rpc_method: 'presage.internal.v1.PredictorService/Predict',
        rpc_status_code: 'OK',
      }),
    ).toBe(4);
    expect(sampleValue(samples, 'process_cpu_time_total', { cpu_mode: 'user' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_memory_usage')).toBeGreaterThan(1e6);
    expect(
      sampleValue(samples, 'target_info', {
        service_name: 'presage-predictor',
        service_instance_id: REPLICA,
      }),
    ).toBe(1);
  });

  it('continues the trace named by the traceparent metadata of a Predict call', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const metadata = new grpc.Metadata();
    metadata.set('traceparent', `00-${traceId}-${parentId}-01`);
    await predictor.client.Predict({ body: Buffer.from('{"instances": [[1, 2, 3, 4]]}') }, { metadata });
    const span = await waitFor(
      () =>
        fs.existsSync(spansFile)
          ? fs
              .readFileSync(spansFile, 'utf8')
              .trim()
              .split('\n')
              .map((line) => JSON.parse(line) as Record<string, unknown>)
              .find((line) => line['traceId'] === traceId)
          : undefined,
      { timeoutMs: 10_000, description: 'the predictor span in the traces file' },
    );
    expect(span).toMatchObject({
      name: 'presage.predictor.inference',
      parentSpanId: parentId,
      kind: 'SERVER',
      service: 'presage-predictor',
      attributes: {
        'presage.version': VERSION,
        'presage.replica': REPLICA,
        'http.response.status_code': 200,
      },
    });
  });
});
