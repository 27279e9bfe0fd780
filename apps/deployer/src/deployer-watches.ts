import { WatchHub } from '@presage/grpc-kit';
import type { AsyncHandlers } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers, ScaleTarget } from '@presage/proto';
import { TargetCache } from './domain/target-watch';
import type { ReplicaInfo, ServingDriver } from './drivers/serving-driver';
import { scaleTargetsOf } from './handlers/scale-handlers';
import type { TargetVersion, VersionReconciler } from './version-reconciler';

/**
 * What the deployer's watches follow: the replicas (for gateways) and the scale targets (for the
 * autoscaler), each a WatchHub told of every change, and the registry's targets as watched.
 */
export class DeployerWatches {
  readonly replicas: WatchHub<ReplicaInfo>;
  readonly scaleTargets: WatchHub<ScaleTarget>;
  /** The registry's targets as WatchDeploymentTargets delivers them; a sink of the target watch. */
  readonly targets = new TargetCache(() => this.scaleTargets.changed());

  constructor(deps: { driver: () => ServingDriver; reconciler: () => VersionReconciler; logger: Logger }) {
    this.replicas = new WatchHub<ReplicaInfo>({
      source: { key: (replica) => replica.name, list: () => deps.driver().list() },
      logger: deps.logger.child({ watch: 'replicas' }),
    });
    this.scaleTargets = new WatchHub<ScaleTarget>({
      source: {
        key: (target) => target.version ?? '',
        list: () =>
          scaleTargetsOf(this.servedVersions(deps.reconciler()), {
            reconciler: deps.reconciler(),
            driver: deps.driver(),
          }),
      },
      logger: deps.logger.child({ watch: 'scale-targets' }),
    });
  }

  /** The driver's replicas changed: their list, and the ready counts of the scale targets. */
  replicasChanged(): void {
    this.replicas.changed();
    this.scaleTargets.changed();
  }

  /** WatchReplicas and WatchScaleTargets. */
  handlers(): Pick<AsyncHandlers<DeployerServiceHandlers>, 'WatchReplicas' | 'WatchScaleTargets'> {
    return {
      WatchReplicas: (call) => {
        const { version } = call.request;
        this.replicas.serve(
          call,
          (batch) => ({
            snapshot: batch.snapshot,
            more: batch.more,
            replicas: batch.items,
            removedReplicas: batch.removed,
          }),
          version ? (replica) => replica.version === version : undefined,
        );
      },
      WatchScaleTargets: (call) =>
        this.scaleTargets.serve(call, (batch) => ({
          snapshot: batch.snapshot,
          more: batch.more,
          targets: batch.items,
          removedVersions: batch.removed,
        })),
    };
  }

  close(): void {
    this.replicas.close();
    this.scaleTargets.close();
  }

  /**
   * The versions served, as the registry's watch last told (at once when a version turns READY), or as
   * the reconciler's last pass saw them while the watch has no snapshot (or the registry has no watch).
   */
  private servedVersions(reconciler: VersionReconciler): TargetVersion[] {
    if (!this.targets.synced) return reconciler.servedVersions();
    return this.targets.list().flatMap((target) => (target.version ? [target.version] : []));
  }
}
