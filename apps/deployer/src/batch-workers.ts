import { ApiError } from '@presage/errors';
import type { Logger } from '@presage/log';
import type { EnsureBatchWorkersRequest__Output, EnsureBatchWorkersResponse } from '@presage/proto';
import { DEFAULT_BATCHING_SPEC } from './drivers/replica-driver';
import type { ReplicaDriver } from './drivers/replica-driver';
import type { ArtifactStore, StagedArtifacts } from './staging/artifact-store';
import { stagePackage } from './staging/package-source';
import { StagingError } from './staging/staging-error';

export interface BatchWorkers {
  /** Stages the job's model once and keeps `count` workers of it alive (EnsureBatchWorkers). */
  ensure(request: EnsureBatchWorkersRequest__Output): Promise<EnsureBatchWorkersResponse>;
  /** Stops a job's workers and forgets its staged model (StopBatchWorkers). */
  stop(job: string): Promise<void>;
  /** The staged copies running jobs use: garbage collection keeps them. */
  digestsInUse(): string[];
}

/** Batch workers through the replica driver, from a staged copy of the job's model. */
export function createBatchWorkers(options: {
  driver: ReplicaDriver;
  store: ArtifactStore;
  logger: Logger;
}): BatchWorkers {
  const { driver, store } = options;
  const logger = options.logger.child({ component: 'batch-workers' });
  const staged = new Map<string, StagedArtifacts[]>();

  const stageJob = async (request: EnsureBatchWorkersRequest__Output) => {
    const known = staged.get(request.job);
    if (known) return known;
    const spec = request.spec!;
    const copies = [await store.stage(spec.modelUri, { field: 'modelUri', contents: 'model files' })];
    for (const uri of spec.packageUris) copies.push(await stagePackage(store, uri));
    staged.set(request.job, copies);
    logger.info('batch model staged', { job: request.job, digest: copies[0]!.digest });
    return copies;
  };

  return {
    async ensure(request) {
      const spec = request.spec;
      if (!spec?.modelUri) return { workers: [], error: 'The job names no model to load.' };
      let copies: StagedArtifacts[];
      try {
        copies = await stageJob(request);
      } catch (error) {
        if (!(error instanceof StagingError)) throw error;
        // The batch service asks again at its next pass while the source is unreachable for now.
        if (error.transient) throw ApiError.unavailable(error.message, 5_000, error);
        return { workers: [], error: error.message };
      }
      const [model, ...packages] = copies;
      const result = await driver.ensureWorkers(
        {
          job: request.job,
          version: spec.version,
          modelDir: model!.dir,
          runtime: {
            framework: spec.framework,
            predictionClass: spec.predictionClass,
            packageDirs: packages.map((p) => p.dir),
            signatureName: spec.signatureName,
            // Batch workers predict in the job's batchSize chunks, one request at a time.
            batching: DEFAULT_BATCHING_SPEC,
          },
          batchAddress: request.batchAddress,
        },
        Math.max(0, request.count),
      );
      if (!result.ok) return { workers: [], error: result.error };
      return { workers: result.workers.map((w) => ({ name: w.name, state: w.state })), error: '' };
    },

    async stop(job) {
      await driver.stopWorkers(job);
      staged.delete(job);
    },

    digestsInUse: () => [...staged.values()].flat().map((copy) => copy.digest),
  };
}
