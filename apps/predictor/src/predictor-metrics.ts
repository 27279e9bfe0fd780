import type { Attributes, Meter } from '@opentelemetry/api';
import type { LoadedModel } from '@presage/runtimes';
import { LATENCY_BUCKETS_S } from '@presage/telemetry';
import type { BatchObserver } from './batching/request-batcher';

/** What one replica reports, every series with `presage.version` and `presage.replica`. */
export interface PredictorMetrics {
  /** One more Predict call in progress (`presage.predictor.requests.in_flight`); call the result once it answered. */
  requestStarted(): () => void;
  /** The model with each run timed into `presage.predictor.inference.duration`. */
  timed(model: LoadedModel): LoadedModel;
  /** `presage.predictor.model_load.duration`. */
  modelLoaded(seconds: number): void;
  /** `presage.predictor.batch.size` (instances per model run) and `.queue.duration` (each request's wait). */
  batches: BatchObserver;
}

export function createPredictorMetrics(
  meter: Meter,
  identity: { version: string; replica: string },
): PredictorMetrics {
  const attributes: Attributes = { 'presage.version': identity.version, 'presage.replica': identity.replica };
  // Observed at collection from a plain count: an UpDownCounter's add() hashes its attributes twice per
  // request, and with the other per-request records that was ~14 % of the predictor's CPU under load.
  let inFlight = 0;
  meter
    .createObservableUpDownCounter('presage.predictor.requests.in_flight', {
      description: 'Predict calls this replica is working on',
    })
    .addCallback((result) => result.observe(inFlight, attributes));
  const inference = meter.createHistogram('presage.predictor.inference.duration', {
    unit: 's',
    description: 'Time the model took to run one request (parsing and conversion excluded)',
    advice: { explicitBucketBoundaries: [...LATENCY_BUCKETS_S] },
  });
  const batchSize = meter.createHistogram('presage.predictor.batch.size', {
    unit: '{instance}',
    description: 'Instances in one model run (concurrent requests merged by adaptive batching)',
    advice: { explicitBucketBoundaries: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] },
  });
  const queueWait = meter.createHistogram('presage.predictor.queue.duration', {
    unit: 's',
    description: 'Time a request waited in the replica for a model run',
    advice: { explicitBucketBoundaries: [...LATENCY_BUCKETS_S] },
  });
  const modelLoad = meter.createGauge('presage.predictor.model_load.duration', {
    unit: 's',
    description: 'How long loading the model took when the replica started',
  });

  const time =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = process.hrtime.bigint();
      try {
        return await run(...args);
      } finally {
        inference.record(Number(process.hrtime.bigint() - started) / 1e9, attributes);
      }
    };

  return {
    requestStarted() {
      inFlight++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        inFlight--;
      };
    },
    timed(model) {
      const predictInstances = model.predictInstances?.bind(model);
      return {
        runtime: model.runtime,
        signature: model.signature,
        run: time((feeds: Parameters<LoadedModel['run']>[0]) => model.run(feeds)),
        close: () => model.close(),
        ...(model.mergesRequests ? { mergesRequests: true } : {}),
        ...(predictInstances ? { predictInstances: time(predictInstances) } : {}),
      };
    },
    modelLoaded: (seconds) => modelLoad.record(seconds, attributes),
    batches: {
      ran: (instances) => batchSize.record(instances, attributes),
      waited: (seconds) => queueWait.record(seconds, attributes),
    },
  };
}
