import { ApiError } from '@presage/errors';
import type { Knex } from '@presage/db';
import type { ModelRecord, VersionRecord } from '../domain/records';
import { modelResourceName, versionResourceName } from '@presage/resources';
import type { ModelName, VersionName } from '@presage/resources';
import { findModel } from '../store/models';
import { findVersion } from '../store/versions';

export async function requireModel(
  db: Knex,
  name: ModelName,
  options: { forUpdate?: boolean } = {},
): Promise<ModelRecord> {
  const model = await findModel(db, name.project, name.model, options);
  if (!model) {
    throw ApiError.notFound(
      'model',
      modelResourceName(name),
      `Please create the model resource first by using 'gcloud ai-platform models create ${name.model}'.`,
    );
  }
  return model;
}

export async function requireVersion(
  db: Knex,
  name: VersionName,
  options: { forUpdate?: boolean } = {},
): Promise<{ model: ModelRecord; version: VersionRecord }> {
  const model = await requireModel(db, name, options);
  const version = await findVersion(db, model.id, name.version, options);
  if (!version) throw ApiError.notFound('version', versionResourceName(name));
  return { model, version };
}
