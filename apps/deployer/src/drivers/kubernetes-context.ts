import type { Logger } from '@presage/log';
import type { KubernetesApi } from './kubernetes-api';
import type { KubernetesCache } from './kubernetes-cache';
import type { PodSettings } from './kubernetes-manifests';

/** What a serving or worker driver on Kubernetes works with: the API, the informers' cache, settings. */
export interface KubernetesContext {
  api: KubernetesApi;
  cache: KubernetesCache;
  settings: PodSettings;
  logger: Logger;
  /** How long scale() waits for pods to be ready (image pulls included). */
  startTimeoutMs: number;
  /** How long stop() waits for pods to be gone. */
  stopTimeoutMs: number;
}
