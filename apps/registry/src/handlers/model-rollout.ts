import { ApiError } from '@presage/errors';
import type { Knex } from '@presage/db';
import type { Model__Output } from '@presage/proto';
import type { ModelRecord } from '../domain/records';
import type { Rollout, RolloutPath } from '../domain/model-rollout';
import {
  ROLLOUT_PATHS,
  namedVersions,
  newlyServing,
  rolloutEvents,
  rolloutUses,
  rolloutViolations,
  shadowOf,
} from '../domain/model-rollout';
import { requireTransition } from '../domain/version-lifecycle';
import type { ModelChanges } from '../store/models';
import { findVersionsByName } from '../store/versions';
import { recordEvent, versionName } from './version-flows';

/** The rollout paths among an UpdateModel's (normalised) mask paths. */
export function rolloutPathsOf(paths: readonly string[]): RolloutPath[] {
  return ROLLOUT_PATHS.filter((path) => paths.includes(path));
}

/** What UpdateModel changes of a model's aliases, traffic split and shadow, and who asked, when. */
export interface RolloutChange {
  model: ModelRecord;
  patch: Model__Output;
  paths: readonly RolloutPath[];
  /** The default version's id before this update and after its `default_version.name`, if any. */
  defaults: { before: string | undefined; after: string | undefined };
  actor: string;
  now: Date;
}

/**
 * Checks the rollout fields an UpdateModel replaces (field violations; FAILED_PRECONDITION for a version
 * that cannot take traffic yet), records the deployment events of the change, and answers the columns to
 * store. Runs inside the caller's transaction, with the model row locked (DeleteVersion takes that lock too).
 */
export async function changeRollout(trx: Knex, change: RolloutChange): Promise<ModelChanges> {
  const { model, patch, paths } = change;
  if (paths.length === 0) return {};
  const next: Rollout = {
    aliases: paths.includes('aliases') ? patch.aliases : model.aliases,
    trafficSplit: paths.includes('traffic_split') ? patch.trafficSplit : model.trafficSplit,
    shadow: paths.includes('shadow') ? shadowOf(patch.shadow) : model.shadow,
  };
  const { before, after } = change.defaults;
  const versions = await findVersionsByName(trx, model.id, [
    ...namedVersions(model),
    ...namedVersions(next).filter((v) => !v.includes('/')),
    ...(before ? [before] : []),
    ...(after ? [after] : []),
  ]);
  const states = new Map([...versions].map(([id, version]) => [id, version.state]));
  const violations = rolloutViolations(next, paths, states, after);
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  for (const id of newlyServing(model, next)) {
    const version = versions.get(id)!;
    requireTransition(version.state, 'traffic-requested', versionName(version));
  }
  for (const event of rolloutEvents(model, next, change.defaults)) {
    const version = versions.get(event.version);
    if (version) await recordEvent(trx, version, event.type, change.actor, change.now, event.message);
  }
  return {
    ...(paths.includes('aliases') ? { aliases: next.aliases } : {}),
    ...(paths.includes('traffic_split') ? { trafficSplit: next.trafficSplit } : {}),
    ...(paths.includes('shadow') ? { shadow: next.shadow } : {}),
  };
}

/** CreateModel refuses rollout settings: a new model has no versions for them to name. */
export function newModelRolloutViolations(model: Model__Output) {
  const fields = [
    ['model.aliases', Object.keys(model.aliases).length > 0],
    ['model.traffic_split', Object.keys(model.trafficSplit).length > 0],
    ['model.shadow', shadowOf(model.shadow) !== null],
  ] as const;
  return fields
    .filter(([, given]) => given)
    .map(([field]) => ({
      field,
      description: 'A new model has no versions to name; set it with UpdateModel once versions exist.',
    }));
}

/** DeleteVersion refuses a version the model's aliases, traffic split or shadow name, saying which. */
export function refuseDeletingRolloutVersion(model: ModelRecord, versionId: string, name: string): void {
  const uses = rolloutUses(model, versionId);
  if (uses.length === 0) return;
  throw ApiError.failedPrecondition(
    `Version ${name} is named by its model's ${uses.join(', ')}; change them with UpdateModel before deleting it.`,
    'VERSION_IN_ROLLOUT',
  );
}
