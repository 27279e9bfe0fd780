import { createKeyedSerializer } from '@presage/control-loop';
import { ApiError } from '@presage/errors';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto';
import type { SignalStore } from './domain/concurrency-signals';
import type { ScaleTargetView, ScalingState, VersionDecision } from './domain/scaling-state';
import type { AutoscalerMetrics } from './autoscaler-metrics';
import type { DecisionLog } from './store/decision-log';
import { listedScaleTargets } from './scale-targets';
import type { ScaleTargetSource } from './scale-targets';

export interface ScalingLoopOptions {
  deployer: PromiseClient<DeployerServiceHandlers>;
  /** Where each tick reads the targets. @default ListScaleTargets at every tick */
  targets?: ScaleTargetSource;
  signals: SignalStore;
  state: ScalingState;
  log: DecisionLog;
  /** Gauges of each version's last decision. @default none */
  metrics?: AutoscalerMetrics;
  /** How often every version is decided. */
  tickMs: number;
  logger: Logger;
  /** @default Date.now */
  now?: () => number;
  /** Deadline of each call to the deployer. @default 5000 */
  deployerDeadlineMs?: number;
}

/** A demand report being decided: later reports of no more requests share its decision. */
interface PendingDemand {
  queued: number;
  decided: Promise<number>;
}

/** The autoscaler's decision loop: the deployer's targets in, ScaleVersion calls and history out. */
export class ScalingLoop {
  private readonly logger: Logger;
  private readonly clock: () => number;
  private readonly deadlineMs: number;
  private readonly targets: ScaleTargetSource;
  /** Runs a piece of work after every earlier decision of the same version. */
  private readonly withLock = createKeyedSerializer();
  private readonly demands = new Map<string, PendingDemand>();
  /** ScaleVersion calls per version: a tick skips a version scaled since it read the targets. */
  private readonly scaleCalls = new Map<string, number>();
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ScalingLoopOptions) {
    this.logger = options.logger.child({ component: 'scaling-loop' });
    this.clock = options.now ?? Date.now;
    this.deadlineMs = options.deployerDeadlineMs ?? 5000;
    this.targets = options.targets ?? listedScaleTargets(options.deployer, this.deadlineMs);
  }

  start(): void {
    this.stopped = false;
    this.scheduleNext();
  }

  /** Stops ticking and waits for the decisions in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled([...this.demands.values()].map((d) => d.decided));
  }

  /** One round: the scale targets (watched, or listed), then a decision per autoscaled version. */
  async tick(): Promise<void> {
    const calls = new Map(this.scaleCalls);
    const targets = await this.targets.current();
    // Gateways that went silent stop counting; each decision below observes what is left.
    this.options.signals.sweep(this.clock());
    const autoscaled = targets.filter((t) => !t.manual);
    const versions = new Set(autoscaled.map((t) => t.version));
    this.options.state.retain(versions);
    this.options.metrics?.forget(versions);
    await Promise.all(
      autoscaled.map((target) =>
        this.withLock(target.version, async () => {
          // A demand report scaled it meanwhile: these targets are stale for it, the next tick decides.
          if (this.scaleCalls.get(target.version) !== calls.get(target.version)) return;
          await this.decide(target);
        }).catch((error: unknown) =>
          this.logger.warn('scaling decision failed; retrying at the next tick', {
            version: target.version,
            error,
          }),
        ),
      ),
    );
  }

  /** New metrics arrived for these versions: their policies see them now. */
  signalsChanged(versions: Iterable<string>): void {
    const now = this.clock();
    for (const version of versions) {
      this.options.state.observe(version, now, this.options.signals.concurrency(version, now));
    }
  }

  /**
   * Requests wait at a gateway for `version`: decide it now (0 → 1 at once). Concurrent reports for a
   * version share one decision unless a later one reports more requests. Returns the count asked for.
   */
  reportDemand(version: string, queued: number): Promise<number> {
    const known = this.demands.get(version);
    if (known && queued <= known.queued) return known.decided;
    const decided = this.decideOnDemand(version, queued).finally(() => {
      if (this.demands.get(version)?.decided === decided) this.demands.delete(version);
    });
    this.demands.set(version, { queued, decided });
    return decided;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.logger.warn('scaling tick failed', { error }))
        .finally(() => {
          this.running = undefined;
          this.scheduleNext();
        });
    }, this.options.tickMs);
  }

  /** Under the version's lock, with a listing of its own: the counts must be the deployer's latest. */
  private decideOnDemand(version: string, queued: number): Promise<number> {
    return this.withLock(version, async () => {
      const { targets } = await this.options.deployer.ListScaleTargets({}, { deadlineMs: this.deadlineMs });
      const target = targets.find((t) => t.version === version);
      if (!target) {
        throw ApiError.notFound('version', version, 'The deployer does not serve it: it is not READY (yet).');
      }
      return this.decide(target, queued);
    });
  }

  private async decide(target: ScaleTargetView, demand = 0): Promise<number> {
    const { signals, state, log, metrics } = this.options;
    const now = this.clock();
    const concurrency = Math.max(signals.concurrency(target.version, now), demand);
    const decision = state.decide(now, target, concurrency);
    if (!decision) return target.desired;
    let desired = decision.desired;
    if (decision.changesReplicas) desired = await this.scale(target, decision);
    if (decision.worthRecording) log.record(historyOf(decision, desired));
    metrics?.decided(decision, desired);
    return desired;
  }

  /** Asks the deployer for the decided count; resolves with the count it applied. */
  private async scale(target: ScaleTargetView, decision: VersionDecision): Promise<number> {
    this.scaleCalls.set(target.version, (this.scaleCalls.get(target.version) ?? 0) + 1);
    const { replicas } = await this.options.deployer.ScaleVersion(
      { version: target.version, replicas: decision.desired, reason: decision.reason },
      { deadlineMs: this.deadlineMs },
    );
    this.targets.scaled(target.version, replicas);
    this.logger.info('scaled', {
      version: target.version,
      from: target.desired,
      to: replicas,
      ready: target.ready,
      mode: decision.mode,
      reason: decision.reason,
    });
    return replicas;
  }
}

function historyOf(decision: VersionDecision, desired: number) {
  return {
    version: decision.version,
    time: new Date(decision.time),
    readyReplicas: decision.readyReplicas,
    previousReplicas: decision.previousReplicas,
    desiredReplicas: desired,
    mode: decision.mode,
    stableConcurrency: decision.stableConcurrency,
    panicConcurrency: decision.panicConcurrency,
    targetConcurrency: decision.targetConcurrency,
    minNodes: decision.minNodes,
    maxNodes: decision.maxNodes,
    reason: decision.reason,
  };
}
