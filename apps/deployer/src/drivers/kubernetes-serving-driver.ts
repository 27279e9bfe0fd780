import type { V1Pod } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { createKeyedSerializer } from '@presage/control-loop';
import { KubernetesApiError } from './kubernetes-api';
import type { KubernetesCache } from './kubernetes-cache';
import type { KubernetesContext } from './kubernetes-context';
import { endpointsByPod, hostPort } from './kubernetes-endpoints';
import type { Endpoint } from './kubernetes-endpoints';
import { METRICS_PORT, predictorDeployment, predictorService, specProblem } from './kubernetes-manifests';
import { describeModel, parseModelAnnotation } from './kubernetes-model-info';
import { ANNOTATIONS, LABELS, PREDICTOR_COMPONENT, nameHash, versionResourceName } from './kubernetes-names';
import { deploymentFailure, isDeleting, pendingReason, podFailure } from './kubernetes-status';
import type { ModelDescription } from './runtime-spec';
import type { ReplicaInfo, ReplicaSpec, ScaleResult, ServingDriver } from './serving-driver';

type Rollout = { ready: string[] } | { failed: string };

/** How long an applied Deployment and Service are trusted before they are applied again. */
const RESYNC_MS = 5 * 60_000;

/**
 * Replicas as Kubernetes pods: one Deployment and one headless Service per served version, created or
 * updated with server-side apply; readiness from the Service's EndpointSlices. The cluster's objects
 * outlive the deployer: close() leaves them, and scale() adopts what a previous deployer created.
 */
export class KubernetesServingDriver implements ServingDriver {
  /** What this process last applied per Deployment (`${templateHash}/${replicas}`), and when. */
  private readonly applied = new Map<string, { what: string; at: number }>();
  /** The model each version's current pod template loaded. */
  private readonly models = new Map<string, { templateHash: string; model: ModelDescription }>();
  /** One scale or stop of a version at a time (the reconciler and the autoscaler both scale). */
  private readonly serially = createKeyedSerializer();
  private readonly cache: KubernetesCache;

  constructor(private readonly context: KubernetesContext) {
    this.cache = context.cache;
  }

  scale(spec: ReplicaSpec, count: number): Promise<ScaleResult> {
    return this.serially(spec.version, () => this.scaleNow(spec, count));
  }

  stop(version: string): Promise<void> {
    return this.serially(version, () => this.stopNow(version));
  }

  list(version?: string): ReplicaInfo[] {
    const labels: Record<string, string> = { [LABELS.component]: PREDICTOR_COMPONENT };
    if (version) labels[LABELS.versionHash] = nameHash(version);
    const endpoints = new Map<string, Map<string, Endpoint>>();
    const endpointsOf = (service: string) => {
      if (!endpoints.has(service)) endpoints.set(service, endpointsByPod(this.cache.slices(service)));
      return endpoints.get(service)!;
    };
    return this.cache.pods(labels).flatMap((pod): ReplicaInfo[] => {
      const podVersion = pod.metadata?.annotations?.[ANNOTATIONS.version];
      const podName = pod.metadata?.name;
      if (!podVersion || !podName || (version && podVersion !== version)) return [];
      if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return [];
      const endpoint = endpointsOf(versionResourceName(podVersion)).get(podName);
      return [replicaInfo(pod, podVersion, podName, endpoint)];
    });
  }

  versions(): string[] {
    const deployments = this.cache.deployments().filter((d) => !isDeleting(d));
    return [...new Set(deployments.flatMap((d) => d.metadata?.annotations?.[ANNOTATIONS.version] ?? []))];
  }

  /** The Deployments stay for the next deployer; the informers close with the drivers. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async scaleNow(spec: ReplicaSpec, count: number): Promise<ScaleResult> {
    const { settings } = this.context;
    const refused = specProblem(spec, count, settings.artifactsDir, settings.artifactsClaim);
    if (refused) return { ok: false, error: refused };
    const { templateHash } = predictorDeployment(spec, count, settings);
    const applyRefused = await this.applyIfStale(spec, count);
    if (applyRefused) return { ok: false, error: applyRefused };
    const outcome = await this.cache.waitFor(
      () => this.rollout(spec, templateHash, count),
      this.context.startTimeoutMs,
    );
    if (!outcome && this.cache.closed)
      throw new Error(`The Kubernetes driver closed while ${spec.version} scaled.`);
    if (!outcome) return { ok: false, error: this.notReadyMessage(spec, templateHash, count) };
    if ('failed' in outcome) return { ok: false, error: outcome.failed };
    const model = await this.modelOf(spec.version, templateHash, outcome.ready[0]);
    if (!model) return { ok: false, error: `No replica of ${spec.version} ran yet: its model is unknown.` };
    return { ok: true, model };
  }

  /**
   * Applies the version's Service and Deployment unless this process applied the same recently and sees
   * it so in the cache (objects changed or deleted by hand are put back within RESYNC_MS). Resolves with
   * the API server's refusal of an invalid object; other failures (RBAC, the API unreachable) throw.
   */
  private async applyIfStale(spec: ReplicaSpec, count: number): Promise<string | undefined> {
    const { settings, api, logger } = this.context;
    const name = versionResourceName(spec.version);
    const { deployment, templateHash } = predictorDeployment(spec, count, settings);
    const cached = this.cache.deployment(name);
    const last = this.applied.get(name);
    const upToDate =
      last?.what === `${templateHash}/${count}` &&
      Date.now() - last.at < RESYNC_MS &&
      cached?.metadata?.annotations?.[LABELS.templateHash] === templateHash &&
      cached.spec?.replicas === count;
    if (upToDate) return undefined;
    try {
      await api.apply(predictorService(spec.version, settings));
      await api.apply(deployment);
    } catch (error) {
      if (error instanceof KubernetesApiError && error.invalid) return error.message;
      throw error;
    }
    this.applied.set(name, { what: `${templateHash}/${count}`, at: Date.now() });
    logger.info('applied deployment', {
      version: spec.version,
      deployment: name,
      replicas: count,
      templateHash,
    });
    return undefined;
  }

