import { errorMessage } from '@presage/errors';
import { createLogger } from '@presage/log';
import type { LogFields, Logger } from '@presage/log';

/** Exit codes of a service process: 0 stopped cleanly; 1 failed to start, or did not stop cleanly. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;

/** What a service's start() uses to say how it stops. */
export interface ServiceLifecycle {
  /**
   * Runs `step` at shutdown. Steps run one after another in the reverse order they were added, so what
   * started last stops first (the server before the stores it uses, telemetry last); a step that fails
   * is logged and the next still runs.
   */
  onStop(what: string, step: () => unknown): void;
  /** Fields for the `<name> stopping` line, read when it is written (e.g. the requests in flight). */
  stopFields(fields: () => LogFields): void;
  /** Stops now, as a signal would: the steps, then exit with `code` (a batch worker with no more work). */
  stop(reason: string, code?: number): Promise<void>;
}

/** The process a service runs in; tests pass their own. */
export interface ServiceProcess {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  exit(code: number): void;
}

export interface ServiceOptions {
  /** The service's name in logs, e.g. `registry`. */
  name: string;
  /** @default createLogger(name) */
  logger?: Logger;
  /** How long all the stop steps together may take; then the process exits with EXIT_FAILURE. @default 30_000 */
  shutdownDeadlineMs?: number;
  /** The signals that stop it; a second one ends the process at once. @default ['SIGTERM', 'SIGINT'] */
  signals?: NodeJS.Signals[];
  /** Told why start() failed, before the process exits (the predictor writes its `failed` line). */
  onStartFailure?: (error: unknown) => Promise<void> | void;
  /** @default process */
  process?: ServiceProcess;
}

/**
 * Thrown by start() to exit with a code of its own after it has reported the failure itself (the
 * predictor's "model failed to load" is exit 3). Nothing more is logged.
 */
export class ServiceExit extends Error {
  override name = 'ServiceExit';

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_SHUTDOWN_DEADLINE_MS = 30_000;

/**
 * A service process's whole life: start() builds and starts everything, adding a stop step for each
 * part; the first SIGTERM or SIGINT runs the steps in reverse with a deadline and exits 0 (1 if a
 * step failed or the deadline passed). When start() throws, the failure is logged ("<name> failed to
 * start") and the process exits 1 (a ServiceExit: its code) without running the steps.
 */
export function runService(
  options: ServiceOptions,
  start: (lifecycle: ServiceLifecycle) => Promise<void>,
): Promise<void> {
  const run = new ServiceRun(options);
  return run.start(start);
}

class ServiceRun implements ServiceLifecycle {
  private readonly logger: Logger;
  private readonly process: ServiceProcess;
  private readonly steps: Array<{ what: string; step: () => unknown }> = [];
  private stopping: Promise<void> | undefined;
  private fields: () => LogFields = () => ({});

  constructor(private readonly options: ServiceOptions) {
    this.logger = options.logger ?? createLogger(options.name);
    this.process = options.process ?? process;
  }

  async start(start: (lifecycle: ServiceLifecycle) => Promise<void>): Promise<void> {
    for (const signal of this.options.signals ?? ['SIGTERM', 'SIGINT']) {
      this.process.once(signal, () => void this.stop(signal));
    }
    try {
      await start(this);
    } catch (error) {
      await this.startFailed(error);
    }
  }

  onStop(what: string, step: () => unknown): void {
    this.steps.push({ what, step });
  }

  stopFields(fields: () => LogFields): void {
    this.fields = fields;
  }

  stop(reason: string, code = EXIT_OK): Promise<void> {
    this.stopping ??= this.stopAndExit(reason, code);
    return this.stopping;
  }

  private async stopAndExit(reason: string, code: number): Promise<void> {
    const deadlineMs = this.options.shutdownDeadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS;
    this.logger.info(`${this.options.name} stopping`, { signal: reason, ...this.fields() });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadlineMs);
    });
    const outcome = await Promise.race([this.runSteps(), deadline]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.logger.error(`${this.options.name} did not stop within ${deadlineMs} ms: exiting`, { deadlineMs });
      return this.process.exit(EXIT_FAILURE);
    }
    this.process.exit(outcome ? code : EXIT_FAILURE);
  }

  /** Runs every step, last added first; resolves whether all succeeded. */
  private async runSteps(): Promise<boolean> {
    let clean = true;
    for (const { what, step } of [...this.steps].reverse()) {
      try {
        await step();
      } catch (error) {
        clean = false;
        this.logger.error(`stopping ${what} failed`, { error: errorMessage(error) });
      }
    }
    return clean;
  }

  private async startFailed(error: unknown): Promise<void> {
    // A start still running when a signal stopped the service fails as its parts close: not news.
    if (this.stopping) return this.stopping;
    if (!(error instanceof ServiceExit)) {
      this.logger.error(`${this.options.name} failed to start`, { error });
      try {
        await this.options.onStartFailure?.(error);
      } catch (reportError) {
        this.logger.error('reporting the start failure failed', { error: errorMessage(reportError) });
      }
    }
    this.process.exit(error instanceof ServiceExit ? error.code : EXIT_FAILURE);
  }
}
