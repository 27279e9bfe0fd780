import { createHash } from 'node:crypto';
import { nameSegments } from '@presage/resources';

/** Labels and annotations the Kubernetes driver puts on what it creates; selectors use the labels. */
export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  name: 'app.kubernetes.io/name',
  component: 'app.kubernetes.io/component',
  /** A hash of the version's full name: selects its pods, Service and EndpointSlices. */
  versionHash: 'presage.dev/version-hash',
  /** A hash of a batch job's full name: selects its worker pods. */
  jobHash: 'presage.dev/job-hash',
  /** A hash of the pod template: tells the pods of the current spec from those of a previous one. */
  templateHash: 'presage.dev/template-hash',
} as const;

export const ANNOTATIONS = {
  /** The version's resource name, `projects/{p}/models/{m}/versions/{v}` (too long for a label). */
  version: 'presage.dev/version',
  /** The batch job's resource name, `projects/{p}/jobs/{j}`. */
  job: 'presage.dev/job',
  /** The model description the version's predictor reported (JSON), for a version scaled to zero. */
  model: 'presage.dev/model',
} as const;

/** `app.kubernetes.io/managed-by` on everything the driver creates. */
export const MANAGER = 'presage-deployer';
/** Field manager of server-side apply requests. */
export const FIELD_MANAGER = 'presage-deployer';
export const PREDICTOR_COMPONENT = 'predictor';
export const WORKER_COMPONENT = 'batch-worker';
/** Selects everything the driver manages: its informers watch this. */
export const MANAGED_SELECTOR = `${LABELS.managedBy}=${MANAGER}`;

/** Kubernetes names: at most 63 characters so they are valid Service names and label values. */
const MAX_NAME = 63;
const HASH_LENGTH = 10;

/** A short, stable hash of a resource name; a valid label value. */
export function nameHash(resourceName: string): string {
  return createHash('sha256').update(resourceName).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * The Deployment and Service of a version: `presage-<model>-<version>-<hash>`, lowercase, DNS-1035
 * (valid as a Service name), unique through the hash of the full name (projects and names that differ
 * only in case or `_` vs `-` get different hashes).
 */
export function versionResourceName(version: string): string {
  const parts = nameSegments(version);
  const readable = parts?.kind === 'version' ? `${parts.model}-${parts.version}` : version;
  return boundedName(`presage-${readable}`, nameHash(version));
}

/** The Job of a batch job's workers: `presage-job-<job>-<hash>`. */
export function jobResourceName(job: string): string {
  const parts = nameSegments(job);
  return boundedName(`presage-job-${parts?.kind === 'job' ? parts.job : job}`, nameHash(job));
}

/** A hash of an object's canonical JSON (keys sorted), as a label value. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, HASH_LENGTH);
}

function boundedName(readable: string, hash: string): string {
  const slug = readable
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, MAX_NAME - HASH_LENGTH - 1)
    .replace(/-+$/, '');
  return `${slug}-${hash}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
