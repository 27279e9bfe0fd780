// Admission, as far as the driver depends on it: what the API server fills in, and its validation.
import { randomInt } from 'node:crypto';
import type { V1DeploymentSpec, V1JobSpec, V1ServiceSpec } from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};
import type { KubeObject, Resource } from './fake-store';
import { validate } from './fake-validation';

/** Where each resource lives in the API, and its kind. */
export const RESOURCES: Record<Resource, { groupVersion: string; kind: string; group: string }> = {
  pods: { groupVersion: 'v1', kind: 'Pod', group: '' },
  services: { groupVersion: 'v1', kind: 'Service', group: '' },
  deployments: { groupVersion: 'apps/v1', kind: 'Deployment', group: 'apps' },
  jobs: { groupVersion: 'batch/v1', kind: 'Job', group: 'batch' },
  endpointslices: { groupVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', group: 'discovery.k8s.io' },
};

/** An API error, answered as a Status body. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What the API server fills in: Deployment replicas, a Service's cluster IP, a Job's selector and labels. */
export function defaults(resource: Resource, object: KubeObject, uid = object.metadata.uid): void {
  if (resource === 'deployments') {
    object.spec = { replicas: 1, ...(object.spec as V1DeploymentSpec) };
  }
  const service = object.spec as V1ServiceSpec | undefined;
  if (resource === 'services' && !service?.clusterIP) {
    object.spec = { ...service, clusterIP: `10.96.${randomInt(0, 250)}.${randomInt(2, 250)}` };
  }
  if (resource === 'jobs') {
    const spec = object.spec as V1JobSpec;
    const name = object.metadata.name;
    const jobLabels = {
      'batch.kubernetes.io/controller-uid': uid!,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid!,
      'job-name': name,
    };
    object.spec = {
      backoffLimit: 6,
      ...spec,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid! } },
      template: {
        ...spec.template,
        metadata: {
          ...spec.template?.metadata,
          labels: { ...spec.template?.metadata?.labels, ...jobLabels },
        },
      },
    };
  }
}

export function invalidIf(resource: Resource, object: KubeObject): void {
  const causes = validate(resource, object);
  if (causes.length > 0) throw invalid(resource, object.metadata.name, causes);
}

export function invalid(
  resource: Resource,
  name: string,
  causes: Array<{ field: string; message: string }>,
): StatusError {
  const meta = RESOURCES[resource];
  return new StatusError(
    422,
    'Invalid',
    `${meta.kind}${meta.group ? `.${meta.group}` : ''} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`,
    { causes: causes.map((c) => ({ reason: 'FieldValueInvalid', ...c })) },
  );
}
