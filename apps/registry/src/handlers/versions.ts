import { alreadyExistsOn, inTransaction } from '@presage/db';
import { ApiError } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import {
  checkEtag,
  decodePageToken,
  descriptionViolations,
  labelViolations,
  messagePage,
  newEtag,
  pageSizeOf,
  parseFilter,
  parseModelName,
  parseVersionName,
  validateUpdateMask,
  versionResourceName,
} from '@presage/resources';
import type { ModelServiceHandlers, Version__Output } from '@presage/proto';
import { lineageViolations } from '../domain/lineage';
import type { VersionRecord, VersionSpec, VersionState } from '../domain/records';
import { requireTransition, updateEvent } from '../domain/version-lifecycle';
import {
  VERSION_KNOWN_PATHS,
  VERSION_MUTABLE_PATHS,
  autoScalingViolations,
  batchingViolations,
  loggingViolations,
  nodesViolations,
  validateNewVersion,
} from '../domain/version-spec';
import { monitoringViolations, resolveMonitoringConfig } from '../monitoring/monitoring-config';
import type { StoredMonitoringConfig } from '../monitoring/monitoring-config';
import { listEvents } from '../store/events';
import { touchModelEtag } from '../store/models';
import { VERSION_FILTER_FIELDS, countVersions, insertVersion, listVersions } from '../store/versions';
import type { RegistryDeps } from './deps';
import { actorOf, pageBytes } from './deps';
import { requireModel, requireVersion } from './lookups';
import { eventMessage, operationMessage, versionMessage } from './messages';
import { refuseDeletingRolloutVersion } from './model-rollout';
import { applyMove, makeDefault, recordEvent, startMoveOperation, versionName } from './version-flows';

type VersionHandlers = Pick<
  AsyncHandlers<ModelServiceHandlers>,
  | 'CreateVersion'
  | 'GetVersion'
  | 'ListVersions'
  | 'UpdateVersion'
  | 'DeleteVersion'
  | 'SetDefaultVersion'
  | 'ListDeploymentEvents'
>;

