import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '@presage/log';
import { startPredictorProcess } from './local-process';
import type { PredictorProcess, ProcessOutcome } from './local-process';
import { sameReplicaSpec } from './replica-driver';
import type {
  ModelDescription,
  ReplicaDriver,
  ReplicaInfo,
  ReplicaSpec,
  ScaleResult,
  WorkerInfo,
  WorkerSpec,
  WorkerState,
  WorkersResult,
} from './replica-driver';

export interface LocalDriverOptions {
  /** The predictor's main module. */
  predictorEntry: string;
  /** The host replicas are advertised at when the gateway runs elsewhere (e.g. the pod IP). */
  advertiseHost?: string | undefined;
  /** Holds `replica-pids.json`, so replicas orphaned by a crashed deployer are cleaned up at the next start. */
  stateDir: string;
  logger: Logger;
  /** @default 120_000 */
  startTimeoutMs?: number;
  /** @default 10_000 */
  stopGraceMs?: number;
}

interface LocalReplica {
  name: string;
  spec: ReplicaSpec;
  process: PredictorProcess | undefined;
  address: string;
  metricsAddress: string;
  ready: boolean;
  stopping: boolean;
  restarts: number;
  restartTimer: NodeJS.Timeout | undefined;
  /** Its process never got ready (load failure, crash or timeout): the next scale() replaces it. */
  failed: boolean;
}

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

const MAX_RESTART_DELAY_MS = 10_000;
/** The description of a version scaled to zero before any replica of this deployer loaded it. */
const NO_MODEL_LOADED: ModelDescription = { runtime: '', signature: null, loadSeconds: 0 };

