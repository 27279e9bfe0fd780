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
