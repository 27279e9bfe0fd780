import { readSamplerEnv } from './trace-sampler';
import type { SamplerSetting } from './trace-sampler';
/** The telemetry settings every service reads from its environment (through its config.ts). */
export interface TelemetryEnv {
  /** PRESAGE_OTLP_ENDPOINT: OTLP/gRPC receiver of metrics (the autoscaler or a collector). @default undefined (none) */
  otlpEndpoint: string | undefined;
  /** PRESAGE_OTLP_TRACES_ENDPOINT: OTLP/gRPC receiver of spans. @default undefined (none) */
  otlpTracesEndpoint: string | undefined;
  /** PRESAGE_METRICS_EXPORT_INTERVAL_MS: how often metrics are pushed over OTLP. @default 1000 */
  exportIntervalMs: number;
  /** PRESAGE_TRACES_FILE: a file ended spans are appended to as JSON lines. @default undefined (none) */
  tracesFile: string | undefined;
  /**
   * OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG: which requests are traced when spans are exported.
   * @default parentbased_traceidratio, 0.01 (see DEFAULT_SAMPLER)
   */
  tracesSampler: SamplerSetting;
}

const HOST_PORT = /^[^\s:/]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/;

/**
 * Reads the telemetry variables from `env` (a config.ts passes its own), adding each problem to
 * `problems` so the service can report every one together.
 */
export function readTelemetryEnv(env: NodeJS.ProcessEnv, problems: string[]): TelemetryEnv {
  const endpoint = (key: string): string | undefined => {
    const value = env[key] || undefined;
    if (value === undefined) return undefined;
    if (HOST_PORT.test(value)) return `http://${value}`;
    try {
      const url = new URL(value);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.port !== '') return value;
    } catch {
      // Reported below.
    }
    problems.push(`${key} must be an OTLP/gRPC endpoint such as http://127.0.0.1:4317, got "${value}"`);
    return undefined;
  };
  const intervalText = env['PRESAGE_METRICS_EXPORT_INTERVAL_MS'] || '1000';
  const exportIntervalMs = Number(intervalText);
  if (!/^\d+$/.test(intervalText) || exportIntervalMs < 100) {
    problems.push(
      `PRESAGE_METRICS_EXPORT_INTERVAL_MS must be a whole number of milliseconds ≥ 100, got "${intervalText}"`,
    );
  }
  return {
    otlpEndpoint: endpoint('PRESAGE_OTLP_ENDPOINT'),
    otlpTracesEndpoint: endpoint('PRESAGE_OTLP_TRACES_ENDPOINT'),
    exportIntervalMs,
    tracesFile: env['PRESAGE_TRACES_FILE'] || undefined,
    tracesSampler: readSamplerEnv(env, problems),
  };
}