export function createVersionHandlers(deps: RegistryDeps): VersionHandlers {
  return {
    async CreateVersion(request, context) {
      const modelName = parseModelName(request.parent, 'parent');
      const valid = validateNewVersion(request.version, deps.confinement);
      if (valid.monitoringConfig) {
        valid.spec.monitoringConfig = await resolveMonitoring(
          valid.monitoringConfig,
          valid.lineage?.trainingDatasets ?? [],
          deps,
        );
      }
      const actor = actorOf(context);
      const lineage = { ...valid.lineage, publishedBy: valid.lineage?.publishedBy || actor };
      const name = versionResourceName({ ...modelName, version: valid.name });
      // A version that exists already is refused by the database's unique index (ALREADY_EXISTS).
      const created = requireTransition('GONE', 'create-requested', name);
      const op = await inTransaction(deps.knex, async (trx) => {
        const model = await requireModel(trx, modelName, { forUpdate: true });
        const now = deps.now();
        const first = (await countVersions(trx, model.id)) === 0;
        const version = await insertVersion(trx, {
          ...valid,
          lineage,
          modelId: model.id,
          project: model.project,
          model: model.name,
          state: created.next as VersionState,
          isDefault: first,
          etag: newEtag(),
          createTime: now,
        }).catch((error: unknown) => alreadyExistsOn(error, 'version', name, 'version.name'));
        if (created.event) {
          await recordEvent(trx, version, created.event, actor, now, `from ${version.deploymentUri}`);
        }
        if (first) {
          await recordEvent(trx, version, 'BECAME_DEFAULT', actor, now, 'the first version of its model');
          await touchModelEtag(trx, model.id, newEtag(), now);
        }
        return startMoveOperation(trx, created, model, version, now);
      });
      deps.logger.info('version created', { version: name, operation: op.name });
      return operationMessage(op);
    },

    async GetVersion(request) {
      const { version } = await requireVersion(deps.knex, parseVersionName(request.name, 'name'));
      return versionMessage(version);
    },

    async ListVersions(request) {
      const modelName = parseModelName(request.parent, 'parent');
      const terms = parseFilter(request.filter, VERSION_FILTER_FIELDS);
      const size = pageSizeOf(request.pageSize);
      const query = `versions|${request.parent}|${request.filter}`;
      const model = await requireModel(deps.knex, modelName);
      const rows = await listVersions(
        deps.knex,
        model.id,
        terms,
        decodePageToken(request.pageToken, query),
        size + 1,
      );
      const { messages, nextPageToken } = messagePage(rows, size, query, versionMessage, {
        typeName: 'presage.v1.Version',
        maxBytes: pageBytes(deps),
      });
      return { versions: messages, nextPageToken };
    },

    async UpdateVersion(request, context) {
      const name = parseVersionName(request.name, 'name');
      const paths = validateUpdateMask(
        request.updateMask?.paths ?? [],
        VERSION_MUTABLE_PATHS,
        VERSION_KNOWN_PATHS,
      );
      const patch = request.version;
      if (!patch) throw ApiError.invalidArgument({ field: 'version', description: 'A version is required.' });
      const actor = actorOf(context);
      // The baseline file is read before the transaction; the lineage it may default to is re-read there.
      const monitoring = paths.includes('monitoring_config')
        ? await resolvePatchedMonitoring(deps, name, patch, paths)
        : undefined;
      const op = await inTransaction(deps.knex, async (trx) => {
        const { model, version } = await requireVersion(trx, name, { forUpdate: true });
        const move = requireTransition(version.state, updateEvent(paths), versionName(version));
        checkEtag(patch.etag, version.etag, request.name);
        const changes = applyPatch(version, patch, paths, monitoring);
        const now = deps.now();
        // The request is UPDATED; SCALED comes from the deployer once the replicas actually changed.
        const updated = await applyMove(trx, version, move, {
          actor,
          now,
          message: `updated ${paths.join(', ')}`,
          changes,
        });
        // An update the replicas run with stays pending until the deployer reports it deployed; the
        // deployer hears of every committed change through its target watch.
        return startMoveOperation(trx, move, model, updated, now);
      });
      return operationMessage(op);
    },

    async DeleteVersion(request, context) {
      const name = parseVersionName(request.name, 'name');
      const actor = actorOf(context);
      const op = await inTransaction(deps.knex, async (trx) => {
        const { model, version } = await requireVersion(trx, name, { forUpdate: true });
        const move = requireTransition(version.state, 'delete-requested', versionName(version));
        if (version.isDefault && (await countVersions(trx, model.id)) > 1) {
          throw ApiError.failedPrecondition(
            `Version ${request.name} is the default version of its model; make another version the default before deleting it.`,
            'DEFAULT_VERSION',
          );
        }
        refuseDeletingRolloutVersion(model, version.name, request.name);
        const now = deps.now();
        const deleting = await applyMove(trx, version, move, { actor, now });
        return startMoveOperation(trx, move, model, deleting, now);
      });
      return operationMessage(op);
    },

    async SetDefaultVersion(request, context) {
      const name = parseVersionName(request.name, 'name');
      const actor = actorOf(context);
      const version = await inTransaction(deps.knex, async (trx) => {
        const { model, version } = await requireVersion(trx, name, { forUpdate: true });
        return makeDefault(trx, model, version, actor, deps.now());
      });
      return versionMessage(version);
    },

    async ListDeploymentEvents(request) {
      const name = parseVersionName(request.parent, 'parent');
      const size = pageSizeOf(request.pageSize);
      const query = `events|${request.parent}`;
      const { version } = await requireVersion(deps.knex, name);
      const rows = await listEvents(
        deps.knex,
        version.id,
        decodePageToken(request.pageToken, query),
        size + 1,
      );
      const { messages, nextPageToken } = messagePage(
        rows,
        size,
        query,
        (event) => eventMessage(version, event),
        { typeName: 'presage.v1.DeploymentEvent', maxBytes: pageBytes(deps) },
      );
      return { deploymentEvents: messages, nextPageToken };
    },
  };
}

/**
 * A patched monitoringConfig, resolved against its baseline: null when the patch removes it. Checked
 * with the request logging the version will have after the patch.
 */
async function resolvePatchedMonitoring(
  deps: RegistryDeps,
  name: ReturnType<typeof parseVersionName>,
  patch: Version__Output,
  paths: readonly string[],
): Promise<StoredMonitoringConfig | null> {
  const config = patch.monitoringConfig;
  if (!config) return null;
  const { version } = await requireVersion(deps.knex, name);
  const logging = paths.some((p) => p.startsWith('request_logging_config'))
    ? patch.requestLoggingConfig
    : version.spec.requestLoggingConfig;
  const violations = monitoringViolations(config, 'version.monitoring_config', logging);
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  const lineage = paths.some((p) => p.startsWith('lineage')) ? patch.lineage : version.lineage;
  const datasets = (lineage as { trainingDatasets?: { uri?: string }[] } | null)?.trainingDatasets ?? [];
  return resolveMonitoring(config, datasets, deps);
}

/** The monitoringConfig to store; INVALID_ARGUMENT when its baseline cannot be used. */
async function resolveMonitoring(
  config: NonNullable<Version__Output['monitoringConfig']>,
  trainingDatasets: readonly { uri?: string }[],
  deps: RegistryDeps,
): Promise<StoredMonitoringConfig> {
  const resolved = await resolveMonitoringConfig(config, 'version.monitoring_config', trainingDatasets, {
    allowedPaths: deps.confinement?.allowedPaths,
    webhookHosts: deps.webhookHosts,
  });
  if (Array.isArray(resolved)) throw ApiError.invalidArgument(resolved);
  return resolved;
}

