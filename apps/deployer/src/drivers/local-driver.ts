import fs from 'node:fs';
import path from 'node:path';
import { checkHealth } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { adoptPredictorProcess, killStrayPredictor, startPredictorProcess } from './local-process';
import type { PredictorProcess, ProcessOutcome } from './local-process';
import { LocalWorkers } from './local-workers';
import { sameReplicaSpec } from './replica-driver';
import type {
  ModelDescription,
  ReplicaDriver,
  ReplicaInfo,
  ReplicaSpec,
  ScaleResult,
  WorkerSpec,
  WorkersResult,
} from './replica-driver';
import { ReplicaRecords } from './replica-records';
import type { ProcessRecord, ReplicaRecord } from './replica-records';

export interface LocalDriverOptions {
  /** The predictor's main module. */
  predictorEntry: string;
  /** The host replicas are advertised at when the gateway runs elsewhere (e.g. the pod IP). */
  advertiseHost?: string | undefined;
  /** Holds `replicas.json` (what runs, to adopt it after a restart) and `logs/` (each process's output). */
  stateDir: string;
  /**
   * Whether replicas keep running when the driver closes (the deployer stops or restarts), for the next
   * deployer to adopt; else close() stops them. A crashed deployer never stops them. @default true
   */
  replicasOutliveDriver?: boolean;
  logger: Logger;
  /** @default 120_000 */
  startTimeoutMs?: number;
  /** @default 10_000 */
  stopGraceMs?: number;
  /** Called whenever what list() returns may have changed (for the replica watch). @default none */
  onReplicasChanged?: (() => void) | undefined;
}

type Ready = Extract<ProcessOutcome, { ok: true }>;

interface LocalReplica {
  name: string;
  spec: ReplicaSpec;
  process: PredictorProcess | undefined;
  /** What the process reported once ready; undefined while it starts or after it died. */
  ready: Ready | undefined;
  stopping: boolean;
  restarts: number;
  restartTimer: NodeJS.Timeout | undefined;
  /** Its process never got ready (load failure, crash or timeout): the next scale() replaces it. */
  failed: boolean;
}

const MAX_RESTART_DELAY_MS = 10_000;
/** A log file this large is moved to `<name>.log.1` when its process starts again. */
const MAX_LOG_BYTES = 10 * 1024 * 1024;
/** The description of a version scaled to zero before any replica of this deployer loaded it. */
const NO_MODEL_LOADED: ModelDescription = { runtime: '', signature: null, loadSeconds: 0 };
const HEALTH_TIMEOUT_MS = 2_000;

/**
 * Replicas as predictor processes on this machine, and the ones a previous deployer left running adopted
 * (see LocalDriver.adopt).
 */
export async function createLocalDriver(options: LocalDriverOptions): Promise<LocalDriver> {
  const driver = new LocalDriver(options);
  await driver.adopt();
  return driver;
}

/**
 * Replicas as predictor processes on free ports, restarted when they die. Each runs in its own process
 * group and writes its log to a file, so it outlives the deployer: the next deployer adopts it from
 * `replicas.json` (same pid and instance token, answering its health check) instead of starting another.
 */
export class LocalDriver implements ReplicaDriver {
  private readonly byVersion = new Map<string, LocalReplica[]>();
  private readonly models = new Map<string, ModelDescription>();
  private readonly records: ReplicaRecords;
  private readonly workers: LocalWorkers;
  private readonly logger: Logger;
  private readonly logDir: string;
  /** Set once close() left the replicas running: what was written down for the next deployer stays. */
  private released = false;

  constructor(private readonly options: LocalDriverOptions) {
    this.logger = options.logger.child({ component: 'local-driver' });
    this.records = new ReplicaRecords(options.stateDir);
    this.logDir = path.join(options.stateDir, 'logs');
    this.workers = new LocalWorkers({
      predictorEntry: options.predictorEntry,
      advertiseHost: options.advertiseHost,
      startTimeoutMs: this.startTimeoutMs,
      stopGraceMs: this.stopGraceMs,
      logFileOf: (name) => this.freshLogFile(name),
      onChange: () => this.save(),
      logger: this.logger,
    });
  }

