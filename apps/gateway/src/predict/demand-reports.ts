import type { FailureLog } from '@presage/telemetry';

/** Tells the autoscaler that `queued` requests wait for `version` (AutoscalerService/ReportDemand). */
export type DemandReport = (version: string, queued: number) => Promise<void>;

/**
 * The demand reports of one version's waiting requests: the autoscaler hears at once, then again while
 * the queue grows beyond what it last heard, at most every `intervalMs`; a failed report is retried at
 * that pace.
 */
export class DemandReports {
  private queued = 0;
  /** The queue length the autoscaler last heard (0 until a report succeeded). */
  private reported = 0;
  private lastReportAt = -Infinity;
  private reporting = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly version: string,
    private readonly report: DemandReport,
    private readonly intervalMs: number,
    private readonly failed: FailureLog,
  ) {}

  /** The queue is `queued` long now. */
  update(queued: number): void {
    this.queued = queued;
    this.send();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private send(): void {
    if (this.stopped || this.reporting || this.queued <= this.reported || this.timer) return;
    const waitMs = this.lastReportAt + this.intervalMs - Date.now();
    if (waitMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.send();
      }, waitMs);
      return;
    }
    const queued = this.queued;
    this.reporting = true;
    this.lastReportAt = Date.now();
    this.report(this.version, queued).then(
      () => {
        this.reported = Math.max(this.reported, queued);
        this.reporting = false;
        this.send();
      },
      (error: unknown) => {
        this.reporting = false;
        this.failed(error);
        this.send();
      },
    );
  }
}
