import { alreadyExistsOn, inTransaction } from '@presage/db';
import type { Knex } from '@presage/db';
import { ApiError } from '@presage/errors';
import { packAny } from '@presage/proto';
import type { AsyncHandlers } from '@presage/grpc-kit';
import {
  checkEtag,
  decodePageToken,
  descriptionViolations,
  labelViolations,
  messagePage,
  modelResourceName,
  newEtag,
  pageSizeOf,
  parseFilter,
  parseModelName,
  parseProjectName,
  parseVersionName,
  validateId,
  validateUpdateMask,
} from '@presage/resources';
import type { ModelServiceHandlers } from '@presage/proto';
import type { ModelRecord } from '../domain/records';
import { MODEL_FILTER_FIELDS, insertModel, listModels, softDeleteModel, updateModel } from '../store/models';
import { countVersions, findDefaultVersions, findVersion } from '../store/versions';
import type { RegistryDeps } from './deps';
import { actorOf, pageBytes } from './deps';
import { requireModel } from './lookups';
import { modelMessage, operationMessage, toStoredAny } from './messages';
import { changeRollout, newModelRolloutViolations, rolloutPathsOf } from './model-rollout';
import { emptyResponse, makeDefault, startOperation } from './version-flows';

type ModelHandlers = Pick<
  AsyncHandlers<ModelServiceHandlers>,
  'CreateModel' | 'GetModel' | 'ListModels' | 'DeleteModel' | 'UpdateModel'
>;

const MODEL_MUTABLE_PATHS = [
  'description',
  'labels',
  'online_prediction_logging',
  'online_prediction_console_logging',
  'default_version.name',
  'aliases',
  'traffic_split',
  'shadow',
];
const MODEL_KNOWN_PATHS = ['name', 'regions', 'default_version', 'etag', 'create_time', 'update_time'];

