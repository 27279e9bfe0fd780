import type { V1Job, V1Pod } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { createKeyedSerializer } from '@presage/control-loop';
import { KubernetesApiError } from './kubernetes-api';
import type { KubernetesCache } from './kubernetes-cache';
import { EXIT_LOAD_FAILED, specProblem, workerJob } from './kubernetes-manifests';
import { ANNOTATIONS, LABELS, WORKER_COMPONENT, jobResourceName, nameHash } from './kubernetes-names';
import type { KubernetesContext } from './kubernetes-context';
import {
  describeTermination,
  isDeleting,
  jobFailure,
  jobPhase,
  pendingReason,
  predictorEvent,
} from './kubernetes-status';
import type { WorkerDriver, WorkerInfo, WorkerSpec, WorkerState, WorkersResult } from './worker-driver';

type Started = { ok: true } | { ok: false; error: string };

/** How much of a worker's log is read for its ready line (it comes after a few log lines). */
const LOG_BYTES = 64 * 1024;
const POLL_MS = 500;

/**
 * Batch workers as one Kubernetes Job per batch job (see workerJob for its semantics). A worker counts
 * as started once its log holds the predictor's ready line (the model loaded), as the local driver
 * reads it from the process; its failed line, or its exit with the load-failure code, is the error.
 */
export class KubernetesWorkerDriver implements WorkerDriver {
  /** Worker pods by name → whether their model loaded (absent: not known yet). */
  private readonly loaded = new Map<string, Started>();
  /** One ensure or stop of a job at a time. */
  private readonly serially = createKeyedSerializer();
  private readonly cache: KubernetesCache;

  constructor(private readonly context: KubernetesContext) {
    this.cache = context.cache;
  }

  ensure(spec: WorkerSpec, count: number): Promise<WorkersResult> {
    return this.serially(spec.job, () => this.ensureNow(spec, count));
  }

  stop(job: string): Promise<void> {
    return this.serially(job, () => this.stopNow(job));
  }

  jobs(): string[] {
    return this.cache
      .jobs()
      .filter((job) => !isDeleting(job))
      .flatMap((job) => job.metadata?.annotations?.[ANNOTATIONS.job] ?? []);
  }

  /** The Jobs run on without the deployer; the informers close with the drivers. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async ensureNow(spec: WorkerSpec, count: number): Promise<WorkersResult> {
    const { settings } = this.context;
    const refused = specProblem(spec, count, settings.artifactsDir, settings.artifactsClaim);
    if (refused) return { ok: false, error: refused };
    const existing = await this.currentJob(spec.job);
    if (existing) {
      const phase = jobPhase(existing);
      if (phase === 'failed') return { ok: false, error: jobFailure(existing, this.podsOf(spec.job)) };
      // A worker exited 0: the job needs no more work, and Kubernetes starts no new pod.
      if (phase === 'complete') return { ok: true, workers: this.infos(spec.job) };
    }
    // Running workers are never stopped here: parallelism only grows (lowering it would kill pods).
    const parallelism = Math.max(count, existing?.spec?.parallelism ?? 0);
    if (!existing || existing.spec?.parallelism !== parallelism) {
      const invalid = await this.apply(spec, parallelism);
      if (invalid) return { ok: false, error: invalid };
    }
    const outcome = await this.waitStarted(spec.job, count);
    if (!outcome && this.cache.closed)
      throw new Error(`The Kubernetes driver closed while ${spec.job}'s workers started.`);
    if (!outcome) return { ok: false, error: this.notStartedMessage(spec.job) };
    if (!outcome.ok) return outcome;
    return { ok: true, workers: this.infos(spec.job) };
  }

  /** The job's Job, once one being deleted is gone. */
  private async currentJob(job: string): Promise<V1Job | undefined> {
    const name = jobResourceName(job);
    const existing = this.cache.job(name);
    if (!existing || !isDeleting(existing)) return existing;
    await this.cache.waitFor(() => (this.cache.job(name) ? undefined : true), this.context.stopTimeoutMs);
    return this.cache.job(name);
  }

  /** Applies the Job; resolves with the API server's refusal of an invalid object. */
  private async apply(spec: WorkerSpec, parallelism: number): Promise<string | undefined> {
    try {
      await this.context.api.apply(workerJob(spec, parallelism, this.context.settings));
    } catch (error) {
      if (error instanceof KubernetesApiError && error.invalid) return error.message;
      throw error;
    }
    const jobName = jobResourceName(spec.job);
    this.context.logger.info('applied batch worker job', { job: spec.job, jobName, parallelism });
    return undefined;
  }

