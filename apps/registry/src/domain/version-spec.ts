import { ROUTINES_OFF } from '@presage/env';
import type { Confinement } from '@presage/env';
import { ApiError } from '@presage/errors';
import type { FieldViolation } from '@presage/errors';
import { descriptionViolations, labelViolations, validateId } from '@presage/resources';
import type { Version__Output } from '@presage/proto';
import { monitoringViolations } from '../monitoring/monitoring-config';
import { localPathOf } from './local-path';
import { parseLogTableName } from './log-table-name';
import { lineageViolations } from './lineage';
import type { VersionSpec } from './records';

/** The most replicas one version may ask for. */
export const MAX_NODES = 100;
/** The highest autoScaling.targetConcurrency (concurrent requests per replica) a version may set. */
export const MAX_TARGET_CONCURRENCY = 1000;
/** The bounds of `batching`. */
export const MAX_BATCH_SIZE = 10_000;
export const MAX_QUEUE_DELAY_MS = 1_000;
const URI_SCHEMES = ['file:', 'http:', 'https:', 's3:', 'gs:'];
const PREDICTION_CLASS = /^[A-Za-z0-9_./@-]+#[A-Za-z_$][A-Za-z0-9_$]*$/;

export const VERSION_MUTABLE_PATHS = [
  'description',
  'labels',
  'request_logging_config',
  'request_logging_config.sampling_percentage',
  'request_logging_config.bigquery_table_name',
  'auto_scaling.min_nodes',
  'auto_scaling.max_nodes',
  'auto_scaling.target_concurrency',
  'manual_scaling.nodes',
  'batching',
  'batching.max_batch_size',
  'batching.max_queue_delay_ms',
  'lineage',
  'lineage.trained_by',
  'lineage.training_datasets',
  'lineage.evaluation_metrics',
  'lineage.source',
  'lineage.train_time',
  'monitoring_config',
] as const;

export const VERSION_KNOWN_PATHS = [
  'name',
  'is_default',
  'deployment_uri',
  'create_time',
  'last_use_time',
  'runtime_version',
  'manual_scaling',
  'auto_scaling',
  'state',
  'error_message',
  'framework',
  'python_version',
  'machine_type',
  'accelerator_config',
  'prediction_class',
  'package_uris',
  'etag',
  'service_account',
  'container',
  'routes',
  'signature',
  'update_time',
];

/** The validated parts of a new version. Output-only fields a client sends are ignored, as on AI Platform. */
export interface ValidatedVersion {
  name: string;
  description: string;
  deploymentUri: string;
  runtimeVersion: string;
  framework: string;
  labels: Record<string, string>;
  spec: VersionSpec;
  /** The monitoringConfig as given; spec.monitoringConfig is null until it is resolved. */
  monitoringConfig: Version__Output['monitoringConfig'];
  lineage: Version__Output['lineage'];
}

/**
 * Checks a CreateVersion body; throws one INVALID_ARGUMENT listing every problem. With a confinement,
 * local paths outside the allowed directories and custom routines where they are off are problems too.
 */
export function validateNewVersion(
  version: Version__Output | null,
  confinement?: Confinement,
): ValidatedVersion {
  if (!version) throw ApiError.invalidArgument({ field: 'version', description: 'A version is required.' });
  validateId(version.name, 'version.name', 'version');
  const violations: FieldViolation[] = [
    ...deploymentUriViolations(version),
    ...routineViolations(version),
    ...scalingViolations(version),
    ...labelViolations(version.labels, 'version.labels'),
    ...descriptionViolations(version.description, 'version.description'),
    ...(version.lineage ? lineageViolations(version.lineage, 'version.lineage') : []),
    ...loggingViolations(version.requestLoggingConfig, 'version.request_logging_config'),
    ...batchingViolations(version.batching, 'version.batching'),
    ...monitoringViolations(
      version.monitoringConfig,
      'version.monitoring_config',
      version.requestLoggingConfig,
    ),
    ...(confinement ? confinementViolations(version, confinement) : []),
  ];
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  return {
    name: version.name,
    description: version.description,
    deploymentUri: version.deploymentUri,
    runtimeVersion: version.runtimeVersion,
    framework: version.framework,
    labels: version.labels,
    spec: {
      manualScaling: version.manualScaling,
      // Presage serves a new version on one replica unless told otherwise.
      autoScaling: version.manualScaling
        ? null
        : (version.autoScaling ?? { minNodes: 1, maxNodes: 0, metrics: [] }),
      pythonVersion: version.pythonVersion,
      machineType: version.machineType,
      acceleratorConfig: version.acceleratorConfig,
      predictionClass: version.predictionClass,
      packageUris: version.packageUris,
      serviceAccount: version.serviceAccount,
      requestLoggingConfig: version.requestLoggingConfig,
      routes: version.routes,
      batching: version.batching,
      // Resolved to statistics by the handler (resolveMonitoringConfig), which reads the baseline.
      monitoringConfig: null,
    },
    monitoringConfig: version.monitoringConfig,
    lineage: version.lineage,
  };
}

