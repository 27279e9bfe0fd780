import type { Logger } from '@presage/log';
import type { DeployerDrivers } from './deployer-drivers';
import { createKubernetesApi } from './kubernetes-api';
import { KubernetesCache } from './kubernetes-cache';
import type { PodSettings } from './kubernetes-manifests';
import { KubernetesServingDriver } from './kubernetes-serving-driver';
import type { KubernetesContext } from './kubernetes-context';
import { KubernetesWorkerDriver } from './kubernetes-worker-driver';

export interface KubernetesDriverOptions extends Omit<PodSettings, 'namespace' | 'startTimeoutMs'> {
  /** A kubeconfig file. @default KubeConfig.loadFromDefault(): KUBECONFIG, ~/.kube/config or the pod's service account */
  kubeconfigPath?: string | undefined;
  /** @default the kubeconfig context's namespace (in a pod: its own), else 'default' */
  namespace?: string | undefined;
  logger: Logger;
  /** How long scale() and ensure() wait for pods to be ready (image pulls included). @default 300_000 */
  startTimeoutMs?: number;
  /** How long stop() waits for pods to be gone. @default 60_000 */
  stopTimeoutMs?: number;
  /** How long creation waits for the first list of each resource. @default 30_000 */
  syncTimeoutMs?: number;
  /** Called whenever what the serving driver's list() returns may have changed (for the replica watch). */
  onReplicasChanged?: (() => void) | undefined;
}

/**
 * Serving replicas (a Deployment and a Service per version) and batch workers (a Job per batch job) on
 * Kubernetes, sharing one API client and one cache of informers; close() stops the informers and leaves
 * the cluster's objects for the next deployer.
 */
export async function createKubernetesDrivers(options: KubernetesDriverOptions): Promise<DeployerDrivers> {
  const logger = options.logger.child({ component: 'kubernetes-driver' });
  const api = createKubernetesApi(options);
  const cache = await KubernetesCache.start(api, logger, options.syncTimeoutMs ?? 30_000);
  const { onReplicasChanged } = options;
  if (onReplicasChanged) cache.onChange(onReplicasChanged);
  const startTimeoutMs = options.startTimeoutMs ?? 300_000;
  const context: KubernetesContext = {
    api,
    cache,
    settings: { ...options, namespace: api.namespace, startTimeoutMs },
    logger,
    startTimeoutMs,
    stopTimeoutMs: options.stopTimeoutMs ?? 60_000,
  };
  logger.info('kubernetes driver ready', {
    namespace: api.namespace,
    server: api.kubeConfig.getCurrentCluster()?.server,
    adopted: cache.deployments().length,
  });
  return {
    serving: new KubernetesServingDriver(context),
    workers: new KubernetesWorkerDriver(context),
    close: () => cache.close(),
  };
}
