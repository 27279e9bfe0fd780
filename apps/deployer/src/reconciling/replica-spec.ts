import type { ReplicaSpec } from '../drivers/serving-driver';
import type { StagedModel } from '../staging/staged-models';
import type { TargetVersion } from './deployment-targets';

/** What the replicas of `version` run: its staged model, loaded as the version says. */
export function replicaSpec(version: TargetVersion, staged: StagedModel): ReplicaSpec {
  return {
    version: version.name,
    modelDir: staged.artifacts.dir,
    runtime: {
      framework: version.framework ?? '',
      predictionClass: version.predictionClass ?? '',
      packageDirs: staged.packages.map((p) => p.dir),
      signatureName: '',
      batching: {
        maxBatchSize: version.batching?.maxBatchSize ?? 0,
        maxQueueDelayMs: version.batching?.maxQueueDelayMs ?? 0,
      },
    },
  };
}
