import { WatchHub, createClient, createGrpcServer, createStreamClient } from '@presage/grpc-kit';
import type { ConnectedClient, ConnectedStreamClient, GrpcServer } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto';
import type { ScaleTarget } from '@presage/proto';
import { DeployerService } from '@presage/proto';
import { waitFor } from '@presage/testing';
import { SignalStore } from '../src/domain/concurrency-signals';
import { createScalingState } from '../src/domain/scaling-state';
import { WatchedScaleTargets } from '../src/scale-targets';
import { ScalingLoop } from '../src/scaling-loop';

/**
 * The scaling loop reads the deployer's WatchScaleTargets: a new scale target reaches the autoscaler
 * without a ListScaleTargets, and its next tick decides it. The deployer is an in-test server.
 */
const logger = createLogger('scale-target-watch-test', { level: 'error' });
const V = 'projects/p/models/m/versions/v';

let server: GrpcServer;
let client: ConnectedClient<DeployerServiceHandlers>;
let streams: ConnectedStreamClient<DeployerServiceHandlers>;
let targets: WatchedScaleTargets;
let loop: ScalingLoop;
let served: ScaleTarget[] = [];
const calls = { list: 0, scale: [] as { version: string; replicas: number }[] };
const hub = new WatchHub<ScaleTarget>({ source: { key: (t) => t.version!, list: () => served }, logger });

beforeAll(async () => {
  server = createGrpcServer({ name: 'watching-deployer', logger });
  server.addService(DeployerService, {
    ListScaleTargets: () => {
      calls.list++;
      return Promise.resolve({ targets: served });
    },
    ScaleVersion: (request) => {
      calls.scale.push({ version: request.version, replicas: request.replicas });
      served = served.map((t) => (t.version === request.version ? { ...t, desired: request.replicas } : t));
      hub.changed();
      return Promise.resolve({ replicas: request.replicas });
    },
    WatchScaleTargets: (call) =>
      hub.serve(call, (batch) => ({
        snapshot: batch.snapshot,
        more: batch.more,
        targets: batch.items,
        removedVersions: batch.removed,
      })),
  });
  const address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
  client = createClient(DeployerService, address);
  streams = createStreamClient(DeployerService, address);
  targets = new WatchedScaleTargets({
    deployer: client.client,
    streams: streams.client,
    deadlineMs: 5_000,
    logger,
  });
  loop = new ScalingLoop({
    deployer: client.client,
    targets,
    signals: new SignalStore(),
    state: createScalingState({ policy: { stableWindowMs: 60_000 } }),
    log: { record: () => undefined, flush: () => Promise.resolve(), close: () => Promise.resolve() },
    tickMs: 60_000,
    logger,
  });
});

afterAll(async () => {
  await loop?.stop();
  targets?.close();
  client?.close();
  streams?.close();
  hub.close();
  await server?.shutdown();
});

describe('the autoscaler watching the scale targets', () => {
  it('sees a new scale target without listing, and decides it at its next tick', async () => {
    await waitFor(() => targets.watching, { timeoutMs: 5_000, description: 'the empty snapshot' });
    calls.list = 0;
    expect(await targets.current()).toEqual([]);
    served = [
      { version: V, minNodes: 2, maxNodes: 0, manual: false, desired: 0, ready: 0, targetConcurrency: 0 },
    ];
    hub.changed();
    await waitFor(async () => (await targets.current()).some((t) => t.version === V), {
      timeoutMs: 5_000,
      description: 'the new target at the autoscaler',
    });
    await loop.tick();
    expect(calls.scale).toEqual([{ version: V, replicas: 2 }]);
    // The watch says what the deployer runs towards now: the next tick has nothing to change.
    await waitFor(async () => (await targets.current())[0]?.desired === 2, {
      timeoutMs: 5_000,
      description: 'the count asked for, watched',
    });
    await loop.tick();
    expect(calls.scale).toHaveLength(1);
    expect(calls.list).toBe(0);
  });

  it('lists the targets while the watch is broken', async () => {
    await server.shutdown();
    await waitFor(
      () =>
        targets.current().then(
          () => false,
          () => true,
        ),
      {
        timeoutMs: 5_000,
        description: 'a read that lists, and fails: the deployer is down',
      },
    );
  });
});
