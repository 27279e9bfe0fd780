import type { Attributes, Meter } from '@opentelemetry/api';
import {
  LATENCY_BUCKETS_S,
  STARTUP_BUCKETS_S,
  countInProgress,
  createConcurrencyIntegral,
} from '@presage/telemetry';

/**
 * The gateway's prediction metrics. Names and attributes are a contract with the autoscaler (it reads
 * them over OTLP) and with dashboards: change them only together.
 */
export interface PredictMetrics {
  /** A predict request answered with `status`: `presage.gateway.requests` and `.request.duration`. */
  answered(labels: PredictLabels, status: number, seconds: number): void;
  /** A request of `version` is queued or in flight until the returned function is called (concurrency.time). */
  active(version: string): () => void;
  /** A request sent to a replica of `version` until the returned function is called (`requests.in_flight`). */
  sent(version: string): () => void;
  /** Requests held for `version` changed by `delta` (`requests.queued`). */
  queued(version: string, delta: number): void;
  /** A cold start of `version` ended: a replica became ready `seconds` after the first request was held. */
  coldStart(version: string, seconds: number): void;
}

/** `presage.version` once resolved; `presage.model` when the version cannot be (unknown model, bad name). */
export type PredictLabels = { 'presage.version': string } | { 'presage.model': string };

export function createPredictMetrics(meter: Meter): PredictMetrics {
  const requests = meter.createCounter('presage.gateway.requests', {
    description:
      'Predict requests answered, by version and HTTP status (the REST status; its equivalent for gRPC)',
  });
  const duration = meter.createHistogram('presage.gateway.request.duration', {
    unit: 's',
    description: 'Time from a predict request to its answer, waiting for a replica included',
    advice: { explicitBucketBoundaries: [...LATENCY_BUCKETS_S] },
  });
  const inFlight = meter.createUpDownCounter('presage.gateway.requests.in_flight', {
    description: 'Predict requests sent to a replica and not answered yet',
  });
  const queued = meter.createUpDownCounter('presage.gateway.requests.queued', {
    description: 'Predict requests held until the version has a ready replica',
  });
  const coldStart = meter.createHistogram('presage.gateway.cold_start.duration', {
    unit: 's',
    description: 'From the first request held for a version without a ready replica until one is ready',
    advice: { explicitBucketBoundaries: [...STARTUP_BUCKETS_S] },
  });
  const concurrency = createConcurrencyIntegral();
  meter
    .createObservableCounter('presage.gateway.concurrency.time', {
      unit: 's',
      description:
        'Integral over time of the requests queued or in flight per version; its rate is the mean concurrency',
    })
    .addCallback((result) => {
      for (const [version, seconds] of concurrency.totals()) result.observe(seconds, versionLabel(version));
    });

  return {
    answered(labels, status, seconds) {
      const attributes: Attributes = { ...labels, 'http.response.status_code': status };
      requests.add(1, attributes);
      duration.record(seconds, attributes);
    },
    active: (version) => concurrency.begin(version),
    sent: (version) => countInProgress(inFlight, versionLabel(version)),
    queued: (version, delta) => queued.add(delta, versionLabel(version)),
    coldStart: (version, seconds) => coldStart.record(seconds, versionLabel(version)),
  };
}

function versionLabel(version: string): Attributes {
  return { 'presage.version': version };
}

/** The model part of a predict name (`projects/p/models/m`), for a request whose version is unknown. */
export function modelOf(name: string): string {
  return /^projects\/[^/]+\/models\/[^/:]+/.exec(name)?.[0] ?? 'invalid';
}
