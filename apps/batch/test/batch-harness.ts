import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import {
  createTestDatabase,
  freePort,
  pidsWithEnv,
  serviceMain,
  startServiceProcess,
  waitFor,
} from '@presage/testing';
import type { ServiceProcess, TestDatabase } from '@presage/testing';
import type {
  AccessServiceHandlers,
  DeployerServiceHandlers,
  JobServiceHandlers,
  Job__Output,
  ModelServiceHandlers,
} from '@presage/proto';
import {
  AccessService,
  DeployerService,
  JobService,
  ModelService,
  Operations,
  PredictorService,
} from '@presage/proto';
import { parseModelName } from '@presage/resources';

/** registry + deployer + batch as real processes on a fresh database, with clients of their gRPC APIs. */
export interface BatchPlatform {
  home: string;
  jobs: ConnectedClient<JobServiceHandlers>;
  models: ConnectedClient<ModelServiceHandlers>;
  /** The registry's AccessService: quota settings. */
  access: ConnectedClient<AccessServiceHandlers>;
  deployer: ConnectedClient<DeployerServiceHandlers>;
  batch(): ServiceProcess;
  /**
   * Stops the batch service (SIGKILL when `kill`) and starts it again on the same address, with `env`
   * over the environment it started with.
   */
  restartBatch(kill: boolean, env?: Record<string, string>): Promise<void>;
  /** SIGKILLs the deployer and starts it again on the same address. */
  restartDeployer(): Promise<void>;
  /** Creates a model and a READY version of it from `dir`. */
  deploy(model: string, dir: string): Promise<string>;
  /** Polls a job until its state is one of `states`. */
  waitForState(name: string, states: string[], timeoutMs?: number): Promise<Job__Output>;
  /** Pids of the worker processes of a job. */
  workerPids(job: string): number[];
  /** Predicts online through a ready replica of `version`. */
  predictOnline(version: string, instances: unknown[]): Promise<unknown[]>;
  stop(): Promise<void>;
}

export async function startBatchPlatform(env: Record<string, string> = {}): Promise<BatchPlatform> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-batch-'));
  const db: TestDatabase = await createTestDatabase();
  const deployerAddress = `127.0.0.1:${await freePort()}`;
  const batchAddress = `127.0.0.1:${await freePort()}`;
  const processes: ServiceProcess[] = [];
  const start = async (app: string, listening: string, extra: Record<string, string>) => {
    const started = await startServiceProcess({
      entry: serviceMain(app),
      env: { PRESAGE_HOME: home, DATABASE_URL: db.url, ...extra },
      listeningMessage: listening,
    });
    processes.push(started);
    return started;
  };
  const registry = await start('registry', 'registry listening', {
    PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
    PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
  });
  const deployerEnv = {
    PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
    PRESAGE_REGISTRY_ADDRESS: registry.address,
    PRESAGE_RECONCILE_INTERVAL_MS: '1000',
    PRESAGE_REPLICAS_OUTLIVE_DEPLOYER: '0',
  };
  let deployerProcess = await start('deployer', 'deployer listening', deployerEnv);
  const batchEnv = {
    PRESAGE_BATCH_ADDRESS: batchAddress,
    PRESAGE_REGISTRY_ADDRESS: registry.address,
    PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
    PRESAGE_BATCH_TICK_MS: '200',
    ...env,
  };
  let batch = await start('batch', 'batch listening', batchEnv);
  const jobs = createClient(JobService, batchAddress);
  const models = createClient(ModelService, registry.address);
  const access = createClient(AccessService, registry.address);
  const operations = createClient(Operations, registry.address);
  const deployer = createClient(DeployerService, deployerAddress);

  return {
    home,
    jobs,
    models,
    access,
    deployer,
    batch: () => batch,
    async restartBatch(kill, env = {}) {
      if (kill) batch.child.kill('SIGKILL');
      await batch.stop();
      batch = await start('batch', 'batch listening', { ...batchEnv, ...env });
    },
    async restartDeployer() {
      deployerProcess.child.kill('SIGKILL');
      await deployerProcess.stop();
      deployerProcess = await start('deployer', 'deployer listening', deployerEnv);
    },
    async deploy(model, dir) {
      const { project, model: name } = parseModelName(model, 'model');
      await models.client.CreateModel({ parent: `projects/${project}`, model: { name } });
      const op = await models.client.CreateVersion({
        parent: model,
        version: { name: 'v1', deploymentUri: dir },
      });
      await waitFor(async () => (await operations.client.GetOperation({ name: op.name })).done, {
        timeoutMs: 60_000,
        description: `${model} to deploy`,
      });
      const version = await models.client.GetVersion({ name: `${model}/versions/v1` });
      if (version.state !== 'READY')
        throw new Error(`${version.name} is ${version.state}: ${version.errorMessage}`);
      return version.name;
    },
    waitForState(name, states, timeoutMs = 120_000) {
      return waitFor(
        async () => {
          const job = await jobs.client.GetJob({ name });
          return states.includes(job.state) ? job : undefined;
        },
        { timeoutMs, intervalMs: 100, description: `${name} to be ${states.join(' or ')}` },
      );
    },
    workerPids: (job) => pidsWithEnv('PRESAGE_BATCH_JOB', job),
    async predictOnline(version, instances) {
      const [replica] = (await deployer.client.ListReplicas({ version })).replicas.filter(
        (r) => r.state === 'READY',
      );
      const predictor = createClient(PredictorService, replica!.address);
      try {
        const answer = await predictor.client.Predict({ body: Buffer.from(JSON.stringify({ instances })) });
        if (answer.httpStatus !== 200) throw new Error(answer.body.toString());
        return (JSON.parse(answer.body.toString()) as { predictions: unknown[] }).predictions;
      } finally {
        predictor.close();
      }
    },
    async stop() {
      for (const client of [jobs, models, access, operations, deployer]) client.close();
      for (const started of processes.reverse()) await started.stop();
      await db.drop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The lines of every `prediction.results-*` file of a job's output, parsed. */
export function readResults(outputDir: string): { files: string[]; predictions: Record<string, unknown>[] } {
  const files = fs
    .readdirSync(outputDir)
    .filter((n) => n.startsWith('prediction.results-'))
    .sort();
  const predictions = files.flatMap((f) =>
    fs
      .readFileSync(path.join(outputDir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
  return { files, predictions };
}

/** Writes JSON lines; returns the path. */
export function writeLines(file: string, lines: string[]): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

/** A linear-fixture instance with a key: four dyadic features, so float32 results are exact. */
export function linearInstance(n: number): { key: string; x: number[] } {
  return { key: `k${n}`, x: [(n % 7) - 3, (n % 5) * 0.5, (n % 3) * 0.25, n % 2] };
}
