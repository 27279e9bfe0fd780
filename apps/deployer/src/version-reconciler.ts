import { WorkQueue, createControlLoop } from '@presage/control-loop';
import type { ControlLoop } from '@presage/control-loop';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type {
  DeploymentTarget__Output,
  ModelSignature__Output,
  RegistryDeploymentServiceHandlers,
} from '@presage/proto';
import type { ReplicaPlan } from './domain/desired-replicas';
import type { VersionReports } from './domain/version-reports';
import type { ScaleResult, ServingDriver } from './drivers/serving-driver';
import { CreationBackoff } from './reconciling/creation-backoff';
import {
  DeploymentTargets,
  cancellationRequested,
  listDeploymentTargets,
} from './reconciling/deployment-targets';
import type { TargetVersion } from './reconciling/deployment-targets';
import { ReplicaCounts } from './reconciling/replica-counts';
import { replicaSpec } from './reconciling/replica-spec';
import { firstLine } from './staging/io-failures';
import type { StagedModels } from './staging/staged-models';
import { StagingError } from './staging/staging-error';

export type { TargetVersion } from './reconciling/deployment-targets';

type Registry = PromiseClient<RegistryDeploymentServiceHandlers>;
type Target = DeploymentTarget__Output;

export interface VersionReconcilerOptions {
  /** Lists the deployment targets (until a watch feeds them) and records SCALED events. */
  registry: Registry;
  reports: VersionReports;
  driver: ServingDriver;
  staged: StagedModels;
  logger: Logger;
  /** How often the targets are listed again and every known version reconciled again. */
  intervalMs: number;
  /**
   * How long after its creation a version may keep retrying transient failures of staging and loading
   * before it is FAILED. @default 600_000
   */
  deployDeadlineMs?: number;
  /** The wait after a version's first transient failure; it doubles after each. @default 1_000 */
  retryDelayMs?: number;
  /**
   * How many versions are reconciled at once. Each mostly waits (for a download, for replicas to load),
   * so this bounds open work, not CPU. @default 64
   */
  concurrency?: number;
}

/**
 * Reconciles one version per work item, like a Kubernetes controller: a version's key is queued when its
 * target changes, when the autoscaler sets its count, and at every resync; its work reads the version's
 * target, stages its model, scales its replicas and reports the outcome. Versions never wait for each
 * other: a version whose replicas take minutes to load holds up no other (a key is never worked on twice
 * at once, so one version's changes apply in order).
 *
 * The registry's target watch feeds targetChanged/targetRemoved/resync (see domain/target-watch.ts).
 * While the watch is not connected, a periodic ListDeploymentTargets (and one per nudge) does.
 */
export class VersionReconciler {
  private readonly targets = new DeploymentTargets();
  private readonly counts = new ReplicaCounts();
  private readonly queue: WorkQueue;
  private readonly backoff: CreationBackoff;
  private readonly poller: ControlLoop;
  private readonly logger: Logger;
  /** Whether the registry's target watch is connected: then it, not listing, tells every change. */
  private watched = false;

  constructor(private readonly options: VersionReconcilerOptions) {
    this.logger = options.logger.child({ component: 'reconciler' });
    this.queue = new WorkQueue({
      process: (name) => this.reconcile(name),
      concurrency: options.concurrency ?? 64,
      initialRetryDelayMs: options.retryDelayMs ?? 1_000,
      resyncMs: options.intervalMs,
      onError: (version, error, retryInMs) =>
        this.logger.error('reconcile of a version failed; retrying', { version, error, retryInMs }),
    });
    this.backoff = new CreationBackoff(
      { deadlineMs: options.deployDeadlineMs ?? 600_000, initialDelayMs: options.retryDelayMs ?? 1_000 },
      (version) => this.enqueue(version),
    );
    this.poller = createControlLoop({
      pass: async () => {
        if (!this.watched) this.resync(await listDeploymentTargets(options.registry));
      },
      intervalMs: options.intervalMs,
      onError: (error) => this.logger.warn('listing deployment targets failed; retrying', { error }),
    });
  }

  /** Lists the targets now and every intervalMs, and reconciles every known version every intervalMs. */
  start(): void {
    this.queue.start();
    this.poller.start();
  }

