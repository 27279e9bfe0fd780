import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { V1Deployment, V1Job, V1Service } from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};
import { FIELD_MANAGER } from './kubernetes-names';
import { errorMessage } from '@presage/errors';

/** One failed Kubernetes API call, said so that an operator knows what to fix. */
export class KubernetesApiError extends Error {
  override readonly name = 'KubernetesApiError';
  constructor(
    message: string,
    /** The HTTP status; undefined when the API could not be reached. */
    readonly code: number | undefined,
    /** The object is refused as it is (422, 400): retrying the same request cannot succeed. */
    readonly invalid: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** `action` says what was attempted: 'apply Deployment presage-iris-v1-…'. */
  static from(error: unknown, action: string): KubernetesApiError {
    if (error instanceof KubernetesApiError) return error;
    const code = statusCode(error);
    if (code === undefined) {
      const text = errorMessage(error);
      return new KubernetesApiError(
        `Cannot ${action}: the Kubernetes API is unreachable (${text}).`,
        undefined,
        false,
        {
          cause: error,
        },
      );
    }
    const detail = statusMessage(error) ?? `HTTP ${code}`;
    const hint = HINTS[code] ?? '';
    return new KubernetesApiError(`Cannot ${action}: ${detail}${hint}`, code, code === 422 || code === 400, {
      cause: error,
    });
  }
}

const HINTS: Record<number, string> = {
  401: ' (the credentials were refused: check the service account token or KUBECONFIG).',
  403: " (RBAC: the deployer's service account needs the Role in deploy/kustomize/base/deployer-rbac.yaml).",
  404: ' (does the namespace exist?).',
  409: ' (conflict: retried at the next reconcile).',
  422: ' (the Kubernetes API refused the object as invalid).',
};

export type ManagedKind = 'Deployment' | 'Service' | 'Job';

/** The typed API clients the driver uses, in one namespace. */
export interface KubernetesApi {
  kubeConfig: KubeConfig;
  namespace: string;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  discovery: DiscoveryV1Api;
  /** Server-side apply (creates or updates; idempotent), forcing the driver's ownership of the fields it sets. */
  apply(object: V1Deployment | V1Service | V1Job): Promise<void>;
  /** Sets annotations with a JSON merge patch under a field manager of their own (apply leaves them alone). */
  annotate(kind: ManagedKind, name: string, annotations: Record<string, string>): Promise<void>;
  /** Deletes an object and, in the background, what it owns; an object already gone is fine. */
  remove(kind: ManagedKind, name: string): Promise<void>;
  /** The first `limitBytes` of a container's log (stdout and stderr). */
  podLog(pod: string, container: string, limitBytes: number): Promise<string>;
}

export interface KubernetesApiOptions {
  /** A kubeconfig file. @default KubeConfig.loadFromDefault(): KUBECONFIG, ~/.kube/config, or the pod's service account */
  kubeconfigPath?: string | undefined;
  /** @default the kubeconfig context's namespace (in a pod: its own), else 'default' */
  namespace?: string | undefined;
}

export function createKubernetesApi(options: KubernetesApiOptions): KubernetesApi {
  const kubeConfig = loadKubeConfig(options.kubeconfigPath);
  const context = kubeConfig.getContextObject(kubeConfig.getCurrentContext());
  const namespace = options.namespace || context?.namespace || 'default';
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const batch = kubeConfig.makeApiClient(BatchV1Api);
  const discovery = kubeConfig.makeApiClient(DiscoveryV1Api);
  const applyHeader = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
  const mergeHeader = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

  const call = async <T>(action: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw KubernetesApiError.from(error, action);
    }
  };

  return {
    kubeConfig,
    namespace,
    core,
    apps,
    batch,
    discovery,
    async apply(object) {
      const name = object.metadata!.name!;
      const request = { name, namespace, body: object, fieldManager: FIELD_MANAGER, force: true };
      await call<unknown>(`apply ${object.kind} ${name} in namespace ${namespace}`, () => {
        if (object.kind === 'Deployment') return apps.patchNamespacedDeployment(request, applyHeader);
        if (object.kind === 'Service') return core.patchNamespacedService(request, applyHeader);
        return batch.patchNamespacedJob(request, applyHeader);
      });
    },
    async annotate(kind, name, annotations) {
      const request = {
        name,
        namespace,
        body: { metadata: { annotations } },
        fieldManager: `${FIELD_MANAGER}-annotations`,
      };
      await call<unknown>(`annotate ${kind} ${name}`, () => {
        if (kind === 'Deployment') return apps.patchNamespacedDeployment(request, mergeHeader);
        if (kind === 'Service') return core.patchNamespacedService(request, mergeHeader);
        return batch.patchNamespacedJob(request, mergeHeader);
      });
    },
    async remove(kind, name) {
      // Background: the object goes now, its pods terminate after it. (A Job deleted without a policy
      // would orphan its pods.)
      const request = { name, namespace, propagationPolicy: 'Background' };
      try {
        await call<unknown>(`delete ${kind} ${name}`, () => {
          if (kind === 'Deployment') return apps.deleteNamespacedDeployment(request);
          if (kind === 'Service') return core.deleteNamespacedService(request);
          return batch.deleteNamespacedJob(request);
        });
      } catch (error) {
        if (!(error instanceof KubernetesApiError) || error.code !== 404) throw error;
      }
    },
    podLog: (pod, container, limitBytes) =>
      call(`read the log of pod ${pod}`, () =>
        core.readNamespacedPodLog({ name: pod, namespace, container, limitBytes }),
      ),
  };
}

/**
 * The cluster to talk to: a kubeconfig file, else the standard search (KUBECONFIG, ~/.kube/config, the
 * pod's service account). Without any of them the client would silently try http://localhost:8080: say so.
 */
function loadKubeConfig(kubeconfigPath: string | undefined): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (kubeconfigPath) {
    kubeConfig.loadFromFile(kubeconfigPath);
    return kubeConfig;
  }
  kubeConfig.loadFromDefault();
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster || (cluster.name === 'cluster' && cluster.server === 'http://localhost:8080')) {
    throw new Error(
      'PRESAGE_REPLICA_DRIVER=kubernetes found no cluster: run the deployer in a pod with a service account, or set KUBECONFIG.',
    );
  }
  return kubeConfig;
}

/** The HTTP status of a client error (ApiException has `code`, a failed watch has `statusCode`). */
export function statusCode(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, statusCode: watchCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  if (typeof watchCode === 'number') return watchCode;
  return undefined;
}

/** The `message` of the Status body the API server answered with. */
function statusMessage(error: unknown): string | undefined {
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      const status = JSON.parse(body) as { message?: unknown };
      if (typeof status.message === 'string') return status.message;
    } catch {
      return body.slice(0, 500) || undefined;
    }
  }
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && !message.startsWith('HTTP-Code:') ? message : undefined;
}
