import type { AllowedPaths } from '@presage/env';
import type { FieldViolation } from '@presage/errors';
import type { FeatureStatistics__Output, MonitoringConfig__Output } from '@presage/proto';
import { localPathOf } from '../domain/local-path';
import { BaselineFileError, readBaselineFile } from './baseline-file';
import { baselineStatistics, valueCount } from './feature-statistics';
import type { FeatureKind, FeatureStats } from './feature-statistics';

/** A version's monitoringConfig as stored: zeros mean the defaults; the baseline resolved to statistics. */
export interface StoredMonitoringConfig {
  /** The file the statistics were computed from ('' when they were given). */
  baselineUri: string;
  baselineStats: FeatureStats[];
  features: string[];
  thresholds: Record<string, number>;
  defaultThreshold: number;
  windowSeconds: number;
  samplingPercentage: number;
  minInstances: number;
  webhookUri: string;
  webhookSecret: string;
}

/** A stored config with its defaults applied: what the monitor acts on. */
export interface EffectiveMonitoring {
  baseline: FeatureStats[];
  /** The watched features, each with its threshold. */
  features: { name: string; threshold: number }[];
  windowMs: number;
  samplingPercentage: number;
  minInstances: number;
  webhookUri: string;
  webhookSecret: string;
}

export const DEFAULT_MONITORING_THRESHOLD = 0.3;
export const DEFAULT_WINDOW_SECONDS = 3_600;
export const MAX_WINDOW_SECONDS = 30 * 86_400;
export const DEFAULT_MIN_INSTANCES = 30;
export const MAX_MONITORED_FEATURES = 1_000;

/** A deployed version's inputs, as its signature records them. */
export interface SignatureInputs {
  inputs?: { name?: string }[];
}

/**
 * The config with its defaults applied. Without `features`, the baseline's features that the version's
 * signature takes as inputs (a training file's label column is not one), or all of them when there is
 * no signature yet or it names none of them.
 */
export function effectiveMonitoring(
  config: StoredMonitoringConfig,
  signature?: SignatureInputs | null,
): EffectiveMonitoring {
  let baseline: FeatureStats[];
  if (config.features.length > 0) {
    baseline = config.baselineStats.filter((feature) => config.features.includes(feature.name));
  } else {
    const takes = signatureTakes(signature);
    const inputs = config.baselineStats.filter((feature) => takes(feature.name));
    baseline = inputs.length > 0 ? inputs : config.baselineStats;
  }
  return {
    baseline,
    features: baseline.map(({ name }) => ({
      name,
      threshold: Object.prototype.hasOwnProperty.call(config.thresholds, name)
        ? config.thresholds[name]!
        : config.defaultThreshold || DEFAULT_MONITORING_THRESHOLD,
    })),
    windowMs: (config.windowSeconds || DEFAULT_WINDOW_SECONDS) * 1_000,
    samplingPercentage: config.samplingPercentage || 1,
    minInstances: config.minInstances || DEFAULT_MIN_INSTANCES,
    webhookUri: config.webhookUri,
    webhookSecret: config.webhookSecret,
  };
}

/**
 * Whether a feature name is one the signature's inputs receive: for one input, a list instance's
 * positions (`[2]`) or the input by name (`x`, `x[2]`); for several, each input by name.
 */
export function signatureTakes(signature: SignatureInputs | null | undefined): (feature: string) => boolean {
  const inputs = (signature?.inputs ?? []).filter((input) => input.name);
  if (inputs.length === 0) return () => false;
  const names = inputs.map((input) => input.name!);
  return (feature) =>
    names.some(
      (name) => feature === name || feature.startsWith(`${name}[`) || feature.startsWith(`${name}.`),
    ) ||
    (inputs.length === 1 && (feature === 'value' || feature.startsWith('[')));
}

