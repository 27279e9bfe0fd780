import { ApiError } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import { toTimestamp } from '@presage/proto';
import type { FeatureWindow, ModelServiceHandlers, MonitoringWindow } from '@presage/proto';
import { decodePageToken, messagePage, pageSizeOf, parseVersionName } from '@presage/resources';
import { effectiveMonitoring, featureStatisticsMessage } from '../monitoring/monitoring-config';
import { listMonitoringWindows } from '../store/monitoring';
import type { FeatureWindowRecord, MonitoringWindowRecord } from '../store/monitoring';
import type { RegistryDeps } from './deps';
import { pageBytes } from './deps';
import { requireVersion } from './lookups';

export function createMonitoringHandlers(
  deps: RegistryDeps,
): Pick<AsyncHandlers<ModelServiceHandlers>, 'GetMonitoringStats'> {
  return {
    async GetMonitoringStats(request) {
      const name = parseVersionName(request.name, 'name');
      const size = pageSizeOf(request.pageSize);
      const query = `monitoring|${request.name}`;
      const after = decodePageToken(request.pageToken, query);
      const { version } = await requireVersion(deps.knex, name);
      const config = version.spec.monitoringConfig;
      if (!config) {
        throw ApiError.failedPrecondition(
          `Version ${request.name} is not monitored; set its monitoringConfig (with a requestLoggingConfig) first.`,
          'MONITORING_NOT_CONFIGURED',
        );
      }
      const rows = await listMonitoringWindows(
        deps.knex,
        version.id,
        after === undefined ? undefined : new Date(Number(after)),
        size + 1,
      );
      const { messages, nextPageToken } = messagePage(
        rows.map((row) => ({ ...row, id: String(row.start.getTime()) })),
        size,
        query,
        windowMessage,
        { typeName: 'presage.v1.MonitoringWindow', maxBytes: pageBytes(deps) },
      );
      return {
        baseline: effectiveMonitoring(config, version.signature).baseline.map(featureStatisticsMessage),
        windows: messages,
        nextPageToken,
      };
    },
  };
}

function windowMessage(window: MonitoringWindowRecord): MonitoringWindow {
  return {
    startTime: toTimestamp(window.start),
    endTime: toTimestamp(window.end),
    loggedPredictions: window.loggedPredictions,
    analyzedPredictions: window.analyzedPredictions,
    instances: window.instances,
    unreadablePredictions: window.unreadablePredictions,
    features: window.features.map(featureMessage),
  };
}

function featureMessage(feature: FeatureWindowRecord): FeatureWindow {
  return {
    name: feature.name,
    statistics: featureStatisticsMessage(feature.statistics),
    ...(feature.skew === undefined || feature.skew === null ? {} : { skew: feature.skew }),
    ...(feature.drift === undefined || feature.drift === null ? {} : { drift: feature.drift }),
    threshold: feature.threshold,
    skewAlert: feature.skewAlert,
    driftAlert: feature.driftAlert,
  };
}
