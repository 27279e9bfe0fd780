import type { Attributes, Meter } from '@opentelemetry/api';
import { inTransaction } from '@presage/db';
import type { Knex } from '@presage/db';
import type { Logger } from '@presage/log';
import { modelResourceName, versionResourceName } from '@presage/resources';
import { parseLogTableName } from '../domain/log-table-name';
import type { VersionRecord } from '../domain/records';
import { insertEvent } from '../store/events';
import {
  insertMonitoringWindow,
  lastMonitoringWindowEnd,
  listMonitoringWindows,
  readLoggedRequests,
} from '../store/monitoring';
import type { FeatureWindowRecord, MonitoringWindowRecord } from '../store/monitoring';
import { listMonitoredVersions } from '../store/versions';
import type { AlertWebhook } from './alert-webhook';
import { featureDistance, valueCount, windowStatistics } from './feature-statistics';
import type { FeatureStats } from './feature-statistics';
import { featureValues } from './feature-values';
import type { FeatureValue } from './feature-values';
import { effectiveMonitoring } from './monitoring-config';
import type { EffectiveMonitoring } from './monitoring-config';

export interface ModelMonitorOptions {
  knex: Knex;
  logger: Logger;
  meter: Meter;
  webhook: AlertWebhook;
  now: () => Date;
  /** How often ended windows are looked for. @default 10_000 */
  intervalMs: number;
  /** How long after a window ends it is measured: rows still in gateway buffers arrive by then. @default 10_000 */
  graceMs: number;
}

/** Windows measured at most per version and pass, the newest ones, after the registry was away. */
export const MAX_CATCH_UP_WINDOWS = 24;
/** Stored windows searched back for a feature's previous values (drift). */
const DRIFT_LOOKBACK_WINDOWS = 24;
const ACTOR = 'model-monitoring';

/**
 * Measures every monitored version's ended windows from its request logs: each watched feature's
 * statistics, its skew from the baseline and its drift from the previous window. A window is stored once
 * (replicas race on a unique key); the one that stored it records the alerts, a version event, a metric
 * and a webhook POST.
 */
