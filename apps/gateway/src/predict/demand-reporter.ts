import { createClient } from '@presage/grpc-kit';
import { AutoscalerService } from '@presage/proto';
import type { DemandReport } from './demand-reports';

export interface DemandReporter {
  report: DemandReport;
  close(): void;
}

/** How long a ReportDemand call may take: it returns at once by contract. */
const REPORT_DEADLINE_MS = 2_000;

/** AutoscalerService/ReportDemand at `address`. */
export function createDemandReporter(address: string): DemandReporter {
  const autoscaler = createClient(AutoscalerService, address, {
    deadlineMs: REPORT_DEADLINE_MS,
  });
  return {
    report: async (version, queued) => {
      await autoscaler.client.ReportDemand({ version, queued });
    },
    close: () => autoscaler.close(),
  };
}
