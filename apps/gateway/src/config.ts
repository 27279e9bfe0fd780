import { readMessageLimits } from '@presage/grpc-kit';
import { readTelemetryEnv } from '@presage/telemetry';
import type { TelemetryEnv } from '@presage/telemetry';

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
  /** PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, PRESAGE_TRACES_FILE. */
  telemetry: TelemetryEnv;
}

const ADDRESS = /^[^\s:]+:\d{1,5}$/;
const HOST = /^[^\s:/]+$|^\[[0-9a-fA-F:]+\]$|^[0-9a-fA-F:]+$/;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const problems: string[] = [];
  const port = (key: string, fallback: number): number => {
    const text = env[key] || String(fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > 65535)
      problems.push(`${key} must be a port number 0-65535, got "${text}"`);
    return value;
  };
  const host = (key: string): string => {
    const value = env[key] || '127.0.0.1';
    if (!HOST.test(value)) problems.push(`${key} must be a host name or IP address, got "${value}"`);
    return value;
  };
  const address = (key: string, fallback: string | undefined): string | undefined => {
    const value = env[key] || fallback;
    if (value !== undefined && !ADDRESS.test(value))
      problems.push(`${key} must be host:port, got "${value}"`);
    return value;
  };
  const count = (key: string, fallback: number, least: number, what: string): number => {
    const text = env[key] || String(fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < least) problems.push(`${key} must be ${what}, got "${text}"`);
    return value;
  };
  const limits = readMessageLimits(env, problems);
  const config: GatewayConfig = {
    httpHost: host('PRESAGE_HTTP_HOST'),
    httpPort: port('PRESAGE_HTTP_PORT', 8080),
    grpcHost: host('PRESAGE_GRPC_HOST'),
    grpcPort: port('PRESAGE_GRPC_PORT', 8090),
    registryAddress: address('PRESAGE_REGISTRY_ADDRESS', '127.0.0.1:8091')!,
    deployerAddress: address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092')!,
    batchAddress: address('PRESAGE_BATCH_ADDRESS', undefined),
    maxBodyBytes: limits.maxBodyBytes,
    maxResponseBytes: limits.maxResponseBytes,
    autoscalerAddress: address('PRESAGE_AUTOSCALER_ADDRESS', undefined),
    coldStartQueueSize: count('PRESAGE_COLD_START_QUEUE_SIZE', 100, 1, 'a number of requests ≥ 1'),
    coldStartTimeoutMs: count('PRESAGE_COLD_START_TIMEOUT_MS', 60_000, 0, 'a whole number of milliseconds'),
    telemetry: readTelemetryEnv(env, problems),
  };
  if (problems.length > 0) throw new Error(`Invalid gateway configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
