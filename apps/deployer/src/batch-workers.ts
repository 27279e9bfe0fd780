import { ApiError } from '@presage/errors';
import type { Logger } from '@presage/log';
import type { EnsureBatchWorkersRequest__Output, EnsureBatchWorkersResponse } from '@presage/proto';
import { DEFAULT_BATCHING_SPEC } from './drivers/runtime-spec';
import type { WorkerDriver } from './drivers/worker-driver';
import type { StagedModel, StagedModels } from './staging/staged-models';
import { StagingError } from './staging/staging-error';

export interface BatchWorkers {
  /** Stages the job's model once and keeps `count` workers of it alive (EnsureBatchWorkers). */
  ensure(request: EnsureBatchWorkersRequest__Output): Promise<EnsureBatchWorkersResponse>;
  /** Stops a job's workers and releases its staged model (StopBatchWorkers). */
  stop(job: string): Promise<void>;
}

/** Batch workers through the worker driver, from a staged copy of the job's model (staged under the job's name). */
export function createBatchWorkers(options: {
  workers: WorkerDriver;
  staged: StagedModels;
  logger: Logger;
}): BatchWorkers {
  const { workers, staged } = options;
  const logger = options.logger.child({ component: 'batch-workers' });

  const stageJob = async (request: EnsureBatchWorkersRequest__Output): Promise<StagedModel> => {
    const spec = request.spec!;
    const known = staged.has(request.job);
    const model = await staged.stage(request.job, {
      modelUri: spec.modelUri,
      packageUris: spec.packageUris,
      label: { field: 'modelUri', contents: 'model files' },
      predictionClass: spec.predictionClass,
    });
    if (!known) logger.info('batch model staged', { job: request.job, digest: model.artifacts.digest });
    return model;
  };

  return {
    async ensure(request) {
      const spec = request.spec;
      if (!spec?.modelUri) return { workers: [], error: 'The job names no model to load.' };
      let model: StagedModel;
      try {
        model = await stageJob(request);
      } catch (error) {
        if (!(error instanceof StagingError)) throw error;
        // The batch service asks again at its next pass while the source is unreachable for now.
        if (error.transient) throw ApiError.unavailable(error.message, 5_000, error);
        return { workers: [], error: error.message };
      }
      const result = await workers.ensure(
        {
          job: request.job,
          version: spec.version,
          modelDir: model.artifacts.dir,
          runtime: {
            framework: spec.framework,
            predictionClass: spec.predictionClass,
            packageDirs: model.packages.map((p) => p.dir),
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
      await workers.stop(job);
      staged.release(job);
    },
  };
}