  /** Stops listening, then finishes the work queued and in progress. */
  async stop(): Promise<void> {
    await this.poller.stop();
    this.backoff.stop();
    await this.queue.shutDown();
  }

  /**
   * A nudge: `version` changed (it is reconciled again; without the watch its target is listed first);
   * empty: all may have.
   */
  nudge(version = ''): void {
    if (this.watched) {
      if (version) this.enqueue(version);
      else this.queue.resync();
      return;
    }
    const listed = this.poller.runOnce();
    if (version) void listed.then(() => this.enqueue(version));
  }

  /**
   * The target watch delivered its snapshot (true) or broke (false). While it is connected the deployer
   * lists no targets; while it is not, it lists them every intervalMs, as before there was a watch.
   */
  watchConnected(connected: boolean): void {
    this.watched = connected;
  }

  /** A version's target as the registry has it now. */
  targetChanged(target: DeploymentTarget__Output): void {
    const version = target.version;
    if (version && this.targets.set({ ...target, version })) this.enqueue(version.name);
  }

  /** A version the deployer no longer acts on (FAILED, or gone): its replicas and staged copies go. */
  targetRemoved(versionName: string): void {
    this.targets.delete(versionName);
    this.enqueue(versionName);
  }

  /**
   * With `targets` (every target, as a list or a watch's snapshot gives them): records them, reconciles
   * the changed ones and removes the missing ones. Without: reconciles every known version again.
   */
  resync(targets?: DeploymentTarget__Output[]): void {
    if (!targets) {
      this.queue.resync();
      return;
    }
    this.targets.markSynced();
    const wanted = new Set(targets.flatMap((t) => (t.version ? [t.version.name] : [])));
    for (const target of targets) this.targetChanged(target);
    for (const name of this.targets.names()) if (!wanted.has(name)) this.targetRemoved(name);
    // Replicas of a version the registry no longer has (adopted after a restart, say) are stopped.
    for (const name of this.options.driver.versions()) if (!wanted.has(name)) this.enqueue(name);
  }

  /** Reconciles a version soon (once, however often asked before it runs). */
  enqueue(versionName: string): void {
    this.queue.add(versionName);
  }

  /** The versions the deployer serves or is creating (not FAILED, not DELETING). */
  servedVersions(): TargetVersion[] {
    return this.targets.live();
  }

  /** The replica count a version runs towards now, and why. */
  replicaPlan(version: TargetVersion): ReplicaPlan {
    return this.counts.plan(version);
  }

  /** Records the autoscaler's count for an autoscaled version and reconciles that version at once. */
  setAutoscaledReplicas(version: string, replicas: number, reason: string): void {
    this.counts.setAutoscaled(version, replicas, reason);
    this.enqueue(version);
  }

  /** One version's work item: what its target asks, done. */
  private reconcile(name: string): Promise<void> {
    const target = this.targets.get(name);
    const state = target?.version?.state;
    if (!target || !state) return this.removeVersion(name);
    if (state === 'DELETING') return this.undeploy(target);
    if (state === 'CREATING') return this.create(target);
    return this.serve(target);
  }

  /** A READY or UPDATING version: its replicas as its settings and the autoscaler ask. */
  private async serve(target: Target): Promise<void> {
    const version = target.version!;
    const running = this.options.driver.list(version.name).filter((r) => r.state === 'READY').length;
    this.counts.keepFound(version, running);
    const { result, plan } = await this.deploy(version);
    const updating = version.state === 'UPDATING' && target.pendingOperation !== null;
    if (!result.ok) {
      // A failed update ends its operation; the scaling is retried with backoff, as for any served version.
      if (updating) await this.options.reports.failed(target, `Replicas fail to start: ${result.error}`);
      throw new Error(`replicas of ${version.name} fail to start: ${result.error}`);
    }
    await this.recordScaled(version, plan);
    // An update the deployer had to act on settles once the replicas run as the version now says.
    if (updating) await this.settleDeployed(target);
  }

