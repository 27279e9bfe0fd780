import type { V1Pod } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import type { Logger } from '@presage/log';
import { KubernetesApiError } from './kubernetes-api';
import type { KubernetesApi } from './kubernetes-api';
import type { KubernetesCache } from './kubernetes-cache';
import { EXIT_LOAD_FAILED, specProblem, workerJob } from './kubernetes-manifests';
import type { PodSettings } from './kubernetes-manifests';
import { ANNOTATIONS, LABELS, WORKER_COMPONENT, jobResourceName, nameHash } from './kubernetes-names';
import {
  describeTermination,
  isDeleting,
  jobFailure,
  jobPhase,
  pendingReason,
  predictorEvent,
} from './kubernetes-status';
import type { ReplicaDriver, WorkerInfo, WorkerState, WorkersResult } from './replica-driver';

export interface WorkerJobsOptions {
  api: KubernetesApi;
  cache: KubernetesCache;
  settings: PodSettings;
  logger: Logger;
  startTimeoutMs: number;
  stopTimeoutMs: number;
}

type WorkerJobs = Pick<ReplicaDriver, 'ensureWorkers' | 'stopWorkers' | 'workerJobs'>;
type Started = { ok: true } | { ok: false; error: string };

/** How much of a worker's log is read for its ready line (it comes after a few log lines). */
const LOG_BYTES = 64 * 1024;
const POLL_MS = 500;

/**
 * Batch workers as one Kubernetes Job per batch job (see workerJob for its semantics). A worker counts
 * as started once its log holds the predictor's ready line (the model loaded), as the local driver
 * reads it from the process; its failed line, or its exit with the load-failure code, is the error.
 */
