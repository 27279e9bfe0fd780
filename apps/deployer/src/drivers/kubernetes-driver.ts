import type { V1EndpointSlice, V1Pod } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { createKeyedSerializer } from '@presage/control-loop';
import type { Logger } from '@presage/log';
import { KubernetesApiError, createKubernetesApi } from './kubernetes-api';
import { startKubernetesCache } from './kubernetes-cache';
import {
  METRICS_PORT,
  PREDICTOR_PORT,
  predictorDeployment,
  predictorService,
  specProblem,
} from './kubernetes-manifests';
import type { PodSettings } from './kubernetes-manifests';
import { describeModel, parseModelAnnotation } from './kubernetes-model-info';
import { ANNOTATIONS, LABELS, PREDICTOR_COMPONENT, nameHash, versionResourceName } from './kubernetes-names';
import { deploymentFailure, isDeleting, pendingReason, podFailure } from './kubernetes-status';
import { createWorkerJobs } from './kubernetes-workers';
import type {
  ModelDescription,
  ReplicaDriver,
  ReplicaInfo,
  ReplicaSpec,
  ScaleResult,
} from './replica-driver';

export interface KubernetesDriverOptions extends Omit<PodSettings, 'namespace' | 'startTimeoutMs'> {
  /** A kubeconfig file. @default KubeConfig.loadFromDefault(): KUBECONFIG, ~/.kube/config or the pod's service account */
  kubeconfigPath?: string | undefined;
  /** @default the kubeconfig context's namespace (in a pod: its own), else 'default' */
  namespace?: string | undefined;
  logger: Logger;
  /** How long scale() and ensureWorkers() wait for pods to be ready (image pulls included). @default 300_000 */
  startTimeoutMs?: number;
  /** How long stop() and stopWorkers() wait for pods to be gone. @default 60_000 */
  stopTimeoutMs?: number;
  /** How long creation waits for the first list of each resource. @default 30_000 */
  syncTimeoutMs?: number;
  /** Called whenever what list() returns may have changed (for the replica watch). @default none */
  onReplicasChanged?: (() => void) | undefined;
}

type Rollout = { ready: string[] } | { failed: string };

/** How long an applied Deployment and Service are trusted before they are applied again. */
const RESYNC_MS = 5 * 60_000;

/**
 * Replicas as Kubernetes pods: one Deployment and one headless Service per served version, created or
 * updated with server-side apply; readiness from the Service's EndpointSlices. The cluster's objects
 * outlive the deployer: close() leaves them, and scale() adopts what a previous deployer created.
 */
