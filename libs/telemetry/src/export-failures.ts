import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { LogFields, Logger } from '@presage/log';
import { errorMessage } from '@presage/errors';

/** Reports one failure; called for every failure, it logs at most one warning per interval. */
export type FailureLog = (error: unknown) => void;

export interface FailureLogOptions {
  /** The least time between two warnings; failures in between are counted in the next one. @default 60_000 */
  intervalMs?: number;
  now?: () => number;
}

/**
 * A warning `message` (with `fields`) for the first failure, then at most one per interval carrying the
 * number of failures since; those in between are logged at debug. For something that fails every second
 * while a dependency is down (a telemetry backend, the autoscaler): it must neither flood the logs nor
 * stop the service.
 */
export function createFailureLog(
  logger: Logger,
  message: string,
  fields: LogFields = {},
  options: FailureLogOptions = {},
): FailureLog {
  const intervalMs = options.intervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  let lastWarning = -Infinity;
  let suppressed = 0;
  return (error) => {
    const reason = errorMessage(error);
    if (now() - lastWarning < intervalMs) {
      suppressed += 1;
      logger.debug(message, { ...fields, error: reason });
      return;
    }
    logger.warn(message, {
      ...fields,
      error: reason,
      ...(suppressed > 0 ? { failuresSinceLastWarning: suppressed } : {}),
    });
    lastWarning = now();
    suppressed = 0;
  };
}

/** The failure log of an exporter sending to `destination`. */
export function createExportFailureLog(
  logger: Logger,
  destination: string,
  options?: FailureLogOptions,
): FailureLog {
  return createFailureLog(logger, 'telemetry export failed', { destination }, options);
}

function reporting(onFailure: FailureLog, done: (result: ExportResult) => void) {
  return (result: ExportResult): void => {
    if (result.code !== ExportResultCode.SUCCESS) onFailure(result.error ?? 'export failed');
    done(result);
  };
}

/** `exporter` with its failures reported to `onFailure`; it keeps its temporality and aggregation. */
export function withMetricExportFailures(
  exporter: PushMetricExporter,
  onFailure: FailureLog,
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
export function withSpanExportFailures(exporter: SpanExporter, onFailure: FailureLog): SpanExporter {
  return {
    export: (spans: ReadableSpan[], done) => exporter.export(spans, reporting(onFailure, done)),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
