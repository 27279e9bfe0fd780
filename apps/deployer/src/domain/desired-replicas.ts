/** The scaling settings of a version as the registry stores them. */
export interface ScalingSettings {
  manualScaling?: { nodes: number } | null;
  autoScaling?: { minNodes: number } | null;
}

/**
 * Replicas a version should run: manualScaling.nodes, else autoScaling.minNodes — at least one until the
 * autoscaler can bring a version back from zero.
 */
export function desiredReplicas(settings: ScalingSettings): number {
  if (settings.manualScaling) return Math.max(1, settings.manualScaling.nodes);
  return Math.max(1, settings.autoScaling?.minNodes ?? 1);
}