/** The stored changes an update mask asks for, validated against the version's scaling mode. */
function applyPatch(
  version: VersionRecord,
  patch: Version__Output,
  paths: string[],
  monitoring: StoredMonitoringConfig | null | undefined,
) {
  const spec: VersionSpec = { ...version.spec };
  if (monitoring !== undefined) spec.monitoringConfig = monitoring;
  const violations = [];
  let lineage = version.lineage;
  for (const path of paths) {
    if (path.startsWith('request_logging_config')) {
      const current = spec.requestLoggingConfig ?? { bigqueryTableName: '', samplingPercentage: 0 };
      const next = patch.requestLoggingConfig ?? { bigqueryTableName: '', samplingPercentage: 0 };
      spec.requestLoggingConfig =
        path === 'request_logging_config'
          ? patch.requestLoggingConfig
          : path.endsWith('sampling_percentage')
            ? { ...current, samplingPercentage: next.samplingPercentage }
            : { ...current, bigqueryTableName: next.bigqueryTableName };
    } else if (path === 'manual_scaling.nodes') {
      if (!spec.manualScaling) {
        throw ApiError.invalidArgument({
          field: 'update_mask',
          description: 'This version uses autoScaling; update auto_scaling.min_nodes instead.',
        });
      }
      const nodes = patch.manualScaling?.nodes ?? 0;
      violations.push(...nodesViolations(nodes, 1, 'version.manual_scaling.nodes'));
      spec.manualScaling = { nodes };
    } else if (path.startsWith('auto_scaling.')) {
      if (!spec.autoScaling) {
        throw ApiError.invalidArgument({
          field: 'update_mask',
          description: 'This version uses manualScaling; update manual_scaling.nodes instead.',
        });
      }
      const key = AUTO_SCALING_FIELDS[path]!;
      spec.autoScaling = { ...spec.autoScaling, [key]: patch.autoScaling?.[key] ?? 0 };
    } else if (path.startsWith('batching')) {
      const current = spec.batching ?? { maxBatchSize: 0, maxQueueDelayMs: 0 };
      const next = patch.batching ?? { maxBatchSize: 0, maxQueueDelayMs: 0 };
      spec.batching =
        path === 'batching'
          ? patch.batching
          : path === 'batching.max_batch_size'
            ? { ...current, maxBatchSize: next.maxBatchSize }
            : { ...current, maxQueueDelayMs: next.maxQueueDelayMs };
    } else if (path.startsWith('lineage')) {
      lineage = mergeLineage(lineage, patch.lineage, path);
    }
  }
  if (paths.some((p) => p.startsWith('request_logging_config'))) {
    violations.push(
      ...loggingViolations(spec.requestLoggingConfig ?? null, 'version.request_logging_config'),
    );
    if (spec.monitoringConfig && !((spec.requestLoggingConfig?.samplingPercentage ?? 0) > 0)) {
      violations.push({
        field: 'version.request_logging_config',
        description:
          'Model monitoring reads this version’s request logs: remove monitoring_config in the same update to turn logging off.',
      });
    }
  }
  if (paths.some((p) => p.startsWith('batching'))) {
    violations.push(...batchingViolations(spec.batching, 'version.batching'));
  }
  if (paths.some((p) => p.startsWith('auto_scaling.')) && spec.autoScaling) {
    violations.push(...autoScalingViolations(spec.autoScaling, 'version.auto_scaling'));
  }
  if (paths.includes('labels')) violations.push(...labelViolations(patch.labels, 'version.labels'));
  if (paths.includes('description')) {
    violations.push(...descriptionViolations(patch.description, 'version.description'));
  }
  if (paths.some((p) => p.startsWith('lineage'))) {
    violations.push(
      ...lineageViolations(lineage as unknown as NonNullable<Version__Output['lineage']>, 'version.lineage'),
    );
  }
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  return {
    ...(paths.includes('description') ? { description: patch.description } : {}),
    ...(paths.includes('labels') ? { labels: patch.labels } : {}),
    spec,
    lineage,
  };
}

const AUTO_SCALING_FIELDS: Record<string, 'minNodes' | 'maxNodes' | 'targetConcurrency'> = {
  'auto_scaling.min_nodes': 'minNodes',
  'auto_scaling.max_nodes': 'maxNodes',
  'auto_scaling.target_concurrency': 'targetConcurrency',
};

const LINEAGE_FIELDS: Record<string, string> = {
  trained_by: 'trainedBy',
  training_datasets: 'trainingDatasets',
  evaluation_metrics: 'evaluationMetrics',
  source: 'source',
  train_time: 'trainTime',
};

/** Replaces the masked lineage fields; who published the version never changes. */
function mergeLineage(
  current: Record<string, unknown>,
  patch: Version__Output['lineage'],
  path: string,
): Record<string, unknown> {
  const incoming = (patch ?? {}) as Record<string, unknown>;
  const next = { ...current };
  const keys =
    path === 'lineage' ? Object.values(LINEAGE_FIELDS) : [LINEAGE_FIELDS[path.slice('lineage.'.length)]!];
  for (const key of keys) next[key] = incoming[key] ?? null;
  next['publishedBy'] = current['publishedBy'] ?? '';
  return next;
}
