import { makeInformer } from '@kubernetes/client-node';
import type {
  Informer,
  KubernetesListObject,
  KubernetesObject,
  ObjectCache,
  V1Deployment,
  V1EndpointSlice,
  V1Job,
  V1Pod,
} from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import type { Logger } from '@presage/log';
import { KubernetesApiError } from './kubernetes-api';
import type { KubernetesApi } from './kubernetes-api';
import { MANAGED_SELECTOR } from './kubernetes-names';

/**
 * What the driver knows of the cluster: informers (list, then watch) over the Deployments, Jobs, pods and
 * EndpointSlices it manages, so list() answers from memory however often the gateway asks.
 */
export interface KubernetesCache {
  deployment(name: string): V1Deployment | undefined;
  deployments(): V1Deployment[];
  job(name: string): V1Job | undefined;
  jobs(): V1Job[];
  /** Pods carrying every label of `labels`. */
  pods(labels: Record<string, string>): V1Pod[];
  /** The EndpointSlices of a Service. */
  slices(serviceName: string): V1EndpointSlice[];
  /**
   * Re-evaluates `probe` on every change the informers see (and every second) until it returns a value;
   * undefined after `timeoutMs`.
   */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined>;
  /** Calls `listener` after every change the informers see, until the returned function is called. */
  onChange(listener: () => void): () => void;
  /** Resolves at the next change the informers see, or after `timeoutMs`. */
  nextChange(timeoutMs: number): Promise<void>;
  /** Stops the watches; waits in progress end as if they timed out. */
  close(): Promise<void>;
  /** close() was called: a wait that ended saw nothing because of it. */
  readonly closed: boolean;
}

const MAX_RETRY_MS = 30_000;

/** Starts the informers and resolves once each listed its objects; rejects after `syncTimeoutMs`. */
export async function startKubernetesCache(
  api: KubernetesApi,
  logger: Logger,
  syncTimeoutMs: number,
): Promise<KubernetesCache> {
  const { namespace } = api;
  const waiters = new Set<() => void>();
  const listeners = new Set<() => void>();
  const changed = () => {
    waiters.forEach((check) => check());
    listeners.forEach((listener) => listener());
  };
  /** Ends every wait in progress (undefined: nothing seen), for close(). */
  const giveUps = new Set<() => void>();
  let closed = false;

  const watch = <T extends KubernetesObject>(
    resource: string,
    path: string,
    list: () => Promise<KubernetesListObject<T>>,
  ) => {
    let listed!: () => void;
    const synced = new Promise<void>((resolve) => (listed = resolve));
    let lastError: string | undefined;
    let failures = 0;
    const informer: Informer<T> & ObjectCache<T> = makeInformer(
      api.kubeConfig,
      path,
      async () => {
        const result = await list();
        failures = 0;
        lastError = undefined;
        listed();
        return result;
      },
      MANAGED_SELECTOR,
    );
    for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, changed);
    // A failed list or watch stops the informer: start it again, backing off while it keeps failing.
    informer.on('error', (error: unknown) => {
      if (closed) return;
      failures++;
      const message = KubernetesApiError.from(error, `watch ${resource} in namespace ${namespace}`).message;
      if (message !== lastError)
        logger.warn('kubernetes watch failed; retrying', { resource, error: message });
      lastError = message;
      const delay = Math.min(500 * 2 ** (failures - 1), MAX_RETRY_MS);
      setTimeout(() => {
        if (!closed) void informer.start();
      }, delay).unref();
    });
    void informer.start();
    return { informer, synced, lastError: () => lastError };
  };

  const deployments = watch('deployments', `/apis/apps/v1/namespaces/${namespace}/deployments`, () =>
    api.apps.listNamespacedDeployment({ namespace, labelSelector: MANAGED_SELECTOR }),
  );
  const jobs = watch('jobs', `/apis/batch/v1/namespaces/${namespace}/jobs`, () =>
    api.batch.listNamespacedJob({ namespace, labelSelector: MANAGED_SELECTOR }),
  );
  const pods = watch('pods', `/api/v1/namespaces/${namespace}/pods`, () =>
    api.core.listNamespacedPod({ namespace, labelSelector: MANAGED_SELECTOR }),
  );
  // The EndpointSlice controller copies a Service's labels onto its slices.
  const slices = watch(
    'endpointslices',
    `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
    () => api.discovery.listNamespacedEndpointSlice({ namespace, labelSelector: MANAGED_SELECTOR }),
  );
  const all = [deployments, jobs, pods, slices];

  const stop = async () => {
    closed = true;
    giveUps.forEach((giveUp) => giveUp());
    await Promise.all(all.map((w) => w.informer.stop()));
  };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), syncTimeoutMs)),
  );
  const outcome = await Promise.race([Promise.all(all.map((w) => w.synced)), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await stop();
    const errors = [...new Set(all.map((w) => w.lastError()).filter(Boolean))];
    throw new Error(
      `The Kubernetes driver could not list its objects within ${syncTimeoutMs / 1000} s: ${errors.join('; ') || 'no answer'}`,
    );
  }

  const labelled = (object: KubernetesObject, labels: Record<string, string>) =>
    Object.entries(labels).every(([key, value]) => object.metadata?.labels?.[key] === value);

  return {
    deployment: (name) => deployments.informer.get(name, namespace),
    deployments: () => [...deployments.informer.list(namespace)],
    job: (name) => jobs.informer.get(name, namespace),
    jobs: () => [...jobs.informer.list(namespace)],
    pods: (labels) => pods.informer.list(namespace).filter((pod) => labelled(pod, labels)),
    slices: (serviceName) =>
      slices.informer
        .list(namespace)
        .filter((slice) => slice.metadata?.labels?.['kubernetes.io/service-name'] === serviceName),
    waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
      return new Promise((resolve) => {
        const finish = (value: T | undefined) => {
          waiters.delete(check);
          giveUps.delete(giveUp);
          clearInterval(interval);
          clearTimeout(deadline);
          resolve(value);
        };
        const check = () => {
          const value = probe();
          if (value !== undefined) finish(value);
        };
        const giveUp = () => finish(undefined);
        const interval = setInterval(check, 1000);
        const deadline = setTimeout(giveUp, timeoutMs);
        waiters.add(check);
        giveUps.add(giveUp);
        if (closed) giveUp();
        else check();
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    nextChange(timeoutMs) {
      return new Promise<void>((resolve) => {
        const done = () => {
          waiters.delete(done);
          giveUps.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiters.add(done);
        giveUps.add(done);
        if (closed) done();
      });
    },
    close: stop,
    get closed() {
      return closed;
    },
  };
}
