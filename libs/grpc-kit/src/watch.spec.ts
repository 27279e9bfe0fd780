import { StatusCode } from '@presage/errors';
import type { ApiError } from '@presage/errors';
import { createLogger } from '@presage/log';
import { DeployerService } from '@presage/proto';
import type { DeployerServiceHandlers } from '@presage/proto';
import type { Replica, Replica__Output, WatchReplicasResponse__Output } from '@presage/proto';
import { createGrpcServer } from './grpc-server';
import type { GrpcServer } from './grpc-server';
import { createStreamClient } from './stream-client';
import type { ConnectedStreamClient } from './stream-client';
import { startWatch } from './watch-client';
import type { Watch } from './watch-client';
import { WatchHub } from './watch-hub';
import type { WatchSource } from './watch-hub';

const logger = createLogger('watch-test', { level: 'error', write: () => undefined });
const SERVICE = DeployerService;
const V = 'projects/p/models/m/versions/v';

const replica = (n: number, state: 'STARTING' | 'READY' = 'READY'): Replica => ({
  name: `${V}/replicas/${n}`,
  version: V,
  address: state === 'READY' ? `10.0.0.${n}:9000` : '',
  state,
  metricsAddress: '',
});

async function pollUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A deployer serving WatchReplicas from `replicas` through a WatchHub. */
async function startServer(replicas: Replica[], port = 0, options: { chunk?: number } = {}) {
  const reads = { list: 0, get: [] as string[][] };
  const source: WatchSource<Replica> = {
    key: (r) => r.name!,
    list: () => {
      reads.list++;
      return [...replicas];
    },
    get: (keys) => {
      reads.get.push([...keys]);
      return replicas.filter((r) => keys.includes(r.name!));
    },
  };
  const hub = new WatchHub<Replica>({ source, logger, maxItemsPerMessage: options.chunk });
  const server: GrpcServer = createGrpcServer({ name: 'watch-test', logger, shutdownGraceMs: 5_000 });
  server.addService(SERVICE, {
    WatchReplicas: (call) =>
      hub.serve(
        call,
        (batch) => ({
          snapshot: batch.snapshot,
          more: batch.more,
          replicas: batch.items,
          removedReplicas: batch.removed,
        }),
        call.request.version ? (r) => r.version === call.request.version : undefined,
      ),
  });
  const bound = await server.listen(`127.0.0.1:${port}`);
  return { hub, server, reads, port: bound, address: `127.0.0.1:${bound}` };
}

/** A client mirror of the replicas, fed by a reconnecting watch. */
function mirror(client: ConnectedStreamClient<DeployerServiceHandlers>, request = {}) {
  const state = {
    replicas: new Map<string, Replica__Output>(),
    resyncs: 0,
    changes: 0,
    connection: [] as boolean[],
    unimplemented: undefined as ApiError | undefined,
    watch: undefined as unknown as Watch,
  };
  state.watch = startWatch<WatchReplicasResponse__Output, Replica__Output>({
    open: () => client.client.WatchReplicas(request),
    batchOf: (m) => ({ snapshot: m.snapshot, more: m.more, items: m.replicas, removed: m.removedReplicas }),
    onResync(items) {
      state.resyncs++;
      state.replicas = new Map(items.map((r) => [r.name, r]));
    },
    onChanges(items, removed) {
      state.changes++;
      for (const r of items) state.replicas.set(r.name, r);
      for (const name of removed) state.replicas.delete(name);
    },
    onConnection: (connected) => state.connection.push(connected),
    onUnimplemented: (error) => (state.unimplemented = error),
    logger,
    initialRetryMs: 20,
    maxRetryMs: 200,
  });
  return state;
}

const namesOf = (state: { replicas: Map<string, Replica__Output> }) => [...state.replicas.keys()].sort();

