import { readDatabaseUrl } from '@presage/db';
import { EnvReader, checkInternalListener, readConfinement, readInternalCredential } from '@presage/env';
import type { Confinement, InternalCredential } from '@presage/env';
import { readMessageLimits } from '@presage/grpc-kit';
import type { MessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import type { TelemetryEnv } from '@presage/telemetry';

/** The registry's settings, read from the environment once; every problem is reported together. */
export interface RegistryConfig {
  /** PRESAGE_REGISTRY_ADDRESS. @default '127.0.0.1:8091' */
  address: string;
  /** DATABASE_URL; unset → an embedded PostgreSQL in PRESAGE_HOME/postgres. */
  databaseUrl: string | undefined;
  /** PRESAGE_HOME. @default './.presage' */
  home: string;
  /** PRESAGE_METRICS_ADDRESS: where Prometheus `GET /metrics` listens. @default undefined (no endpoint) */
  metricsAddress: string | undefined;
  /**
   * PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES: message sizes; a list page holds at most
   * maxResponseBytes of resources. @default 1.5 MiB and 48 MiB
   */
  limits: MessageLimits;
  /** PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
  /** PRESAGE_ALLOWED_PATHS and PRESAGE_CUSTOM_ROUTINES: what CreateVersion refuses at once. */
  confinement: Confinement;
  /**
   * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL: the secret its callers must present
   * and it presents to the autoscaler's OTLP receiver. Required when PRESAGE_REGISTRY_ADDRESS is not a loopback address. @default undefined (none)
   */
  internalCredential: InternalCredential | undefined;
  /**
   * PRESAGE_REQUEST_LOG_RETENTION_DAYS: request-logging rows (requestLoggingConfig) older than this are
   * deleted; 0 keeps them forever. @default 30
   */
  requestLogRetentionDays: number;
  /** PRESAGE_REQUEST_LOG_RETENTION_INTERVAL_MS: how often the retention sweep runs. @default 3_600_000 */
  requestLogRetentionIntervalMs: number;
  /** PRESAGE_MONITORING_INTERVAL_MS: how often model monitoring looks for ended windows. @default 10_000 */
  monitoringIntervalMs: number;
  /**
   * PRESAGE_MONITORING_GRACE_MS: how long after a monitoring window ends it is measured, so that request
   * logs still held by gateways arrive first. @default 10_000
   */
  monitoringGraceMs: number;
  /**
   * PRESAGE_MONITORING_WEBHOOK_HOSTS: the hosts (`name` or `name:port`, comma-separated) monitoring
   * webhooks may be sent to; a webhookUri elsewhere is refused. @default undefined (any host)
   */
  monitoringWebhookHosts: readonly string[] | undefined;
}

export function loadRegistryConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const reader = new EnvReader(env);
  const config: RegistryConfig = {
    address: reader.address('PRESAGE_REGISTRY_ADDRESS', '127.0.0.1:8091'),
    databaseUrl: readDatabaseUrl(reader),
    home: reader.text('PRESAGE_HOME', './.presage'),
    metricsAddress: reader.optionalAddress('PRESAGE_METRICS_ADDRESS'),
    limits: readMessageLimits(env, reader.problems),
    telemetry: readTelemetryEnv(env, reader.problems),
    confinement: readConfinement(reader),
    internalCredential: readInternalCredential(reader),
    requestLogRetentionDays: reader.integer('PRESAGE_REQUEST_LOG_RETENTION_DAYS', {
      default: 30,
      min: 0,
      what: 'a whole number of days (0 keeps request logs forever)',
    }),
    requestLogRetentionIntervalMs: reader.durationMs('PRESAGE_REQUEST_LOG_RETENTION_INTERVAL_MS', {
      default: 3_600_000,
      min: 1_000,
    }),
    monitoringIntervalMs: reader.durationMs('PRESAGE_MONITORING_INTERVAL_MS', {
      default: 10_000,
      min: 100,
    }),
    monitoringGraceMs: reader.durationMs('PRESAGE_MONITORING_GRACE_MS', { default: 10_000, min: 0 }),
    monitoringWebhookHosts: reader
      .optionalText('PRESAGE_MONITORING_WEBHOOK_HOSTS')
      ?.split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== ''),
  };
  checkInternalListener(reader, 'PRESAGE_REGISTRY_ADDRESS', config.address, config.internalCredential);
  reader.finish('registry');
  return config;
}