/** The problems of a monitoringConfig that can be seen without reading its baseline file. */
export function monitoringViolations(
  config: MonitoringConfig__Output | null | undefined,
  field: string,
  requestLogging: { samplingPercentage: number } | null | undefined,
): FieldViolation[] {
  if (!config) return [];
  const violations: FieldViolation[] = [];
  const add = (path: string, description: string) =>
    violations.push({ field: `${field}${path ? `.${path}` : ''}`, description });
  if (!requestLogging || !(requestLogging.samplingPercentage > 0)) {
    add(
      '',
      'Monitoring reads the version’s request logs: set request_logging_config (a table and a sampling percentage above 0) too.',
    );
  }
  if (config.baselineUri && config.baselineStats.length > 0) {
    add('baseline_stats', 'Give either baseline_uri or baseline_stats, not both.');
  }
  if (config.baselineUri && localPathOf(config.baselineUri) === undefined) {
    add('baseline_uri', `Use an absolute path or a file:// URI; got "${config.baselineUri.slice(0, 200)}".`);
  }
  violations.push(...statisticsViolations(config.baselineStats, `${field}.baseline_stats`));
  if (config.features.length > MAX_MONITORED_FEATURES) {
    add('features', `At most ${MAX_MONITORED_FEATURES} features; got ${config.features.length}.`);
  }
  config.features.forEach((name, i) => {
    if (!name || name.length > 256) add(`features[${i}]`, 'A feature name of 1 to 256 characters.');
    else if (config.features.indexOf(name) !== i) add(`features[${i}]`, `"${name}" is named twice.`);
  });
  const thresholdEntries = Object.entries(config.thresholds);
  if (thresholdEntries.length > MAX_MONITORED_FEATURES) {
    add('thresholds', `At most ${MAX_MONITORED_FEATURES} thresholds; got ${thresholdEntries.length}.`);
  }
  for (const [name, threshold] of thresholdEntries) {
    if (!isThreshold(threshold)) add(`thresholds[${name.slice(0, 64)}]`, thresholdRule(threshold));
  }
  if (config.defaultThreshold !== 0 && !isThreshold(config.defaultThreshold)) {
    add('default_threshold', `0 (the default, 0.3) or ${thresholdRule(config.defaultThreshold)}`);
  }
  if (
    !Number.isInteger(config.windowSeconds) ||
    config.windowSeconds < 0 ||
    config.windowSeconds > MAX_WINDOW_SECONDS
  ) {
    add(
      'window_seconds',
      `0 (the default, ${DEFAULT_WINDOW_SECONDS}) or 1 to ${MAX_WINDOW_SECONDS} seconds; got ${config.windowSeconds}.`,
    );
  }
  const share = config.samplingPercentage;
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    add('sampling_percentage', `A fraction between 0 and 1 (0: all); got ${share}.`);
  }
  if (!Number.isInteger(config.minInstances) || config.minInstances < 0) {
    add('min_instances', `0 (the default, ${DEFAULT_MIN_INSTANCES}) or more; got ${config.minInstances}.`);
  }
  if (config.webhookUri) {
    let url: URL | undefined;
    try {
      url = new URL(config.webhookUri);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      add('webhook_uri', `An http:// or https:// URL; got "${config.webhookUri.slice(0, 200)}".`);
    }
  }
  if (config.webhookSecret.length > 1_024) add('webhook_secret', 'At most 1024 characters.');
  if (config.webhookSecret && !config.webhookUri) {
    add('webhook_secret', 'A webhook secret signs webhook_uri’s requests; set webhook_uri too.');
  }
  return violations;
}

/**
 * The config to store: the baseline resolved to statistics (given, read from baseline_uri, or read from
 * the first lineage training dataset), and the features and thresholds checked against it. The
 * violations, when there are some, instead of a config.
 */
export async function resolveMonitoringConfig(
  config: MonitoringConfig__Output,
  field: string,
  trainingDatasets: readonly { uri?: string }[],
  limits: { allowedPaths?: AllowedPaths | undefined; webhookHosts?: readonly string[] | undefined },
): Promise<StoredMonitoringConfig | FieldViolation[]> {
  if (config.webhookUri && !webhookHostAllowed(config.webhookUri, limits.webhookHosts)) {
    return [
      {
        field: `${field}.webhook_uri`,
        description: `Webhooks may go only to ${limits.webhookHosts!.join(', ')} (PRESAGE_MONITORING_WEBHOOK_HOSTS); ask the operator to add a host.`,
      },
    ];
  }
  let baselineUri = config.baselineUri;
  let baselineStats: FeatureStats[];
  let baselineField = `${field}.baseline_uri`;
  if (config.baselineStats.length > 0) {
    baselineStats = config.baselineStats.map(toFeatureStats);
  } else {
    if (!baselineUri) {
      const dataset = trainingDatasets.find((d) => d.uri && localPathOf(d.uri) !== undefined);
      if (!dataset?.uri) {
        return [
          {
            field: baselineField,
            description:
              'Monitoring needs a training baseline: baseline_uri (a JSON-lines or CSV file), baseline_stats, or a lineage training dataset that is such a local file.',
          },
        ];
      }
      baselineUri = dataset.uri;
      baselineField = `${field}.baseline_uri (from lineage.training_datasets)`;
    }
    try {
      const instances = await readBaselineFile(baselineUri, limits.allowedPaths);
      baselineStats = baselineStatistics(instances, config.features.length > 0 ? config.features : undefined);
    } catch (error) {
      if (!(error instanceof BaselineFileError)) throw error;
      return [{ field: baselineField, description: error.message }];
    }
  }
  const known = new Set(baselineStats.map((feature) => feature.name));
  const violations: FieldViolation[] = [];
  if (baselineStats.length > MAX_MONITORED_FEATURES) {
    violations.push({
      field: baselineField,
      description: `The baseline has ${baselineStats.length} features; name at most ${MAX_MONITORED_FEATURES} in features.`,
    });
  }
  const list = (names: Iterable<string>) => [...names].slice(0, 20).join(', ');
  config.features.forEach((name, i) => {
    if (!known.has(name)) {
      violations.push({
        field: `${field}.features[${i}]`,
        description: `The baseline has no feature "${name}"; it has ${list(known)}.`,
      });
    }
  });
  const watched = config.features.length > 0 ? new Set(config.features) : known;
  for (const name of Object.keys(config.thresholds)) {
    if (!watched.has(name)) {
      violations.push({
        field: `${field}.thresholds[${name.slice(0, 64)}]`,
        description: `"${name}" is not a watched feature; they are ${list(watched)}.`,
      });
    }
  }
  if (violations.length > 0) return violations;
  return {
    baselineUri: config.baselineStats.length > 0 ? '' : baselineUri,
    baselineStats,
    features: config.features,
    thresholds: config.thresholds,
    defaultThreshold: config.defaultThreshold,
    windowSeconds: config.windowSeconds,
    samplingPercentage: config.samplingPercentage,
    minInstances: config.minInstances,
    webhookUri: config.webhookUri,
    webhookSecret: config.webhookSecret,
  };
}