  /**
   * Takes over the ready replicas a previous deployer left: each one still running as recorded, advertised
   * at the same host and answering SERVING is served again as it is; the others, and any worker or replica
   * that was still starting, are killed. Resolves with the number adopted.
   */
  async adopt(): Promise<number> {
    fs.mkdirSync(this.logDir, { recursive: true });
    const recorded = this.records.read();
    for (const stray of recorded.transient) this.killStray(stray, 'it was still starting, or a batch worker');
    const adopted = await Promise.all(recorded.replicas.map((record) => this.adoptOne(record)));
    this.save();
    const count = adopted.filter(Boolean).length;
    if (recorded.replicas.length > 0) {
      this.logger.info('replicas a previous deployer started', {
        adopted: count,
        recorded: recorded.replicas.length,
      });
    }
    return count;
  }

  async scale(spec: ReplicaSpec, count: number): Promise<ScaleResult> {
    let replicas = this.byVersion.get(spec.version) ?? [];
    if (replicas.some((r) => !sameReplicaSpec(r.spec, spec) && !r.failed && r.ready)) {
      return this.replace(spec, count, replicas);
    }
    if (replicas.some((r) => !sameReplicaSpec(r.spec, spec))) {
      await this.stopReplicas(replicas);
      replicas = [];
    }
    // Replicas that never got ready would otherwise count as running forever: start them again.
    const failed = replicas.filter((r) => r.failed);
    if (failed.length > 0) {
      await this.stopReplicas(failed);
      replicas = replicas.filter((r) => !r.failed);
    }
    const extra = replicas.splice(count);
    if (replicas.length > 0 || count > 0) this.byVersion.set(spec.version, replicas);
    else this.byVersion.delete(spec.version);
    await this.stopReplicas(extra);
    // Scaled to zero: nothing runs, and the model is as the last replica described it.
    if (count === 0) return { ok: true, model: this.models.get(spec.version) ?? NO_MODEL_LOADED };
    const fresh: PredictorProcess[] = [];
    while (replicas.length < count) {
      const replica = newReplica(freeReplicaName(spec.version, replicas), spec);
      replicas.push(replica);
      fresh.push(this.launch(replica));
    }
    const outcomes = await Promise.all(fresh.map((p) => p.started));
    const failure = outcomes.find((o): o is Extract<ProcessOutcome, { ok: false }> => !o.ok);
    if (failure) return { ok: false, error: failure.error };
    const model = outcomes.find((o): o is Ready => o.ok)?.model ?? this.models.get(spec.version);
    if (!model) return { ok: false, error: 'No replica of the version is running.' };
    return { ok: true, model };
  }

  /**
   * A version whose replicas run another spec (its batching changed, say): the new replicas start beside
   * the old ones, which keep serving until every new one is ready and are stopped then. When a new one
   * fails, the new ones stop and the old ones stay.
   */
  private async replace(spec: ReplicaSpec, count: number, old: LocalReplica[]): Promise<ScaleResult> {
    const fresh: LocalReplica[] = [];
    for (let n = 0; n < count; n++) {
      fresh.push(newReplica(freeReplicaName(spec.version, [...old, ...fresh]), spec));
    }
    this.logger.info('replacing the replicas of a version whose spec changed', {
      version: spec.version,
      replicas: count,
    });
    // Listed (as starting) and written down beside the old ones while they start.
    this.byVersion.set(spec.version, [...old, ...fresh]);
    const outcomes = await Promise.all(fresh.map((replica) => this.launch(replica).started));
    const failure = outcomes.find((o): o is Extract<ProcessOutcome, { ok: false }> => !o.ok);
    if (failure) {
      this.byVersion.set(spec.version, old);
      await this.stopReplicas(fresh);
      return { ok: false, error: failure.error };
    }
    if (count > 0) this.byVersion.set(spec.version, fresh);
    else this.byVersion.delete(spec.version);
    await this.stopReplicas(old);
    const model = outcomes.find((o): o is Ready => o.ok)?.model ?? this.models.get(spec.version);
    return { ok: true, model: model ?? NO_MODEL_LOADED };
  }