export async function createKubernetesDriver(options: KubernetesDriverOptions): Promise<ReplicaDriver> {
  const logger = options.logger.child({ component: 'kubernetes-driver' });
  const api = createKubernetesApi(options);
  const cache = await startKubernetesCache(api, logger, options.syncTimeoutMs ?? 30_000);
  const { onReplicasChanged } = options;
  if (onReplicasChanged) cache.onChange(onReplicasChanged);
  const startTimeoutMs = options.startTimeoutMs ?? 300_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 60_000;
  const settings: PodSettings = { ...options, namespace: api.namespace, startTimeoutMs };
  /** What this process last applied per Deployment (`${templateHash}/${replicas}`), and when. */
  const applied = new Map<string, { what: string; at: number }>();
  /** The model each version's current pod template loaded. */
  const models = new Map<string, { templateHash: string; model: ModelDescription }>();
  /** One scale or stop of a version at a time (the reconciler and the autoscaler both scale). */
  const serially = createKeyedSerializer();
  logger.info('kubernetes driver ready', {
    namespace: api.namespace,
    server: api.kubeConfig.getCurrentCluster()?.server,
    adopted: cache.deployments().length,
  });

  const rollout = (spec: ReplicaSpec, templateHash: string, count: number): Rollout | undefined => {
    const name = versionResourceName(spec.version);
    const deployment = cache.deployment(name);
    const seen =
      deployment &&
      !isDeleting(deployment) &&
      deployment.metadata?.annotations?.[LABELS.templateHash] === templateHash &&
      deployment.spec?.replicas === count;
    if (!seen) return undefined;
    const refused = deploymentFailure(deployment);
    if (refused) return { failed: refused };
    const pods = livePods(spec.version);
    const current = pods.filter((pod) => pod.metadata?.labels?.[LABELS.templateHash] === templateHash);
    for (const pod of current) {
      const failure = podFailure(pod);
      if (failure) return { failed: failure };
    }
    if ((deployment.status?.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0))
      return undefined;
    const endpoints = endpointsByPod(cache.slices(name));
    const ready = current.flatMap((pod) => {
      const endpoint = endpoints.get(pod.metadata!.name!);
      return endpoint?.ready ? [endpoint.address] : [];
    });
    return ready.length >= count && pods.length <= count ? { ready } : undefined;
  };

  const livePods = (version: string): V1Pod[] =>
    cache
      .pods({ [LABELS.versionHash]: nameHash(version), [LABELS.component]: PREDICTOR_COMPONENT })
      .filter(
        (pod) => !isDeleting(pod) && pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded',
      );

  const notReadyMessage = (spec: ReplicaSpec, templateHash: string, count: number): string => {
    const pods = livePods(spec.version).filter(
      (p) => p.metadata?.labels?.[LABELS.templateHash] === templateHash,
    );
    const endpoints = endpointsByPod(cache.slices(versionResourceName(spec.version)));
    const waiting = pods
      .filter((pod) => !endpoints.get(pod.metadata!.name!)?.ready)
      .map((pod) => `${pod.metadata?.name}: ${pendingReason(pod)}`);
    const ready = pods.length - waiting.length;
    const detail =
      waiting.length > 0 ? `; ${waiting.join('; ')}` : pods.length < count ? '; pods not created yet' : '';
    return `${ready} of ${count} replicas of ${spec.version} ready after ${startTimeoutMs / 1000} s${detail}.`;
  };

  const scale = async (spec: ReplicaSpec, count: number): Promise<ScaleResult> => {
    const refused = specProblem(spec, count, options.artifactsDir, options.artifactsClaim);
    if (refused) return { ok: false, error: refused };
    const name = versionResourceName(spec.version);
    const { deployment, templateHash } = predictorDeployment(spec, count, settings);
    const cached = cache.deployment(name);
    // Applied by this process, seen so in the cache, recently enough: objects changed or deleted by
    // hand (a Service) are put back within RESYNC_MS.
    const last = applied.get(name);
    const upToDate =
      last?.what === `${templateHash}/${count}` &&
      Date.now() - last.at < RESYNC_MS &&
      cached?.metadata?.annotations?.[LABELS.templateHash] === templateHash &&
      cached.spec?.replicas === count;
    if (!upToDate) {
      try {
        await api.apply(predictorService(spec.version, settings));
        await api.apply(deployment);
      } catch (error) {
        // Refused as invalid: this version cannot be deployed as it is. Anything else (RBAC, the API
        // unreachable, a conflict) is retried at the next reconcile.
        if (error instanceof KubernetesApiError && error.invalid) return { ok: false, error: error.message };
        throw error;
      }
      applied.set(name, { what: `${templateHash}/${count}`, at: Date.now() });
      logger.info('applied deployment', {
        version: spec.version,
        deployment: name,
        replicas: count,
        templateHash,
      });
    }
    const outcome = await cache.waitFor(() => rollout(spec, templateHash, count), startTimeoutMs);
    if (!outcome && cache.closed)
      throw new Error(`The Kubernetes driver closed while ${spec.version} scaled.`);
    if (!outcome) return { ok: false, error: notReadyMessage(spec, templateHash, count) };
    if ('failed' in outcome) return { ok: false, error: outcome.failed };
    const model = await modelOf(spec.version, templateHash, outcome.ready[0]);
    if (!model) return { ok: false, error: `No replica of ${spec.version} ran yet: its model is unknown.` };
    return { ok: true, model };
  };

  /**
   * What the version's current pods loaded: asked of a ready replica once per pod template, and recorded
   * on the Deployment for a deployer that finds the version scaled to zero.
   */
  const modelOf = async (version: string, templateHash: string, address: string | undefined) => {
    const known = models.get(version);
    const name = versionResourceName(version);
    if (!address) return known?.model ?? parseModelAnnotation(cache.deployment(name));
    if (known?.templateHash === templateHash) return known.model;
    const model = await describeModel(address);
    models.set(version, { templateHash, model });
    const recorded = parseModelAnnotation(cache.deployment(name));
    const same =
      recorded?.runtime === model.runtime &&
      JSON.stringify(recorded.signature) === JSON.stringify(model.signature);
    const annotation = JSON.stringify(model);
    if (!same && annotation.length < 64_000) {
      await api
        .annotate('Deployment', name, { [ANNOTATIONS.model]: annotation })
        .catch((error: unknown) =>
          logger.warn('cannot record the model on its Deployment', { version, error }),
        );
    }
    return model;
  };

  const stop = async (version: string): Promise<void> => {
    const name = versionResourceName(version);
    await api.remove('Deployment', name);
    await api.remove('Service', name);
    applied.delete(name);
    models.delete(version);
    const selector = { [LABELS.versionHash]: nameHash(version), [LABELS.component]: PREDICTOR_COMPONENT };
    const gone = await cache.waitFor(
      () => (cache.pods(selector).length === 0 && !cache.deployment(name) ? true : undefined),
      stopTimeoutMs,
    );
    if (!gone)
      logger.warn('pods of a stopped version still terminating', { version, afterMs: stopTimeoutMs });
    else logger.info('stopped version', { version, deployment: name });
  };

  const list = (version?: string): ReplicaInfo[] => {
    const labels: Record<string, string> = { [LABELS.component]: PREDICTOR_COMPONENT };
    if (version) labels[LABELS.versionHash] = nameHash(version);
    const endpoints = new Map<string, Map<string, Endpoint>>();
    return cache.pods(labels).flatMap((pod): ReplicaInfo[] => {
      const podVersion = pod.metadata?.annotations?.[ANNOTATIONS.version];
      const podName = pod.metadata?.name;
      if (!podVersion || !podName || (version && podVersion !== version)) return [];
      if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return [];
      const service = versionResourceName(podVersion);
      if (!endpoints.has(service)) endpoints.set(service, endpointsByPod(cache.slices(service)));
      const endpoint = endpoints.get(service)!.get(podName);
      const state =
        isDeleting(pod) || endpoint?.terminating ? 'STOPPING' : endpoint?.ready ? 'READY' : 'STARTING';
      const address = state === 'STARTING' ? '' : (endpoint?.address ?? '');
      const ip = pod.status?.podIP;
      const metricsAddress = ip
        ? ip.includes(':')
          ? `[${ip}]:${METRICS_PORT}`
          : `${ip}:${METRICS_PORT}`
        : '';
      return [
        { name: `${podVersion}/replicas/${podName}`, version: podVersion, address, state, metricsAddress },
      ];
    });
  };

  const workers = createWorkerJobs({ api, cache, settings, logger, startTimeoutMs, stopTimeoutMs });

  return {
    scale: (spec, count) => serially(spec.version, () => scale(spec, count)),
    stop: (version) => serially(version, () => stop(version)),
    list,
    versions: () => [
      ...new Set(
        cache
          .deployments()
          .filter((d) => !isDeleting(d))
          .flatMap((d) => d.metadata?.annotations?.[ANNOTATIONS.version] ?? []),
      ),
    ],
    ensureWorkers: (spec, count) => serially(spec.job, () => workers.ensureWorkers(spec, count)),
    stopWorkers: (job) => serially(job, () => workers.stopWorkers(job)),
    workerJobs: workers.workerJobs,
    close: () => cache.close(),
  };
}

interface Endpoint {
  address: string;
  ready: boolean;
  terminating: boolean;
}

/** The endpoints of a Service's slices by pod name, with the address the gateway dials. */
function endpointsByPod(slices: V1EndpointSlice[]): Map<string, Endpoint> {
  const byPod = new Map<string, Endpoint>();
  for (const slice of slices) {
    const port = slice.ports?.find((p) => p.name === 'grpc')?.port ?? PREDICTOR_PORT;
    for (const endpoint of slice.endpoints ?? []) {
      const pod = endpoint.targetRef?.kind === 'Pod' ? endpoint.targetRef.name : undefined;
      const ip = endpoint.addresses[0];
      if (!pod || !ip) continue;
      byPod.set(pod, {
        address: ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`,
        ready: endpoint.conditions?.ready === true,
        terminating: endpoint.conditions?.terminating === true,
      });
    }
  }
  return byPod;
}
