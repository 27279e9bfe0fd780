import { isVersionName } from '@presage/resources';
import type { Attributes, DecodedMetric, DecodedResourceMetrics, NumberPoint } from '../otlp/otlp-decoder';

/** The gateway's instruments the autoscaler reads (attribute `presage.version` on every point). */
export const CONCURRENCY_TIME = 'presage.gateway.concurrency.time';
export const IN_FLIGHT = 'presage.gateway.requests.in_flight';
export const QUEUED = 'presage.gateway.requests.queued';
export const VERSION_ATTRIBUTE = 'presage.version';
export const INSTANCE_ATTRIBUTE = 'service.instance.id';

export interface SignalStoreOptions {
  /**
   * A series not heard from this long (or for three of its own export intervals, if longer, up to a
   * minute) no longer counts. @default 5000
   */
  staleAfterMs?: number;
  /** The most series kept; points of new series beyond it are rejected. @default 10_000 */
  maxSeries?: number;
}

export interface IngestResult {
  /** Versions whose signal changed. */
  versions: Set<string>;
  rejectedPoints: number;
  /** Why points were rejected, for partial_success. */
  message: string;
}

interface Series {
  receivedAt: number;
  /** The gap between the last two receipts, for staleness. */
  intervalMs: number;
}

interface RateSeries extends Series {
  start: bigint;
  time: bigint;
  value: number;
  /** Mean concurrency over the last interval; undefined until a second point of the same series. */
  rate: number | undefined;
}

interface PointSeries extends Series {
  time: bigint;
  value: number;
}

/** One gateway instance's series for one version, keyed by their other attributes. */
interface Source {
  rates: Map<string, RateSeries>;
  inFlight: Map<string, PointSeries>;
  queued: Map<string, PointSeries>;
}

const NANOS_PER_SECOND = 1e9;
/** However slowly a gateway exports, a series silent this long no longer counts. */
const MAX_STALE_MS = 60_000;

/**
 * Observed concurrency per version, from the gateways' OTLP exports. Primary signal: the rate of the
 * cumulative `concurrency.time` (the integral of in-flight plus queued requests), which between two
 * exports of a gateway is the exact mean concurrency over that interval; summed over gateways.
 * A gateway without it counts with its in_flight + queued point values instead.
 */
export class SignalStore {
  private readonly staleAfterMs: number;
  private readonly maxSeries: number;
  /** version → gateway instance → its series */
  private readonly versions = new Map<string, Map<string, Source>>();
  private seriesCount = 0;

  constructor(options: SignalStoreOptions = {}) {
    this.staleAfterMs = options.staleAfterMs ?? 5000;
    this.maxSeries = options.maxSeries ?? 10_000;
  }

  ingest(now: number, resources: DecodedResourceMetrics[]): IngestResult {
    const touched = new Set<string>();
    let rejected = 0;
    const reasons = new Set<string>();
    for (const { resource, metrics } of resources) {
      const instance = instanceOf(resource);
      for (const metric of metrics) {
        if (![CONCURRENCY_TIME, IN_FLIGHT, QUEUED].includes(metric.name)) continue;
        for (const point of metric.points) {
          const version = point.attributes[VERSION_ATTRIBUTE];
          const problem =
            pointProblem(metric, point, version) ?? this.capacityProblem(metric, point, instance);
          if (problem) {
            rejected++;
            reasons.add(problem);
            continue;
          }
          this.ingestPoint(now, metric, point, this.sourceOf(version as string, instance));
          touched.add(version as string);
        }
      }
    }
    return { versions: touched, rejectedPoints: rejected, message: [...reasons].join('; ') };
  }

  /** The version's concurrency now: 0 when no live gateway reports it. */
  concurrency(version: string, now: number): number {
    let total = 0;
    for (const source of this.versions.get(version)?.values() ?? []) {
      const live = <T extends Series>(table: Map<string, T>) =>
        [...table.values()].filter((s) => !this.isStale(s, now));
      const rates = live(source.rates).filter((s) => s.rate !== undefined);
      if (rates.length > 0) total += rates.reduce((sum, s) => sum + s.rate!, 0);
      else total += [...live(source.inFlight), ...live(source.queued)].reduce((sum, s) => sum + s.value, 0);
    }
    return total;
  }

  /** Forgets series that stopped reporting; returns the versions that lost one. */
  sweep(now: number): Set<string> {
    const changed = new Set<string>();
    for (const [version, instances] of this.versions) {
      for (const [instance, source] of instances) {
        for (const table of [source.rates, source.inFlight, source.queued] as Map<string, Series>[]) {
          for (const [key, series] of table) {
            if (!this.isStale(series, now)) continue;
            table.delete(key);
            this.seriesCount--;
            changed.add(version);
          }
        }
        if (source.rates.size + source.inFlight.size + source.queued.size === 0) instances.delete(instance);
      }
      if (instances.size === 0) this.versions.delete(version);
    }
    return changed;
  }

