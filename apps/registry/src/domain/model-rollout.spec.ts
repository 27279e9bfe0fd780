import type { Rollout } from './model-rollout';
import { newlyServing, rolloutEvents, rolloutUses, rolloutViolations, shadowOf } from './model-rollout';
import type { VersionState } from './records';

const none: Rollout = { aliases: {}, trafficSplit: {}, shadow: null };
const versions = new Map<string, VersionState>([
  ['v1', 'READY'],
  ['v2', 'READY'],
  ['v3', 'CREATING'],
  ['gone', 'DELETING'],
]);
const fieldsOf = (rollout: Partial<Rollout>, paths = ['aliases', 'traffic_split', 'shadow'] as const) =>
  rolloutViolations({ ...none, ...rollout }, paths, versions, 'v1').map((v) => v.field);

describe('rollout settings', () => {
  it('accepts aliases to live versions, a split summing to 100 and a shadow of another version', () => {
    expect(
      fieldsOf({
        aliases: { champion: 'v1', 'challenger-2': 'v3' },
        trafficSplit: { v1: 90, v2: 10 },
        shadow: { version: 'v2', percent: 50 },
      }),
    ).toEqual([]);
    expect(fieldsOf({})).toEqual([]);
  });

  it('names each bad alias, unknown version and version being deleted', () => {
    expect(
      fieldsOf({ aliases: { Bad: 'v1', ok: 'v9', old: 'gone', full: 'projects/p/models/m/versions/v1' } }),
    ).toEqual([
      'model.aliases["Bad"]',
      'model.aliases["ok"]',
      'model.aliases["old"]',
      'model.aliases["full"]',
    ]);
  });

  it('wants whole percents from 1 to 100 over known versions, summing to 100, at most 10 versions', () => {
    expect(fieldsOf({ trafficSplit: { v1: 90, v2: 0 } })).toEqual([
      'model.traffic_split["v2"]',
      'model.traffic_split',
    ]);
    expect(fieldsOf({ trafficSplit: { v1: 60, v2: 50 } })).toEqual(['model.traffic_split']);
    expect(fieldsOf({ trafficSplit: { v1: 50, v9: 50 } })).toEqual(['model.traffic_split["v9"]']);
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`v${i}`, 1]));
    expect(fieldsOf({ trafficSplit: eleven })).toContain('model.traffic_split');
  });

  it('refuses a shadow without a version or percent, and of the version that already answers everything', () => {
    expect(fieldsOf({ shadow: { version: '', percent: 10 } })).toEqual(['model.shadow.version']);
    expect(fieldsOf({ shadow: { version: 'v2', percent: 0 } })).toEqual(['model.shadow.percent']);
    expect(fieldsOf({ shadow: { version: 'v1', percent: 10 } })).toEqual(['model.shadow.version']);
    expect(fieldsOf({ trafficSplit: { v2: 100 }, shadow: { version: 'v2', percent: 10 } })).toEqual([
      'model.shadow.version',
    ]);
    expect(fieldsOf({ trafficSplit: { v2: 100 }, shadow: { version: 'v1', percent: 10 } })).toEqual([]);
    expect(shadowOf({ version: '', percent: 0 })).toBeNull();
    expect(shadowOf(null)).toBeNull();
  });

  it('checks only the fields the update mask names', () => {
    expect(fieldsOf({ aliases: { Bad: 'v1' }, trafficSplit: { v1: 5 } }, ['shadow'] as never)).toEqual([]);
  });
});

describe('which versions start taking traffic', () => {
  it('is each version new to the split, and a new shadow version', () => {
    const before = { ...none, trafficSplit: { v1: 100 } };
    expect(newlyServing(before, { ...none, trafficSplit: { v1: 90, v2: 10 } })).toEqual(['v2']);
    expect(newlyServing(before, { ...before, shadow: { version: 'v3', percent: 5 } })).toEqual(['v3']);
    const shadowed = { ...before, shadow: { version: 'v3', percent: 5 } };
    expect(newlyServing(shadowed, { ...shadowed, shadow: { version: 'v3', percent: 50 } })).toEqual([]);
  });
});

describe('rollout events', () => {
  const defaults = { before: 'v1', after: 'v1' };

  it('records an alias move on both versions', () => {
    const before = { ...none, aliases: { champion: 'v1', stale: 'v2' } };
    expect(rolloutEvents(before, { ...none, aliases: { champion: 'v2' } }, defaults)).toEqual([
      { version: 'v1', type: 'ALIAS_REMOVED', message: 'alias champion now names v2' },
      { version: 'v2', type: 'ALIAS_REMOVED', message: 'alias stale was removed' },
      { version: 'v2', type: 'ALIAS_SET', message: 'alias champion now names this version (was v1)' },
    ]);
  });

  it('records each changed share, counting the default version as 100% of an empty split', () => {
    expect(rolloutEvents(none, { ...none, trafficSplit: { v1: 90, v2: 10 } }, defaults)).toEqual([
      { version: 'v1', type: 'TRAFFIC_CHANGED', message: "90% of the model's traffic (was 100%)" },
      { version: 'v2', type: 'TRAFFIC_CHANGED', message: "10% of the model's traffic (was 0%)" },
    ]);
    const split = { ...none, trafficSplit: { v1: 90, v2: 10 } };
    expect(rolloutEvents(split, { ...none, trafficSplit: { v1: 90, v2: 10 } }, defaults)).toEqual([]);
    expect(rolloutEvents(split, none, defaults)).toEqual([
      { version: 'v1', type: 'TRAFFIC_CHANGED', message: "100% of the model's traffic (was 90%)" },
      { version: 'v2', type: 'TRAFFIC_CHANGED', message: "0% of the model's traffic (was 10%)" },
    ]);
  });

  it('records shadow changes on the versions that start or stop receiving copies', () => {
    const shadowed = { ...none, shadow: { version: 'v2', percent: 20 } };
    expect(rolloutEvents(none, shadowed, defaults)).toEqual([
      {
        version: 'v2',
        type: 'SHADOW_CHANGED',
        message: "receives a shadow copy of 20% of the model's traffic (was 0%)",
      },
    ]);
    expect(rolloutEvents(shadowed, { ...none, shadow: { version: 'v3', percent: 5 } }, defaults)).toEqual([
      {
        version: 'v2',
        type: 'SHADOW_CHANGED',
        message: "receives no shadow copies (was 20% of the model's traffic)",
      },
      {
        version: 'v3',
        type: 'SHADOW_CHANGED',
        message: "receives a shadow copy of 5% of the model's traffic (was 0%)",
      },
    ]);
  });
});

describe('rollout uses of a version', () => {
  it('lists aliases, the split share and the shadow that name it', () => {
    const rollout: Rollout = {
      aliases: { champion: 'v2', prod: 'v2', old: 'v1' },
      trafficSplit: { v1: 90, v2: 10 },
      shadow: { version: 'v2', percent: 5 },
    };
    expect(rolloutUses(rollout, 'v2')).toEqual([
      'alias champion',
      'alias prod',
      'the traffic split (10%)',
      'the shadow traffic (5%)',
    ]);
    expect(rolloutUses(rollout, 'v3')).toEqual([]);
  });
});
