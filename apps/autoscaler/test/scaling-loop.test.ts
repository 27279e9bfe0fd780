import { ApiError, StatusCode } from '@presage/errors';
import { createClient, createGrpcServer } from '@presage/grpc-kit';
import type { ConnectedClient, GrpcServer } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { waitFor } from '@presage/testing';
import type { DeployerServiceHandlers, ScaleTarget__Output } from '@presage/proto';
import { DeployerService } from '@presage/proto';
import { SignalStore } from '../src/domain/concurrency-signals';
import { createScalingState } from '../src/domain/scaling-state';
import { ScalingLoop } from '../src/scaling-loop';
import type { DecisionLog } from '../src/store/decision-log';
import type { NewDecision } from '../src/store/decisions';

/**
 * The decision loop against a deployer that only keeps counts (the real one is tested with the
 * autoscaler process in autoscaler.test.ts): how demand reports are coalesced and serialised.
 */
const logger = createLogger('scaling-loop-test', { level: 'error' });
const V = 'projects/p/models/m/versions/v';

let server: GrpcServer;
let client: ConnectedClient<DeployerServiceHandlers>;
let loop: ScalingLoop;
const calls = { list: 0, scale: [] as number[] };
const recorded: NewDecision[] = [];
let target: ScaleTarget__Output;

beforeAll(async () => {
  server = createGrpcServer({ name: 'counting-deployer', logger });
  server.addService(DeployerService, {
    ListScaleTargets: () => {
      calls.list++;
      return Promise.resolve({ targets: [{ ...target }] });
    },
    ScaleVersion: async (request) => {
      calls.scale.push(request.replicas);
      await new Promise((resolve) => setTimeout(resolve, 50)); // a deployer taking its time
      target.desired = request.replicas;
      return { replicas: request.replicas };
    },
  });
  const address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
  client = createClient(DeployerService, address);
  const log: DecisionLog = {
    record: (decision) => void recorded.push(decision),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  loop = new ScalingLoop({
    deployer: client.client,
    signals: new SignalStore(),
    state: createScalingState({ policy: { stableWindowMs: 60_000 } }),
    log,
    tickMs: 60_000,
    logger,
  });
});

afterAll(async () => {
  await loop?.stop();
  client?.close();
  await server?.shutdown();
});

beforeEach(() => {
  target = {
    version: V,
    minNodes: 0,
    maxNodes: 0,
    manual: false,
    desired: 0,
    ready: 0,
    targetConcurrency: 2,
  };
  calls.list = 0;
  calls.scale = [];
  recorded.length = 0;
});

describe('demand reports', () => {
  it('share one decision when they come together: one ScaleVersion, the same answer for all', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => loop.reportDemand(V, 1)));
    expect(answers).toEqual(Array(20).fill(1));
    expect(calls.scale).toEqual([1]);
    expect(calls.list).toBe(1);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      mode: 'cold-start',
      previousReplicas: 0,
      desiredReplicas: 1,
      targetConcurrency: 2,
    });
  });

  it('decide again, after the one in progress, when a later report holds more requests', async () => {
    const small = loop.reportDemand(V, 1);
    const large = loop.reportDemand(V, 6); // 3 replicas' worth at 2 per replica
    expect(await small).toBe(1);
    expect(await large).toBe(3);
    expect(calls.scale).toEqual([1, 3]);
  });

  it('answer the count already asked for without scaling again', async () => {
    target.desired = 1;
    expect(await loop.reportDemand(V, 1)).toBe(1);
    expect(calls.scale).toEqual([]);
  });

  it('are NOT_FOUND for a version the deployer does not list, and UNAVAILABLE when it is down', async () => {
    await expect(loop.reportDemand('projects/p/models/m/versions/other', 1)).rejects.toMatchObject({
      code: StatusCode.NOT_FOUND,
    });
    const down = createClient(DeployerService, '127.0.0.1:1');
    const orphan = new ScalingLoop({
      deployer: down.client,
      signals: new SignalStore(),
      state: createScalingState({ policy: {} }),
      log: { record: () => undefined, flush: () => Promise.resolve(), close: () => Promise.resolve() },
      tickMs: 60_000,
      logger,
      deployerDeadlineMs: 1000,
    });
    const error = await orphan.reportDemand(V, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([StatusCode.UNAVAILABLE, StatusCode.DEADLINE_EXCEEDED]).toContain((error as ApiError).code);
    // A tick against a deployer that is down fails and leaves the loop usable.
    await expect(orphan.tick()).rejects.toBeInstanceOf(ApiError);
    down.close();
  });
});

describe('ticks', () => {
  it('do not undo a demand decision taken while they listed the targets', async () => {
    // A tick and a report at once: whichever decides second sees the first one's count.
    const [, desired] = await Promise.all([loop.tick(), loop.reportDemand(V, 1)]);
    expect(desired).toBe(1);
    await waitFor(() => target.desired === 1, { timeoutMs: 5000, description: 'one replica asked for' });
    await loop.tick();
    expect(target.desired).toBe(1);
    expect(calls.scale.filter((n) => n === 0)).toEqual([]);
  });
});
