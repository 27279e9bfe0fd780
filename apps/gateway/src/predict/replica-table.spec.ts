import { createReplicaTable } from './replica-table';
import type { ReplicaInfo } from './replica-table';

const VERSION = 'projects/p/models/m/versions/v';
const ready = (address: string): ReplicaInfo => ({
  name: address,
  version: VERSION,
  address,
  state: 'READY',
});

describe('createReplicaTable', () => {
  let clock = 0;
  let listing: ReplicaInfo[] = [];
  let calls = 0;
  const list = () => {
    calls += 1;
    return Promise.resolve(listing);
  };
  beforeEach(() => {
    clock = 1_000;
    calls = 0;
    listing = [ready('a:1')];
  });

  it('reuses a listing for its lifetime', async () => {
    const table = createReplicaTable(list, { ttlMs: 1_000, now: () => clock });
    await table.readyReplicas(VERSION);
    clock += 999;
    await table.readyReplicas(VERSION);
    expect(calls).toBe(1);
    clock += 1;
    await table.readyReplicas(VERSION);
    expect(calls).toBe(2);
  });

  it('refreshes a listing marked stale once the minimum refresh interval has passed', async () => {
    const table = createReplicaTable(list, { ttlMs: 1_000, minRefreshMs: 100, now: () => clock });
    expect(await table.readyReplicas(VERSION)).toEqual([ready('a:1')]);
    listing = [{ ...ready('a:1'), state: 'STARTING' }, ready('b:2')];
    table.markStale();
    clock += 50;
    expect(await table.readyReplicas(VERSION)).toEqual([ready('a:1')]);
    clock += 50;
    expect(await table.readyReplicas(VERSION)).toEqual([ready('b:2')]);
    expect(calls).toBe(2);
    // Back to the normal lifetime once refreshed.
    clock += 500;
    await table.readyReplicas(VERSION);
    expect(calls).toBe(2);
  });

  it('never reuses a listing longer than its lifetime, stale or not', async () => {
    const table = createReplicaTable(list, { ttlMs: 0, minRefreshMs: 100, now: () => clock });
    await table.readyReplicas(VERSION);
    table.markStale();
    listing = [ready('b:2')];
    expect(await table.readyReplicas(VERSION)).toEqual([ready('b:2')]);
  });
});

describe('createReplicaTable while the deployer is unreachable', () => {
  let clock = 1_000;
  let failing = false;
  let calls = 0;
  const list = () => {
    calls += 1;
    return failing
      ? Promise.reject(new Error('connect ECONNREFUSED'))
      : Promise.resolve([ready('a:1'), { ...ready('b:2'), version: 'projects/p/models/m/versions/other' }]);
  };
  beforeEach(() => {
    clock = 1_000;
    failing = false;
    calls = 0;
  });

  it('routes from the last listing it got, and tries the deployer again at the listing pace', async () => {
    const changes: boolean[] = [];
    const table = createReplicaTable(list, {
      ttlMs: 1_000,
      now: () => clock,
      onReachability: (reachable) => changes.push(reachable),
    });
    expect(await table.readyReplicas(VERSION)).toEqual([ready('a:1')]);
    failing = true;
    clock += 1_000;
    expect(await table.readyReplicas(VERSION)).toEqual([ready('a:1')]);
    expect(table.reachable()).toBe(false);
    // Not once per request: the failed attempt counts as a listing for its lifetime.
    await table.readyReplicas(VERSION);
    await table.readyReplicas(VERSION);
    expect(calls).toBe(2);
    failing = false;
    clock += 1_000;
    await table.readyReplicas(VERSION);
    expect(table.reachable()).toBe(true);
    expect(changes).toEqual([false, true]);
  });

  it('answers UNAVAILABLE with a retry delay when it never got a listing', async () => {
    failing = true;
    const table = createReplicaTable(list, { now: () => clock });
    await expect(table.readyReplicas(VERSION)).rejects.toMatchObject({
      status: 'UNAVAILABLE',
      details: [expect.objectContaining({ retryDelay: '1.000s' })],
    });
  });
});
