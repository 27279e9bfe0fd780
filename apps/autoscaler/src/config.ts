import { readMessageLimits } from '@presage/grpc-kit';
import type { MessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import type { TelemetryEnv } from '@presage/telemetry';

/** The autoscaler's settings, read from the environment once; every problem is reported together. */
export interface AutoscalerConfig {
  /**
   * PRESAGE_AUTOSCALER_ADDRESS: AutoscalerService (the gateway's demand reports), AutoscalingService
   * (decision history) and the OTLP metrics receiver, on one gRPC port. @default '127.0.0.1:8094'
   */
  address: string;
  /** PRESAGE_DEPLOYER_ADDRESS. @default '127.0.0.1:8092' */
  deployerAddress: string;
  /** DATABASE_URL; unset → an embedded PostgreSQL in PRESAGE_HOME/postgres. */
  databaseUrl: string | undefined;
  /** PRESAGE_HOME. @default './.presage' */
  home: string;
  /** PRESAGE_AUTOSCALER_TICK_MS: how often every version is decided. @default 2000 (Knative's tick) */
  tickMs: number;
  /** PRESAGE_AUTOSCALER_STABLE_WINDOW_MS: the averaging window of stable mode. @default 60000 */
  stableWindowMs: number;
  /** PRESAGE_AUTOSCALER_PANIC_WINDOW_MS: the short window that detects bursts. @default 6000 */
  panicWindowMs: number;
  /** PRESAGE_AUTOSCALER_SCALE_TO_ZERO_IDLE_MS: no traffic this long before a minNodes-0 version goes to zero. @default the stable window */
  scaleToZeroIdleMs: number;
  /**
   * PRESAGE_AUTOSCALER_TARGET_CONCURRENCY: concurrent requests per replica when a version sets no
   * autoScaling.targetConcurrency. @default 4
   */
  targetConcurrency: number;
  /** PRESAGE_AUTOSCALER_METRIC_STALE_MS: a gateway not heard from this long no longer counts. @default 5000 */
  metricStaleMs: number;
  /** PRESAGE_AUTOSCALER_DECISION_RETENTION_DAYS: how long decisions are kept. @default 7 */
  decisionRetentionDays: number;
  /** PRESAGE_AUTOSCALER_DECISIONS_PER_VERSION: the most decisions kept per version. @default 10000 */
  decisionsPerVersion: number;
  /** PRESAGE_METRICS_ADDRESS: where Prometheus `GET /metrics` listens. @default undefined (no endpoint) */
  metricsAddress: string | undefined;
  /** PRESAGE_OTLP_ENDPOINT (for a collector; not itself), PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  /** PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES: message sizes. @default 1.5 MiB and 48 MiB */
  limits: MessageLimits;
  telemetry: TelemetryEnv;
}

const ADDRESS = /^[^\s:]+:\d{1,5}$/;

export function loadAutoscalerConfig(env: NodeJS.ProcessEnv = process.env): AutoscalerConfig {
  const problems: string[] = [];
  const address = (key: string, fallback: string): string => {
    const value = env[key] || fallback;
    if (!ADDRESS.test(value)) problems.push(`${key} must be host:port, got "${value}"`);
    return value;
  };
  const number = (key: string, fallback: number, min: number, max: number, integer = true): number => {
    const text = env[key];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      problems.push(
        `${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${text}"`,
      );
      return fallback;
    }
    return value;
  };
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }
  const tickMs = number('PRESAGE_AUTOSCALER_TICK_MS', 2000, 50, 60_000);
  const stableWindowMs = number('PRESAGE_AUTOSCALER_STABLE_WINDOW_MS', 60_000, 100, 3_600_000);
  const panicWindowMs = number('PRESAGE_AUTOSCALER_PANIC_WINDOW_MS', 6000, 50, 3_600_000);
  if (panicWindowMs > stableWindowMs) {
    problems.push(
      `PRESAGE_AUTOSCALER_PANIC_WINDOW_MS (${panicWindowMs}) must not exceed the stable window (${stableWindowMs})`,
    );
  }
  const config: AutoscalerConfig = {
    address: address('PRESAGE_AUTOSCALER_ADDRESS', '127.0.0.1:8094'),
    deployerAddress: address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092'),
    databaseUrl,
    home: env['PRESAGE_HOME'] || './.presage',
    tickMs,
    stableWindowMs,
    panicWindowMs,
    scaleToZeroIdleMs: number('PRESAGE_AUTOSCALER_SCALE_TO_ZERO_IDLE_MS', stableWindowMs, 0, 86_400_000),
    targetConcurrency: number('PRESAGE_AUTOSCALER_TARGET_CONCURRENCY', 4, 0.01, 1000, false),
    metricStaleMs: number('PRESAGE_AUTOSCALER_METRIC_STALE_MS', 5000, 100, 600_000),
    decisionRetentionDays: number('PRESAGE_AUTOSCALER_DECISION_RETENTION_DAYS', 7, 0.001, 3650, false),
    decisionsPerVersion: number('PRESAGE_AUTOSCALER_DECISIONS_PER_VERSION', 10_000, 1, 10_000_000),
    metricsAddress: env['PRESAGE_METRICS_ADDRESS'] ? address('PRESAGE_METRICS_ADDRESS', '') : undefined,
    limits: readMessageLimits(env, problems),
    telemetry: readTelemetryEnv(env, problems),
  };
  if (problems.length > 0) throw new Error(`Invalid autoscaler configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
