import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { Logger } from '@presage/log';

/** Reports a failed export; called for every failure, logs at most once per interval. */
export type ExportFailureLog = (error: unknown) => void;

export interface ExportFailureLogOptions {
  /** The least time between two warnings; failures in between are counted in the next one. @default 60_000 */
  intervalMs?: number;
  now?: () => number;
}

/**
 * A warning for the first failed export to `destination`, then at most one per interval with the number
 * of failures since; the failures in between are logged at debug. A telemetry backend that is down must
 * neither flood the logs nor stop the service.
 */
export function createExportFailureLog(
  logger: Logger,
  destination: string,
  options: ExportFailureLogOptions = {},
): ExportFailureLog {
  const intervalMs = options.intervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  let lastWarning = -Infinity;
  let suppressed = 0;
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (now() - lastWarning < intervalMs) {
      suppressed += 1;
      logger.debug('telemetry export failed', { destination, error: message });
      return;
    }
    logger.warn('telemetry export failed', {
      destination,
      error: message,
      ...(suppressed > 0 ? { failuresSinceLastWarning: suppressed } : {}),
    });
    lastWarning = now();
    suppressed = 0;
  };
}

function reporting(onFailure: ExportFailureLog, done: (result: ExportResult) => void) {
  return (result: ExportResult): void => {
    if (result.code !== ExportResultCode.SUCCESS) onFailure(result.error ?? 'export failed');
    done(result);
  };
}

/** `exporter` with its failures reported to `onFailure`; it keeps its temporality and aggregation. */
export function withMetricExportFailures(
  exporter: PushMetricExporter,
  onFailure: ExportFailureLog,
): PushMetricExporter {
  return {
    export: (metrics: ResourceMetrics, done) => exporter.export(metrics, reporting(onFailure, done)),
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
    ...(exporter.selectAggregationTemporality
      ? { selectAggregationTemporality: exporter.selectAggregationTemporality.bind(exporter) }
      : {}),
    ...(exporter.selectAggregation ? { selectAggregation: exporter.selectAggregation.bind(exporter) } : {}),
  };
}

/** `exporter` with its failures reported to `onFailure`. */
export function withSpanExportFailures(exporter: SpanExporter, onFailure: ExportFailureLog): SpanExporter {
  return {
    export: (spans: ReadableSpan[], done) => exporter.export(spans, reporting(onFailure, done)),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
