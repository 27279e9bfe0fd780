import type { PredictMetrics, VersionMetrics } from '../predict/predict-metrics';
import { IntervalTally } from './interval-tally';
import { SeriesRing, emptyColumns } from './series-ring';
import type { SeriesColumns } from './series-ring';

export interface ConsoleSeriesOptions {
  /** How often every version is sampled (PRESAGE_CONSOLE_SAMPLE_MS). @default 5000 */
  sampleMs: number;
  /** How long samples are kept (PRESAGE_CONSOLE_RETENTION_MS). @default 3600000 (1 hour) */
  retentionMs: number;
  /** Versions followed at once; more are not charted until one goes idle for a whole retention. @default 500 */
  maxVersions?: number;
  now?: () => number;
}

/** A replica as the deployer lists it: only its version and state matter here. */
export interface ListedReplica {
  version: string;
  state: string;
}

/** What the series query answers. */
export interface VersionSeries {
  sampleMs: number;
  retentionMs: number;
  points: SeriesColumns;
}

const DEFAULT_MAX_VERSIONS = 500;

class VersionTrack {
  readonly tally = new IntervalTally();
  ring: SeriesRing | undefined;
  replicas = 0;
  /** Samples in a row without an answer or a replica: after a whole ring of them the track goes. */
  idleSamples = 0;
}

/**
 * The console's charts: every `sampleMs`, each version's answers since the last sample (counted as the
 * gateway's prediction metrics count them) and its ready replicas become one point of a ring that holds
 * `retentionMs` of them. Memory is bounded (a ring and a latency sample per followed version), nothing
 * is stored outside this process, and a restart starts the charts afresh.
 */
export class ConsoleSeries {
  private readonly tracks = new Map<string, VersionTrack>();
  private readonly capacity: number;
  private readonly maxVersions: number;
  private readonly now: () => number;
  private lastSampleAt: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ConsoleSeriesOptions) {
    this.capacity = Math.max(1, Math.ceil(options.retentionMs / options.sampleMs));
    this.maxVersions = options.maxVersions ?? DEFAULT_MAX_VERSIONS;
    this.now = options.now ?? Date.now;
    this.lastSampleAt = this.now();
  }

  /** Samples every `sampleMs` until close(). */
  start(): void {
    this.timer ??= setInterval(() => this.sample(), this.options.sampleMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** `metrics`, also counting every version's answers here; everything else passes through. */
  instrument(metrics: PredictMetrics): PredictMetrics {
    const counted = new Map<string, VersionMetrics>();
    return {
      version: (name) => {
        let version = counted.get(name);
        if (!version) counted.set(name, (version = new CountedVersion(metrics.version(name), name, this)));
        return version;
      },
      unresolved: (name, status, seconds) => metrics.unresolved(name, status, seconds),
      queued: (version, delta) => metrics.queued(version, delta),
      coldStart: (version, seconds) => metrics.coldStart(version, seconds),
    };
  }

  /** One answer of `version`. */
  record(version: string, status: number, seconds: number): void {
    this.track(version)?.tally.record(status, seconds);
  }

  /** The deployer's replica list changed: the ready replicas of each version, as of now. */
  replicasListed(replicas: readonly ListedReplica[]): void {
    const ready = new Map<string, number>();
    for (const replica of replicas) {
      ready.set(replica.version, (ready.get(replica.version) ?? 0) + (replica.state === 'READY' ? 1 : 0));
    }
    for (const [version, track] of this.tracks) track.replicas = ready.get(version) ?? 0;
    for (const [version, count] of ready) {
      const track = this.track(version);
      if (track) track.replicas = count;
    }
  }

  /** Closes the current interval: one point per followed version. */
  sample(): void {
    const now = this.now();
    const seconds = Math.max(now - this.lastSampleAt, 1) / 1000;
    this.lastSampleAt = now;
    for (const [version, track] of this.tracks) {
      const summary = track.tally.drain();
      if (summary.answered === 0 && track.replicas === 0) track.idleSamples++;
      else track.idleSamples = 0;
      if (track.idleSamples >= this.capacity) {
        this.tracks.delete(version);
        continue;
      }
      track.ring ??= new SeriesRing(this.capacity);
      track.ring.push({
        t: now,
        requestsPerSecond: summary.answered / seconds,
        errorRate: summary.answered === 0 ? NaN : summary.errors / summary.answered,
        p50Ms: summary.p50Ms,
        p95Ms: summary.p95Ms,
        p99Ms: summary.p99Ms,
        replicas: track.replicas,
      });
    }
  }

  /** The points of `version` after `since` (ms since the epoch), oldest first. */
  series(version: string, since: number): VersionSeries {
    return {
      sampleMs: this.options.sampleMs,
      retentionMs: this.capacity * this.options.sampleMs,
      points: this.tracks.get(version)?.ring?.since(since) ?? emptyColumns(),
    };
  }

  private track(version: string): VersionTrack | undefined {
    let track = this.tracks.get(version);
    if (!track && this.tracks.size < this.maxVersions) this.tracks.set(version, (track = new VersionTrack()));
    return track;
  }
}

/** A version's metrics that also count its answers for the console. */
class CountedVersion implements VersionMetrics {
  constructor(
    private readonly inner: VersionMetrics,
    private readonly name: string,
    private readonly series: ConsoleSeries,
  ) {}

  activeStart(): void {
    this.inner.activeStart();
  }

  activeEnd(): void {
    this.inner.activeEnd();
  }

  sentStart(): void {
    this.inner.sentStart();
  }

  sentEnd(): void {
    this.inner.sentEnd();
  }

  answered(status: number, seconds: number): void {
    this.inner.answered(status, seconds);
    this.series.record(this.name, status, seconds);
  }
}
