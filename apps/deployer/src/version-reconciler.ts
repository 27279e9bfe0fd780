import { createControlLoop, createKeyedSerializer } from '@presage/control-loop';
import type { ControlLoop } from '@presage/control-loop';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { unpackAny } from '@presage/proto';
import type {
  ModelSignature__Output,
  OperationMetadata__Output,
  RegistryDeploymentServiceHandlers,
} from '@presage/proto';
import { CreationRetries } from './domain/creation-retries';
import { desiredReplicas } from './domain/desired-replicas';
import type { ReplicaPlan } from './domain/desired-replicas';
import { RegistryVersionReports } from './domain/version-reports';
import type { VersionReports } from './domain/version-reports';
import type { ReplicaDriver, ReplicaSpec } from './drivers/replica-driver';
import type { ArtifactStore, StagedArtifacts } from './staging/artifact-store';
import { stagePackage } from './staging/package-source';
import { firstLine } from './staging/io-failures';
import { StagingError } from './staging/staging-error';

type Registry = PromiseClient<RegistryDeploymentServiceHandlers>;
type Target = Awaited<ReturnType<Registry['ListDeploymentTargets']>>['targets'][number];
export type TargetVersion = NonNullable<Target['version']>;

/** A version's staged copies: its artifacts and its packageUris (custom prediction routines), in order. */
interface StagedVersion {
  artifacts: StagedArtifacts;
  packages: StagedArtifacts[];
}

export interface ReconcilerOptions {
  registry: Registry;
  /** Where the outcomes of versions' operations go. @default ReportVersion calls to `registry` */
  reports?: VersionReports;
  driver: ReplicaDriver;
  store: ArtifactStore;
  logger: Logger;
  intervalMs: number;
  /**
   * How long after its creation a version may keep retrying transient failures of staging and loading
   * before it is FAILED. @default 600_000
   */
  deployDeadlineMs?: number;
  /** The wait after a version's first transient failure; it doubles after each. @default 1_000 */
  retryDelayMs?: number;
  /** Staged copies used by something else than a version (batch jobs): never collected. */
  digestsInUse?: () => Iterable<string>;
}

/** Reconciles on a timer and on nudges; passes never overlap, and a nudge during a pass triggers one more. */
export interface Reconciler extends ControlLoop {
  /** The versions of the last pass the deployer serves or is creating (not FAILED, not DELETING). */
  servedVersions(): TargetVersion[];
  /** The replica count a version runs towards now, and why. */
  replicaPlan(version: TargetVersion): ReplicaPlan;
  /**
   * Records the autoscaler's count for an autoscaled version and reconciles that version at once, without
   * waiting for a pass in progress (which may be starting another version's replicas).
   */
  setAutoscaledReplicas(version: string, replicas: number, reason: string): void;
}

/**
 * Level-triggered, like a Kubernetes controller: every pass reads what the registry wants and makes the
 * replicas match, so a missed nudge or a deployer restart loses nothing.
 *
 * Every version being created settles: its creation (staging, then loading in a replica) runs beside the
 * passes, so a slow download holds up no other version; a permanent failure FAILs it at once, a transient
 * one is retried with backoff until its deadline, then FAILs it with the last error and the attempts.
 */