  private isStale(series: Series, now: number): boolean {
    const limit = Math.max(this.staleAfterMs, Math.min(3 * series.intervalMs, MAX_STALE_MS));
    return now - series.receivedAt > limit;
  }

  /** Why a point of a series not held yet is refused: the store is full. */
  private capacityProblem(metric: DecodedMetric, point: NumberPoint, instance: string): string | undefined {
    if (this.seriesCount < this.maxSeries) return undefined;
    const source = this.versions.get(point.attributes[VERSION_ATTRIBUTE] as string)?.get(instance);
    const known = source !== undefined && seriesIn(source, metric.name).has(seriesKey(point.attributes));
    return known ? undefined : `more than ${this.maxSeries} series`;
  }

  private sourceOf(version: string, instance: string): Source {
    let instances = this.versions.get(version);
    if (!instances) this.versions.set(version, (instances = new Map<string, Source>()));
    let source = instances.get(instance);
    if (!source)
      instances.set(instance, (source = { rates: new Map(), inFlight: new Map(), queued: new Map() }));
    return source;
  }

  private ingestPoint(now: number, metric: DecodedMetric, point: NumberPoint, source: Source): void {
    const key = seriesKey(point.attributes);
    if (metric.name === CONCURRENCY_TIME) {
      const known = source.rates.get(key);
      const next = nextRate(known, metric, point, now);
      if (!next) return;
      if (!known) this.seriesCount++;
      source.rates.set(key, next);
      return;
    }
    const table = metric.name === IN_FLIGHT ? source.inFlight : source.queued;
    const known = table.get(key);
    if (known && point.timeUnixNano < known.time) return; // older than what we hold
    if (!known) this.seriesCount++;
    table.set(key, {
      time: point.timeUnixNano,
      value: Math.max(0, point.value),
      receivedAt: now,
      intervalMs: known ? now - known.receivedAt : 0,
    });
  }
}

/**
 * The next state of a concurrency.time series: a rate from the previous point of the same series, or a
 * new series (first point, restarted gateway: start time changed or the sum went down). Undefined for a
 * point to ignore (a repeat or older than the last one).
 */
function nextRate(
  known: RateSeries | undefined,
  metric: DecodedMetric,
  point: NumberPoint,
  now: number,
): RateSeries | undefined {
  const base = {
    start: point.startTimeUnixNano,
    time: point.timeUnixNano,
    value: point.value,
    receivedAt: now,
  };
  if (metric.temporality === 'delta') {
    // Each point is the integral over [start, time] by itself.
    const seconds = Number(point.timeUnixNano - point.startTimeUnixNano) / NANOS_PER_SECOND;
    const rate = seconds > 0 ? point.value / seconds : undefined;
    return { ...base, rate, intervalMs: known ? now - known.receivedAt : 0 };
  }
  const sameStart = known?.start === point.startTimeUnixNano;
  if (known && sameStart && point.timeUnixNano <= known.time) return undefined;
  if (!known || !sameStart || point.value < known.value)
    return { ...base, rate: undefined, intervalMs: known ? now - known.receivedAt : 0 };
  const seconds = Number(point.timeUnixNano - known.time) / NANOS_PER_SECOND;
  return { ...base, rate: (point.value - known.value) / seconds, intervalMs: now - known.receivedAt };
}

function pointProblem(metric: DecodedMetric, point: NumberPoint, version: unknown): string | undefined {
  if (typeof version !== 'string' || !isVersionName(version))
    return `${VERSION_ATTRIBUTE} must be projects/{p}/models/{m}/versions/{v}`;
  if (!Number.isFinite(point.value)) return `${metric.name} values must be finite`;
  if (metric.name === CONCURRENCY_TIME && point.value < 0) return `${CONCURRENCY_TIME} must not be negative`;
  if (metric.kind === 'other') return `${metric.name} must be a sum or a gauge`;
  return undefined;
}

function seriesIn(source: Source, metric: string): Map<string, unknown> {
  return metric === CONCURRENCY_TIME ? source.rates : metric === IN_FLIGHT ? source.inFlight : source.queued;
}

/** The gateway instance a resource describes: service.instance.id, else all its attributes. */
function instanceOf(resource: Attributes): string {
  const id = resource[INSTANCE_ATTRIBUTE];
  return typeof id === 'string' && id ? id : `resource:${seriesKey(resource)}`;
}

function seriesKey(attributes: Attributes): string {
  return JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((k) => [k, attributes[k]]),
  );
}
