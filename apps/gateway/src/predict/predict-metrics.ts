import type { Attributes, Histogram, Meter } from '@opentelemetry/api';
import { LATENCY_BUCKETS_S, STARTUP_BUCKETS_S, createConcurrencyIntegral } from '@presage/telemetry';
import type { ConcurrencyIntegral, KeyConcurrency } from '@presage/telemetry';
import { modelPrefixOf } from '@presage/resources';

/**
 * The gateway's prediction metrics. Names and attributes are a contract with the autoscaler (it reads
 * them over OTLP) and with dashboards: change them only together.
 */
export interface PredictMetrics {
  /** The metrics of one version, kept for the next request: counting costs no lookup or allocation. */
  version(name: string): VersionMetrics;
  /** A request whose version could not be resolved, labelled with its model: answered with `status`. */
  unresolved(name: string, status: number, seconds: number): void;
  /** Requests held for `version` changed by `delta` (`requests.queued`). */
  queued(version: string, delta: number): void;
  /** A cold start of `version` ended: a replica became ready `seconds` after the first request was held. */
  coldStart(version: string, seconds: number): void;
}

/** One version's request counts; every start is followed by its end. */
export interface VersionMetrics {
  /** A request is queued or in flight (`concurrency.time`) from activeStart to activeEnd. */
  activeStart(): void;
  activeEnd(): void;
  /** A request is sent to a replica and not answered (`requests.in_flight`). */
  sentStart(): void;
  sentEnd(): void;
  /** Answered with `status` after `seconds`: `presage.gateway.requests` and `.request.duration`. */
  answered(status: number, seconds: number): void;
}

/** Label sets kept per version (or model) and status; beyond it, answers share one overflow set. */
const MAX_LABEL_SETS = 2_000;
const OVERFLOW: Attributes = { 'otel.metric.overflow': true };

/**
 * Counts live in plain objects, read by observable instruments when metrics are collected; only the
 * latency histogram is recorded per request, with an attribute set made once per version and status.
 */
export function createPredictMetrics(meter: Meter): PredictMetrics {
  const duration = meter.createHistogram('presage.gateway.request.duration', {
    unit: 's',
    description: 'Time from a predict request to its answer, waiting for a replica included',
    advice: { explicitBucketBoundaries: [...LATENCY_BUCKETS_S] },
  });
  const queued = meter.createUpDownCounter('presage.gateway.requests.queued', {
    description: 'Predict requests held until the version has a ready replica',
  });
  const coldStart = meter.createHistogram('presage.gateway.cold_start.duration', {
    unit: 's',
    description: 'From the first request held for a version without a ready replica until one is ready',
    advice: { explicitBucketBoundaries: [...STARTUP_BUCKETS_S] },
  });
  const answers = new AnswerCounts(duration);
  const concurrency = createConcurrencyIntegral();
  const versions = new Map<string, VersionState>();
  meter
    .createObservableCounter('presage.gateway.requests', {
      description:
        'Predict requests answered, by version and HTTP status (the REST status; its equivalent for gRPC)',
    })
    .addCallback((result) => answers.observe((count, attributes) => result.observe(count, attributes)));
  meter
    .createObservableUpDownCounter('presage.gateway.requests.in_flight', {
      description: 'Predict requests sent to a replica and not answered yet',
    })
    .addCallback((result) => {
      for (const state of versions.values()) result.observe(state.inFlight, state.attributes);
    });
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
    version(name) {
      let state = versions.get(name);
      if (!state) versions.set(name, (state = new VersionState(name, concurrency, answers)));
      return state;
    },
    unresolved: (name, status, seconds) => answers.answered('presage.model', modelOf(name), status, seconds),
    queued: (version, delta) => queued.add(delta, versionLabel(version)),
    coldStart: (version, seconds) => coldStart.record(seconds, versionLabel(version)),
  };
}

class VersionState implements VersionMetrics {
  readonly attributes: Attributes;
  inFlight = 0;
  private readonly active: KeyConcurrency;

  constructor(
    private readonly name: string,
    concurrency: ConcurrencyIntegral,
    private readonly answers: AnswerCounts,
  ) {
    this.attributes = versionLabel(name);
    this.active = concurrency.of(name);
  }

  activeStart(): void {
    this.active.enter();
  }

  activeEnd(): void {
    this.active.leave();
  }

  sentStart(): void {
    this.inFlight++;
  }

  sentEnd(): void {
    this.inFlight--;
  }

  answered(status: number, seconds: number): void {
    this.answers.answered('presage.version', this.name, status, seconds);
  }
}

/** Answers counted per label and status, each with the attribute set its latency is recorded with. */
class AnswerCounts {
  private readonly byKey = new Map<string, { attributes: Attributes; count: number }>();
  private readonly overflow = new Map<number, { attributes: Attributes; count: number }>();

  constructor(private readonly duration: Histogram) {}

  answered(label: 'presage.version' | 'presage.model', value: string, status: number, seconds: number): void {
    const entry = this.entry(label, value, status);
    entry.count++;
    this.duration.record(seconds, entry.attributes);
  }

  observe(report: (count: number, attributes: Attributes) => void): void {
    for (const entry of this.byKey.values()) report(entry.count, entry.attributes);
    for (const entry of this.overflow.values()) report(entry.count, entry.attributes);
  }

  private entry(label: string, value: string, status: number): { attributes: Attributes; count: number } {
    const key = `${value}\n${status}`;
    let entry = this.byKey.get(key);
    if (entry) return entry;
    if (this.byKey.size >= MAX_LABEL_SETS) {
      entry = this.overflow.get(status);
      if (!entry) {
        entry = { attributes: { ...OVERFLOW, 'http.response.status_code': status }, count: 0 };
        this.overflow.set(status, entry);
      }
      return entry;
    }
    entry = { attributes: { [label]: value, 'http.response.status_code': status }, count: 0 };
    this.byKey.set(key, entry);
    return entry;
  }
}

function versionLabel(version: string): Attributes {
  return { 'presage.version': version };
}

/** The model part of a predict name (`projects/p/models/m`), for a request whose version is unknown. */
export function modelOf(name: string): string {
  return modelPrefixOf(name) ?? 'invalid';
}
