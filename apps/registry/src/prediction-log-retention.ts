import type { Logger } from '@presage/log';
import type { PredictionLogStore } from './store/prediction-logs';

export interface PredictionLogRetentionOptions {
  store: PredictionLogStore;
  logger: Logger;
  /** Rows older than this many days are deleted; 0 keeps them forever. @default 30 */
  retentionDays: number;
  /** How often the sweep runs (also once at start). @default 3_600_000 (hourly) */
  intervalMs: number;
  now: () => Date;
}

const DAY_MS = 86_400_000;

/** Deletes request-log rows older than the retention from every table the registry created. */
export class PredictionLogRetention {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: PredictionLogRetentionOptions) {}

  start(): void {
    if (this.options.retentionDays <= 0) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One sweep; a sweep still running is not started again. Failures are logged, never thrown. */
  sweep(): Promise<void> {
    this.sweeping ??= this.deleteOld().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async deleteOld(): Promise<void> {
    const cutoff = new Date(this.options.now().getTime() - this.options.retentionDays * DAY_MS);
    try {
      const deleted = await this.options.store.deleteOlderThan(cutoff);
      if (deleted > 0) {
        this.options.logger.info('request log rows past their retention deleted', {
          deleted,
          before: cutoff.toISOString(),
        });
      }
    } catch (error) {
      this.options.logger.warn('the request log retention sweep failed; it runs again later', { error });
    }
  }
}
