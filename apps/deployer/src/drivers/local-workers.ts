import fs from 'node:fs';
import type { Logger } from '@presage/log';
import { startPredictorProcess } from './local-process';
import type { PredictorProcess, ProcessOutcome } from './local-process';
import type { WorkerInfo, WorkerSpec, WorkerState, WorkersResult } from './replica-driver';

interface LocalWorker {
  name: string;
  logFile: string;
  process: PredictorProcess;
  state: WorkerState;
}

/** A job's workers, with the number the next one gets (names are never reused within a job). */
interface JobWorkers {
  next: number;
  workers: LocalWorker[];
}

export interface LocalWorkersOptions {
  predictorEntry: string;
  advertiseHost: string | undefined;
  startTimeoutMs: number;
  stopGraceMs: number;
  /** The log file of a worker about to start. */
  logFileOf: (worker: string) => string;
  /** Called whenever a worker starts or exits, to write the processes down. */
  onChange: () => void;
  logger: Logger;
}

/** Batch workers as predictor processes in batch mode on this machine. */
export class LocalWorkers {
  private readonly byJob = new Map<string, JobWorkers>();

  constructor(private readonly options: LocalWorkersOptions) {}

  /** Starts the missing workers of a job (replacing dead ones) and waits until each new one loaded or failed. */
  async ensure(spec: WorkerSpec, count: number): Promise<WorkersResult> {
    let entry = this.byJob.get(spec.job);
    if (!entry) this.byJob.set(spec.job, (entry = { next: 0, workers: [] }));
    const alive = entry.workers.filter((w) => w.state !== 'EXITED').length;
    const fresh: LocalWorker[] = [];
    for (let n = alive; n < count; n++) fresh.push(this.launch(spec, entry));
    if (fresh.length > 0)
      this.options.logger.info('starting batch workers', { job: spec.job, count: fresh.length });
    const outcomes = await Promise.all(fresh.map((w) => w.process.started));
    const failure = outcomes.find((o): o is Extract<ProcessOutcome, { ok: false }> => !o.ok);
    if (failure) return { ok: false, error: failure.error };
    return { ok: true, workers: entry.workers.map((w) => infoOf(spec.job, w)) };
  }

  async stop(job: string): Promise<void> {
    const entry = this.byJob.get(job);
    this.byJob.delete(job);
    if (!entry) return;
    await Promise.all(entry.workers.map((w) => w.process.stop(this.options.stopGraceMs)));
    for (const worker of entry.workers) fs.rmSync(worker.logFile, { force: true });
    this.options.onChange();
  }

  jobs(): string[] {
    return [...this.byJob.keys()];
  }

  /** The processes of every worker still running. */
  running(): PredictorProcess[] {
    return [...this.byJob.values()].flatMap((j) =>
      j.workers.filter((w) => w.state !== 'EXITED').map((w) => w.process),
    );
  }

  private launch(spec: WorkerSpec, entry: JobWorkers): LocalWorker {
    const name = `${spec.job}/workers/${entry.next++}`;
    const logFile = this.options.logFileOf(name);
    const started = startPredictorProcess({
      entry: this.options.predictorEntry,
      advertiseHost: this.options.advertiseHost,
      version: spec.version,
      replica: name,
      modelDir: spec.modelDir,
      runtime: spec.runtime,
      batch: { job: spec.job, worker: name, batchAddress: spec.batchAddress },
      logFile,
      startTimeoutMs: this.options.startTimeoutMs,
      logger: this.options.logger,
    });
    const worker: LocalWorker = { name, logFile, process: started, state: 'STARTING' };
    entry.workers.push(worker);
    this.options.onChange();
    void started.started.then((outcome) => {
      if (outcome.ok && worker.state === 'STARTING') worker.state = 'RUNNING';
    });
    void started.exited.then(({ code, signal }) => {
      worker.state = 'EXITED';
      this.options.onChange();
      if (code !== 0) this.options.logger.warn('batch worker died', { worker: name, code, signal });
    });
    return worker;
  }
}

function infoOf(job: string, worker: LocalWorker): WorkerInfo {
  return { name: worker.name, job, state: worker.state };
}
