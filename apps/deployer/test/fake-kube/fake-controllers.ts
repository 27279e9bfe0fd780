import { createHash, randomBytes } from 'node:crypto';
import type {
  DiscoveryV1EndpointPort,
  V1JobCondition,
  V1PodTemplateSpec,
} from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import type { FakeStore, KubeObject, Stored } from './fake-store';

const RESERVED_SLICE_LABELS = [
  'kubernetes.io/service-name',
  'endpointslice.kubernetes.io/managed-by',
  'service.kubernetes.io/headless',
];

type Pod = Stored<'pods'>;

/**
 * The controllers a cluster runs for what the driver creates: Deployments (pods straight from the
 * Deployment, rolled with maxSurge/maxUnavailable; no ReplicaSet objects), Jobs (parallelism, work-queue
 * completion, backoff limit, podFailurePolicy), EndpointSlices for Services, and the garbage collector.
 * Every sync is idempotent; a store event schedules the next one.
 */
export class FakeControllers {
  private scheduled = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: FakeStore,
    private readonly namespace: string,
  ) {
    this.unsubscribe = store.onEvent(() => this.schedule());
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      this.syncDeployments();
      this.syncJobs();
      this.collectGarbage();
      this.syncEndpointSlices();
    });
  }

  private owned(owner: KubeObject): Pod[] {
    return this.store
      .list('pods', this.namespace)
      .filter((pod) => pod.metadata.ownerReferences?.some((ref) => ref.uid === owner.metadata.uid));
  }

  /** A Foreground deletion: the owner goes once its pods are gone. */
  private finishForeground(resource: 'deployments' | 'jobs', owner: KubeObject): boolean {
    if (!owner.metadata.deletionTimestamp) return false;
    const dependents = this.owned(owner);
    for (const pod of dependents) this.deletePod(pod);
    if (dependents.length === 0) this.store.remove(resource, this.namespace, owner.metadata.name);
    return true;
  }

  private syncDeployments(): void {
    for (const deployment of this.store.list('deployments', this.namespace)) {
      if (this.finishForeground('deployments', deployment) || !deployment.spec) continue;
      const { spec } = deployment;
      const desired = spec.replicas ?? 1;
      const hash = createHash('sha256').update(JSON.stringify(spec.template)).digest('hex').slice(0, 10);
      const live = this.owned(deployment).filter((pod) => !pod.metadata.deletionTimestamp);
      const current = live.filter((pod) => pod.metadata.labels?.['pod-template-hash'] === hash);
      const old = live.filter((pod) => !current.includes(pod));
      const rolling = spec.strategy?.rollingUpdate ?? {};
      const surge = percent(rolling.maxSurge ?? '25%', desired, Math.ceil);
      const unavailable = percent(rolling.maxUnavailable ?? '25%', desired, Math.floor);
      for (
        let n = current.length, count = live.length;
        n < desired && count < desired + surge;
        n++, count++
      ) {
        this.createPod(deployment, spec.template, `${deployment.metadata.name}-${hash}-${suffix()}`, hash);
      }
      const notReadyFirst = (pods: Pod[]) =>
        [...pods].sort((a, b) => Number(isReady(a)) - Number(isReady(b)));
      for (const pod of notReadyFirst(current).slice(0, Math.max(0, current.length - desired)))
        this.deletePod(pod);
      let available = current.filter(isReady).length + old.filter(isReady).length;
      for (const pod of notReadyFirst(old)) {
        if (!isReady(pod)) this.deletePod(pod);
        else if (available - 1 >= desired - unavailable) {
          this.deletePod(pod);
          available--;
        }
      }
      const pods = this.owned(deployment).filter((pod) => !pod.metadata.deletionTimestamp);
      this.setStatus('deployments', deployment, {
        observedGeneration: deployment.metadata.generation,
        replicas: pods.length,
        updatedReplicas: pods.filter((p) => p.metadata.labels?.['pod-template-hash'] === hash).length,
        readyReplicas: pods.filter(isReady).length,
        availableReplicas: pods.filter(isReady).length,
      });
    }
  }

  private syncJobs(): void {
    for (const job of this.store.list('jobs', this.namespace)) {
      if (this.finishForeground('jobs', job) || !job.spec) continue;
      const { spec } = job;
      const pods = this.owned(job);
      const phase = (pod: Pod) => pod.status?.phase ?? 'Pending';
      const active = pods.filter(
        (p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(phase(p)),
      );
      const succeeded = pods.filter((p) => phase(p) === 'Succeeded').length;
      const failed = pods.filter((p) => phase(p) === 'Failed');
      let conditions: V1JobCondition[] = job.status?.conditions ?? [];
      if (conditions.length === 0) {
        const rule = failed.map((pod) => failJobRule(job, pod)).find(Boolean);
        if (rule) conditions = [failedCondition('PodFailurePolicy', rule)];
        else if (failed.length > (spec.backoffLimit ?? 6)) {
          conditions = [
            failedCondition('BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
          ];
        } else if (succeeded > 0 && active.length === 0) {
          conditions = [
            { type: 'SuccessCriteriaMet', status: 'True' },
            { type: 'Complete', status: 'True' },
          ];
        } else if (succeeded === 0) {
          // Completions unset: a work queue. Pods start until parallelism; none once one succeeded.
          const parallelism = spec.parallelism ?? 1;
          for (let n = active.length; n < parallelism; n++)
            this.createPod(job, spec.template, `${job.metadata.name}-${suffix()}`);
          for (const pod of active.slice(parallelism)) this.deletePod(pod);
        }
      }
      if (conditions.some((c) => c.type === 'Failed')) for (const pod of active) this.deletePod(pod);
      this.setStatus('jobs', job, {
        active: active.length,
        succeeded,
        failed: failed.length,
        ...(conditions.length ? { conditions } : {}),
      });
    }
  }

  /** Background deletion: dependents whose owner is gone go too. */
  private collectGarbage(): void {
    const owners = [
      ...this.store.list('deployments', this.namespace),
      ...this.store.list('jobs', this.namespace),
      ...this.store.list('services', this.namespace),
    ];
    const alive = new Set(owners.map((o) => o.metadata.uid));
    for (const pod of this.store.list('pods', this.namespace)) {
      const refs = pod.metadata.ownerReferences ?? [];
      if (refs.length > 0 && !refs.some((o) => alive.has(o.uid))) this.deletePod(pod);
    }
    for (const slice of this.store.list('endpointslices', this.namespace)) {
      if (!slice.metadata.ownerReferences?.some((o) => alive.has(o.uid))) {
        this.store.remove('endpointslices', this.namespace, slice.metadata.name);
      }
    }
  }

  private syncEndpointSlices(): void {
    const pods = this.store.list('pods', this.namespace);
    for (const service of this.store.list('services', this.namespace)) {
      const selector = service.spec?.selector;
      if (!selector) continue;
      const selected = pods
        .filter(
          (pod) =>
            pod.status?.podIP && Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v),
        )
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      const containerPorts = new Map<string, number>(
        selected.flatMap((pod) =>
          (pod.spec?.containers ?? []).flatMap((c) =>
            (c.ports ?? []).map((p): [string, number] => [p.name ?? '', p.containerPort]),
          ),
        ),
      );
      const labels = Object.fromEntries(
        Object.entries(service.metadata.labels ?? {}).filter(([k]) => !RESERVED_SLICE_LABELS.includes(k)),
      );
      const ports: DiscoveryV1EndpointPort[] = (service.spec?.ports ?? []).map((p) => ({
        name: p.name,
        port:
          typeof p.targetPort === 'string'
            ? (containerPorts.get(p.targetPort) ?? p.port)
            : (p.targetPort ?? p.port),
        protocol: p.protocol ?? 'TCP',
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      }));
      const slice: KubeObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${service.metadata.name}-${service.metadata.uid!.slice(0, 5)}`,
          namespace: this.namespace,
          labels: {
            ...labels,
            'kubernetes.io/service-name': service.metadata.name,
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
            ...(service.spec?.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}),
          },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: service.metadata.name,
              uid: service.metadata.uid!,
              controller: true,
            },
          ],
        },
        addressType: 'IPv4',
        ports,
        endpoints: selected.map((pod) => {
          const terminating = Boolean(pod.metadata.deletionTimestamp);
          return {
            addresses: [pod.status!.podIP],
            conditions: { ready: isReady(pod) && !terminating, serving: isReady(pod), terminating },
            targetRef: {
              kind: 'Pod',
              name: pod.metadata.name,
              namespace: this.namespace,
              uid: pod.metadata.uid,
            },
          };
        }),
      };
      const existing = this.store.get('endpointslices', this.namespace, slice.metadata.name);
      if (!existing) this.store.create('endpointslices', slice);
      else
        this.store.update('endpointslices', {
          ...existing,
          ...slice,
          metadata: { ...existing.metadata, ...slice.metadata },
        });
    }
  }

  private createPod(
    owner: KubeObject,
    template: V1PodTemplateSpec,
    name: string,
    templateHash?: string,
  ): void {
    this.store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: this.namespace,
        labels: {
          ...template.metadata?.labels,
          ...(templateHash ? { 'pod-template-hash': templateHash } : {}),
        },
        annotations: { ...template.metadata?.annotations },
        ownerReferences: [
          {
            apiVersion: owner.apiVersion,
            kind: owner.kind,
            name: owner.metadata.name,
            uid: owner.metadata.uid!,
            controller: true,
          },
        ],
      },
      spec: structuredClone(template.spec),
      status: { phase: 'Pending' },
    });
  }

  private deletePod(pod: KubeObject): void {
    const current = this.store.get('pods', this.namespace, pod.metadata.name);
    if (!current || current.metadata.deletionTimestamp) return;
    this.store.update('pods', {
      ...current,
      metadata: { ...current.metadata, deletionTimestamp: new Date().toISOString() },
    });
  }

  private setStatus(resource: 'deployments' | 'jobs', object: KubeObject, status: object): void {
    const current = this.store.get(resource, this.namespace, object.metadata.name);
    if (current && JSON.stringify(current.status) !== JSON.stringify(status))
      this.store.update(resource, { ...current, status });
  }
}

export function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The message of the podFailurePolicy FailJob rule a failed pod matches, if any. */
function failJobRule(job: Stored<'jobs'>, pod: Pod): string | undefined {
  for (const [index, rule] of (job.spec?.podFailurePolicy?.rules ?? []).entries()) {
    const codes = rule.onExitCodes;
    if (rule.action !== 'FailJob' || !codes) continue;
    for (const status of pod.status?.containerStatuses ?? []) {
      const code = status.state?.terminated?.exitCode;
      if (codes.containerName && codes.containerName !== status.name) continue;
      if (code !== undefined && codes.operator === 'In' && codes.values.includes(code)) {
        return `Container ${status.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${code} matching FailJob rule at index ${index}`;
      }
    }
  }
  return undefined;
}

function failedCondition(reason: string, message: string): V1JobCondition {
  return { type: 'Failed', status: 'True', reason, message };
}

function percent(value: number | string, of: number, round: (n: number) => number): number {
  if (typeof value === 'number') return value;
  return round((of * Number(value.replace('%', ''))) / 100);
}

function suffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
}
