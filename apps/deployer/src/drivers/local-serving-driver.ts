import type { Logger } from '@presage/log';
import { LocalLogFiles } from './local-log-files';
import { startPredictorProcess } from './local-process';
import type { PredictorProcess, ProcessOutcome } from './local-process';
import { adoptReplica, freeReplicaName, killStray, newReplica } from './local-replica';
import type { LocalReplica, Ready } from './local-replica';
import { ReplicaRecords } from './replica-records';
import type { ProcessRecord, ReplicaRecord } from './replica-records';
import type { ModelDescription } from './runtime-spec';
import { sameReplicaSpec } from './serving-driver';
import type { ReplicaInfo, ReplicaSpec, ScaleResult, ServingDriver } from './serving-driver';

export interface LocalServingDriverOptions {
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
  /** Called whenever what list() returns may have changed (for the replica watch). @default none */
  onReplicasChanged?: (() => void) | undefined;
}

const MAX_RESTART_DELAY_MS = 10_000;
/** The description of a version scaled to zero before any replica of this deployer loaded it. */
const NO_MODEL_LOADED: ModelDescription = { runtime: '', signature: null, loadSeconds: 0 };

type Failure = Extract<ProcessOutcome, { ok: false }>;

/**
 * Replicas as predictor processes on free ports, restarted when they die. Each runs in its own process
 * group and writes its log to a file, so it outlives the deployer: the next deployer adopts it from
 * `replicas.json` (same pid and instance token, answering its health check) instead of starting another.
 */
export class LocalServingDriver implements ServingDriver {
  private readonly byVersion = new Map<string, LocalReplica[]>();
  private readonly models = new Map<string, ModelDescription>();
  private readonly records: ReplicaRecords;
  private readonly logs: LocalLogFiles;
  private readonly logger: Logger;
  /** Set once close() left the replicas running: what was written down for the next deployer stays. */
  private released = false;

  constructor(private readonly options: LocalServingDriverOptions) {
    this.logger = options.logger.child({ component: 'local-driver' });
    this.records = new ReplicaRecords(options.stateDir);
    this.logs = new LocalLogFiles(options.stateDir);
  }

  /**
   * Takes over the ready replicas a previous deployer left (see adoptReplica); the others, and any
   * replica that was still starting, are killed. Resolves with the number adopted.
   */
  async adopt(): Promise<number> {
    this.logs.ensureDir();
    const recorded = this.records.read();
    for (const stray of recorded.transient) killStray(stray, 'it was still starting', this.logger);
    const adopted = await Promise.all(
      recorded.replicas.map((record) => adoptReplica(record, this.advertiseHost, this.logger)),
    );
    for (const replica of adopted) if (replica) this.serveAdopted(replica);
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
    const failure = outcomes.find((o): o is Failure => !o.ok);
    if (failure) return { ok: false, error: failure.error };
    const model = outcomes.find((o): o is Ready => o.ok)?.model ?? this.models.get(spec.version);
    if (!model) return { ok: false, error: 'No replica of the version is running.' };
    return { ok: true, model };
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

  /** Stops the replicas, unless they outlive the driver: then they are left running, written down. */
  async close(): Promise<void> {
    const all = [...this.byVersion.values()].flat();
    if (this.options.replicasOutliveDriver ?? true) {
      this.save();
      this.released = true;
      for (const replica of all) {
        clearTimeout(replica.restartTimer);
        replica.stopping = true;
        replica.process?.release();
      }
      this.logger.info('leaving the replicas running for the next deployer', { replicas: all.length });
      return;
    }
    this.byVersion.clear();
    await this.stopReplicas(all);
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
    const failure = outcomes.find((o): o is Failure => !o.ok);
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

  private get advertiseHost(): string {
    return this.options.advertiseHost ?? '';
  }

  private serveAdopted(replica: LocalReplica): void {
    const replicas = this.byVersion.get(replica.spec.version) ?? [];
    replicas.push(replica);
    this.byVersion.set(replica.spec.version, replicas);
    if (replica.ready) this.models.set(replica.spec.version, replica.ready.model);
    const adopted = replica.process!;
    void adopted.exited.then(() => this.onExit(replica, adopted, { code: null, signal: null }));
  }

  private launch(replica: LocalReplica): PredictorProcess {
    const started = startPredictorProcess({
      entry: this.options.predictorEntry,
      advertiseHost: this.options.advertiseHost,
      credentialEnv: this.options.credentialEnv,
      version: replica.spec.version,
      replica: replica.name,
      modelDir: replica.spec.modelDir,
      runtime: replica.spec.runtime,
      logFile: this.logs.fresh(replica.name),
      startTimeoutMs: this.options.startTimeoutMs ?? 120_000,
      logger: this.logger,
    });
    replica.process = started;
    replica.ready = undefined;
    replica.failed = false;
    this.save();
    void started.started.then((outcome) => this.onStarted(replica, started, outcome));
    void started.exited.then((exit) => this.onExit(replica, started, exit));
    return started;
  }

  private onStarted(replica: LocalReplica, started: PredictorProcess, outcome: ProcessOutcome): void {
    if (replica.process !== started) return;
    if (!outcome.ok) {
      replica.failed = true;
      return;
    }
    replica.ready = outcome;
    replica.restarts = 0;
    this.models.set(replica.spec.version, outcome.model);
    this.save();
    this.logger.info('replica ready', { replica: replica.name, address: outcome.address, pid: started.pid });
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
    const stopGraceMs = this.options.stopGraceMs ?? 10_000;
    await Promise.all(replicas.flatMap((r) => (r.process ? [r.process.stop(stopGraceMs)] : [])));
    for (const replica of replicas) this.logs.remove(replica.name);
    this.save();
  }

  /** Writes down what runs: ready replicas to adopt, the rest to kill, after a restart. */
  private save(): void {
    this.options.onReplicasChanged?.();
    if (this.released) return;
    const replicas: ReplicaRecord[] = [];
    const transient: ProcessRecord[] = [];
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
          logFile: this.logs.fileOf(replica.name),
          ready,
          advertiseHost: this.advertiseHost,
        });
      }
    }
    this.records.write({ replicas, transient });
  }
}
