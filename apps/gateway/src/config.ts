import { EnvReader, isLoopbackHost, readInternalCredential } from '@presage/env';
import type { InternalCredential } from '@presage/env';
import { readMessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import type { TelemetryEnv } from '@presage/telemetry';
import type { OidcSettings } from './auth/oidc-verifier';

/** The gateway's settings, read from the environment once; every problem is reported together. */
export interface GatewayConfig {
  /** PRESAGE_HTTP_HOST. @default '127.0.0.1' */
  httpHost: string;
  /** PRESAGE_HTTP_PORT. @default 8080 */
  httpPort: number;
  /** PRESAGE_GRPC_HOST. @default '127.0.0.1' */
  grpcHost: string;
  /** PRESAGE_GRPC_PORT. @default 8090 */
  grpcPort: number;
  /** PRESAGE_REGISTRY_ADDRESS. @default '127.0.0.1:8091' */
  registryAddress: string;
  /** PRESAGE_DEPLOYER_ADDRESS. @default '127.0.0.1:8092' */
  deployerAddress: string;
  /** PRESAGE_BATCH_ADDRESS; unset → JobService answers 501 "batch prediction is not enabled". */
  batchAddress: string | undefined;
  /**
   * PRESAGE_MAX_BODY_BYTES: the largest REST body; the public gRPC port takes request messages up to this
   * plus 64 KiB. @default 1572864 (1.5 MiB, AI Platform's payload limit)
   */
  maxBodyBytes: number;
  /**
   * PRESAGE_MAX_RESPONSE_BYTES: the largest answer the gateway carries from a service (a prediction, a
   * page); internal channels are sized for it. @default 32 × maxBodyBytes
   */
  maxResponseBytes: number;
  /**
   * PRESAGE_AUTOSCALER_ADDRESS: serves AutoscalingService (unset: it answers 501 "autoscaling is not
   * enabled") and is told at once (ReportDemand) when requests wait for a version with no ready replica
   * (unset: held requests wait for a replica the deployer starts). @default undefined
   */
  autoscalerAddress: string | undefined;
  /** PRESAGE_COLD_START_QUEUE_SIZE: requests held per version while it has no ready replica; more get 429. @default 100 */
  coldStartQueueSize: number;
  /** PRESAGE_COLD_START_TIMEOUT_MS: the longest a request is held for a replica; then 503. @default 60000 */
  coldStartTimeoutMs: number;
  /**
   * PRESAGE_AUTH: `required` checks every public call's credential and permission (README, Security);
   * `off` lets anyone who reaches the ports do anything, so it is refused unless both listeners bind a
   * loopback address. @default 'off'
   */
  auth: 'off' | 'required';
  /**
   * PRESAGE_BOOTSTRAP_ADMIN_KEY: a key (at least 32 characters) that is admin on every project, to create
   * the first API keys and policies with, as a database's first superuser. @default undefined
   */
  bootstrapAdminKey: string | undefined;
  /**
   * PRESAGE_OIDC_ISSUER, PRESAGE_OIDC_AUDIENCE and PRESAGE_OIDC_JWKS_URL: OpenID Connect ID tokens from this
   * issuer, for this audience, are accepted as Bearer credentials (member `user:{email}`); the JWKS is
   * the issuer's discovered `jwks_uri` unless given. @default undefined (API keys only)
   */
  oidc: OidcSettings | undefined;
  /** PRESAGE_AUTH_CACHE_MS: how long a key's and a policy's lookup is reused; the longest a revocation waits. @default 2000 */
  authCacheMs: number;
  /**
   * PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE: online predictions each project may make per minute through
   * this gateway (a token bucket: a minute's worth at once, then a steady rate); over it, 429. 0: no
   * limit. @default 0
   */
  predictionsPerMinute: number;
  /**
   * PRESAGE_SHADOW_MAX_IN_FLIGHT: shadow copies (README, Shadow traffic) out at once from this gateway;
   * a copy beyond it is dropped and counted (`presage.shadow.requests{outcome=dropped}`). @default 32
   */
  shadowMaxInFlight: number;
  /** PRESAGE_SHADOW_TIMEOUT_MS: how long a shadow copy may take before it is abandoned as an error. @default 5000 */
  shadowTimeoutMs: number;
  /**
   * PRESAGE_REQUEST_LOG_BUFFER_ROWS: sampled predictions (requestLoggingConfig) held for the registry at
   * most; beyond it they are dropped and counted (`presage.request_log.dropped{reason=buffer_full}`).
   * @default 10000
   */
  requestLogBufferRows: number;
  /** PRESAGE_REQUEST_LOG_FLUSH_MS: how often held request-log rows are sent when no batch filled. @default 1000 */
  requestLogFlushMs: number;
  /**
   * PRESAGE_CONSOLE (flag): serve the web console at `/console/` (README, The web console).
   * @default true
   */
  console: boolean;
  /** PRESAGE_CONSOLE_SAMPLE_MS: how often the console's per-version series take a point. @default 5000 */
  consoleSampleMs: number;
  /** PRESAGE_CONSOLE_RETENTION_MS: how much of the series each gateway keeps in memory. @default 3600000 */
  consoleRetentionMs: number;
  /** PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
  /**
   * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL: the secret it presents to the
   * services behind it (its public ports never ask for it). @default undefined (none)
   */
  internalCredential: InternalCredential | undefined;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const reader = new EnvReader(env);
  const limits = readMessageLimits(env, reader.problems);
  const config: GatewayConfig = {
    httpHost: reader.host('PRESAGE_HTTP_HOST', '127.0.0.1'),
    httpPort: reader.port('PRESAGE_HTTP_PORT', 8080),
    grpcHost: reader.host('PRESAGE_GRPC_HOST', '127.0.0.1'),
    grpcPort: reader.port('PRESAGE_GRPC_PORT', 8090),
    registryAddress: reader.address('PRESAGE_REGISTRY_ADDRESS', '127.0.0.1:8091'),
    deployerAddress: reader.address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092'),
    batchAddress: reader.optionalAddress('PRESAGE_BATCH_ADDRESS'),
    maxBodyBytes: limits.maxBodyBytes,
    maxResponseBytes: limits.maxResponseBytes,
    autoscalerAddress: reader.optionalAddress('PRESAGE_AUTOSCALER_ADDRESS'),
    coldStartQueueSize: reader.integer('PRESAGE_COLD_START_QUEUE_SIZE', {
      default: 100,
      min: 1,
      what: 'a number of requests',
    }),
    coldStartTimeoutMs: reader.durationMs('PRESAGE_COLD_START_TIMEOUT_MS', { default: 60_000 }),
    auth: reader.oneOf('PRESAGE_AUTH', ['off', 'required'], 'off'),
    bootstrapAdminKey: reader.optionalText('PRESAGE_BOOTSTRAP_ADMIN_KEY'),
    authCacheMs: reader.durationMs('PRESAGE_AUTH_CACHE_MS', { default: 2_000 }),
    oidc: readOidc(reader),
    predictionsPerMinute: reader.integer('PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE', {
      default: 0,
      min: 0,
      what: 'a number of predictions',
    }),
    shadowMaxInFlight: reader.integer('PRESAGE_SHADOW_MAX_IN_FLIGHT', {
      default: 32,
      min: 1,
      what: 'a number of requests',
    }),
    shadowTimeoutMs: reader.durationMs('PRESAGE_SHADOW_TIMEOUT_MS', { default: 5_000 }),
    requestLogBufferRows: reader.integer('PRESAGE_REQUEST_LOG_BUFFER_ROWS', {
      default: 10_000,
      min: 1,
      what: 'a number of rows',
    }),
    requestLogFlushMs: reader.durationMs('PRESAGE_REQUEST_LOG_FLUSH_MS', { default: 1_000, min: 10 }),
    console: reader.flag('PRESAGE_CONSOLE', true),
    consoleSampleMs: reader.durationMs('PRESAGE_CONSOLE_SAMPLE_MS', { default: 5_000, min: 100 }),
    consoleRetentionMs: reader.durationMs('PRESAGE_CONSOLE_RETENTION_MS', {
      default: 3_600_000,
      min: 60_000,
      max: 86_400_000,
    }),
    telemetry: readTelemetryEnv(env, reader.problems),
    internalCredential: readInternalCredential(reader),
  };
  checkAuth(config, reader.problems);
  checkConsole(config, reader.problems);
  reader.finish('gateway');
  return config;
}

/** The shortest bootstrap key accepted: a guessable one would open every project. */
const MIN_BOOTSTRAP_KEY_CHARS = 32;

function checkAuth(config: GatewayConfig, problems: string[]): void {
  if (
    config.bootstrapAdminKey !== undefined &&
    config.bootstrapAdminKey.trim().length < MIN_BOOTSTRAP_KEY_CHARS
  ) {
    problems.push(
      `PRESAGE_BOOTSTRAP_ADMIN_KEY must be at least ${MIN_BOOTSTRAP_KEY_CHARS} characters (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  if (config.auth === 'required') return;
  for (const [name, host] of [
    ['PRESAGE_HTTP_HOST', config.httpHost],
    ['PRESAGE_GRPC_HOST', config.grpcHost],
  ] as const) {
    if (isLoopbackHost(host)) continue;
    problems.push(
      `${name}=${host} can be reached from a network, and PRESAGE_AUTH is off: anyone reaching it could ` +
        'create, delete and call every model. Set PRESAGE_AUTH=required and PRESAGE_BOOTSTRAP_ADMIN_KEY ' +
        '(README, Security), or bind 127.0.0.1',
    );
  }
}

/** The most points a console series keeps per version (memory: 56 bytes a point). */
const MAX_CONSOLE_POINTS = 10_000;

function checkConsole(config: GatewayConfig, problems: string[]): void {
  const points = Math.ceil(config.consoleRetentionMs / config.consoleSampleMs);
  if (points > MAX_CONSOLE_POINTS) {
    problems.push(
      `PRESAGE_CONSOLE_RETENTION_MS / PRESAGE_CONSOLE_SAMPLE_MS would keep ${points} points per version; at most ${MAX_CONSOLE_POINTS}: sample less often or keep less`,
    );
  }
}

function readOidc(reader: EnvReader): OidcSettings | undefined {
  const protocols = { protocols: ['http', 'https'] };
  const issuer = reader.url('PRESAGE_OIDC_ISSUER', protocols);
  const audience = reader.optionalText('PRESAGE_OIDC_AUDIENCE');
  const jwksUrl = reader.url('PRESAGE_OIDC_JWKS_URL', protocols);
  if (issuer === undefined && audience === undefined && jwksUrl === undefined) return undefined;
  if (issuer === undefined || audience === undefined) {
    reader.problems.push(
      'PRESAGE_OIDC_ISSUER and PRESAGE_OIDC_AUDIENCE go together: a token is accepted only from its issuer and for its audience',
    );
    return undefined;
  }
  return { issuer, audience, jwksUrl };
}