/**
 * Whether `uri`'s host is one of `hosts` (`name` matches any port, `name:port` that port only); any host
 * when `hosts` is undefined.
 */
export function webhookHostAllowed(uri: string, hosts: readonly string[] | undefined): boolean {
  if (!hosts) return true;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  const name = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return hosts.some((host) => host === name || host === `${name}:${port}`);
}

/** The stored config as the Version message shows it: the webhook secret never leaves the registry. */
export function monitoringConfigMessage(config: StoredMonitoringConfig) {
  return { ...config, baselineStats: config.baselineStats.map(featureStatisticsMessage), webhookSecret: '' };
}

export function featureStatisticsMessage(stats: FeatureStats) {
  return {
    name: stats.name,
    kind: stats.kind,
    bounds: stats.bounds,
    counts: stats.counts,
    categories: stats.categories,
    missing: stats.missing,
  };
}

function toFeatureStats(message: FeatureStatistics__Output): FeatureStats {
  return {
    name: message.name,
    kind: message.kind as FeatureKind,
    bounds: message.bounds,
    counts: message.counts.map(Number),
    categories: Object.fromEntries(Object.entries(message.categories).map(([k, v]) => [k, Number(v)])),
    missing: Number(message.missing),
  };
}

function statisticsViolations(stats: readonly FeatureStatistics__Output[], field: string): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (stats.length > MAX_MONITORED_FEATURES) {
    return [{ field, description: `At most ${MAX_MONITORED_FEATURES} features; got ${stats.length}.` }];
  }
  const names = new Set<string>();
  stats.forEach((message, i) => {
    const at = `${field}[${i}]`;
    const add = (path: string, description: string) =>
      violations.push({ field: `${at}.${path}`, description });
    if (!message.name || message.name.length > 256) add('name', 'A feature name of 1 to 256 characters.');
    else if (names.has(message.name)) add('name', `"${message.name}" is given twice.`);
    names.add(message.name);
    const feature = toFeatureStats(message);
    if (feature.kind === 'NUMERIC') {
      if (feature.bounds.length === 0 || feature.bounds.length > 1_000) {
        add('bounds', 'A numeric feature needs 1 to 1000 ascending bucket bounds.');
      } else if (
        feature.bounds.some((b, j) => !Number.isFinite(b) || (j > 0 && b <= feature.bounds[j - 1]!))
      ) {
        add('bounds', 'Bounds must be finite and strictly ascending.');
      }
      if (feature.counts.length !== feature.bounds.length + 1) {
        add(
          'counts',
          `One count per bucket: ${feature.bounds.length + 1} for ${feature.bounds.length} bounds; got ${feature.counts.length}.`,
        );
      }
      if (feature.counts.some((c) => !Number.isSafeInteger(c) || c < 0)) {
        add('counts', 'Counts are whole numbers, 0 or more.');
      }
      if (Object.keys(feature.categories).length > 0) {
        add('categories', 'A numeric feature has bounds and counts, not categories.');
      }
    } else if (feature.kind === 'CATEGORICAL') {
      if (Object.values(feature.categories).some((c) => !Number.isSafeInteger(c) || c < 0)) {
        add('categories', 'Counts are whole numbers, 0 or more.');
      }
      if (feature.bounds.length > 0 || feature.counts.length > 0) {
        add('bounds', 'A categorical feature has categories, not bounds and counts.');
      }
    } else {
      add('kind', 'NUMERIC or CATEGORICAL.');
    }
    if (violations.length === 0 && valueCount(feature) === 0) {
      add(
        feature.kind === 'NUMERIC' ? 'counts' : 'categories',
        'The baseline holds no values of this feature.',
      );
    }
  });
  return violations;
}

function isThreshold(value: number): boolean {
  return Number.isFinite(value) && value > 0 && value <= 1;
}

function thresholdRule(value: number): string {
  return `a distance above 0 and at most 1; got ${value}.`;
}
