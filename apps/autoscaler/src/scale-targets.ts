import { startWatch } from '@presage/grpc-kit';
import type { PromiseClient, StreamClient, Watch } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto';
import type { WatchScaleTargetsResponse__Output } from '@presage/proto';
import type { ScaleTargetView } from './domain/scaling-state';

/** Where the scaling loop reads the deployer's scale targets. */
export interface ScaleTargetSource {
  /** The deployer's scale targets now. */
  current(): Promise<ScaleTargetView[]>;
  /** The deployer answered ScaleVersion with `desired`: a view that lags its watch must not undo it. */
  scaled(version: string, desired: number): void;
  close(): void;
}

/** Lists the targets at every read (ListScaleTargets). */
export function listedScaleTargets(
  deployer: PromiseClient<DeployerServiceHandlers>,
  deadlineMs: number,
): ScaleTargetSource {
  return {
    current: async () => (await deployer.ListScaleTargets({}, { deadlineMs })).targets,
    scaled: () => undefined,
    close: () => undefined,
  };
}

/**
 * The targets as the deployer's WatchScaleTargets last told: a read costs no call. While the watch is
 * not connected (the deployer is away, or has no watch) a read lists them instead, so decisions are
 * never made on what a deployer that went away last said.
 */
export class WatchedScaleTargets implements ScaleTargetSource {
  private readonly targets = new Map<string, ScaleTargetView>();
  private readonly watch: Watch;
  private readonly listed: ScaleTargetSource;

  constructor(options: {
    deployer: PromiseClient<DeployerServiceHandlers>;
    streams: StreamClient<DeployerServiceHandlers>;
    deadlineMs: number;
    logger: Logger;
  }) {
    const logger = options.logger.child({ component: 'scale-target-watch' });
    this.listed = listedScaleTargets(options.deployer, options.deadlineMs);
    this.watch = startWatch<WatchScaleTargetsResponse__Output, ScaleTargetView>({
      open: () => options.streams.WatchScaleTargets({}),
      batchOf: (message) => ({
        snapshot: message.snapshot,
        more: message.more,
        items: message.targets,
        removed: message.removedVersions,
      }),
      onResync: (targets) => {
        this.targets.clear();
        for (const target of targets) this.targets.set(target.version, target);
      },
      onChanges: (targets, removed) => {
        for (const target of targets) this.targets.set(target.version, target);
        for (const version of removed) this.targets.delete(version);
      },
      onConnection: (connected, error) =>
        connected
          ? logger.info('watching the scale targets')
          : logger.warn('the scale target watch broke; listing them until it is back', { error }),
      onUnimplemented: () =>
        logger.warn('the deployer cannot be watched (an older version): listing its scale targets'),
      logger,
    });
  }

  /** Whether the watch has its snapshot and is connected: reads then cost no call. */
  get watching(): boolean {
    return this.watch.connected;
  }

  current(): Promise<ScaleTargetView[]> {
    if (!this.watch.connected) return this.listed.current();
    return Promise.resolve([...this.targets.values()].map((target) => ({ ...target })));
  }

  scaled(version: string, desired: number): void {
    const target = this.targets.get(version);
    if (target) this.targets.set(version, { ...target, desired });
  }

  close(): void {
    this.watch.close();
  }
}
