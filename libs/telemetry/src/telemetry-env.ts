import { EnvReader, isHostPort } from '@presage/env';
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

/**
 * Reads the telemetry variables from `env` (a config.ts passes its own), adding each problem to
 * `problems` so the service can report every one together.
 */
export function readTelemetryEnv(env: NodeJS.ProcessEnv, problems: string[]): TelemetryEnv {
  const reader = new EnvReader(env, problems);
  const endpoint = (key: string): string | undefined => {
    const value = reader.optionalText(key);
    if (value === undefined) return undefined;
    if (isHostPort(value)) return `http://${value}`;
    if (hasPort(value)) return value;
    reader.problem(`${key} must be an OTLP/gRPC endpoint such as http://127.0.0.1:4317, got "${value}"`);
    return undefined;
  };
  const exportIntervalMs = reader.durationMs('PRESAGE_METRICS_EXPORT_INTERVAL_MS', {
    default: 1000,
    min: 100,
  });
  return {
    otlpEndpoint: endpoint('PRESAGE_OTLP_ENDPOINT'),
    otlpTracesEndpoint: endpoint('PRESAGE_OTLP_TRACES_ENDPOINT'),
    exportIntervalMs,
    tracesFile: reader.optionalText('PRESAGE_TRACES_FILE'),
    tracesSampler: readSamplerEnv(env, problems),
  };
}

/** An http(s) URL that names its port. */
function hasPort(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.port !== '';
  } catch {
    return false;
  }
}
