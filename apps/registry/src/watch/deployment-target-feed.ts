import type * as grpc from '@grpc/grpc-js';
import type { Knex } from '@presage/db';
import { WatchHub } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeploymentTarget } from '@presage/proto';
import type { WatchDeploymentTargetsResponse } from '@presage/proto';
import { parseVersionName } from '@presage/resources';
import type { VersionRecord } from '../domain/records';
import { operationMessage, versionMessage } from '../handlers/messages';
import { findPendingOperations } from '../store/operations';
import { VersionChangeListener } from '../store/version-change-listener';
import { findDeploymentVersions, listDeploymentVersions } from '../store/versions';
import { DEPLOYER_STATES } from '../domain/version-lifecycle';

/** Versions read per query when listing every target. */
const PAGE = 500;
/**
 * Targets per message: a version with its signature and lineage takes a few KiB, so a message stays far
 * below the channel's limit.
 */
const TARGETS_PER_MESSAGE = 50;

/**
 * WatchDeploymentTargets: the deployer's targets, then each one again whenever a transaction that
 * changed it (its row or an operation on it) commits, whichever handler made the change. While someone
 * watches, one pooled connection LISTENs for the registry's version change notifications.
 */
export class DeploymentTargetFeed {
  private readonly hub: WatchHub<DeploymentTarget>;
  private readonly listener: VersionChangeListener;
  private watchers = 0;

  constructor(
    private readonly knex: Knex,
    logger: Logger,
  ) {
    const feedLogger = logger.child({ watch: 'deployment-targets' });
    this.hub = new WatchHub<DeploymentTarget>({
      source: {
        key: (target) => target.version?.name ?? '',
        list: () => this.listTargets(),
        get: (names) => this.findTargets(names),
      },
      logger: feedLogger,
      maxItemsPerMessage: TARGETS_PER_MESSAGE,
    });
    this.listener = new VersionChangeListener(knex, {
      onChange: (name) => this.hub.changed([name]),
      // Changes committed before listening (or while the connection was lost) were not announced.
      onListening: () => this.hub.changed(),
      logger: feedLogger,
    });
  }

  serve(call: grpc.ServerWritableStream<unknown, WatchDeploymentTargetsResponse>): void {
    if (this.watchers++ === 0) this.listener.start();
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      if (--this.watchers === 0) void this.listener.stop();
    };
    call.on('cancelled', end);
    call.on('finish', end);
    call.on('error', end);
    this.hub.serve(call, (batch) => ({
      snapshot: batch.snapshot,
      more: batch.more,
      targets: batch.items,
      removedVersions: batch.removed,
    }));
  }

  private async listTargets(): Promise<DeploymentTarget[]> {
    const targets: DeploymentTarget[] = [];
    let afterId: string | undefined;
    for (;;) {
      const versions = await listDeploymentVersions(this.knex, DEPLOYER_STATES, afterId, PAGE);
      targets.push(...(await this.withOperations(versions)));
      if (versions.length < PAGE) return targets;
      afterId = versions[versions.length - 1]!.id;
    }
  }

  private async findTargets(names: readonly string[]): Promise<DeploymentTarget[]> {
    const parsed = names.flatMap((name) => {
      try {
        return [parseVersionName(name, 'name')];
      } catch {
        return [];
      }
    });
    return this.withOperations(await findDeploymentVersions(this.knex, parsed));
  }

  private async withOperations(versions: VersionRecord[]): Promise<DeploymentTarget[]> {
    const pending = await findPendingOperations(
      this.knex,
      versions.map((v) => v.id),
    );
    return versions.map((version) => {
      const op = pending.get(version.id);
      return { version: versionMessage(version), pendingOperation: op ? operationMessage(op) : null };
    });
  }
}