/** Replicas as predictor processes on this machine: free ports, restarted when they die. */
export function createLocalDriver(options: LocalDriverOptions): ReplicaDriver {
  const logger = options.logger.child({ component: 'local-driver' });
  const byVersion = new Map<string, LocalReplica[]>();
  const models = new Map<string, ModelDescription>();
  const byJob = new Map<string, JobWorkers>();
  const pidFile = path.join(options.stateDir, 'replica-pids.json');
  killOrphans(pidFile, logger);

  const savePids = () => {
    const pids = [
      ...[...byVersion.values()].flat().map((r) => r.process?.child.pid),
      ...[...byJob.values()].flatMap((j) => j.workers.map((w) => w.process.child.pid)),
    ].filter((pid): pid is number => pid !== undefined);
    fs.mkdirSync(options.stateDir, { recursive: true });
    fs.writeFileSync(pidFile, JSON.stringify(pids));
  };

  const launch = (replica: LocalReplica): PredictorProcess => {
    const started = startPredictorProcess({
      entry: options.predictorEntry,
      advertiseHost: options.advertiseHost,
      version: replica.spec.version,
      replica: replica.name,
      modelDir: replica.spec.modelDir,
      runtime: replica.spec.runtime,
      startTimeoutMs: options.startTimeoutMs ?? 120_000,
      logger,
    });
    replica.process = started;
    replica.ready = false;
    replica.address = '';
    replica.metricsAddress = '';
    savePids();
    replica.failed = false;
    void started.started.then((outcome) => {
      if (replica.process !== started) return;
      if (!outcome.ok) {
        replica.failed = true;
        return;
      }
      replica.address = outcome.address;
      replica.metricsAddress = outcome.metricsAddress;
      replica.ready = true;
      replica.restarts = 0;
      models.set(replica.spec.version, outcome.model);
      logger.info('replica ready', {
        replica: replica.name,
        address: outcome.address,
        pid: started.child.pid,
      });
    });
    started.child.once('exit', (code, signal) => {
      const wasReady = replica.ready;
      replica.ready = false;
      savePids();
      if (replica.stopping || replica.process !== started || !wasReady) return;
      replica.restarts++;
      const delay = Math.min(500 * 2 ** (replica.restarts - 1), MAX_RESTART_DELAY_MS);
      logger.warn('replica died; restarting', { replica: replica.name, code, signal, inMs: delay });
      replica.restartTimer = setTimeout(() => {
        if (!replica.stopping) launch(replica);
      }, delay);
    });
    return started;
  };

  const stopReplicas = async (replicas: LocalReplica[]) => {
    for (const replica of replicas) {
      replica.stopping = true;
      clearTimeout(replica.restartTimer);
    }
    await Promise.all(
      replicas.flatMap((r) => (r.process ? [r.process.stop(options.stopGraceMs ?? 10_000)] : [])),
    );
    savePids();
  };

  const launchWorker = (spec: WorkerSpec, entry: JobWorkers): LocalWorker => {
    const name = `${spec.job}/workers/${entry.next++}`;
    const started = startPredictorProcess({
      entry: options.predictorEntry,
      advertiseHost: options.advertiseHost,
      version: spec.version,
      replica: name,
      modelDir: spec.modelDir,
      runtime: spec.runtime,
      batch: { job: spec.job, worker: name, batchAddress: spec.batchAddress },
      startTimeoutMs: options.startTimeoutMs ?? 120_000,
      logger,
    });
    const worker: LocalWorker = { name, process: started, state: 'STARTING' };
    entry.workers.push(worker);
    savePids();
    void started.started.then((outcome) => {
      if (outcome.ok && worker.state === 'STARTING') worker.state = 'RUNNING';
    });
    started.child.once('exit', (code, signal) => {
      worker.state = 'EXITED';
      savePids();
      if (code !== 0) logger.warn('batch worker died', { worker: name, code, signal });
    });
    return worker;
  };

  const workerInfo = (job: string, worker: LocalWorker): WorkerInfo => ({
    name: worker.name,
    job,
    state: worker.state,
  });

  return {
    async ensureWorkers(spec, count): Promise<WorkersResult> {
      let entry = byJob.get(spec.job);
      if (!entry) byJob.set(spec.job, (entry = { next: 0, workers: [] }));
      const alive = entry.workers.filter((w) => w.state !== 'EXITED').length;
      const fresh: LocalWorker[] = [];
      for (let n = alive; n < count; n++) fresh.push(launchWorker(spec, entry));
      if (fresh.length > 0) logger.info('starting batch workers', { job: spec.job, count: fresh.length });
      const outcomes = await Promise.all(fresh.map((w) => w.process.started));
      const failure = outcomes.find((o): o is Extract<ProcessOutcome, { ok: false }> => !o.ok);
      if (failure) return { ok: false, error: failure.error };
      return { ok: true, workers: entry.workers.map((w) => workerInfo(spec.job, w)) };
    },

    async stopWorkers(job) {
      const entry = byJob.get(job);
      byJob.delete(job);
      if (!entry) return;
      await Promise.all(entry.workers.map((w) => w.process.stop(options.stopGraceMs ?? 10_000)));
      savePids();
    },

    workerJobs: () => [...byJob.keys()],

    async scale(spec, count): Promise<ScaleResult> {
      let replicas = byVersion.get(spec.version) ?? [];
      if (replicas.some((r) => !sameReplicaSpec(r.spec, spec))) {
        await stopReplicas(replicas);
        replicas = [];
      }
      // Replicas that never got ready would otherwise count as running forever: start them again.
      const failed = replicas.filter((r) => r.failed);
      if (failed.length > 0) {
        await stopReplicas(failed);
        replicas = replicas.filter((r) => !r.failed);
      }
      const extra = replicas.splice(count);
      if (replicas.length > 0 || count > 0) byVersion.set(spec.version, replicas);
      else byVersion.delete(spec.version);
      await stopReplicas(extra);
      // Scaled to zero: nothing runs, and the model is as the last replica described it.
      if (count === 0) return { ok: true, model: models.get(spec.version) ?? NO_MODEL_LOADED };
      const fresh: PredictorProcess[] = [];
      while (replicas.length < count) {
        const replica: LocalReplica = {
          name: freeReplicaName(spec.version, replicas),
          spec,
          process: undefined,
          address: '',
          metricsAddress: '',
          ready: false,
          stopping: false,
          restarts: 0,
          restartTimer: undefined,
          failed: false,
        };
        replicas.push(replica);
        fresh.push(launch(replica));
      }
      const outcomes = await Promise.all(fresh.map((p) => p.started));
      const failure = outcomes.find((o): o is Extract<ProcessOutcome, { ok: false }> => !o.ok);
      if (failure) return { ok: false, error: failure.error };
      const model =
        outcomes.find((o): o is Extract<ProcessOutcome, { ok: true }> => o.ok)?.model ??
        models.get(spec.version);
      if (!model) return { ok: false, error: 'No replica of the version is running.' };
      return { ok: true, model };
    },

    async stop(version) {
      const replicas = byVersion.get(version) ?? [];
      byVersion.delete(version);
      models.delete(version);
      await stopReplicas(replicas);
    },

    list(version): ReplicaInfo[] {
      const replicas = version ? (byVersion.get(version) ?? []) : [...byVersion.values()].flat();
      return replicas.map((r) => ({
        name: r.name,
        version: r.spec.version,
        address: r.address,
        metricsAddress: r.metricsAddress,
        state: r.stopping ? 'STOPPING' : r.ready ? 'READY' : 'STARTING',
      }));
    },

    versions: () => [...byVersion.keys()],

    async close() {
      const all = [...byVersion.values()].flat();
      byVersion.clear();
      const jobs = [...byJob.keys()];
      await Promise.all([stopReplicas(all), ...jobs.map((job) => this.stopWorkers(job))]);
    },
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

/** Kills predictor processes a previous deployer started and could not stop (it crashed or was killed). */
function killOrphans(pidFile: string, logger: Logger): void {
  let pids: number[] = [];
  try {
    pids = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as number[];
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('predictor')) continue;
      process.kill(pid, 'SIGKILL');
      logger.warn('killed a replica left by a previous deployer', { pid });
    } catch {
      // Gone already.
    }
  }
}
