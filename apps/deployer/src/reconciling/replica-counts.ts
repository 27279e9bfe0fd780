import { desiredReplicas } from '../domain/desired-replicas';
import type { ReplicaPlan } from '../domain/desired-replicas';
import type { TargetVersion } from './deployment-targets';

interface Autoscaled {
  replicas: number;
  reason: string;
}

/**
 * The replica counts the deployer works towards: the autoscaler's last decision per version (in memory:
 * after a restart it asks again at its next tick) and the count last applied (for SCALED events).
 */
export class ReplicaCounts {
  private readonly autoscaled = new Map<string, Autoscaled>();
  private readonly applied = new Map<string, number>();

  setAutoscaled(version: string, replicas: number, reason: string): void {
    this.autoscaled.set(version, { replicas, reason });
  }

  /** The replica count a version runs towards now, and why. */
  plan(version: TargetVersion): ReplicaPlan {
    return desiredReplicas(version, {
      creating: version.state === 'CREATING',
      autoscaled: this.autoscaled.get(version.name),
    });
  }

  /**
   * The first time this deployer reconciles an autoscaled version, the replicas it found running (adopted
   * after a restart) count as the autoscaler's last decision until it makes a new one, so a restart does
   * not scale down a version the autoscaler had scaled up.
   */
  keepFound(version: TargetVersion, running: number): void {
    if (version.state === 'CREATING' || version.manualScaling) return;
    if (this.applied.has(version.name) || this.autoscaled.has(version.name)) return;
    if (running === 0) return;
    this.autoscaled.set(version.name, {
      replicas: running,
      reason: `${running} found running when the deployer started`,
    });
  }

  /** Records the count applied to a version; resolves with the one before when it changed. */
  recordApplied(version: string, count: number): number | undefined {
    const before = this.applied.get(version);
    this.applied.set(version, count);
    return before !== undefined && before !== count ? before : undefined;
  }

  forget(version: string): void {
    this.autoscaled.delete(version);
    this.applied.delete(version);
  }
}
