import { ApiError, StatusCode } from '@presage/errors';
import { createVersionResolver } from './version-resolver';
import type { ModelFacts, VersionFacts, VersionLookup } from './version-resolver';

const MODEL = 'projects/p/models/m';
const v = (id: string, state = 'READY'): VersionFacts => ({
  name: `${MODEL}/versions/${id}`,
  state,
  errorMessage: '',
});

/** A registry whose answers the test sets; `down` makes every call fail as an unreachable server does. */
function fakeRegistry() {
  const state = {
    defaultVersion: v('v1') as VersionFacts | null,
    aliases: {} as Record<string, string>,
    trafficSplit: {} as Record<string, number>,
    shadow: null as ModelFacts['shadow'],
    versionState: 'READY',
    down: false,
    calls: 0,
  };
  const unreachable = () => new ApiError(StatusCode.UNAVAILABLE, 'No connection established');
  const lookup: VersionLookup = {
    getModel: (name) => {
      state.calls += 1;
      if (state.down) return Promise.reject(unreachable());
      if (name !== MODEL) return Promise.reject(ApiError.notFound('model', name));
      const { defaultVersion, aliases, trafficSplit, shadow } = state;
      return Promise.resolve({ defaultVersion, aliases, trafficSplit, shadow });
    },
    getVersion: (name) => {
      state.calls += 1;
      if (state.down) return Promise.reject(unreachable());
      return Promise.resolve({ ...v('x', state.versionState), name });
    },
  };
  return { state, lookup };
}