describe('watches over grpc-js', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(replicas: Replica[], options: { chunk?: number } = {}) {
    const started = await startServer(replicas, 0, options);
    const client = createStreamClient(SERVICE, started.address);
    cleanups.push(
      () => started.server.shutdown(),
      () => client.close(),
    );
    return { ...started, client };
  }

  it('sends the snapshot first, then only what changed', async () => {
    const replicas = [replica(0), replica(1, 'STARTING')];
    const { hub, client } = await setUp(replicas);
    const seen = mirror(client);
    cleanups.push(() => seen.watch.close());
    await pollUntil(() => seen.resyncs === 1);
    expect(namesOf(seen)).toEqual([`${V}/replicas/0`, `${V}/replicas/1`]);
    expect(seen.connection).toEqual([true]);

    replicas[1] = replica(1);
    replicas.push(replica(2, 'STARTING'));
    replicas.splice(0, 1);
    hub.changed();
    await pollUntil(() => seen.changes === 1);
    expect(namesOf(seen)).toEqual([`${V}/replicas/1`, `${V}/replicas/2`]);
    expect(seen.replicas.get(`${V}/replicas/1`)).toMatchObject({ state: 'READY', address: '10.0.0.1:9000' });

    // Nothing changed: nothing is sent.
    hub.changed();
    replicas[1] = replica(2);
    hub.changed([`${V}/replicas/2`]);
    await pollUntil(() => seen.changes === 2);
    expect(seen.replicas.get(`${V}/replicas/2`)?.state).toBe('READY');
    expect(seen.resyncs).toBe(1);
  });

  it('reads only the keys a change names, once the state is known', async () => {
    const replicas = [replica(0)];
    const { hub, client, reads } = await setUp(replicas);
    const seen = mirror(client);
    cleanups.push(() => seen.watch.close());
    await pollUntil(() => seen.resyncs === 1);
    replicas.push(replica(1));
    hub.changed([`${V}/replicas/1`]);
    await pollUntil(() => seen.replicas.size === 2);
    expect(reads).toEqual({ list: 1, get: [[`${V}/replicas/1`]] });
  });

  it('delivers a snapshot split over several messages as one resync, filtered by the request', async () => {
    const other = 'projects/p/models/m/versions/other';
    const replicas = [0, 1, 2, 3, 4].map((n) => replica(n));
    replicas.push({ ...replica(9), version: other, name: `${other}/replicas/9` });
    const { client } = await setUp(replicas, { chunk: 2 });
    const seen = mirror(client, { version: V });
    cleanups.push(() => seen.watch.close());
    await pollUntil(() => seen.resyncs === 1);
    expect(seen.replicas.size).toBe(5);
    expect(seen.resyncs).toBe(1);
  });

  it('resyncs after the server restarts, and ends its streams at shutdown without waiting for the grace period', async () => {
    const replicas = [replica(0)];
    const first = await startServer(replicas);
    const client = createStreamClient(SERVICE, first.address);
    cleanups.push(() => client.close());
    const seen = mirror(client);
    cleanups.push(() => seen.watch.close());
    await pollUntil(() => seen.resyncs === 1);

    const stopping = Date.now();
    await first.server.shutdown();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    await pollUntil(() => seen.connection.length === 2);
    expect(seen.connection).toEqual([true, false]);
    // What the client knew stays while the server is away.
    expect(namesOf(seen)).toEqual([`${V}/replicas/0`]);

    // Changed while nobody watched: the new server's snapshot replaces what the client knew.
    const second = await startServer([replica(1), replica(2)], first.port);
    cleanups.push(() => second.server.shutdown());
    await pollUntil(() => seen.resyncs === 2);
    expect(namesOf(seen)).toEqual([`${V}/replicas/1`, `${V}/replicas/2`]);
    expect(seen.connection).toEqual([true, false, true]);
  });

  it('retries a source that fails, keeping what it has to send', async () => {
    let failing = true;
    const replicas = [replica(0)];
    const hub = new WatchHub<Replica>({
      source: {
        key: (r) => r.name!,
        list: () => (failing ? Promise.reject(new Error('database down')) : Promise.resolve([...replicas])),
      },
      logger,
      retryMs: 10,
    });
    const batches: unknown[] = [];
    const unsubscribe = hub.subscribe((batch) => batches.push(batch));
    cleanups.push(unsubscribe, () => hub.close());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toEqual([]);
    failing = false;
    await pollUntil(() => batches.length === 1);
    expect(batches[0]).toMatchObject({ snapshot: true, more: false, items: replicas });
  });

  it('tells the caller when the server does not have the method, instead of retrying', async () => {
    const server = createGrpcServer({ name: 'old-deployer', logger });
    server.addService(SERVICE, { Nudge: () => Promise.resolve({}) });
    const address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
    const client = createStreamClient(SERVICE, address);
    cleanups.push(
      () => server.shutdown(),
      () => client.close(),
    );
    const seen = mirror(client);
    cleanups.push(() => seen.watch.close());
    await pollUntil(() => seen.unimplemented !== undefined);
    expect(seen.unimplemented?.code).toBe(StatusCode.UNIMPLEMENTED);
    expect(seen.resyncs).toBe(0);
  });
});