export class ModelMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly gauges = new Map<string, { skew?: number; drift?: number; attributes: Attributes }>();
  /** Version id → the end (ms) of the last window this process measured, stored or not. */
  private readonly measuredUntil = new Map<string, number>();
  private readonly alerts;

  constructor(private readonly options: ModelMonitorOptions) {
    const { meter } = options;
    meter
      .createObservableGauge('presage.monitoring.skew', {
        description: 'Distance of a feature in the latest monitoring window from the training baseline',
      })
      .addCallback((result) => {
        for (const gauge of this.gauges.values()) {
          if (gauge.skew !== undefined) result.observe(gauge.skew, gauge.attributes);
        }
      });
    meter
      .createObservableGauge('presage.monitoring.drift', {
        description: 'Distance of a feature in the latest monitoring window from the window before',
      })
      .addCallback((result) => {
        for (const gauge of this.gauges.values()) {
          if (gauge.drift !== undefined) result.observe(gauge.drift, gauge.attributes);
        }
      });
    this.alerts = meter.createCounter('presage.monitoring.alerts', {
      description: 'Features whose skew or drift crossed their threshold, per window',
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.pass(), this.options.intervalMs);
    this.timer.unref();
    void this.pass();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the monitored versions; a pass still running is not started again. Never throws. */
  pass(): Promise<void> {
    this.running ??= this.measureAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async measureAll(): Promise<void> {
    let versions: VersionRecord[];
    try {
      versions = await listMonitoredVersions(this.options.knex);
    } catch (error) {
      this.options.logger.warn('model monitoring could not list its versions; it tries again later', {
        error,
      });
      return;
    }
    const live = new Set(versions.map((version) => version.id));
    for (const key of this.gauges.keys()) {
      if (!live.has(key.split('|')[0]!)) this.gauges.delete(key);
    }
    for (const id of this.measuredUntil.keys()) if (!live.has(id)) this.measuredUntil.delete(id);
    for (const version of versions) {
      try {
        await this.measureVersion(version);
      } catch (error) {
        this.options.logger.warn('model monitoring failed for a version; it tries again later', {
          version: nameOf(version),
          error,
        });
      }
    }
  }

  private async measureVersion(version: VersionRecord): Promise<void> {
    const stored = version.spec.monitoringConfig;
    const logging = version.spec.requestLoggingConfig;
    if (!stored || !logging) return;
    const table = parseLogTableName(logging.bigqueryTableName);
    if (typeof table === 'string') return;
    const config = effectiveMonitoring(stored, version.signature);
    const windowMs = config.windowMs;
    const horizon = this.options.now().getTime() - this.options.graceMs;
    const latest = Math.floor(horizon / windowMs) - 1;
    // Windows without logged predictions are not stored: where this process measured up to, else
    // (after a start) the newest stored window.
    const lastEnd =
      this.measuredUntil.get(version.id) ??
      (await lastMonitoringWindowEnd(this.options.knex, version.id))?.getTime();
    const first = Math.max(
      lastEnd === undefined ? latest : Math.ceil(lastEnd / windowMs),
      latest - MAX_CATCH_UP_WINDOWS + 1,
    );
    for (let k = first; k <= latest; k++) {
      const start = new Date(k * windowMs);
      const end = new Date((k + 1) * windowMs);
      const { logged, bodies } = await readLoggedRequests(
        this.options.knex,
        table,
        { model: modelResourceName(version), version: version.name },
        start,
        end,
        config.samplingPercentage,
      );
      if (logged === 0) {
        this.measuredUntil.set(version.id, end.getTime());
        continue;
      }
      const { instances, unreadable } = readInstances(bodies);
      const statistics = windowStatistics(instances, config.baseline);
      const previous = await listMonitoringWindows(
        this.options.knex,
        version.id,
        start,
        DRIFT_LOOKBACK_WINDOWS,
      );
      const window: MonitoringWindowRecord = {
        versionId: version.id,
        start,
        end,
        loggedPredictions: logged,
        analyzedPredictions: bodies.length,
        instances: instances.length,
        unreadablePredictions: unreadable,
        features: measureFeatures(config, statistics, previous, instances.length),
      };
      await this.record(version, window, config);
      this.measuredUntil.set(version.id, end.getTime());
    }
  }

  /** Stores the window and, when this replica stored it, its alerts; then gauges and the webhook. */
  private async record(
    version: VersionRecord,
    window: MonitoringWindowRecord,
    config: EffectiveMonitoring,
  ): Promise<void> {
    const name = nameOf(version);
    const alerts = window.features.flatMap((feature) => [
      ...(feature.skewAlert
        ? [{ feature: feature.name, type: 'SKEW', distance: feature.skew!, threshold: feature.threshold }]
        : []),
      ...(feature.driftAlert
        ? [{ feature: feature.name, type: 'DRIFT', distance: feature.drift!, threshold: feature.threshold }]
        : []),
    ]);
    const now = this.options.now();
    const stored = await inTransaction(this.options.knex, async (trx) => {
      if (!(await insertMonitoringWindow(trx, window, now))) return false;
      if (alerts.length > 0) {
        const listed = alerts
          .slice(0, 20)
          .map((a) => `${a.type.toLowerCase()} of ${a.feature} ${a.distance.toFixed(3)} > ${a.threshold}`)
          .join(', ');
        await insertEvent(trx, {
          versionId: version.id,
          type: 'MONITORING_ALERT',
          time: now,
          actor: ACTOR,
          message: `${listed}${alerts.length > 20 ? `, and ${alerts.length - 20} more` : ''} in the window ${window.start.toISOString()} to ${window.end.toISOString()} (${window.instances} instances)`,
          replicas: 0,
        });
      }
      return true;
    });
    if (!stored) return;
    for (const feature of window.features) {
      const key = `${version.id}|${feature.name}`;
      const gauge = this.gauges.get(key) ?? {
        attributes: { 'presage.version': name, 'presage.feature': feature.name },
      };
      if (feature.skew !== undefined) gauge.skew = feature.skew;
      if (feature.drift !== undefined) gauge.drift = feature.drift;
      this.gauges.set(key, gauge);
    }
    for (const alert of alerts) {
      this.alerts.add(1, { 'presage.version': name, 'presage.feature': alert.feature, type: alert.type });
    }
    if (alerts.length === 0) return;
    this.options.logger.warn('model monitoring alert', {
      version: name,
      alerts: alerts.length,
      window: window.start.toISOString(),
    });
    if (config.webhookUri) {
      this.options.webhook.send(config.webhookUri, config.webhookSecret, {
        kind: 'presage.monitoring.alert',
        version: name,
        window: {
          startTime: window.start.toISOString(),
          endTime: window.end.toISOString(),
          instances: window.instances,
        },
        alerts,
      });
    }
  }
}

/** The instances of logged request bodies (`{"instances": [...]}`), and how many bodies were not such. */
function readInstances(bodies: readonly string[]): {
  instances: Map<string, FeatureValue>[];
  unreadable: number;
} {
  const instances: Map<string, FeatureValue>[] = [];
  let unreadable = 0;
  for (const body of bodies) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      unreadable++;
      continue;
    }
    const list = (parsed as { instances?: unknown } | null)?.instances;
    if (!Array.isArray(list)) {
      unreadable++;
      continue;
    }
    for (const instance of list) instances.push(featureValues(instance));
  }
  return { instances, unreadable };
}

/** Each watched feature's distances and alerts in one window. */
function measureFeatures(
  config: EffectiveMonitoring,
  statistics: readonly FeatureStats[],
  previous: readonly MonitoringWindowRecord[],
  instances: number,
): FeatureWindowRecord[] {
  return config.features.map(({ name, threshold }, i) => {
    const stats = statistics[i]!;
    const baseline = config.baseline[i]!;
    const skew = featureDistance(baseline, stats);
    const before = previousValues(previous, name, stats);
    const drift = before ? featureDistance(before, stats) : undefined;
    const enough = instances >= config.minInstances;
    return {
      name,
      statistics: stats,
      skew,
      drift,
      threshold,
      skewAlert: enough && skew !== undefined && skew > threshold,
      driftAlert:
        enough &&
        before !== undefined &&
        valueCount(before) >= config.minInstances &&
        drift !== undefined &&
        drift > threshold,
    };
  });
}

/** The feature's statistics in the newest earlier window that has values of it, in the same buckets. */
function previousValues(
  previous: readonly MonitoringWindowRecord[],
  name: string,
  current: FeatureStats,
): FeatureStats | undefined {
  for (const window of previous) {
    const stats = window.features.find((feature) => feature.name === name)?.statistics;
    if (!stats || valueCount(stats) === 0) continue;
    const comparable =
      stats.kind === current.kind &&
      stats.bounds.length === current.bounds.length &&
      stats.bounds.every((bound, i) => bound === current.bounds[i]);
    return comparable ? stats : undefined;
  }
  return undefined;
}

function nameOf(version: VersionRecord): string {
  return versionResourceName({ project: version.project, model: version.model, version: version.name });
}