  private rollout(spec: ReplicaSpec, templateHash: string, count: number): Rollout | undefined {
    const name = versionResourceName(spec.version);
    const deployment = this.cache.deployment(name);
    const seen =
      deployment &&
      !isDeleting(deployment) &&
      deployment.metadata?.annotations?.[LABELS.templateHash] === templateHash &&
      deployment.spec?.replicas === count;
    if (!seen) return undefined;
    const refused = deploymentFailure(deployment);
    if (refused) return { failed: refused };
    const pods = this.livePods(spec.version);
    const current = pods.filter((pod) => pod.metadata?.labels?.[LABELS.templateHash] === templateHash);
    for (const pod of current) {
      const failure = podFailure(pod);
      if (failure) return { failed: failure };
    }
    if ((deployment.status?.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0))
      return undefined;
    const endpoints = endpointsByPod(this.cache.slices(name));
    const ready = current.flatMap((pod) => {
      const endpoint = endpoints.get(pod.metadata!.name!);
      return endpoint?.ready ? [endpoint.address] : [];
    });
    return ready.length >= count && pods.length <= count ? { ready } : undefined;
  }

  private livePods(version: string): V1Pod[] {
    return this.cache
      .pods({ [LABELS.versionHash]: nameHash(version), [LABELS.component]: PREDICTOR_COMPONENT })
      .filter(
        (pod) => !isDeleting(pod) && pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded',
      );
  }

  private notReadyMessage(spec: ReplicaSpec, templateHash: string, count: number): string {
    const pods = this.livePods(spec.version).filter(
      (p) => p.metadata?.labels?.[LABELS.templateHash] === templateHash,
    );
    const endpoints = endpointsByPod(this.cache.slices(versionResourceName(spec.version)));
    const waiting = pods
      .filter((pod) => !endpoints.get(pod.metadata!.name!)?.ready)
      .map((pod) => `${pod.metadata?.name}: ${pendingReason(pod)}`);
    const ready = pods.length - waiting.length;
    const detail =
      waiting.length > 0 ? `; ${waiting.join('; ')}` : pods.length < count ? '; pods not created yet' : '';
    const seconds = this.context.startTimeoutMs / 1000;
    return `${ready} of ${count} replicas of ${spec.version} ready after ${seconds} s${detail}.`;
  }

  /**
   * What the version's current pods loaded: asked of a ready replica once per pod template, and recorded
   * on the Deployment for a deployer that finds the version scaled to zero.
   */
  private async modelOf(
    version: string,
    templateHash: string,
    address: string | undefined,
  ): Promise<ModelDescription | undefined> {
    const known = this.models.get(version);
    const name = versionResourceName(version);
    if (!address) return known?.model ?? parseModelAnnotation(this.cache.deployment(name));
    if (known?.templateHash === templateHash) return known.model;
    const model = await describeModel(address);
    this.models.set(version, { templateHash, model });
    const recorded = parseModelAnnotation(this.cache.deployment(name));
    const same =
      recorded?.runtime === model.runtime &&
      JSON.stringify(recorded.signature) === JSON.stringify(model.signature);
    const annotation = JSON.stringify(model);
    if (!same && annotation.length < 64_000) {
      await this.context.api
        .annotate('Deployment', name, { [ANNOTATIONS.model]: annotation })
        .catch((error: unknown) =>
          this.context.logger.warn('cannot record the model on its Deployment', { version, error }),
        );
    }
    return model;
  }

  private async stopNow(version: string): Promise<void> {
    const { api, logger, stopTimeoutMs } = this.context;
    const name = versionResourceName(version);
    await api.remove('Deployment', name);
    await api.remove('Service', name);
    this.applied.delete(name);
    this.models.delete(version);
    const selector = { [LABELS.versionHash]: nameHash(version), [LABELS.component]: PREDICTOR_COMPONENT };
    const gone = await this.cache.waitFor(
      () => (this.cache.pods(selector).length === 0 && !this.cache.deployment(name) ? true : undefined),
      stopTimeoutMs,
    );
    if (!gone)
      logger.warn('pods of a stopped version still terminating', { version, afterMs: stopTimeoutMs });
    else logger.info('stopped version', { version, deployment: name });
  }
}

/** A predictor pod as a replica: its state and address from its Service's endpoint. */
function replicaInfo(
  pod: V1Pod,
  version: string,
  podName: string,
  endpoint: Endpoint | undefined,
): ReplicaInfo {
  const state =
    isDeleting(pod) || endpoint?.terminating ? 'STOPPING' : endpoint?.ready ? 'READY' : 'STARTING';
  const address = state === 'STARTING' ? '' : (endpoint?.address ?? '');
  const ip = pod.status?.podIP;
  const metricsAddress = ip ? hostPort(ip, METRICS_PORT) : '';
  return { name: `${version}/replicas/${podName}`, version, address, state, metricsAddress };
}