/** Lets the background check settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createVersionResolver', () => {
  let clock = 0;
  const now = () => clock;

  it('serves a resolution for its lifetime, then checks it again in the background', async () => {
    const { state, lookup } = fakeRegistry();
    const resolver = createVersionResolver(lookup, { ttlMs: 1_000, now });
    expect(await resolver.resolve(MODEL)).toEqual({ name: `${MODEL}/versions/v1` });
    state.defaultVersion = v('v2');
    clock += 1_000;
    // The request that finds it old is served from it; the next one sees the new default.
    expect(await resolver.resolve(MODEL)).toEqual({ name: `${MODEL}/versions/v1` });
    await settle();
    expect(await resolver.resolve(MODEL)).toEqual({ name: `${MODEL}/versions/v2` });
    expect(state.calls).toBe(2);
  });

  it('keeps the last resolution while the registry cannot be reached, and reports the failure', async () => {
    const { state, lookup } = fakeRegistry();
    const failures: string[] = [];
    const resolver = createVersionResolver(lookup, {
      ttlMs: 1_000,
      now,
      onLookupFailure: (_name, error) => failures.push(error.status),
    });
    await resolver.resolve(MODEL);
    state.down = true;
    for (let i = 0; i < 3; i++) {
      clock += 1_000;
      expect(await resolver.resolve(MODEL)).toEqual({ name: `${MODEL}/versions/v1` });
      await settle();
    }
    expect(failures).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE']);
  });

  it('answers UNAVAILABLE with a retry delay for a name it never resolved while the registry is down', async () => {
    const { state, lookup } = fakeRegistry();
    state.down = true;
    const resolver = createVersionResolver(lookup, { now });
    await expect(resolver.resolve(`${MODEL}/versions/v9`)).rejects.toMatchObject({
      code: StatusCode.UNAVAILABLE,
      message: expect.stringContaining('the registry did not answer'),
      details: [expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.RetryInfo' })],
    });
  });

  it('drops a resolution once the registry says the model or version is gone or not ready', async () => {
    const { state, lookup } = fakeRegistry();
    const resolver = createVersionResolver(lookup, { ttlMs: 1_000, now });
    await resolver.resolve(MODEL);
    state.defaultVersion = null;
    clock += 1_000;
    await resolver.resolve(MODEL);
    await settle();
    await expect(resolver.resolve(MODEL)).rejects.toMatchObject({ code: StatusCode.NOT_FOUND });
    state.defaultVersion = v('v3', 'FAILED');
    await expect(resolver.resolve(MODEL)).rejects.toMatchObject({
      code: StatusCode.FAILED_PRECONDITION,
      message: expect.stringContaining('its state is FAILED'),
    });
  });

  it('serves an UPDATING version (its replicas are changing) and refuses a CREATING one', async () => {
    const { state, lookup } = fakeRegistry();
    const resolver = createVersionResolver(lookup, { ttlMs: 1_000, now });
    state.defaultVersion = v('v4', 'UPDATING');
    expect(await resolver.resolve(MODEL)).toEqual({ name: `${MODEL}/versions/v4` });
    clock += 1_000;
    await resolver.resolve(MODEL);
    await settle();
    // Still served after the background check saw it UPDATING.
    expect(await resolver.resolve(MODEL)).toEqual({ name: `${MODEL}/versions/v4` });
    const fresh = createVersionResolver(lookup, { ttlMs: 1_000, now });
    state.defaultVersion = v('v5', 'CREATING');
    await expect(fresh.resolve(MODEL)).rejects.toMatchObject({
      code: StatusCode.FAILED_PRECONDITION,
      message: expect.stringContaining('its state is CREATING'),
    });
  });

  it('keeps at most maxEntries resolutions, forgetting the oldest', async () => {
    const { state, lookup } = fakeRegistry();
    const resolver = createVersionResolver(lookup, { maxEntries: 2, now });
    for (const id of ['a', 'b', 'c']) await resolver.resolve(`${MODEL}/versions/${id}`);
    state.down = true;
    await resolver.resolve(`${MODEL}/versions/c`);
    await expect(resolver.resolve(`${MODEL}/versions/a`)).rejects.toMatchObject({
      code: StatusCode.UNAVAILABLE,
    });
  });

  describe('aliases (projects/{p}/models/{m}@{alias})', () => {
    it('resolves an alias to the version it names, and follows it when it moves', async () => {
      const { state, lookup } = fakeRegistry();
      state.aliases = { champion: 'v2' };
      const resolver = createVersionResolver(lookup, { ttlMs: 1_000, now });
      expect(await resolver.resolve(`${MODEL}@champion`)).toEqual({ name: `${MODEL}/versions/v2` });
      state.aliases = { champion: 'v3' };
      clock += 1_000;
      await resolver.resolve(`${MODEL}@champion`);
      await settle();
      expect(await resolver.resolve(`${MODEL}@champion`)).toEqual({ name: `${MODEL}/versions/v3` });
    });

    it('answers NOT_FOUND naming an unknown alias and listing the known ones', async () => {
      const { state, lookup } = fakeRegistry();
      state.aliases = { champion: 'v2', challenger: 'v3' };
      const resolver = createVersionResolver(lookup, { now });
      await expect(resolver.resolve(`${MODEL}@stable`)).rejects.toMatchObject({
        code: StatusCode.NOT_FOUND,
        message: `The model "${MODEL}" has no alias "stable"; its aliases: challenger, champion.`,
      });
      await expect(resolver.resolve('projects/p/models/other@stable')).rejects.toMatchObject({
        code: StatusCode.NOT_FOUND,
      });
    });

    it('refuses a malformed alias name, and an alias on a version name', async () => {
      const { lookup } = fakeRegistry();
      const resolver = createVersionResolver(lookup, { now });
      for (const name of [`${MODEL}@`, `${MODEL}@Champion`, `${MODEL}@a@b`, `${MODEL}@a/versions/v1`]) {
        await expect(resolver.resolve(name)).rejects.toMatchObject({ code: StatusCode.INVALID_ARGUMENT });
      }
    });

    it('refuses an alias whose version cannot serve', async () => {
      const { state, lookup } = fakeRegistry();
      state.aliases = { next: 'v9' };
      state.versionState = 'CREATING';
      const resolver = createVersionResolver(lookup, { now });
      await expect(resolver.resolve(`${MODEL}@next`)).rejects.toMatchObject({
        code: StatusCode.FAILED_PRECONDITION,
        message: expect.stringContaining(`${MODEL}/versions/v9`),
      });
    });
  });

  describe('traffic split and shadow', () => {
    it('resolves a model with a split to the split, ignoring zero shares; an empty one to the default', async () => {
      const { state, lookup } = fakeRegistry();
      state.trafficSplit = { v2: 90, v3: 10, v4: 0 };
      const resolver = createVersionResolver(lookup, { ttlMs: 1_000, now });
      const resolved = await resolver.resolve(MODEL);
      expect(resolved.split?.versions).toEqual([`${MODEL}/versions/v2`, `${MODEL}/versions/v3`]);
      state.trafficSplit = {};
      clock += 1_000;
      await resolver.resolve(MODEL);
      await settle();
      expect(await resolver.resolve(MODEL)).toEqual({ name: `${MODEL}/versions/v1` });
    });

    it('carries the shadow for model-level names only', async () => {
      const { state, lookup } = fakeRegistry();
      state.shadow = { version: 'v5', percent: 25 };
      state.aliases = { champion: 'v2' };
      const resolver = createVersionResolver(lookup, { now });
      expect(await resolver.resolve(MODEL)).toEqual({
        name: `${MODEL}/versions/v1`,
        shadow: { version: `${MODEL}/versions/v5`, percent: 25 },
      });
      expect((await resolver.resolve(`${MODEL}@champion`)).shadow).toBeUndefined();
      expect((await resolver.resolve(`${MODEL}/versions/v1`)).shadow).toBeUndefined();
      state.shadow = { version: 'v5', percent: 0 };
      const fresh = createVersionResolver(lookup, { now });
      expect((await fresh.resolve(MODEL)).shadow).toBeUndefined();
    });
    it("carries request logging per serving version and the model's access log, by every kind of name", async () => {
      const { state, lookup } = fakeRegistry();
      const logged: VersionFacts = {
        ...v('v1'),
        requestLoggingConfig: { samplingPercentage: 0.5, bigqueryTableName: 'logs.t' },
      };
      state.defaultVersion = logged;
      const resolver = createVersionResolver(lookup, { now });
      const resolved = await resolver.resolve(MODEL);
      expect(resolved.requestLogs?.get(`${MODEL}/versions/v1`)).toEqual({
        table: 'logs.t',
        sampling: 0.5,
        model: MODEL,
        versionId: 'v1',
      });
      expect(resolved.accessLog).toBeUndefined();
      const off = createVersionResolver(
        {
          ...lookup,
          getModel: async (name) => ({ ...(await lookup.getModel(name)), onlinePredictionLogging: true }),
        },
        { now },
      );
      const byVersion = await off.resolve(`${MODEL}/versions/v2`);
      expect(byVersion.requestLogs).toBeUndefined();
      expect(byVersion.accessLog).toBe(true);
    });
  });
});
