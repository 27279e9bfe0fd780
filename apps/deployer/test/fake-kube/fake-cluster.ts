import fs from 'node:fs';
import path from 'node:path';
import { FakeApiServer } from './fake-api-server';
import type { RecordedRequest } from './fake-api-server';
import { FakeControllers } from './fake-controllers';
import { FakeKubelet } from './fake-kubelet';
import { FakeStore } from './fake-store';
import type { KubeObject, Resource, Stored } from './fake-store';

export type { KubeObject, RecordedRequest, Resource, Stored };

/**
 * A one-node Kubernetes cluster for tests, because none can run on these machines (no cluster, no
 * container engine): a fake API server (node:http, the REST subset the deployer's driver uses) with the
 * controllers and a kubelet that runs pods' containers as real local processes. Everything the driver
 * under test does goes through @kubernetes/client-node and a kubeconfig pointing at it.
 */
export interface FakeCluster {
  url: string;
  /** A kubeconfig for the cluster, its context in `namespace`. */
  kubeconfigPath: string;
  namespace: string;
  /** Every request served, oldest first. */
  requests: RecordedRequest[];
  /** `verb resource` pairs to answer 403 Forbidden, e.g. `patch deployments`. */
  forbidden: Set<string>;
  objects<R extends Resource>(resource: R): Array<Stored<R>>;
  get<R extends Resource>(resource: R, name: string): Stored<R> | undefined;
  /** What a pod's container printed. */
  logs(podName: string): string[];
  close(): Promise<void>;
}

export interface FakeClusterOptions {
  /** Where the kubeconfig is written. */
  dir: string;
  /** @default 'presage' */
  namespace?: string;
  /** PersistentVolumeClaims: name → host directory (pods must mount each at that path). */
  claims: Record<string, string>;
  /** Images the node can pull. */
  images: string[];
}

const REPOSITORY = path.resolve(__dirname, '../../../..');

export async function startFakeCluster(options: FakeClusterOptions): Promise<FakeCluster> {
  const namespace = options.namespace ?? 'presage';
  const store = new FakeStore();
  const controllers = new FakeControllers(store, namespace);
  const kubelet = new FakeKubelet({
    store,
    namespace,
    claims: options.claims,
    images: options.images,
    workdir: REPOSITORY,
    // deploy/docker/Dockerfile's ENV.
    imageEnv: { NODE_ENV: 'production', ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  const api = new FakeApiServer(store, (pod) => kubelet.logs(pod));
  const url = await api.listen();
  const kubeconfigPath = path.join(options.dir, `kubeconfig-${path.basename(url.replace(/:/g, '-'))}`);
  fs.mkdirSync(options.dir, { recursive: true });
  fs.writeFileSync(
    kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      // client-node refuses plain http unless TLS verification is off.
      `  - name: fake\n    cluster:\n      server: ${url}\n      insecure-skip-tls-verify: true`,
      'users:',
      '  - name: fake\n    user:\n      token: fake-token',
      'contexts:',
      `  - name: fake\n    context:\n      cluster: fake\n      user: fake\n      namespace: ${namespace}`,
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return {
    url,
    kubeconfigPath,
    namespace,
    requests: api.requests,
    forbidden: api.forbidden,
    objects: (resource) => store.list(resource, namespace),
    get: (resource, name) => store.get(resource, namespace, name),
    logs: (podName) => kubelet.logs(podName),
    async close() {
      controllers.stop();
      await kubelet.close();
      await api.close();
    },
  };
}
