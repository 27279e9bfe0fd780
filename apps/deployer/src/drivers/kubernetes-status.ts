import type { V1ContainerStateTerminated, V1Deployment, V1Job, V1Pod } from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};

/** Waiting reasons after which a container will not start without a change (image, config). */
const STUCK_WAITING = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** The kubelet keeps at most this much of a log tail as a termination message; so do we in messages. */
const MAX_MESSAGE = 2048;

export function isDeleting(object: { metadata?: { deletionTimestamp?: unknown } }): boolean {
  return Boolean(object.metadata?.deletionTimestamp);
}

/**
 * Why a pod of a version cannot serve, if it cannot: its predictor failed (the message it wrote), it
 * crash-loops, its image cannot be pulled or run, or the pod failed (evicted). Undefined while it starts
 * or once it runs; a ready pod whose container restarted once is fine.
 */
export function podFailure(pod: V1Pod): string | undefined {
  if (pod.status?.phase === 'Failed') {
    const terminated = pod.status.containerStatuses?.find((c) => c.state?.terminated)?.state?.terminated;
    if (terminated) return describeTermination(terminated);
    return `Pod ${pod.metadata?.name} failed: ${pod.status.message || pod.status.reason || 'no reason given'}`;
  }
  for (const status of pod.status?.containerStatuses ?? []) {
    const waiting = status.state?.waiting;
    if (waiting?.reason && STUCK_WAITING.has(waiting.reason)) {
      return `The predictor container of pod ${pod.metadata?.name} cannot start (${waiting.reason}): ${waiting.message ?? ''}`.trim();
    }
    if (waiting?.reason === 'CrashLoopBackOff' && status.lastState?.terminated) {
      return describeTermination(status.lastState.terminated);
    }
    const terminated = status.state?.terminated;
    if (terminated && terminated.exitCode !== 0) return describeTermination(terminated);
  }
  return undefined;
}

/** What a terminated predictor said, or how it ended. */
export function describeTermination(terminated: V1ContainerStateTerminated): string {
  const said = failureMessage(terminated.message);
  if (said) return said;
  if (terminated.reason === 'OOMKilled') {
    return 'The predictor was killed for using more memory than its limit (OOMKilled): raise PRESAGE_PREDICTOR_MEMORY_LIMIT or use a smaller model.';
  }
  const signal = terminated.signal ? `, signal ${terminated.signal}` : '';
  return `The predictor exited with code ${terminated.exitCode}${signal} (${terminated.reason ?? 'no reason given'}) before it was ready.`;
}

/**
 * The reason in a termination message: the predictor's `{"event":"failed","error":…}` line (the last
 * line of its log, which FallbackToLogsOnError copies), else the last log line's `error` or text.
 */
export function failureMessage(message: string | undefined): string | undefined {
  const lines = (message ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  for (const line of [...lines].reverse()) {
    const parsed = parseJson(line);
    if (parsed?.['event'] === 'failed' && typeof parsed['error'] === 'string') return parsed['error'];
  }
  const last = lines.at(-1);
  if (!last) return undefined;
  const parsed = parseJson(last);
  const error = parsed?.['error'];
  if (typeof error === 'string') return error.slice(0, MAX_MESSAGE);
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message.slice(0, MAX_MESSAGE);
  }
  return last.slice(0, MAX_MESSAGE);
}

/**
 * The predictor's ready or failed line in a container log (its first stdout line, among stderr's JSON
 * logs): whether the model loaded.
 */
export function predictorEvent(log: string): { loaded: true } | { loaded: false; error: string } | undefined {
  for (const line of log.split('\n')) {
    const parsed = parseJson(line.trim());
    if (parsed?.['event'] === 'ready') return { loaded: true };
    if (parsed?.['event'] === 'failed') return { loaded: false, error: String(parsed['error']) };
  }
  return undefined;
}

/** What a pod is waiting for, for a timeout message: "not scheduled: 0/3 nodes are available…". */
export function pendingReason(pod: V1Pod): string {
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) return `not scheduled: ${unscheduled.message ?? unscheduled.reason ?? 'no node fits'}`;
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
  if (waiting) return `${waiting.reason ?? 'waiting'}${waiting.message ? `: ${waiting.message}` : ''}`;
  if (pod.status?.containerStatuses?.some((c) => c.state?.running)) return 'running, not ready yet';
  return pod.status?.phase ?? 'Pending';
}

/** A Deployment the cluster refuses to give pods (quota, admission), with the reason. */
export function deploymentFailure(deployment: V1Deployment): string | undefined {
  for (const condition of deployment.status?.conditions ?? []) {
    if (condition.type === 'ReplicaFailure' && condition.status === 'True') {
      return `Kubernetes cannot create pods for Deployment ${deployment.metadata?.name}: ${condition.message ?? condition.reason}`;
    }
    if (condition.type === 'Progressing' && condition.reason === 'ProgressDeadlineExceeded') {
      return `Deployment ${deployment.metadata?.name} made no progress: ${condition.message ?? ''}`.trim();
    }
  }
  return undefined;
}

export type JobPhase = 'running' | 'complete' | 'failed';

export function jobPhase(job: V1Job): JobPhase {
  const conditions = job.status?.conditions ?? [];
  const holds = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  if (holds('Failed') || holds('FailureTarget')) return 'failed';
  if (holds('Complete') || holds('SuccessCriteriaMet')) return 'complete';
  return 'running';
}

/** Why a failed Job failed: a worker's own message when one said why, else the Job's condition. */
export function jobFailure(job: V1Job, pods: V1Pod[]): string {
  for (const pod of pods) {
    const terminated = pod.status?.containerStatuses?.find((c) => c.state?.terminated)?.state?.terminated;
    if (terminated && terminated.exitCode !== 0) {
      const said = failureMessage(terminated.message);
      if (said) return said;
    }
  }
  const condition = job.status?.conditions?.find(
    (c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True',
  );
  return `The batch workers' Job ${job.metadata?.name} failed: ${condition?.message ?? condition?.reason ?? 'no reason given'}`;
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
