import type { V1Deployment, V1Job, V1PodTemplateSpec, V1Service } from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};
import type { KubeObject, Resource } from './fake-store';

export interface Cause {
  field: string;
  message: string;
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * The part of the API server's validation the driver could get wrong: names, labels, selectors that
 * match their template, containers, probes, quantities, Job restart policies. Each problem is a cause
 * of a 422 Invalid answer.
 */
export function validate(resource: Resource, object: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const name = object.metadata?.name ?? '';
  const nameRule = resource === 'services' ? DNS_1035_LABEL : DNS_1123_SUBDOMAIN;
  if (!nameRule.test(name) || name.length > (resource === 'services' || resource === 'jobs' ? 63 : 253)) {
    causes.push({
      field: 'metadata.name',
      message: `Invalid value: "${name}": not a valid ${resource} name`,
    });
  }
  labels(object.metadata?.labels, 'metadata.labels', causes);
  const annotationBytes = JSON.stringify(object.metadata?.annotations ?? {}).length;
  if (annotationBytes > 256 * 1024)
    causes.push({ field: 'metadata.annotations', message: 'Too long: must have at most 262144 bytes' });
  if (resource === 'deployments') {
    const { spec } = object as unknown as V1Deployment;
    const selector = spec?.selector?.matchLabels ?? {};
    const templateLabels = spec?.template?.metadata?.labels ?? {};
    if (Object.keys(selector).length === 0)
      causes.push({ field: 'spec.selector', message: 'Required value' });
    if (!Object.entries(selector).every(([k, v]) => templateLabels[k] === v)) {
      causes.push({
        field: 'spec.template.metadata.labels',
        message: 'Invalid value: `selector` does not match template `labels`',
      });
    }
    if (!Number.isInteger(spec?.replicas ?? 1) || (spec?.replicas ?? 1) < 0) {
      causes.push({ field: 'spec.replicas', message: 'Invalid value: must be greater than or equal to 0' });
    }
    podSpec(spec?.template, 'spec.template', causes);
  }
  if (resource === 'jobs') {
    const { spec } = object as unknown as V1Job;
    const restart = spec?.template?.spec?.restartPolicy;
    if (restart !== 'Never' && restart !== 'OnFailure') {
      causes.push({
        field: 'spec.template.spec.restartPolicy',
        message: `Unsupported value: "${restart}": supported values: "OnFailure", "Never"`,
      });
    }
    if (spec?.podFailurePolicy && restart !== 'Never') {
      causes.push({
        field: 'spec.podFailurePolicy',
        message: 'Invalid value: only allowed with restartPolicy Never',
      });
    }
    podSpec(spec?.template, 'spec.template', causes);
  }
  if (resource === 'services') {
    for (const [i, port] of ((object as unknown as V1Service).spec?.ports ?? []).entries()) {
      if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535) {
        causes.push({
          field: `spec.ports[${i}].port`,
          message: 'Invalid value: must be between 1 and 65535',
        });
      }
    }
  }
  return causes;
}

function labels(map: Record<string, string> | undefined, field: string, causes: Cause[]): void {
  for (const [key, value] of Object.entries(map ?? {})) {
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push({
        field: `${field}`,
        message: `Invalid value: "${value}": a valid label value (at most 63 characters) for ${key}`,
      });
    }
  }
}

function podSpec(template: V1PodTemplateSpec | undefined, field: string, causes: Cause[]): void {
  labels(template?.metadata?.labels, `${field}.metadata.labels`, causes);
  const containers = template?.spec?.containers ?? [];
  if (containers.length === 0) causes.push({ field: `${field}.spec.containers`, message: 'Required value' });
  const volumes = new Set((template?.spec?.volumes ?? []).map((v) => v.name));
  for (const [i, container] of containers.entries()) {
    const at = `${field}.spec.containers[${i}]`;
    if (!DNS_1123_LABEL.test(container.name ?? ''))
      causes.push({ field: `${at}.name`, message: 'Invalid value' });
    if (!container.image) causes.push({ field: `${at}.image`, message: 'Required value' });
    for (const env of container.env ?? []) {
      if (!ENV_NAME.test(env.name ?? ''))
        causes.push({ field: `${at}.env`, message: `Invalid value: "${env.name}"` });
      if (env.value !== undefined && typeof env.value !== 'string') {
        causes.push({ field: `${at}.env[${env.name}].value`, message: 'Invalid type: expected string' });
      }
    }
    for (const port of container.ports ?? []) {
      if (port.name && (port.name.length > 15 || !DNS_1123_LABEL.test(port.name))) {
        causes.push({ field: `${at}.ports.name`, message: `Invalid value: "${port.name}"` });
      }
    }
    for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
      const port = probe?.grpc?.port;
      if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
        causes.push({
          field: `${at}.probe.grpc.port`,
          message: 'Invalid value: must be between 1 and 65535',
        });
      }
    }
    for (const [kind, quantities] of Object.entries({
      requests: container.resources?.requests,
      limits: container.resources?.limits,
    })) {
      for (const [resource, value] of Object.entries(quantities ?? {})) {
        if (!QUANTITY.test(value))
          causes.push({
            field: `${at}.resources.${kind}[${resource}]`,
            message: `Invalid value: "${value}"`,
          });
      }
    }
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.has(mount.name))
        causes.push({ field: `${at}.volumeMounts.name`, message: `Not found: "${mount.name}"` });
    }
  }
}