  /** One attempt at creating a version: READY, FAILED, or a transient failure retried after a backoff. */
  private async create(target: Target): Promise<void> {
    const version = target.version!;
    if (!this.backoff.due(version.name)) return;
    if (cancellationRequested(target)) return this.fail(target, 'Cancelled before the version was deployed.');
    try {
      const { result, plan } = await this.deploy(version);
      if (!result.ok) return await this.fail(target, result.error);
      this.counts.recordApplied(version.name, plan.replicas);
      await this.settleDeployed(target, result.model.signature);
      this.logger.info('version deployed', { version: version.name, replicas: plan.replicas });
    } catch (error) {
      if (error instanceof StagingError && !error.transient) return this.fail(target, error.message);
      await this.retryOrFail(target, error);
    }
  }

  private async retryOrFail(target: Target, error: unknown): Promise<void> {
    const version = target.version!;
    const reason =
      error instanceof StagingError ? error.message : `Deploying the version failed: ${firstLine(error)}.`;
    const decision = this.backoff.failed(version, reason);
    if (decision.retry) {
      this.logger.warn('creating a version failed for now; retrying', {
        version: version.name,
        attempts: this.backoff.failures(version.name),
        inMs: decision.inMs,
        error: reason,
      });
      return;
    }
    this.logger.error('creating a version kept failing until its deadline', {
      version: version.name,
      error: decision.errorMessage,
    });
    await this.fail(target, decision.errorMessage);
  }

  /** Stages the version's model (once) and scales its replicas to the count it should run now. */
  private async deploy(version: TargetVersion): Promise<{ result: ScaleResult; plan: ReplicaPlan }> {
    const model = await this.options.staged.stage(version.name, {
      modelUri: version.deploymentUri,
      packageUris: version.packageUris ?? [],
      predictionClass: version.predictionClass,
    });
    const plan = this.counts.plan(version);
    const result = await this.options.driver.scale(replicaSpec(version, model), plan.replicas);
    return { result, plan };
  }

  private async settleDeployed(target: Target, signature?: unknown): Promise<void> {
    await this.options.reports.deployed(target, signature as ModelSignature__Output | null | undefined);
    this.backoff.forget(target.version!.name);
    this.targets.settled(target.version!.name);
  }

  /** Stops what runs of a version being created and reports its failure. */
  private async fail(target: Target, message: string): Promise<void> {
    const name = target.version!.name;
    await this.options.driver.stop(name);
    this.options.staged.release(name);
    await this.options.reports.failed(target, message);
    this.backoff.forget(name);
    this.counts.forget(name);
    // Settled: the registry lists FAILED versions no more.
    this.targets.delete(name);
    this.queue.forget(name);
    this.logger.warn('version failed', { version: name, error: message });
  }

  /** A DELETING version: its replicas stop and its staged copies go, then its deletion settles. */
  private async undeploy(target: Target): Promise<void> {
    const name = target.version!.name;
    await this.options.driver.stop(name);
    this.counts.forget(name);
    this.options.staged.release(name);
    await this.collectGarbage();
    await this.options.reports.undeployed(target);
    // Settled: the registry removes the version, and its next word no longer lists it.
    this.targets.delete(name);
    this.queue.forget(name);
    this.logger.info('version undeployed', { version: name });
  }

  /** A version that is no target any more (FAILED, deleted, unknown): nothing of it stays. */
  private async removeVersion(name: string): Promise<void> {
    this.queue.forget(name);
    this.backoff.forget(name);
    this.counts.forget(name);
    if (this.options.driver.versions().includes(name)) {
      this.logger.info('stopping replicas of a version no longer served', { version: name });
      await this.options.driver.stop(name);
    }
    this.options.staged.release(name);
    await this.collectGarbage();
  }

  /** Once the registry's targets are known, removes the staged copies no live version or job holds. */
  private async collectGarbage(): Promise<void> {
    if (!this.targets.synced) return;
    await this.options.staged.collectGarbage(this.targets.live().map((v) => v.name));
  }

  /** Records a SCALED event when the count applied to a served version changed. */
  private async recordScaled(version: TargetVersion, plan: ReplicaPlan): Promise<void> {
    const before = this.counts.recordApplied(version.name, plan.replicas);
    if (before === undefined) return;
    await this.options.registry.AppendDeploymentEvent({
      parent: version.name,
      event: {
        type: 'SCALED',
        replicas: plan.replicas,
        message: `${before} → ${plan.replicas} replicas: ${plan.reason}`,
      },
    });
  }
}
