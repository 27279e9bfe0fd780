import { ApiError, StatusCode, badRequest } from '@presage/errors';
import type { AsyncUnaryHandler } from '@presage/grpc-kit';
import type { SignalStore } from '../domain/concurrency-signals';
import { OtlpDecodeError, decodeExportMetricsRequest, encodeExportMetricsResponse } from './otlp-decoder';

/** OTLP/gRPC's metrics service, which gateways (and any OTel SDK or collector) export to. */
export const OTLP_METRICS_SERVICE = 'opentelemetry.proto.collector.metrics.v1.MetricsService';

/**
 * `Export`: decodes the request, feeds the signal store and tells `onSignals` which versions changed.
 * A malformed request is INVALID_ARGUMENT; points the autoscaler cannot use are reported back in
 * partial_success, as OTLP asks.
 */
export function createMetricsExportHandler(deps: {
  signals: SignalStore;
  onSignals: (versions: Set<string>) => void;
  now?: () => number;
}): Record<'Export', AsyncUnaryHandler<Buffer, Buffer>> {
  const now = deps.now ?? Date.now;
  return {
    Export(bytes) {
      let decoded;
      try {
        decoded = decodeExportMetricsRequest(bytes);
      } catch (error) {
        if (!(error instanceof OtlpDecodeError)) throw error;
        const description = `Not an ExportMetricsServiceRequest: ${error.message}.`;
        throw new ApiError(StatusCode.INVALID_ARGUMENT, description, {
          details: [badRequest([{ field: 'resource_metrics', description }])],
        });
      }
      const result = deps.signals.ingest(now(), decoded);
      if (result.versions.size > 0) deps.onSignals(result.versions);
      return Promise.resolve(
        encodeExportMetricsResponse({ dataPoints: result.rejectedPoints, message: result.message }),
      );
    },
  };
}