export function createModelHandlers(deps: RegistryDeps): ModelHandlers {
  return {
    async CreateModel(request) {
      const project = parseProjectName(request.parent, 'parent');
      const model = request.model;
      if (!model) throw ApiError.invalidArgument({ field: 'model', description: 'A model is required.' });
      const name = model.name.startsWith(`${request.parent}/models/`)
        ? model.name.slice(request.parent.length + 8)
        : model.name;
      validateId(name, 'model.name', 'model');
      const violations = [
        ...labelViolations(model.labels, 'model.labels'),
        ...descriptionViolations(model.description, 'model.description'),
        ...newModelRolloutViolations(model),
      ];
      if (model.regions.length > 1) {
        violations.push({ field: 'model.regions', description: 'At most one region can be given.' });
      }
      if (violations.length > 0) throw ApiError.invalidArgument(violations);
      const now = deps.now();
      const created = await insertModel(deps.knex, {
        project,
        name,
        description: model.description,
        regions: model.regions.length > 0 ? model.regions : ['us-central1'],
        onlinePredictionLogging: model.onlinePredictionLogging,
        onlinePredictionConsoleLogging: model.onlinePredictionConsoleLogging,
        labels: model.labels,
        aliases: {},
        trafficSplit: {},
        shadow: null,
        etag: newEtag(),
        createTime: now,
      }).catch((error: unknown) =>
        alreadyExistsOn(error, 'model', modelResourceName({ project, model: name }), 'model.name'),
      );
      deps.logger.info('model created', { model: modelResourceName({ project, model: name }) });
      return modelMessage(created, undefined);
    },

    async GetModel(request) {
      const name = parseModelName(request.name, 'name');
      const model = await requireModel(deps.knex, name);
      const defaults = await findDefaultVersions(deps.knex, [model.id]);
      return modelMessage(model, defaults.get(model.id));
    },

    async ListModels(request) {
      const project = parseProjectName(request.parent, 'parent');
      const terms = parseFilter(request.filter, MODEL_FILTER_FIELDS);
      const size = pageSizeOf(request.pageSize);
      const query = `models|${project}|${request.filter}`;
      const rows = await listModels(
        deps.knex,
        project,
        terms,
        decodePageToken(request.pageToken, query),
        size + 1,
      );
      const defaults = await findDefaultVersions(
        deps.knex,
        rows.slice(0, size).map((m) => m.id),
      );
      const { messages, nextPageToken } = messagePage(
        rows,
        size,
        query,
        (m) => modelMessage(m, defaults.get(m.id)),
        { typeName: 'presage.v1.Model', maxBytes: pageBytes(deps) },
      );
      return { models: messages, nextPageToken };
    },

    async DeleteModel(request) {
      const name = parseModelName(request.name, 'name');
      const op = await inTransaction(deps.knex, async (trx) => {
        const model = await requireModel(trx, name, { forUpdate: true });
        const versions = await countVersions(trx, model.id);
        if (versions > 0) {
          throw ApiError.failedPrecondition(
            `Model ${request.name} still has ${versions} version(s); delete them before the model.`,
            'MODEL_HAS_VERSIONS',
          );
        }
        const now = deps.now();
        await softDeleteModel(trx, model.id, now);
        return startOperation(trx, 'DELETE_MODEL', model, undefined, now, {
          error: null,
          response: emptyResponse(),
        });
      });
      return operationMessage(op);
    },

    async UpdateModel(request, context) {
      const name = parseModelName(request.name, 'name');
      const paths = validateUpdateMask(
        request.updateMask?.paths ?? [],
        MODEL_MUTABLE_PATHS,
        MODEL_KNOWN_PATHS,
      );
      const patch = request.model;
      if (!patch) throw ApiError.invalidArgument({ field: 'model', description: 'A model is required.' });
      const violations = [
        ...(paths.includes('labels') ? labelViolations(patch.labels, 'model.labels') : []),
        ...(paths.includes('description')
          ? descriptionViolations(patch.description, 'model.description')
          : []),
      ];
      if (violations.length > 0) throw ApiError.invalidArgument(violations);
      const actor = actorOf(context);
      const op = await inTransaction(deps.knex, async (trx) => {
        const model = await requireModel(trx, name, { forUpdate: true });
        checkEtag(patch.etag, model.etag, request.name);
        const now = deps.now();
        const before = (await findDefaultVersions(trx, [model.id])).get(model.id);
        if (paths.includes('default_version.name')) {
          await changeDefault(trx, model, patch.defaultVersion?.name ?? '', actor, now);
        }
        const defaultVersion = (await findDefaultVersions(trx, [model.id])).get(model.id);
        const rollout = await changeRollout(trx, {
          model,
          patch,
          paths: rolloutPathsOf(paths),
          defaults: { before: before?.name, after: defaultVersion?.name },
          actor,
          now,
        });
        const updated = await updateModel(
          trx,
          model.id,
          {
            ...(paths.includes('description') ? { description: patch.description } : {}),
            ...(paths.includes('labels') ? { labels: patch.labels } : {}),
            ...(paths.includes('online_prediction_logging')
              ? { onlinePredictionLogging: patch.onlinePredictionLogging }
              : {}),
            ...(paths.includes('online_prediction_console_logging')
              ? { onlinePredictionConsoleLogging: patch.onlinePredictionConsoleLogging }
              : {}),
            ...rollout,
          },
          newEtag(),
          now,
        );
        const response = toStoredAny(packAny('presage.v1.Model', modelMessage(updated, defaultVersion)));
        return startOperation(trx, 'UPDATE_MODEL', updated, undefined, now, { error: null, response });
      });
      return operationMessage(op);
    },
  };
}

/** UpdateModel of `default_version.name`: a version id or resource name of this model. */
async function changeDefault(
  trx: Knex,
  model: ModelRecord,
  target: string,
  actor: string,
  now: Date,
): Promise<void> {
  const versionId = target.includes('/')
    ? parseVersionName(target, 'model.default_version.name').version
    : target;
  validateId(versionId, 'model.default_version.name', 'version');
  const version = await findVersion(trx, model.id, versionId, { forUpdate: true });
  if (!version) {
    const modelName = modelResourceName({ project: model.project, model: model.name });
    throw ApiError.notFound('version', `${modelName}/versions/${versionId}`);
  }
  await makeDefault(trx, model, version, actor, now);
}
