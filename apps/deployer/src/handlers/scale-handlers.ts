import type { AsyncHandlers } from '@presage/grpc-kit';
import type { DeployerServiceHandlers, ScaleTarget } from '@presage/proto';
import { scaleBounds } from '../domain/desired-replicas';
import { autoscaledReplicas, validateScaleRequest } from '../domain/scale-request';
import type { ServingDriver } from '../drivers/serving-driver';
import type { TargetVersion, VersionReconciler } from '../version-reconciler';

/** Versions the autoscaler may see: served, not being created or deleted. */
const SCALABLE_STATES = new Set(['READY', 'UPDATING']);

interface ScaleDeps {
  reconciler: VersionReconciler;
  driver: ServingDriver;
}

/** The scale targets among `versions` (the served ones, not being created or deleted). */
export function scaleTargetsOf(
  versions: readonly TargetVersion[],
  { reconciler, driver }: ScaleDeps,
): ScaleTarget[] {
  return versions
    .filter((v) => SCALABLE_STATES.has(v.state))
    .map((version) => {
      const bounds = scaleBounds(version);
      return {
        version: version.name,
        minNodes: bounds.minNodes,
        maxNodes: bounds.maxNodes,
        manual: Boolean(version.manualScaling),
        desired: reconciler.replicaPlan(version).replicas,
        ready: driver.list(version.name).filter((r) => r.state === 'READY').length,
        targetConcurrency: version.autoScaling?.targetConcurrency ?? 0,
      };
    });
}

/**
 * The autoscaler's side of the deployer: ListScaleTargets and ScaleVersion. `onScaled` hears of each
 * count set (the scale target watch). WatchScaleTargets is in deployer-watches.ts.
 */
export function createScaleHandlers(
  deps: ScaleDeps & { onScaled?: (version: string) => void },
): Pick<AsyncHandlers<DeployerServiceHandlers>, 'ListScaleTargets' | 'ScaleVersion'> {
  const { reconciler } = deps;
  return {
    ListScaleTargets() {
      return Promise.resolve({ targets: scaleTargetsOf(reconciler.servedVersions(), deps) });
    },

    ScaleVersion(request) {
      const { version, replicas, reason } = validateScaleRequest(request);
      const served = reconciler.servedVersions().find((v) => v.name === version);
      const count = autoscaledReplicas(version, served, replicas);
      // The request as made: the reconciler clamps it to the bounds of the moment, and says so.
      reconciler.setAutoscaledReplicas(version, replicas, reason || 'requested by the autoscaler');
      deps.onScaled?.(version);
      return Promise.resolve({ replicas: count });
    },
  };
}
