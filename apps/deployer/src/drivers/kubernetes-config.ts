import fs from 'node:fs';

/** The Kubernetes driver's settings (PRESAGE_REPLICA_DRIVER=kubernetes), read by loadDeployerConfig. */
export interface KubernetesDriverConfig {
  /**
   * PRESAGE_KUBE_NAMESPACE: where predictor Deployments, Services and batch Jobs go.
   * @default the deployer pod's own namespace (its service-account file), else the kubeconfig context's, else 'default'
   */
  namespace: string | undefined;
  /** PRESAGE_PREDICTOR_IMAGE (required): the Presage image predictor pods run, e.g. `registry.example.com/presage:0.1.0`. */
  image: string;
  /**
   * PRESAGE_ARTIFACTS_CLAIM: the PersistentVolumeClaim (ReadWriteMany) holding `$PRESAGE_HOME/artifacts`, which
   * predictor pods mount read-only at the same path. @default 'presage-artifacts'
   */
  artifactsClaim: string;
  /** PRESAGE_PREDICTOR_CPU_REQUEST / PRESAGE_PREDICTOR_MEMORY_REQUEST. @default { cpu: '500m', memory: '512Mi' } */
  requests: Record<string, string>;
  /** PRESAGE_PREDICTOR_CPU_LIMIT / PRESAGE_PREDICTOR_MEMORY_LIMIT ('' for none). @default { memory: '2Gi' } */
  limits: Record<string, string>;
  /** PRESAGE_PREDICTOR_SERVICE_ACCOUNT: the predictor pods' service account. @default the namespace's default */
  serviceAccountName: string | undefined;
  /** PRESAGE_KUBE_START_TIMEOUT_MS: how long pods may take to be ready (image pull, scheduling, model load). @default 300000 */
  startTimeoutMs: number;
  /**
   * What predictor pods inherit from the deployer's environment, as local replicas do: PRESAGE_LOG_LEVEL,
   * PRESAGE_OTLP_ENDPOINT, PRESAGE_OTLP_TRACES_ENDPOINT, PRESAGE_METRICS_EXPORT_INTERVAL_MS, OTEL_*, and
   * the message limits PRESAGE_MAX_BODY_BYTES and PRESAGE_MAX_RESPONSE_BYTES.
   */
  podEnv: Record<string, string>;
  /**
   * PRESAGE_BATCH_DATA_CLAIM and PRESAGE_BATCH_DATA_PATH: a PersistentVolumeClaim (ReadWriteMany) holding
   * batch jobs' input and output files, mounted read-write at that path (default `/data`) in batch worker
   * pods, as in the batch service's pod. @default undefined (workers see only the artifact store)
   */
  batchData: { claim: string; mountPath: string } | undefined;
}

const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';
/** A Kubernetes quantity: `500m`, `2`, `512Mi`, `1.5Gi`. */
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** What local replicas inherit from the deployer and pods need too: logging, telemetry export, message limits. */
const FORWARDED =
  /^(PRESAGE_LOG_LEVEL|PRESAGE_OTLP_ENDPOINT|PRESAGE_OTLP_TRACES_ENDPOINT|PRESAGE_METRICS_EXPORT_INTERVAL_MS|PRESAGE_MAX_BODY_BYTES|PRESAGE_MAX_RESPONSE_BYTES|OTEL_[A-Z0-9_]+)$/;

/** Reads the driver's variables from `env`, pushing every problem onto `problems`. */
export function loadKubernetesDriverConfig(
  env: NodeJS.ProcessEnv,
  problems: string[],
  podNamespace: () => string | undefined = readServiceAccountNamespace,
): KubernetesDriverConfig {
  const namespace = env['PRESAGE_KUBE_NAMESPACE'] || podNamespace();
  if (namespace && !DNS_LABEL.test(namespace)) {
    problems.push(`PRESAGE_KUBE_NAMESPACE must be a Kubernetes namespace name, got "${namespace}"`);
  }
  const image = env['PRESAGE_PREDICTOR_IMAGE'] ?? '';
  if (!image || /\s/.test(image)) {
    problems.push(
      'PRESAGE_PREDICTOR_IMAGE is required with PRESAGE_REPLICA_DRIVER=kubernetes: the Presage image predictor pods run',
    );
  }
  const artifactsClaim = env['PRESAGE_ARTIFACTS_CLAIM'] || 'presage-artifacts';
  if (!DNS_SUBDOMAIN.test(artifactsClaim)) {
    problems.push(`PRESAGE_ARTIFACTS_CLAIM must be a PersistentVolumeClaim name, got "${artifactsClaim}"`);
  }
  const quantities = (entries: Array<[string, string, string]>) => {
    const result: Record<string, string> = {};
    for (const [resource, variable, fallback] of entries) {
      const value = env[variable] ?? fallback;
      if (value === '') continue;
      if (!QUANTITY.test(value))
        problems.push(`${variable} must be a Kubernetes quantity such as 500m or 2Gi, got "${value}"`);
      result[resource] = value;
    }
    return result;
  };
  const requests = quantities([
    ['cpu', 'PRESAGE_PREDICTOR_CPU_REQUEST', '500m'],
    ['memory', 'PRESAGE_PREDICTOR_MEMORY_REQUEST', '512Mi'],
  ]);
  const limits = quantities([
    ['cpu', 'PRESAGE_PREDICTOR_CPU_LIMIT', ''],
    ['memory', 'PRESAGE_PREDICTOR_MEMORY_LIMIT', '2Gi'],
  ]);
  const serviceAccountName = env['PRESAGE_PREDICTOR_SERVICE_ACCOUNT'] || undefined;
  if (serviceAccountName && !DNS_SUBDOMAIN.test(serviceAccountName)) {
    problems.push(
      `PRESAGE_PREDICTOR_SERVICE_ACCOUNT must be a service account name, got "${serviceAccountName}"`,
    );
  }
  const startTimeoutMs = Number(env['PRESAGE_KUBE_START_TIMEOUT_MS'] || 300_000);
  if (!Number.isInteger(startTimeoutMs) || startTimeoutMs < 1000) {
    problems.push('PRESAGE_KUBE_START_TIMEOUT_MS must be an integer ≥ 1000');
  }
  const podEnv = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => FORWARDED.test(entry[0]) && entry[1] !== undefined,
    ),
  );
  const dataClaim = env['PRESAGE_BATCH_DATA_CLAIM'] || undefined;
  const dataPath = env['PRESAGE_BATCH_DATA_PATH'] || '/data';
  if (dataClaim && !DNS_SUBDOMAIN.test(dataClaim)) {
    problems.push(`PRESAGE_BATCH_DATA_CLAIM must be a PersistentVolumeClaim name, got "${dataClaim}"`);
  }
  if (!dataPath.startsWith('/'))
    problems.push(`PRESAGE_BATCH_DATA_PATH must be an absolute path, got "${dataPath}"`);
  const batchData = dataClaim ? { claim: dataClaim, mountPath: dataPath } : undefined;
  return {
    namespace,
    image,
    artifactsClaim,
    requests,
    limits,
    serviceAccountName,
    startTimeoutMs,
    podEnv,
    batchData,
  };
}

function readServiceAccountNamespace(): string | undefined {
  try {
    return fs.readFileSync(SERVICE_ACCOUNT_NAMESPACE, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
