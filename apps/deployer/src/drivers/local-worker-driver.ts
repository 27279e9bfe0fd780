import type { Logger } from '@presage/log';
import { LocalLogFiles } from './local-log-files';
import { killStrayPredictor, startPredictorProcess } from './local-process';
import type { PredictorProcess, ProcessOutcome } from './local-process';
import { ReplicaRecords } from './replica-records';
import type { WorkerDriver, WorkerInfo, WorkerSpec, WorkerState, WorkersResult } from './worker-driver';

interface LocalWorker {
  name: string;
  process: PredictorProcess;
  state: WorkerState;
}

/** A job's workers, with the number the next one gets (names are never reused within a job). */
interface JobWorkers {
  next: number;
  workers: LocalWorker[];
}

export interface LocalWorkerDriverOptions {
  predictorEntry: string;
  advertiseHost?: string | undefined;
  /** Holds `workers.json` (the processes to kill after a restart) and `logs/`. */
  stateDir: string;
  /**
   * Variables that give each predictor the deployer's internal credential (InternalCredential.environment:
   * the same PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL). @default {} (none)
   */
  credentialEnv?: Readonly<Record<string, string>> | undefined;
  logger: Logger;
  /** @default 120_000 */
  startTimeoutMs?: number;
  /** @default 10_000 */
  stopGraceMs?: number;
}

/**
 * Batch workers as predictor processes in batch mode on this machine, written down in `workers.json`:
 * a deployer that restarts kills the workers the previous one left (their shards go back to their job,
 * which asks for workers again).
 */
export class LocalWorkerDriver implements WorkerDriver {
  private readonly byJob = new Map<string, JobWorkers>();
  private readonly records: ReplicaRecords;
  private readonly logs: LocalLogFiles;
  private readonly logger: Logger;

  constructor(private readonly options: LocalWorkerDriverOptions) {
    this.logger = options.logger.child({ component: 'local-workers' });
    this.records = new ReplicaRecords(options.stateDir, 'workers.json');
    this.logs = new LocalLogFiles(options.stateDir);
  }

  /** Kills the workers a previous deployer left running. */
  killStrays(): void {
    this.logs.ensureDir();
    for (const stray of this.records.read().transient) {
      if (killStrayPredictor(stray.pid, stray.instance))
        this.logger.warn('killed a batch worker a previous deployer left', { pid: stray.pid });
    }
    this.save();
  }

  /** Starts the missing workers of a job (replacing dead ones) and waits until each new one loaded or failed. */
  async ensure(spec: WorkerSpec, count: number): Promise<WorkersResult> {
    let entry = this.byJob.get(spec.job);
    if (!entry) this.byJob.set(spec.job, (entry = { next: 0, workers: [] }));
    const alive = entry.workers.filter((w) => w.state !== 'EXITED').length;
    const fresh: LocalWorker[] = [];
    for (let n = alive; n < count; n++) fresh.push(this.launch(spec, entry));
    if (fresh.length > 0) this.logger.info('starting batch workers', { job: spec.job, count: fresh.length });
    const outcomes = await Promise.all(fresh.map((w) => w.process.started));
    const failure = outcomes.find((o): o is Extract<ProcessOutcome, { ok: false }> => !o.ok);
    if (failure) return { ok: false, error: failure.error };
    return { ok: true, workers: entry.workers.map((w) => infoOf(spec.job, w)) };
  }

  async stop(job: string): Promise<void> {
    const entry = this.byJob.get(job);
    this.byJob.delete(job);
    if (!entry) return;
    await Promise.all(entry.workers.map((w) => w.process.stop(this.stopGraceMs)));
    for (const worker of entry.workers) this.logs.remove(worker.name);
    this.save();
  }

  jobs(): string[] {
    return [...this.byJob.keys()];
  }

  async close(): Promise<void> {
    await Promise.all(this.jobs().map((job) => this.stop(job)));
  }

  private get stopGraceMs(): number {
    return this.options.stopGraceMs ?? 10_000;
  }

  private launch(spec: WorkerSpec, entry: JobWorkers): LocalWorker {
    const name = `${spec.job}/workers/${entry.next++}`;
    const started = startPredictorProcess({
      entry: this.options.predictorEntry,
      advertiseHost: this.options.advertiseHost,
      credentialEnv: this.options.credentialEnv,
      version: spec.version,
      replica: name,
      modelDir: spec.modelDir,
      runtime: spec.runtime,
      batch: { job: spec.job, worker: name, batchAddress: spec.batchAddress },
      logFile: this.logs.fresh(name),
      startTimeoutMs: this.options.startTimeoutMs ?? 120_000,
      logger: this.logger,
    });
    const worker: LocalWorker = { name, process: started, state: 'STARTING' };
    entry.workers.push(worker);
    this.save();
    void started.started.then((outcome) => {
      if (outcome.ok && worker.state === 'STARTING') worker.state = 'RUNNING';
    });
    void started.exited.then(({ code, signal }) => {
      worker.state = 'EXITED';
      this.save();
      if (code !== 0) this.logger.warn('batch worker died', { worker: name, code, signal });
    });
    return worker;
  }

  /** Writes down the workers still running, for a restarted deployer to kill. */
  private save(): void {
    const transient = [...this.byJob.values()].flatMap((job) =>
      job.workers.flatMap((w) =>
        w.state === 'EXITED' || w.process.pid === undefined
          ? []
          : [{ pid: w.process.pid, instance: w.process.instance }],
      ),
    );
    this.records.write({ replicas: [], transient });
  }
}

function infoOf(job: string, worker: LocalWorker): WorkerInfo {
  return { name: worker.name, job, state: worker.state };
}