function deploymentUriViolations(version: Version__Output): FieldViolation[] {
  const field = 'version.deployment_uri';
  if (version.container) {
    return [
      {
        field: 'version.container',
        description: 'Custom containers are not supported; use predictionClass with packageUris.',
      },
    ];
  }
  if (!version.deploymentUri) {
    return [{ field, description: 'The directory holding the model artifacts is required.' }];
  }
  const uri = version.deploymentUri;
  if (uri.startsWith('/')) return [];
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(uri)?.[1]?.toLowerCase();
  if (!scheme || !URI_SCHEMES.includes(scheme)) {
    return [
      {
        field,
        description: `Use an absolute path or a ${URI_SCHEMES.map((s) => `${s}//`).join(', ')} URI; got "${uri.slice(0, 200)}".`,
      },
    ];
  }
  return [];
}

/** Local paths outside PRESAGE_ALLOWED_PATHS (as written; the deployer follows links), routines where off. */
function confinementViolations(version: Version__Output, { allowedPaths, customRoutines }: Confinement) {
  const violations: FieldViolation[] = [];
  if (version.predictionClass && !customRoutines) {
    violations.push({ field: 'version.prediction_class', description: ROUTINES_OFF });
  }
  const sources: [string, string][] = [
    ['version.deployment_uri', version.deploymentUri],
    ...version.packageUris.map((uri, i): [string, string] => [`version.package_uris[${i}]`, uri]),
  ];
  for (const [field, uri] of sources) {
    const local = localPathOf(uri);
    if (local !== undefined && !allowedPaths.contains(local)) {
      violations.push({ field, description: allowedPaths.refusal(`"${uri.slice(0, 200)}"`) });
    }
  }
  return violations;
}

function routineViolations(version: Version__Output): FieldViolation[] {
  if (!version.predictionClass) return [];
  const violations: FieldViolation[] = [];
  if (!PREDICTION_CLASS.test(version.predictionClass)) {
    violations.push({
      field: 'version.prediction_class',
      description: 'Expected "module#ClassName", e.g. "predictor.js#Predictor".',
    });
  }
  if (version.packageUris.length === 0) {
    violations.push({
      field: 'version.package_uris',
      description: 'A custom prediction routine needs packageUris with its code.',
    });
  }
  if (version.framework !== 'FRAMEWORK_UNSPECIFIED') {
    violations.push({
      field: 'version.framework',
      description: 'Leave framework unset for a custom prediction routine.',
    });
  }
  return violations;
}

function scalingViolations(version: Version__Output): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (version.manualScaling && version.autoScaling) {
    violations.push({
      field: 'version.manual_scaling',
      description: 'Set manualScaling or autoScaling, not both.',
    });
  }
  if (version.manualScaling)
    violations.push(...nodesViolations(version.manualScaling.nodes, 1, 'version.manual_scaling.nodes'));
  if (version.autoScaling)
    violations.push(...autoScalingViolations(version.autoScaling, 'version.auto_scaling'));
  return violations;
}

export function nodesViolations(nodes: number, min: number, field: string): FieldViolation[] {
  if (!Number.isInteger(nodes) || nodes < min || nodes > MAX_NODES) {
    return [{ field, description: `Must be between ${min} and ${MAX_NODES}; got ${nodes}.` }];
  }
  return [];
}

export function autoScalingViolations(
  scaling: { minNodes: number; maxNodes: number; targetConcurrency?: number },
  field: string,
): FieldViolation[] {
  const violations = nodesViolations(scaling.minNodes, 0, `${field}.min_nodes`);
  const target = scaling.targetConcurrency ?? 0;
  if (!Number.isInteger(target) || target < 0 || target > MAX_TARGET_CONCURRENCY) {
    violations.push({
      field: `${field}.target_concurrency`,
      description: `Must be between 0 (the autoscaler's default) and ${MAX_TARGET_CONCURRENCY}; got ${target}.`,
    });
  }
  if (scaling.maxNodes !== 0) {
    violations.push(...nodesViolations(scaling.maxNodes, 1, `${field}.max_nodes`));
    if (scaling.maxNodes < scaling.minNodes) {
      violations.push({
        field: `${field}.max_nodes`,
        description: `Must be at least minNodes (${scaling.minNodes}).`,
      });
    }
  }
  return violations;
}

export function loggingViolations(
  config: Version__Output['requestLoggingConfig'],
  field: string,
): FieldViolation[] {
  if (!config) return [];
  const violations: FieldViolation[] = [];
  const rate = config.samplingPercentage;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    violations.push({
      field: `${field}.sampling_percentage`,
      description: `A fraction between 0 and 1; got ${rate}.`,
    });
  }
  const table = parseLogTableName(config.bigqueryTableName);
  if (typeof table === 'string') {
    violations.push({ field: `${field}.bigquery_table_name`, description: table });
  }
  return violations;
}

export function batchingViolations(batching: VersionSpec['batching'], field: string): FieldViolation[] {
  if (!batching) return [];
  const violations: FieldViolation[] = [];
  const size = batching.maxBatchSize;
  if (!Number.isInteger(size) || size < 0 || size > MAX_BATCH_SIZE) {
    violations.push({
      field: `${field}.max_batch_size`,
      description: `Must be between 0 (the default, 64) and ${MAX_BATCH_SIZE}; 1 turns merging off. Got ${size}.`,
    });
  }
  const delay = batching.maxQueueDelayMs;
  if (!Number.isInteger(delay) || delay < 0 || delay > MAX_QUEUE_DELAY_MS) {
    violations.push({
      field: `${field}.max_queue_delay_ms`,
      description: `Must be between 0 (no wait) and ${MAX_QUEUE_DELAY_MS} milliseconds; got ${delay}.`,
    });
  }
  return violations;
}
