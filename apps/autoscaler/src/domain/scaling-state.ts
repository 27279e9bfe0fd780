import { createScalePolicy } from './scale-policy';
import type { ScaleDecision, ScaleMode, ScalePolicy, ScalePolicyConfig } from './scale-policy';

/** A version as the deployer lists it (ListScaleTargets). */
export interface ScaleTargetView {
  version: string;
  minNodes: number;
  maxNodes: number;
  manual: boolean;
  /** The count the deployer runs towards. */
  desired: number;
  ready: number;
  /** 0: the autoscaler's default. */
  targetConcurrency: number;
}

/** One decision with every input that led to it, as the history keeps it. */
export interface VersionDecision extends ScaleDecision {
  version: string;
  /** ms since the epoch. */
  time: number;
  readyReplicas: number;
  previousReplicas: number;
  targetConcurrency: number;
  minNodes: number;
  maxNodes: number;
  /** The deployer has to be told: desired differs from the count it runs towards. */
  changesReplicas: boolean;
  /** It changes the count or the mode: the history records it. */
  worthRecording: boolean;
}

export interface ScalingStateOptions {
  /** The policy of every version; targetConcurrency is the default for versions that set none. */
  policy: Partial<ScalePolicyConfig>;
}

/**
 * The autoscaler's memory: one scale policy per autoscaled version, created when the version first
 * appears, dropped when it goes (or turns manual). Pure: the caller brings time, targets and signals.
 */
export interface ScalingState {
  /** Feeds a version's concurrency to its policy (ignored for versions not yet known). */
  observe(version: string, now: number, concurrency: number): void;
  /** Observes `concurrency` and decides; undefined for a manually scaled version, which is never scaled. */
  decide(now: number, target: ScaleTargetView, concurrency: number): VersionDecision | undefined;
  /** Forgets every version not in `versions`. */
  retain(versions: ReadonlySet<string>): void;
  versions(): string[];
}

export function createScalingState(options: ScalingStateOptions): ScalingState {
  const defaultTarget = options.policy.targetConcurrency ?? 4;
  const known = new Map<string, { policy: ScalePolicy; lastMode: ScaleMode }>();

  const entryFor = (now: number, target: ScaleTargetView) => {
    const targetConcurrency = target.targetConcurrency > 0 ? target.targetConcurrency : defaultTarget;
    let entry = known.get(target.version);
    if (!entry) {
      entry = {
        policy: createScalePolicy({ ...options.policy, targetConcurrency }, now),
        lastMode: 'stable',
      };
      known.set(target.version, entry);
    } else if (entry.policy.config.targetConcurrency !== targetConcurrency) {
      entry.policy.setTargetConcurrency(targetConcurrency);
    }
    return entry;
  };

  return {
    observe(version, now, concurrency) {
      known.get(version)?.policy.observe(now, concurrency);
    },

    decide(now, target, concurrency) {
      if (target.manual) {
        known.delete(target.version);
        return undefined;
      }
      const entry = entryFor(now, target);
      entry.policy.observe(now, concurrency);
      const decision = entry.policy.decide(
        now,
        { ready: target.ready, current: target.desired },
        { minNodes: target.minNodes, maxNodes: target.maxNodes },
      );
      const changesReplicas = decision.desired !== target.desired;
      const worthRecording = changesReplicas || decision.mode !== entry.lastMode;
      entry.lastMode = decision.mode;
      return {
        ...decision,
        version: target.version,
        time: now,
        readyReplicas: target.ready,
        previousReplicas: target.desired,
        targetConcurrency: entry.policy.config.targetConcurrency,
        minNodes: target.minNodes,
        maxNodes: target.maxNodes,
        changesReplicas,
        worthRecording,
      };
    },

    retain(versions) {
      for (const version of known.keys()) if (!versions.has(version)) known.delete(version);
    },

    versions: () => [...known.keys()],
  };
}