  async stop(version: string): Promise<void> {
    const replicas = this.byVersion.get(version) ?? [];
    this.byVersion.delete(version);
    this.models.delete(version);
    await this.stopReplicas(replicas);
  }

  list(version?: string): ReplicaInfo[] {
    const replicas = version ? (this.byVersion.get(version) ?? []) : [...this.byVersion.values()].flat();
    return replicas.map((r) => ({
      name: r.name,
      version: r.spec.version,
      address: r.ready?.address ?? '',
      metricsAddress: r.ready?.metricsAddress ?? '',
      state: r.stopping ? 'STOPPING' : r.ready ? 'READY' : 'STARTING',
    }));
  }

  versions(): string[] {
    return [...this.byVersion.keys()];
  }

  ensureWorkers(spec: WorkerSpec, count: number): Promise<WorkersResult> {
    return this.workers.ensure(spec, count);
  }

  stopWorkers(job: string): Promise<void> {
    return this.workers.stop(job);
  }

  workerJobs(): string[] {
    return this.workers.jobs();
  }

  /**
   * Stops every batch worker; stops the replicas too unless they outlive the driver, in which case they
   * are left running, written down for the next deployer.
   */
  async close(): Promise<void> {
    const all = [...this.byVersion.values()].flat();
    const jobs = this.workers.jobs();
    if (this.options.replicasOutliveDriver ?? true) {
      this.save();
      this.released = true;
      for (const replica of all) {
        clearTimeout(replica.restartTimer);
        replica.stopping = true;
        replica.process?.release();
      }
      this.logger.info('leaving the replicas running for the next deployer', { replicas: all.length });
      await Promise.all(jobs.map((job) => this.workers.stop(job)));
      return;
    }
    this.byVersion.clear();
    await Promise.all([this.stopReplicas(all), ...jobs.map((job) => this.workers.stop(job))]);
  }

  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 120_000;
  }

  private get stopGraceMs(): number {
    return this.options.stopGraceMs ?? 10_000;
  }

  private async adoptOne(record: ReplicaRecord): Promise<boolean> {
    if (record.advertiseHost !== (this.options.advertiseHost ?? '')) {
      this.killStray(
        record,
        `it is advertised at "${record.advertiseHost}", not "${this.options.advertiseHost ?? ''}"`,
      );
      return false;
    }
    const adopted = adoptPredictorProcess(record);
    if (!adopted) return false;
    const health = await checkHealth(record.ready.address, '', HEALTH_TIMEOUT_MS).catch((error: unknown) =>
      error instanceof Error ? error.message : String(error),
    );
    if (health !== 'SERVING') {
      adopted.release();
      this.killStray(record, `its health check answered ${health}`);
      return false;
    }
    const replica = newReplica(record.name, record.spec);
    replica.process = adopted;
    replica.ready = record.ready;
    const replicas = this.byVersion.get(record.spec.version) ?? [];
    replicas.push(replica);
    this.byVersion.set(record.spec.version, replicas);
    this.models.set(record.spec.version, record.ready.model);
    void adopted.exited.then(() => this.onExit(replica, adopted, { code: null, signal: null }));
    this.logger.info('replica adopted', {
      replica: record.name,
      pid: record.pid,
      address: record.ready.address,
    });
    return true;
  }

  private killStray(record: ProcessRecord, why: string): void {
    if (killStrayPredictor(record.pid, record.instance)) {
      this.logger.warn('killed a predictor a previous deployer left', { pid: record.pid, why });
    }
  }

  private launch(replica: LocalReplica): PredictorProcess {
    const started = startPredictorProcess({
      entry: this.options.predictorEntry,
      advertiseHost: this.options.advertiseHost,
      version: replica.spec.version,
      replica: replica.name,
      modelDir: replica.spec.modelDir,
      runtime: replica.spec.runtime,
      logFile: this.freshLogFile(replica.name),
      startTimeoutMs: this.startTimeoutMs,
      logger: this.logger,
    });
    replica.process = started;
    replica.ready = undefined;
    replica.failed = false;
    this.save();
    void started.started.then((outcome) => {
      if (replica.process !== started) return;
      if (!outcome.ok) {
        replica.failed = true;
        return;
      }
      replica.ready = outcome;
      replica.restarts = 0;
      this.models.set(replica.spec.version, outcome.model);
      this.save();
      this.logger.info('replica ready', {
        replica: replica.name,
        address: outcome.address,
        pid: started.pid,
      });
    });
    void started.exited.then((exit) => this.onExit(replica, started, exit));
    return started;
  }

  /** A replica's process is gone: one that was serving is started again, with backoff. */
  private onExit(
    replica: LocalReplica,
    process: PredictorProcess,
    exit: { code: number | null; signal: string | null },
  ): void {
    const wasReady = replica.ready !== undefined;
    if (replica.process === process) replica.ready = undefined;
    this.save();
    if (replica.stopping || replica.process !== process || !wasReady) return;
    replica.restarts++;
    const delay = Math.min(500 * 2 ** (replica.restarts - 1), MAX_RESTART_DELAY_MS);
    this.logger.warn('replica died; restarting', { replica: replica.name, ...exit, inMs: delay });
    replica.restartTimer = setTimeout(() => {
      if (!replica.stopping) this.launch(replica);
    }, delay);
  }

  private async stopReplicas(replicas: LocalReplica[]): Promise<void> {
    for (const replica of replicas) {
      replica.stopping = true;
      clearTimeout(replica.restartTimer);
    }
    if (replicas.length > 0) this.options.onReplicasChanged?.();
    await Promise.all(replicas.flatMap((r) => (r.process ? [r.process.stop(this.stopGraceMs)] : [])));
    for (const replica of replicas) fs.rmSync(this.logFileOf(replica.name), { force: true });
    this.save();
  }

  /** Writes down what runs (ready replicas to adopt, the rest to kill, after a restart); tells the watch. */
  private save(): void {
    this.options.onReplicasChanged?.();
    if (this.released) return;
    const replicas: ReplicaRecord[] = [];
    const transient: ProcessRecord[] = this.workers.running().flatMap(recordOf);
    for (const replica of [...this.byVersion.values()].flat()) {
      const { process, ready } = replica;
      if (process?.pid === undefined || replica.stopping) continue;
      if (!ready) transient.push({ pid: process.pid, instance: process.instance });
      else {
        replicas.push({
          name: replica.name,
          spec: replica.spec,
          pid: process.pid,
          instance: process.instance,
          logFile: this.logFileOf(replica.name),
          ready,
          advertiseHost: this.options.advertiseHost ?? '',
        });
      }
    }
    this.records.write({ replicas, transient });
  }

  /** `${stateDir}/logs/<name with / as _>.log`. */
  private logFileOf(name: string): string {
    return path.join(this.logDir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`);
  }

  /** The log file of a process about to start, moved aside first to `<file>.1` when it grew too large. */
  private freshLogFile(name: string): string {
    const file = this.logFileOf(name);
    try {
      if (fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
    } catch {
      // No log yet.
    }
    return file;
  }
}

function recordOf(process: PredictorProcess): ProcessRecord[] {
  return process.pid === undefined ? [] : [{ pid: process.pid, instance: process.instance }];
}

function newReplica(name: string, spec: ReplicaSpec): LocalReplica {
  return {
    name,
    spec,
    process: undefined,
    ready: undefined,
    stopping: false,
    restarts: 0,
    restartTimer: undefined,
    failed: false,
  };
}

/** `{version}/replicas/{n}` with the lowest n no replica of the version has. */
function freeReplicaName(version: string, replicas: LocalReplica[]): string {
  const taken = new Set(replicas.map((r) => r.name));
  for (let index = 0; ; index++) {
    const name = `${version}/replicas/${index}`;
    if (!taken.has(name)) return name;
  }
}