  private notStartedMessage(job: string): string {
    const waiting = this.podsOf(job)
      .filter((pod) => this.stateOf(pod) === 'STARTING')
      .map((pod) => `${pod.metadata?.name}: ${pendingReason(pod)}`);
    const seconds = this.context.startTimeoutMs / 1000;
    return `The batch workers of ${job} did not start within ${seconds} s${waiting.length ? `: ${waiting.join('; ')}` : ''}.`;
  }

  private async stopNow(job: string): Promise<void> {
    const { api, logger, stopTimeoutMs } = this.context;
    const name = jobResourceName(job);
    await api.remove('Job', name);
    const gone = await this.cache.waitFor(
      () => (this.podsOf(job).length === 0 && !this.cache.job(name) ? true : undefined),
      stopTimeoutMs,
    );
    if (!gone) logger.warn('batch workers still terminating', { job, afterMs: stopTimeoutMs });
  }

  private podsOf(job: string): V1Pod[] {
    return this.cache.pods({ [LABELS.jobHash]: nameHash(job), [LABELS.component]: WORKER_COMPONENT });
  }

  private stateOf(pod: V1Pod): WorkerState {
    if (isDeleting(pod) || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
      return 'EXITED';
    const running = pod.status?.containerStatuses?.some((c) => c.state?.running);
    return running && this.loaded.get(pod.metadata!.name!)?.ok ? 'RUNNING' : 'STARTING';
  }

  private infos(job: string): WorkerInfo[] {
    return this.podsOf(job).map((pod) => ({
      name: `${job}/workers/${pod.metadata?.name}`,
      job,
      state: this.stateOf(pod),
    }));
  }

  /** Reads the logs of running workers whose ready line was not seen yet. */
  private async learn(job: string): Promise<void> {
    const alive = new Set(
      this.cache.pods({ [LABELS.component]: WORKER_COMPONENT }).map((pod) => pod.metadata?.name),
    );
    for (const name of this.loaded.keys()) if (!alive.has(name)) this.loaded.delete(name);
    const unknown = this.podsOf(job).filter(
      (pod) =>
        this.stateOf(pod) === 'STARTING' && pod.status?.containerStatuses?.some((c) => c.state?.running),
    );
    await Promise.all(unknown.map((pod) => this.readReadyLine(pod.metadata!.name!)));
  }

  private async readReadyLine(pod: string): Promise<void> {
    const log = await this.context.api.podLog(pod, 'worker', LOG_BYTES).catch((error: unknown) => {
      this.context.logger.warn('cannot read a batch worker log', { pod, error });
      return '';
    });
    const event = predictorEvent(log);
    if (event) this.loaded.set(pod, event.loaded ? { ok: true } : { ok: false, error: event.error });
  }

  /** Every asked-for worker loaded the model (or the job is done), a failure, or undefined to wait. */
  private started(job: string, count: number): Started | undefined {
    const object = this.cache.job(jobResourceName(job));
    if (!object || isDeleting(object) || (object.spec?.parallelism ?? 0) < count) return undefined;
    const phase = jobPhase(object);
    if (phase === 'failed') return { ok: false, error: jobFailure(object, this.podsOf(job)) };
    if (phase === 'complete') return { ok: true };
    const pods = this.podsOf(job);
    for (const pod of pods) {
      const said = this.loaded.get(pod.metadata!.name!);
      if (said && !said.ok) return said;
      const failure = cannotStart(pod);
      if (failure) return { ok: false, error: failure };
    }
    if (pods.some((pod) => pod.status?.phase === 'Succeeded')) return { ok: true };
    return pods.filter((pod) => this.stateOf(pod) === 'RUNNING').length >= count ? { ok: true } : undefined;
  }

  private async waitStarted(job: string, count: number): Promise<Started | undefined> {
    const deadline = Date.now() + this.context.startTimeoutMs;
    for (;;) {
      await this.learn(job);
      const outcome = this.started(job, count);
      if (outcome || Date.now() >= deadline || this.cache.closed) return outcome;
      await this.cache.nextChange(Math.min(POLL_MS, deadline - Date.now()));
    }
  }
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
