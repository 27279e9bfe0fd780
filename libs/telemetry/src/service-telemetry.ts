import { createTelemetry } from './telemetry';
import type { Telemetry, TelemetryOptions } from './telemetry';

export interface ServiceTelemetryOptions extends TelemetryOptions {
  /** host:port of a Prometheus `GET /metrics` endpoint of its own. @default undefined (none) */
  metricsAddress?: string | undefined;
}

/** What startServiceTelemetry needs of a service's lifecycle (grpc-kit's ServiceLifecycle). */
export interface StopSteps {
  onStop(what: string, step: () => unknown): void;
}

/**
 * A service's telemetry as its main.ts starts it: created, shut down as the last stop step, and serving
 * `GET /metrics` on metricsAddress when one is set (logged as `metrics listening`).
 */
export async function startServiceTelemetry(
  options: ServiceTelemetryOptions,
  lifecycle: StopSteps,
): Promise<Telemetry> {
  const { metricsAddress, ...telemetryOptions } = options;
  const telemetry = createTelemetry(telemetryOptions);
  lifecycle.onStop('telemetry', () => telemetry.shutdown());
  if (metricsAddress) {
    options.logger.info('metrics listening', { address: await telemetry.serveMetrics(metricsAddress) });
  }
  return telemetry;
}
