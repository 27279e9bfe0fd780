import { readDatabaseUrl } from '@presage/db';
import { EnvReader, checkInternalListener, readInternalCredential } from '@presage/env';
import type { InternalCredential } from '@presage/env';
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
  /** PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES: message sizes. @default 1.5 MiB and 48 MiB */
  limits: MessageLimits;
  /** PRESAGE_OTLP_ENDPOINT (for a collector; not itself), PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
  /**
   * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL: the secret its callers (demand reports, decision queries, OTLP pushes) must present
   * and it presents to the deployer. Required when PRESAGE_AUTOSCALER_ADDRESS is not a loopback address. @default undefined (none)
   */
  internalCredential: InternalCredential | undefined;
}

export function loadAutoscalerConfig(env: NodeJS.ProcessEnv = process.env): AutoscalerConfig {
  const reader = new EnvReader(env);
  const address = reader.address('PRESAGE_AUTOSCALER_ADDRESS', '127.0.0.1:8094');
  const databaseUrl = readDatabaseUrl(reader);
  const tickMs = reader.integer('PRESAGE_AUTOSCALER_TICK_MS', { default: 2000, min: 50, max: 60_000 });
  const stableWindowMs = reader.integer('PRESAGE_AUTOSCALER_STABLE_WINDOW_MS', {
    default: 60_000,
    min: 100,
    max: 3_600_000,
  });
  const panicWindowMs = reader.integer('PRESAGE_AUTOSCALER_PANIC_WINDOW_MS', {
    default: 6000,
    min: 50,
    max: 3_600_000,
  });
  reader.check(
    panicWindowMs <= stableWindowMs,
    `PRESAGE_AUTOSCALER_PANIC_WINDOW_MS (${panicWindowMs}) must not exceed the stable window (${stableWindowMs})`,
  );
  const config: AutoscalerConfig = {
    address,
    deployerAddress: reader.address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092'),
    databaseUrl,
    home: reader.text('PRESAGE_HOME', './.presage'),
    tickMs,
    stableWindowMs,
    panicWindowMs,
    scaleToZeroIdleMs: reader.integer('PRESAGE_AUTOSCALER_SCALE_TO_ZERO_IDLE_MS', {
      default: stableWindowMs,
      min: 0,
      max: 86_400_000,
    }),
    targetConcurrency: reader.number('PRESAGE_AUTOSCALER_TARGET_CONCURRENCY', {
      default: 4,
      min: 0.01,
      max: 1000,
    }),
    metricStaleMs: reader.integer('PRESAGE_AUTOSCALER_METRIC_STALE_MS', {
      default: 5000,
      min: 100,
      max: 600_000,
    }),
    decisionRetentionDays: reader.number('PRESAGE_AUTOSCALER_DECISION_RETENTION_DAYS', {
      default: 7,
      min: 0.001,
      max: 3650,
    }),
    decisionsPerVersion: reader.integer('PRESAGE_AUTOSCALER_DECISIONS_PER_VERSION', {
      default: 10_000,
      min: 1,
      max: 10_000_000,
    }),
    metricsAddress: reader.optionalAddress('PRESAGE_METRICS_ADDRESS'),
    limits: readMessageLimits(env, reader.problems),
    telemetry: readTelemetryEnv(env, reader.problems),
    internalCredential: readInternalCredential(reader),
  };
  checkInternalListener(reader, 'PRESAGE_AUTOSCALER_ADDRESS', address, config.internalCredential);
  reader.finish('autoscaler');
  return config;
}
