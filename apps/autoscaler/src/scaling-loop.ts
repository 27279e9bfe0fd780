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

export interface ScalingLoop {
  start(): void;
  /** Stops ticking and waits for the decisions in progress. */
  stop(): Promise<void>;
  /** One round: the scale targets (watched, or listed), then a decision per autoscaled version. */
  tick(): Promise<void>;
  /** New metrics arrived for these versions: their policies see them now. */
  signalsChanged(versions: Iterable<string>): void;
  /**
   * Requests wait at a gateway for `version`: decide it now (0 → 1 at once). Concurrent reports for a
   * version share one decision unless a later one reports more requests. Returns the count asked for.
   */
  reportDemand(version: string, queued: number): Promise<number>;
}

/** The autoscaler's decision loop: the deployer's targets in, ScaleVersion calls and history out. */
export function createScalingLoop(options: ScalingLoopOptions): ScalingLoop {
  const { deployer, signals, state, log } = options;
  const logger = options.logger.child({ component: 'scaling-loop' });
  const clock = options.now ?? Date.now;
  const deadlineMs = options.deployerDeadlineMs ?? 5000;
  const targetSource = options.targets ?? listedScaleTargets(deployer, deadlineMs);
  /** Runs `work` after every earlier decision of the same version. */
  const withLock = createKeyedSerializer();
  const demands = new Map<string, { queued: number; decided: Promise<number> }>();
  /** Counts the ScaleVersion calls per version: a tick skips a version scaled since it listed the targets. */
  const scaleCalls = new Map<string, number>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const decide = async (target: ScaleTargetView, demand = 0): Promise<number> => {
    const now = clock();
    const concurrency = Math.max(signals.concurrency(target.version, now), demand);
    const decision = state.decide(now, target, concurrency);
    if (!decision) return target.desired;
    let desired = decision.desired;
    if (decision.changesReplicas) {
      scaleCalls.set(target.version, (scaleCalls.get(target.version) ?? 0) + 1);
      ({ replicas: desired } = await deployer.ScaleVersion(
        { version: target.version, replicas: decision.desired, reason: decision.reason },
        { deadlineMs },
      ));
      targetSource.scaled(target.version, desired);
      logger.info('scaled', {
        version: target.version,
        from: target.desired,
        to: desired,
        ready: target.ready,
        mode: decision.mode,
        reason: decision.reason,
      });
    }
    if (decision.worthRecording) log.record(historyOf(decision, desired));
    options.metrics?.decided(decision, desired);
    return desired;
  };

  const tick = async (): Promise<void> => {
    const calls = new Map(scaleCalls);
    const targets = await targetSource.current();
    // Gateways that went silent stop counting; each decision below observes what is left.
    signals.sweep(clock());
    const autoscaled = targets.filter((t) => !t.manual);
    const versions = new Set(autoscaled.map((t) => t.version));
    state.retain(versions);
    options.metrics?.forget(versions);
    await Promise.all(
      autoscaled.map((target) =>
        withLock(target.version, async () => {
          // A demand report scaled it meanwhile: this listing is stale for it, the next tick decides.
          if (scaleCalls.get(target.version) !== calls.get(target.version)) return;
          await decide(target);
        }).catch((error: unknown) =>
          logger.warn('scaling decision failed; retrying at the next tick', {
            version: target.version,
            error,
          }),
        ),
      ),
    );
  };

  const scheduleNext = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => logger.warn('scaling tick failed', { error }))
        .finally(() => {
          running = undefined;
          scheduleNext();
        });
    }, options.tickMs);
  };

  /** Under the version's lock, with a listing of its own: the counts must be the deployer's latest. */
  const decideOnDemand = (version: string, queued: number): Promise<number> =>
    withLock(version, async () => {
      const { targets } = await deployer.ListScaleTargets({}, { deadlineMs });
      const target = targets.find((t) => t.version === version);
      if (!target) {
        throw ApiError.notFound('version', version, 'The deployer does not serve it: it is not READY (yet).');
      }
      return decide(target, queued);
    });

  return {
    start() {
      stopped = false;
      scheduleNext();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.allSettled([...demands.values()].map((d) => d.decided));
    },
    tick,
    signalsChanged(versions) {
      const now = clock();
      for (const version of versions) state.observe(version, now, signals.concurrency(version, now));
    },
    reportDemand(version, queued) {
      const known = demands.get(version);
      if (known && queued <= known.queued) return known.decided;
      const decided = decideOnDemand(version, queued).finally(() => {
        if (demands.get(version)?.decided === decided) demands.delete(version);
      });
      demands.set(version, { queued, decided });
      return decided;
    },
  };
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
