import type { FieldViolation } from '@presage/errors';
import type { ShadowTraffic, VersionState } from './records';

/**
 * The one owner of a model's rollout settings (Presage fields of Model): `aliases` (alias → version id),
 * `traffic_split` (version id → percent) and `shadow` ({version, percent}). What a value may hold, which
 * versions an UpdateModel newly sends traffic to (the lifecycle says whether they can take it), the
 * deployment events a change records, and why a version cannot be deleted. Pure: no I/O.
 */

/** An alias: a lowercase letter, then lowercase letters, digits, `_` or `-`, at most 63 characters. */
export const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
/** @default 50 aliases per model */
export const MAX_ALIASES = 50;
/** @default 10 versions in one traffic split */
export const MAX_SPLIT_VERSIONS = 10;

export interface Rollout {
  aliases: Record<string, string>;
  trafficSplit: Record<string, number>;
  shadow: ShadowTraffic | null;
}

/** The update-mask paths (snake case) that change a rollout setting; each replaces the whole field. */
export const ROLLOUT_PATHS = ['aliases', 'traffic_split', 'shadow'] as const;
export type RolloutPath = (typeof ROLLOUT_PATHS)[number];

export type RolloutEventType = 'ALIAS_SET' | 'ALIAS_REMOVED' | 'TRAFFIC_CHANGED' | 'SHADOW_CHANGED';

/** A deployment event to record on `version` (a version id of the model). */
export interface RolloutEvent {
  version: string;
  type: RolloutEventType;
  message: string;
}

/** A shadow as a request gives it: absent, or with no version and no percent, means none. */
export function shadowOf(shadow: ShadowTraffic | null | undefined): ShadowTraffic | null {
  if (!shadow || (shadow.version === '' && shadow.percent === 0)) return null;
  return { version: shadow.version, percent: shadow.percent };
}

/** Every version id a rollout names. */
export function namedVersions(rollout: Rollout): string[] {
  return [
    ...Object.values(rollout.aliases),
    ...Object.keys(rollout.trafficSplit),
    ...(rollout.shadow ? [rollout.shadow.version] : []),
  ];
}

/**
 * What is wrong with `next` in the fields an update changes, as field violations of `model.*`. `versions`
 * holds the live versions of the model by id (their state), `defaultVersion` the default one's id.
 */
export function rolloutViolations(
  next: Rollout,
  paths: readonly RolloutPath[],
  versions: ReadonlyMap<string, VersionState>,
  defaultVersion: string | undefined,
): FieldViolation[] {
  return [
    ...(paths.includes('aliases') ? aliasViolations(next.aliases, versions) : []),
    ...(paths.includes('traffic_split') ? splitViolations(next.trafficSplit, versions) : []),
    ...(paths.includes('shadow') ? shadowViolations(next.shadow, versions) : []),
    ...(paths.includes('shadow') || paths.includes('traffic_split')
      ? shadowServingViolations(next, defaultVersion)
      : []),
  ];
}

function aliasViolations(
  aliases: Record<string, string>,
  versions: ReadonlyMap<string, VersionState>,
): FieldViolation[] {
  const entries = Object.entries(aliases);
  const violations: FieldViolation[] = [];
  if (entries.length > MAX_ALIASES) {
    violations.push({
      field: 'model.aliases',
      description: `At most ${MAX_ALIASES} aliases are allowed; got ${entries.length}.`,
    });
  }
  for (const [alias, version] of entries) {
    const field = `model.aliases["${alias}"]`;
    if (!ALIAS_PATTERN.test(alias)) {
      violations.push({
        field,
        description:
          'An alias starts with a lowercase letter and contains only a-z, 0-9, _ and -, at most 63 characters.',
      });
    }
    const problem = versionProblem(version, versions);
    if (problem) violations.push({ field, description: problem });
    else if (versions.get(version) === 'DELETING') {
      violations.push({ field, description: `Version ${version} is being deleted.` });
    }
  }
  return violations;
}

function splitViolations(
  split: Record<string, number>,
  versions: ReadonlyMap<string, VersionState>,
): FieldViolation[] {
  const entries = Object.entries(split);
  if (entries.length === 0) return [];
  const violations: FieldViolation[] = [];
  if (entries.length > MAX_SPLIT_VERSIONS) {
    violations.push({
      field: 'model.traffic_split',
      description: `At most ${MAX_SPLIT_VERSIONS} versions can share a model's traffic; got ${entries.length}.`,
    });
  }
  for (const [version, percent] of entries) {
    const field = `model.traffic_split["${version}"]`;
    const problem = versionProblem(version, versions);
    if (problem) violations.push({ field, description: problem });
    if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
      violations.push({
        field,
        description: `A share is a whole percent from 1 to 100; got ${percent}. Remove a version's entry to give it no traffic.`,
      });
    }
  }
  const total = entries.reduce((sum, [, percent]) => sum + percent, 0);
  if (total !== 100) {
    violations.push({
      field: 'model.traffic_split',
      description: `The shares must sum to 100; they sum to ${total}. An empty split sends all traffic to the default version.`,
    });
  }
  return violations;
}