export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { registry, driver, store } = options;
  const reports = options.reports ?? new RegistryVersionReports(registry);
  const logger = options.logger.child({ component: 'reconciler' });
  const staged = new Map<string, StagedVersion>();
  const replicaCounts = new Map<string, number>();
  /** The autoscaler's counts (ScaleVersion); in memory: after a restart it asks again at its next tick. */
  const autoscaled = new Map<string, { replicas: number; reason: string }>();
  let served = new Map<string, TargetVersion>();
  /** A pass and the autoscaler's counts never change one version at once. */
  const forVersion = createKeyedSerializer();
  /** The autoscaler's counts being applied, for stop() to wait for. */
  const scaling = new Set<Promise<void>>();
  /** Creations in progress, by version: a pass starts at most one per version. */
  const creating = new Map<string, Promise<void>>();
  const retries = new CreationRetries({
    deadlineMs: options.deployDeadlineMs ?? 600_000,
    initialDelayMs: options.retryDelayMs ?? 1_000,
  });
  /** Nudges at the time a version waiting for its backoff may be tried again. */
  const retryTimers = new Map<string, NodeJS.Timeout>();

  const pass = async (): Promise<void> => {
    const targets: Target[] = [];
    let pageToken = '';
    do {
      const page = await registry.ListDeploymentTargets({ pageSize: 100, pageToken });
      targets.push(...page.targets);
      pageToken = page.nextPageToken;
    } while (pageToken);
    const live = targets.filter((t) => t.version?.state !== 'DELETING');
    const deleting = targets.filter((t) => t.version?.state === 'DELETING');
    served = new Map(live.map((t) => [t.version!.name, t.version!]));
    for (const version of autoscaled.keys()) if (!served.has(version)) autoscaled.delete(version);
    for (const version of served.values()) keepFoundReplicas(version);
    const creatingNow = live.filter((t) => t.version!.state === 'CREATING');
    forgetRetriesBut(new Set(creatingNow.map((t) => t.version!.name)));
    for (const target of creatingNow) startCreation(target);
    // Deletions last: a staged copy shared with a live version must be known to be in use first.
    await Promise.all(
      live
        .filter((t) => t.version!.state !== 'CREATING')
        .map((t) => forVersion(t.version!.name, () => guarded(t, reconcileLive))),
    );
    await Promise.all(deleting.map((t) => forVersion(t.version!.name, () => guarded(t, reconcileDeleting))));
    const wanted = new Set(targets.map((t) => t.version!.name));
    for (const version of driver.versions()) {
      if (!wanted.has(version)) {
        logger.info('stopping replicas of a version no longer served', { version });
        await driver.stop(version);
        replicaCounts.delete(version);
      }
    }
    for (const version of staged.keys()) if (!wanted.has(version)) staged.delete(version);
    // A creation in progress may have put a copy in the store that it has not recorded yet.
    if (creating.size === 0) await collectGarbage();
  };

  /** Starts creating a version in the background unless it is already, or waits for its backoff. */
  const startCreation = (target: Target) => {
    const name = target.version!.name;
    if (creating.has(name) || !retries.due(name)) return;
    const attempt = forVersion(name, () => create(target)).finally(() => creating.delete(name));
    creating.set(name, attempt);
  };

  /** One attempt at creating a version: READY, FAILED, or a transient failure retried later. */
  const create = async (target: Target) => {
    const version = target.version!;
    try {
      await reconcileLive(target);
      retries.forget(version.name);
    } catch (error) {
      await retryOrFail(target, error);
    }
  };

  const retryOrFail = async (target: Target, error: unknown) => {
    const version = target.version!;
    const reason =
      error instanceof StagingError ? error.message : `Deploying the version failed: ${firstLine(error)}.`;
    const decision = retries.failed(version.name, createdAt(version), reason);
    if (decision.retry) {
      logger.warn('creating a version failed for now; retrying', {
        version: version.name,
        attempts: retries.failures(version.name),
        inMs: decision.inMs,
        error: reason,
      });
      const timer = setTimeout(() => {
        retryTimers.delete(version.name);
        // Its backoff is over now, whatever the wall clock says (a timer may fire a millisecond before
        // Date.now() reaches the time it was set for, and the pass would then skip the version).
        retries.release(version.name);
        loop.nudge();
      }, decision.inMs);
      clearTimeout(retryTimers.get(version.name));
      retryTimers.set(version.name, timer);
      return;
    }
    logger.error('creating a version kept failing until its deadline', {
      version: version.name,
      error: decision.errorMessage,
    });
    await failVersion(target, decision.errorMessage).catch((failure: unknown) =>
      logger.error('cannot mark the version FAILED; trying again at the next pass', {
        version: version.name,
        error: failure,
      }),
    );
  };

  const forgetRetriesBut = (versions: ReadonlySet<string>) => {
    retries.keepOnly(versions);
    for (const [version, timer] of retryTimers) {
      if (versions.has(version)) continue;
      clearTimeout(timer);
      retryTimers.delete(version);
    }
  };

  /** Stops what runs of a version being created and records its failure. */
  const failVersion = async (target: Target, errorMessage: string) => {
    const version = target.version!;
    await driver.stop(version.name);
    staged.delete(version.name);
    await reports.failed(target, errorMessage);
    logger.warn('version failed', { version: version.name, error: errorMessage });
  };

  /** Every live version was staged in this pass: copies none of them uses (failed, deleted) go. */
  const collectGarbage = async () => {
    const inUse = new Set([
      ...[...staged.values()].flatMap((s) => [s.artifacts.digest, ...s.packages.map((p) => p.digest)]),
      ...(options.digestsInUse?.() ?? []),
    ]);
    for (const digest of await store.list()) {
      if (!inUse.has(digest)) {
        logger.info('removing staged artifacts no version uses', { digest });
        await store.remove(digest);
      }
    }
  };

  const guarded = async (target: Target, work: (t: Target) => Promise<void>) => {
    try {
      await work(target);
    } catch (error) {
      logger.error('reconcile of a version failed; retrying at the next pass', {
        version: target.version?.name,
        error,
      });
    }
  };

  const reconcileLive = async (target: Target) => {
    const version = target.version!;
    if (version.state === 'CREATING' && cancellationRequested(target)) {
      await failVersion(target, 'Cancelled before the version was deployed.');
      return;
    }
    let stagedVersion: StagedVersion;
    try {
      stagedVersion = await stageOnce(version);
    } catch (error) {
      // Transient failures (and any failure of a version already served) are retried.
      if (!(error instanceof StagingError) || error.transient || version.state !== 'CREATING') throw error;
      await failVersion(target, error.message);
      return;
    }
    const { replicas: count, reason } = replicaPlan(version);
    const { artifacts } = stagedVersion;
    const result = await driver.scale(replicaSpec(version, stagedVersion), count);
    if (!result.ok) {
      if (version.state === 'CREATING') {
        await failVersion(target, result.error);
        return;
      }
      // A failed update ends its operation; the scaling is retried at the next pass, as for any served version.
      if (version.state === 'UPDATING')
        await reports.failed(target, `Replicas fail to start: ${result.error}`);
      throw new Error(`replicas of ${version.name} fail to start: ${result.error}`);
    }
    if (version.state === 'CREATING') {
      await reports.deployed(target, result.model.signature as ModelSignature__Output | null);
      // The autoscaler may scale it from now on, not only after the next pass.
      if (served.has(version.name)) served.set(version.name, { ...version, state: 'READY' });
      logger.info('version deployed', { version: version.name, replicas: count, digest: artifacts.digest });
    } else if (replicaCounts.has(version.name) && replicaCounts.get(version.name) !== count) {
      await registry.AppendDeploymentEvent({
        parent: version.name,
        event: {
          type: 'SCALED',
          replicas: count,
          message: `${replicaCounts.get(version.name)} → ${count} replicas: ${reason}`,
        },
      });
    }
    // The autoscaler's own calls carry no operation: only a pass settles the update.
    if (version.state === 'UPDATING' && target.pendingOperation) {
      await reports.deployed(target);
      if (served.has(version.name)) served.set(version.name, { ...version, state: 'READY' });
    }
    replicaCounts.set(version.name, count);
  };

  const reconcileDeleting = async (target: Target) => {
    const version = target.version!;
    await driver.stop(version.name);
    replicaCounts.delete(version.name);
    staged.delete(version.name);
    await reports.undeployed(target);
    logger.info('version undeployed', { version: version.name });
  };

  /**
   * The first time this deployer reconciles an autoscaled version, the replicas it found running (adopted
   * after a restart) count as the autoscaler's last decision until it makes a new one, so a restart does
   * not scale down a version the autoscaler had scaled up.
   */
  const keepFoundReplicas = (version: TargetVersion): void => {
    if (version.state === 'CREATING' || version.manualScaling) return;
    if (replicaCounts.has(version.name) || autoscaled.has(version.name)) return;
    const running = driver.list(version.name).filter((r) => r.state === 'READY').length;
    if (running === 0) return;
    autoscaled.set(version.name, {
      replicas: running,
      reason: `${running} found running when the deployer started`,
    });
  };

  const replicaPlan = (version: TargetVersion): ReplicaPlan =>
    desiredReplicas(version, {
      creating: version.state === 'CREATING',
      autoscaled: autoscaled.get(version.name),
    });

  const stageOnce = async (version: TargetVersion): Promise<StagedVersion> => {
    const known = staged.get(version.name);
    if (known) return known;
    const artifacts = await store.stage(version.deploymentUri);
    const packages: StagedArtifacts[] = [];
    for (const uri of version.packageUris ?? []) {
      packages.push(await stagePackage(store, uri));
    }
    const result = { artifacts, packages };
    staged.set(version.name, result);
    return result;
  };

  const loop = createControlLoop({
    pass,
    intervalMs: options.intervalMs,
    onError: (error) => logger.warn('reconcile pass failed; retrying at the next tick', { error }),
  });

  return {
    ...loop,
    async stop() {
      for (const timer of retryTimers.values()) clearTimeout(timer);
      retryTimers.clear();
      await loop.stop();
      await Promise.allSettled([...scaling, ...creating.values()]);
    },
    servedVersions: () => [...served.values()],
    replicaPlan,
    setAutoscaledReplicas(version, replicas, reason) {
      autoscaled.set(version, { replicas, reason });
      // This version alone, as the last pass saw it: a pass may take as long as its slowest version's
      // replicas take to start, and a cold start must not wait for another version's.
      const applied = forVersion(version, async () => {
        const known = served.get(version);
        if (known && known.state !== 'CREATING')
          await guarded({ version: known, pendingOperation: null }, reconcileLive);
        else loop.nudge();
      });
      scaling.add(applied);
      void applied.finally(() => scaling.delete(applied));
    },
  };
}

/** What the replicas of `version` run: its staged artifacts, loaded as the version says. */
function replicaSpec(version: TargetVersion, staged: StagedVersion): ReplicaSpec {
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

/** The version's creation time, epoch ms; undefined when the registry did not say. */
function createdAt(version: TargetVersion): number | undefined {
  const time = version.createTime;
  if (!time || !Number(time.seconds)) return undefined;
  return Number(time.seconds) * 1000 + Math.floor(time.nanos / 1e6);
}

function cancellationRequested(target: Target): boolean {
  const metadata = target.pendingOperation?.metadata;
  if (!metadata) return false;
  return unpackAny<OperationMetadata__Output>(metadata).isCancellationRequested;
}
