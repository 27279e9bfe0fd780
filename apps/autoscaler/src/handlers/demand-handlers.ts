import { ApiError } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import { parseVersionName, versionResourceName } from '@presage/resources';
import type { AutoscalerServiceHandlers } from '@presage/proto';
import type { ScalingLoop } from '../scaling-loop';

/** presage.internal.v1.AutoscalerService: the gateway's demand reports. */
export function createDemandHandlers(loop: ScalingLoop): AsyncHandlers<AutoscalerServiceHandlers> {
  return {
    async ReportDemand(request) {
      const version = versionResourceName(parseVersionName(request.version, 'version'));
      if (!Number.isInteger(request.queued) || request.queued < 0) {
        throw ApiError.invalidArgument({
          field: 'queued',
          description: `Must not be negative; got ${request.queued}.`,
        });
      }
      return { desired: await loop.reportDemand(version, request.queued) };
    },
  };
}