function shadowViolations(
  shadow: ShadowTraffic | null,
  versions: ReadonlyMap<string, VersionState>,
): FieldViolation[] {
  if (!shadow) return [];
  const violations: FieldViolation[] = [];
  const problem =
    shadow.version === ''
      ? 'A shadow needs the version id that receives the copies (or give no shadow to stop copying).'
      : versionProblem(shadow.version, versions);
  if (problem) violations.push({ field: 'model.shadow.version', description: problem });
  if (!Number.isInteger(shadow.percent) || shadow.percent < 1 || shadow.percent > 100) {
    violations.push({
      field: 'model.shadow.percent',
      description: `The share copied is a whole percent from 1 to 100; got ${shadow.percent}.`,
    });
  }
  return violations;
}

/** A shadow copies traffic to a version that does not already answer all of it. */
function shadowServingViolations(next: Rollout, defaultVersion: string | undefined): FieldViolation[] {
  if (!next.shadow) return [];
  const split = Object.keys(next.trafficSplit);
  const servesAll = split.length === 0 ? defaultVersion : split.length === 1 ? split[0] : undefined;
  if (next.shadow.version !== servesAll) return [];
  const how = split.length === 0 ? 'as the default version' : 'as the only version of the traffic split';
  return [
    {
      field: 'model.shadow.version',
      description: `Version ${next.shadow.version} already answers all of the model's traffic ${how}; a shadow copies traffic to another version.`,
    },
  ];
}

function versionProblem(version: string, versions: ReadonlyMap<string, VersionState>): string | undefined {
  if (versions.has(version)) return undefined;
  return version.includes('/')
    ? `Give a version id of this model (such as v2), not a resource name: "${version}".`
    : `The model has no version "${version}".`;
}

/** The versions `next` starts sending traffic or shadow copies to: the lifecycle must let each take it. */
export function newlyServing(before: Rollout, next: Rollout): string[] {
  const joined = Object.keys(next.trafficSplit).filter((v) => !(v in before.trafficSplit));
  const shadow = next.shadow && next.shadow.version !== before.shadow?.version ? [next.shadow.version] : [];
  return [...new Set([...joined, ...shadow])];
}

/** Each version's share of model-level traffic: the split, or all of it to the default version. */
function shares(rollout: Rollout, defaultVersion: string | undefined): Map<string, number> {
  const split = Object.entries(rollout.trafficSplit);
  if (split.length > 0) return new Map(split);
  return new Map(defaultVersion ? [[defaultVersion, 100]] : []);
}

/**
 * The deployment events a change from `before` to `after` records, so that a version's history answers
 * when it served production: aliases moved to or from it, its share of the traffic (when the split
 * changed), its shadow copies.
 */
export function rolloutEvents(
  before: Rollout,
  after: Rollout,
  defaults: { before: string | undefined; after: string | undefined },
): RolloutEvent[] {
  return [
    ...aliasEvents(before.aliases, after.aliases),
    ...trafficEvents(before, after, defaults),
    ...shadowEvents(before.shadow, after.shadow),
  ];
}

function aliasEvents(before: Record<string, string>, after: Record<string, string>): RolloutEvent[] {
  const events: RolloutEvent[] = [];
  for (const [alias, version] of Object.entries(before)) {
    if (after[alias] === version) continue;
    const message =
      after[alias] === undefined ? `alias ${alias} was removed` : `alias ${alias} now names ${after[alias]}`;
    events.push({ version, type: 'ALIAS_REMOVED', message });
  }
  for (const [alias, version] of Object.entries(after)) {
    const previous = before[alias];
    if (previous === version) continue;
    const was = previous === undefined ? '(a new alias)' : `(was ${previous})`;
    events.push({ version, type: 'ALIAS_SET', message: `alias ${alias} now names this version ${was}` });
  }
  return events;
}

function trafficEvents(
  before: Rollout,
  after: Rollout,
  defaults: { before: string | undefined; after: string | undefined },
): RolloutEvent[] {
  if (sameEntries(before.trafficSplit, after.trafficSplit)) return [];
  const was = shares(before, defaults.before);
  const now = shares(after, defaults.after);
  const events: RolloutEvent[] = [];
  for (const version of new Set([...was.keys(), ...now.keys()])) {
    const from = was.get(version) ?? 0;
    const to = now.get(version) ?? 0;
    if (from === to) continue;
    const message = `${to}% of the model's traffic (was ${from}%)`;
    events.push({ version, type: 'TRAFFIC_CHANGED', message });
  }
  return events;
}

function shadowEvents(before: ShadowTraffic | null, after: ShadowTraffic | null): RolloutEvent[] {
  if (before?.version === after?.version && before?.percent === after?.percent) return [];
  const events: RolloutEvent[] = [];
  if (before && before.version !== after?.version) {
    events.push({
      version: before.version,
      type: 'SHADOW_CHANGED',
      message: `receives no shadow copies (was ${before.percent}% of the model's traffic)`,
    });
  }
  if (after) {
    const from = before?.version === after.version ? before.percent : 0;
    events.push({
      version: after.version,
      type: 'SHADOW_CHANGED',
      message: `receives a shadow copy of ${after.percent}% of the model's traffic (was ${from}%)`,
    });
  }
  return events;
}

function sameEntries(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** How the model's rollout settings use `version`, one phrase each; empty when they do not. */
export function rolloutUses(rollout: Rollout, version: string): string[] {
  const aliases = Object.entries(rollout.aliases)
    .filter(([, v]) => v === version)
    .map(([alias]) => `alias ${alias}`);
  const share = rollout.trafficSplit[version];
  return [
    ...aliases,
    ...(share !== undefined ? [`the traffic split (${share}%)`] : []),
    ...(rollout.shadow?.version === version ? [`the shadow traffic (${rollout.shadow.percent}%)`] : []),
  ];
}