export function createWorkerJobs(options: WorkerJobsOptions): WorkerJobs {
  const { api, cache, settings, logger } = options;
  /** Worker pods by name → whether their model loaded (absent: not known yet). */
  const loaded = new Map<string, Started>();

  const podsOf = (job: string): V1Pod[] =>
    cache.pods({ [LABELS.jobHash]: nameHash(job), [LABELS.component]: WORKER_COMPONENT });

  const stateOf = (pod: V1Pod): WorkerState => {
    if (isDeleting(pod) || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
      return 'EXITED';
    const running = pod.status?.containerStatuses?.some((c) => c.state?.running);
    return running && loaded.get(pod.metadata!.name!)?.ok ? 'RUNNING' : 'STARTING';
  };

  const infos = (job: string): WorkerInfo[] =>
    podsOf(job).map((pod) => ({ name: `${job}/workers/${pod.metadata?.name}`, job, state: stateOf(pod) }));

  /** Reads the logs of running workers whose ready line was not seen yet. */
  const learn = async (job: string): Promise<void> => {
    const alive = new Set(
      cache.pods({ [LABELS.component]: WORKER_COMPONENT }).map((pod) => pod.metadata?.name),
    );
    for (const name of loaded.keys()) if (!alive.has(name)) loaded.delete(name);
    const unknown = podsOf(job).filter(
      (pod) => stateOf(pod) === 'STARTING' && pod.status?.containerStatuses?.some((c) => c.state?.running),
    );
    await Promise.all(
      unknown.map(async (pod) => {
        const name = pod.metadata!.name!;
        const log = await api.podLog(name, 'worker', LOG_BYTES).catch((error: unknown) => {
          logger.warn('cannot read a batch worker log', { pod: name, error });
          return '';
        });
        const event = predictorEvent(log);
        if (event) loaded.set(name, event.loaded ? { ok: true } : { ok: false, error: event.error });
      }),
    );
  };

  /** Every asked-for worker loaded the model (or the job is done), a failure, or undefined to wait. */
  const started = (job: string, count: number): Started | undefined => {
    const object = cache.job(jobResourceName(job));
    if (!object || isDeleting(object) || (object.spec?.parallelism ?? 0) < count) return undefined;
    const phase = jobPhase(object);
    if (phase === 'failed') return { ok: false, error: jobFailure(object, podsOf(job)) };
    if (phase === 'complete') return { ok: true };
    const pods = podsOf(job);
    for (const pod of pods) {
      const said = loaded.get(pod.metadata!.name!);
      if (said && !said.ok) return said;
      const failure = cannotStart(pod);
      if (failure) return { ok: false, error: failure };
    }
    if (pods.some((pod) => pod.status?.phase === 'Succeeded')) return { ok: true };
    return pods.filter((pod) => stateOf(pod) === 'RUNNING').length >= count ? { ok: true } : undefined;
  };

  const waitStarted = async (job: string, count: number): Promise<Started | undefined> => {
    const deadline = Date.now() + options.startTimeoutMs;
    for (;;) {
      await learn(job);
      const outcome = started(job, count);
      if (outcome || Date.now() >= deadline || cache.closed) return outcome;
      await cache.nextChange(Math.min(POLL_MS, deadline - Date.now()));
    }
  };

  return {
    async ensureWorkers(spec, count): Promise<WorkersResult> {
      const refused = specProblem(spec, count, settings.artifactsDir, settings.artifactsClaim);
      if (refused) return { ok: false, error: refused };
      const name = jobResourceName(spec.job);
      let existing = cache.job(name);
      if (existing && isDeleting(existing)) {
        await cache.waitFor(() => (cache.job(name) ? undefined : true), options.stopTimeoutMs);
        existing = cache.job(name);
      }
      if (existing) {
        const phase = jobPhase(existing);
        if (phase === 'failed') return { ok: false, error: jobFailure(existing, podsOf(spec.job)) };
        // A worker exited 0: the job needs no more work, and Kubernetes starts no new pod.
        if (phase === 'complete') return { ok: true, workers: infos(spec.job) };
      }
      // Running workers are never stopped here: parallelism only grows (lowering it would kill pods).
      const parallelism = Math.max(count, existing?.spec?.parallelism ?? 0);
      if (!existing || existing.spec?.parallelism !== parallelism) {
        try {
          await api.apply(workerJob(spec, parallelism, settings));
        } catch (error) {
          if (error instanceof KubernetesApiError && error.invalid)
            return { ok: false, error: error.message };
          throw error;
        }
        logger.info('applied batch worker job', { job: spec.job, jobName: name, parallelism });
      }
      const outcome = await waitStarted(spec.job, count);
      if (!outcome && cache.closed)
        throw new Error(`The Kubernetes driver closed while ${spec.job}'s workers started.`);
      if (!outcome) {
        const waiting = podsOf(spec.job)
          .filter((pod) => stateOf(pod) === 'STARTING')
          .map((pod) => `${pod.metadata?.name}: ${pendingReason(pod)}`);
        return {
          ok: false,
          error: `The batch workers of ${spec.job} did not start within ${options.startTimeoutMs / 1000} s${waiting.length ? `: ${waiting.join('; ')}` : ''}.`,
        };
      }
      if (!outcome.ok) return outcome;
      return { ok: true, workers: infos(spec.job) };
    },

    async stopWorkers(job) {
      const name = jobResourceName(job);
      await api.remove('Job', name);
      const gone = await cache.waitFor(
        () => (podsOf(job).length === 0 && !cache.job(name) ? true : undefined),
        options.stopTimeoutMs,
      );
      if (!gone) logger.warn('batch workers still terminating', { job, afterMs: options.stopTimeoutMs });
    },

    workerJobs: () =>
      cache
        .jobs()
        .filter((job) => !isDeleting(job))
        .flatMap((job) => job.metadata?.annotations?.[ANNOTATIONS.job] ?? []),
  };
}

/** A worker that exited with the load-failure code, or whose image cannot run. */
function cannotStart(pod: V1Pod): string | undefined {
  for (const status of pod.status?.containerStatuses ?? []) {
    const terminated = status.state?.terminated;
    if (terminated?.exitCode === EXIT_LOAD_FAILED) return describeTermination(terminated);
    const waiting = status.state?.waiting;
    if (waiting?.reason && /ImagePull|InvalidImageName|CreateContainer|RunContainer/.test(waiting.reason)) {
      return `The batch worker container of pod ${pod.metadata?.name} cannot start (${waiting.reason}): ${waiting.message ?? ''}`.trim();
    }
  }
  return undefined;
}
