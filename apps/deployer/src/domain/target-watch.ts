import { startWatch } from '@presage/grpc-kit';
import type { StreamClient, Watch } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeploymentTarget__Output } from '@presage/proto';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto';
import type { WatchDeploymentTargetsResponse__Output } from '@presage/proto';

/** What the deployer does with the registry's deployment targets as they change. */
export interface TargetSink {
  /** A version was added or changed (its state, spec, or pending operation). */
  targetChanged(target: DeploymentTarget__Output): void;
  /** A version is no longer a target: deleted, or FAILED. */
  targetRemoved(versionName: string): void;
  /** Every target now, after (re)connecting: anything not in it is gone. */
  resync(targets: DeploymentTarget__Output[]): void;
}

export interface TargetWatchOptions {
  registry: StreamClient<RegistryDeploymentServiceHandlers>;
  sink: TargetSink;
  logger: Logger;
  /**
   * The registry has no WatchDeploymentTargets (an older one): nothing is watched, the reconciler's
   * timer alone finds changes. @default logged
   */
  onUnavailable?: () => void;
  /** The watch delivered its snapshot (true), or broke (false). */
  onConnection?: (connected: boolean) => void;
}

/**
 * Follows the registry's WatchDeploymentTargets into `sink`: a resync with every target on each
 * (re)connect, then each change. Reconnects with backoff while the registry is away.
 */
export function watchDeploymentTargets(options: TargetWatchOptions): Watch {
  const { sink } = options;
  const logger = options.logger.child({ component: 'target-watch' });
  return startWatch<WatchDeploymentTargetsResponse__Output, DeploymentTarget__Output>({
    open: () => options.registry.WatchDeploymentTargets({}),
    batchOf: (message) => ({
      snapshot: message.snapshot,
      more: message.more,
      items: message.targets,
      removed: message.removedVersions,
    }),
    onResync: (targets) => sink.resync(targets),
    onChanges(targets, removed) {
      for (const target of targets) sink.targetChanged(target);
      for (const version of removed) sink.targetRemoved(version);
    },
    onConnection(connected, error) {
      if (connected) logger.info('watching the deployment targets');
      else logger.warn('the deployment target watch broke; reconnecting', { error });
      options.onConnection?.(connected);
    },
    onUnimplemented() {
      logger.warn('the registry cannot be watched (an older version): reconciling on the timer only');
      options.onUnavailable?.();
    },
    logger,
  });
}

/** Every change goes to each of `sinks`, in order. */
export function fanOutTargets(...sinks: TargetSink[]): TargetSink {
  return {
    targetChanged: (target) => sinks.forEach((sink) => sink.targetChanged(target)),
    targetRemoved: (version) => sinks.forEach((sink) => sink.targetRemoved(version)),
    resync: (targets) => sinks.forEach((sink) => sink.resync(targets)),
  };
}

/** Today's reconciler as a sink: every change asks for a pass (its passes list the targets themselves). */
export function nudgingSink(nudge: () => void): TargetSink {
  return { targetChanged: nudge, targetRemoved: nudge, resync: nudge };
}

/** The targets as last watched, for what the deployer derives from them (the scale targets). */
export class TargetCache implements TargetSink {
  private readonly targets = new Map<string, DeploymentTarget__Output>();
  private resynced = false;

  /** `onChange` is called after every change, with the version's name (none after a resync). */
  constructor(private readonly onChange: (version?: string) => void = () => undefined) {}

  /** Whether a snapshot arrived: until then the cache knows nothing. */
  get synced(): boolean {
    return this.resynced;
  }

  list(): DeploymentTarget__Output[] {
    return [...this.targets.values()];
  }

  targetChanged(target: DeploymentTarget__Output): void {
    const name = target.version?.name;
    if (!name) return;
    this.targets.set(name, target);
    this.onChange(name);
  }

  targetRemoved(versionName: string): void {
    if (this.targets.delete(versionName)) this.onChange(versionName);
  }

  resync(targets: DeploymentTarget__Output[]): void {
    this.targets.clear();
    for (const target of targets) if (target.version?.name) this.targets.set(target.version.name, target);
    this.resynced = true;
    this.onChange();
  }
}
