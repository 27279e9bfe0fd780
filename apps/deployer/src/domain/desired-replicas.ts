/** The scaling settings of a version as the registry stores them. */
export interface ScalingSettings {
  manualScaling?: { nodes: number } | null;
  autoScaling?: { minNodes: number; maxNodes?: number } | null;
}

/** What besides its settings decides a version's replica count. */
export interface ReplicaInputs {
  /** A CREATING version always runs at least one replica: the deployment validates it by loading the model. */
  creating: boolean;
  /** The autoscaler's last count for the version (ScaleVersion); undefined while it has not decided. */
  autoscaled?: { replicas: number; reason: string } | undefined;
}

export interface ReplicaPlan {
  replicas: number;
  /** Why, for the SCALED deployment event. */
  reason: string;
}

/** The most replicas the deployer runs for one version, whatever it is asked (the registry's MAX_NODES). */
export const MAX_REPLICAS = 100;

/**
 * Replicas a version should run: manualScaling.nodes; else the autoscaler's count clamped to
 * autoScaling.minNodes and maxNodes; else minNodes — but at least one while the autoscaler has not
 * decided (it is the one that brings a version back from zero) and while the version is CREATING.
 */
export function desiredReplicas(settings: ScalingSettings, inputs: ReplicaInputs): ReplicaPlan {
  if (settings.manualScaling) {
    const nodes = Math.min(MAX_REPLICAS, Math.max(1, settings.manualScaling.nodes));
    return { replicas: nodes, reason: `manualScaling.nodes is ${nodes}` };
  }
  const bounds = scaleBounds(settings);
  const { autoscaled } = inputs;
  if (!autoscaled) {
    const replicas = Math.max(1, bounds.minNodes);
    return { replicas, reason: `autoScaling.minNodes is ${bounds.minNodes}, no autoscaler decision yet` };
  }
  const clamped = clampReplicas(autoscaled.replicas, bounds);
  const replicas = inputs.creating ? Math.max(1, clamped) : clamped;
  const reason =
    clamped === autoscaled.replicas
      ? `autoscaler: ${autoscaled.reason}`
      : `autoscaler asked for ${autoscaled.replicas} (${autoscaled.reason}), clamped to autoScaling ` +
        `[${bounds.minNodes}, ${bounds.maxNodes || 'no maximum'}]`;
  return { replicas, reason };
}

export interface ScaleBounds {
  minNodes: number;
  /** 0: no ceiling but MAX_REPLICAS. */
  maxNodes: number;
}

/** A version's autoScaling bounds; a manually scaled version's are its node count. */
export function scaleBounds(settings: ScalingSettings): ScaleBounds {
  if (settings.manualScaling) {
    return { minNodes: settings.manualScaling.nodes, maxNodes: settings.manualScaling.nodes };
  }
  return {
    minNodes: Math.max(0, settings.autoScaling?.minNodes ?? 1),
    maxNodes: Math.max(0, settings.autoScaling?.maxNodes ?? 0),
  };
}

/** `count` within [minNodes, maxNodes], maxNodes 0 meaning MAX_REPLICAS. */
export function clampReplicas(count: number, bounds: ScaleBounds): number {
  const ceiling = bounds.maxNodes > 0 ? Math.min(bounds.maxNodes, MAX_REPLICAS) : MAX_REPLICAS;
  return Math.min(ceiling, Math.max(bounds.minNodes, count));
}
