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

const MAX_RETRY_MS = 30_000;

/** One informer over the managed objects of one resource, started again with backoff when it fails. */
class ManagedInformer<T extends KubernetesObject> {
  readonly informer: Informer<T> & ObjectCache<T>;
  /** Resolves once the first list succeeded. */
  readonly synced: Promise<void>;
  /** The last list or watch failure, while it keeps failing. */
  lastError: string | undefined;
  private failures = 0;
  private listed!: () => void;

  constructor(
    private readonly resource: string,
    path: string,
    list: () => Promise<KubernetesListObject<T>>,
    private readonly context: {
      api: KubernetesApi;
      logger: Logger;
      changed: () => void;
      closed: () => boolean;
    },
  ) {
    this.synced = new Promise<void>((resolve) => (this.listed = resolve));
    this.informer = makeInformer(
      context.api.kubeConfig,
      path,
      async () => {
        const result = await list();
        this.failures = 0;
        this.lastError = undefined;
        this.listed();
        return result;
      },
      MANAGED_SELECTOR,
    );
    for (const verb of ['add', 'update', 'delete'] as const) this.informer.on(verb, context.changed);
    this.informer.on('error', (error: unknown) => this.failed(error));
    void this.informer.start();
  }

  /** A failed list or watch stops the informer: start it again, backing off while it keeps failing. */
  private failed(error: unknown): void {
    if (this.context.closed()) return;
    this.failures++;
    const where = `watch ${this.resource} in namespace ${this.context.api.namespace}`;
    const message = KubernetesApiError.from(error, where).message;
    if (message !== this.lastError) {
      this.context.logger.warn('kubernetes watch failed; retrying', {
        resource: this.resource,
        error: message,
      });
    }
    this.lastError = message;
    const delay = Math.min(500 * 2 ** (this.failures - 1), MAX_RETRY_MS);
    setTimeout(() => {
      if (!this.context.closed()) void this.informer.start();
    }, delay).unref();
  }
}

/**
 * What the driver knows of the cluster: informers (list, then watch) over the Deployments, Jobs, pods and
 * EndpointSlices it manages, so lists are answered from memory however often the gateway asks.
 */
export class KubernetesCache {
  private readonly namespace: string;
  private readonly deploymentInformer: ManagedInformer<V1Deployment>;
  private readonly jobInformer: ManagedInformer<V1Job>;
  private readonly podInformer: ManagedInformer<V1Pod>;
  private readonly sliceInformer: ManagedInformer<V1EndpointSlice>;
  /** Probes re-evaluated at every change. */
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<() => void>();
  /** Ends every wait in progress (as if it saw nothing), for close(). */
  private readonly giveUps = new Set<() => void>();
  private isClosed = false;

  /** Starts the informers and resolves once each listed its objects; rejects after `syncTimeoutMs`. */
  static async start(api: KubernetesApi, logger: Logger, syncTimeoutMs: number): Promise<KubernetesCache> {
    const cache = new KubernetesCache(api, logger);
    const all = cache.informers();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), syncTimeoutMs)),
    );
    const outcome = await Promise.race([Promise.all(all.map((w) => w.synced)), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await cache.close();
      const errors = [...new Set(all.map((w) => w.lastError).filter(Boolean))];
      throw new Error(
        `The Kubernetes driver could not list its objects within ${syncTimeoutMs / 1000} s: ${errors.join('; ') || 'no answer'}`,
      );
    }
    return cache;
  }

  private constructor(api: KubernetesApi, logger: Logger) {
    const namespace = (this.namespace = api.namespace);
    const context = { api, logger, changed: () => this.changed(), closed: () => this.isClosed };
    const selector = { namespace, labelSelector: MANAGED_SELECTOR };
    this.deploymentInformer = new ManagedInformer(
      'deployments',
      `/apis/apps/v1/namespaces/${namespace}/deployments`,
      () => api.apps.listNamespacedDeployment(selector),
      context,
    );
    this.jobInformer = new ManagedInformer(
      'jobs',
      `/apis/batch/v1/namespaces/${namespace}/jobs`,
      () => api.batch.listNamespacedJob(selector),
      context,
    );
    this.podInformer = new ManagedInformer(
      'pods',
      `/api/v1/namespaces/${namespace}/pods`,
      () => api.core.listNamespacedPod(selector),
      context,
    );
    // The EndpointSlice controller copies a Service's labels onto its slices.
    this.sliceInformer = new ManagedInformer(
      'endpointslices',
      `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
      () => api.discovery.listNamespacedEndpointSlice(selector),
      context,
    );
  }

  deployment(name: string): V1Deployment | undefined {
    return this.deploymentInformer.informer.get(name, this.namespace);
  }

  deployments(): V1Deployment[] {
    return [...this.deploymentInformer.informer.list(this.namespace)];
  }

  job(name: string): V1Job | undefined {
    return this.jobInformer.informer.get(name, this.namespace);
  }

  jobs(): V1Job[] {
    return [...this.jobInformer.informer.list(this.namespace)];
  }

  /** Pods carrying every label of `labels`. */
  pods(labels: Record<string, string>): V1Pod[] {
    return this.podInformer.informer.list(this.namespace).filter((pod) => labelled(pod, labels));
  }

  /** The EndpointSlices of a Service. */
  slices(serviceName: string): V1EndpointSlice[] {
    return this.sliceInformer.informer
      .list(this.namespace)
      .filter((slice) => slice.metadata?.labels?.['kubernetes.io/service-name'] === serviceName);
  }

  /**
   * Re-evaluates `probe` on every change the informers see (and every second) until it returns a value;
   * undefined after `timeoutMs`.
   */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      const finish = (value: T | undefined) => {
        this.waiters.delete(check);
        this.giveUps.delete(giveUp);
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
      this.waiters.add(check);
      this.giveUps.add(giveUp);
      if (this.isClosed) giveUp();
      else check();
    });
  }

  /** Calls `listener` after every change the informers see, until the returned function is called. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Resolves at the next change the informers see, or after `timeoutMs`. */
  nextChange(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        this.giveUps.delete(done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      this.giveUps.add(done);
      if (this.isClosed) done();
    });
  }

  /** Stops the watches; waits in progress end as if they timed out. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.giveUps.forEach((giveUp) => giveUp());
    await Promise.all(this.informers().map((w) => w.informer.stop()));
  }

  /** close() was called: a wait that ended saw nothing because of it. */
  get closed(): boolean {
    return this.isClosed;
  }

  private informers(): ManagedInformer<KubernetesObject>[] {
    return [this.deploymentInformer, this.jobInformer, this.podInformer, this.sliceInformer];
  }

  private changed(): void {
    this.waiters.forEach((check) => check());
    this.listeners.forEach((listener) => listener());
  }
}

function labelled(object: KubernetesObject, labels: Record<string, string>): boolean {
  return Object.entries(labels).every(([key, value]) => object.metadata?.labels?.[key] === value);
}
