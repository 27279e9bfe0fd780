import { ApiError, StatusCode } from '@presage/errors';
import { createLogger } from '@presage/log';
import { createColdStartQueue } from './cold-start-queue';
import type { ColdStartQueueOptions } from './cold-start-queue';
import type { ReplicaInfo, ReplicaTable, ReplicaTableListener } from './replica-table';

const VERSION = 'projects/p/models/m/versions/v';
const replica = (address: string): ReplicaInfo => ({
  name: `${VERSION}/replicas/${address}`,
  version: VERSION,
  address,
  state: 'READY',
});

/**
 * A replica table whose READY replicas the test sets (`become`, which tells the listeners as a watch
 * would), counting reads.
 */
interface FakeTable extends ReplicaTable {
  ready: ReplicaInfo[];
  reads: number;
  listeners: Set<ReplicaTableListener>;
  become(ready: ReplicaInfo[], version?: string): void;
}

function table(): FakeTable {
  const listeners = new Set<ReplicaTableListener>();
  const fake: FakeTable = {
    ready: [] as ReplicaInfo[],
    reads: 0,
    listeners,
    readyReplicas: () => {
      fake.reads += 1;
      return Promise.resolve(fake.ready);
    },
    markStale: () => undefined,
    reachable: () => true,
    onChange: (listener: ReplicaTableListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    become(ready: ReplicaInfo[], version = VERSION) {
      fake.ready = ready;
      for (const listener of listeners) listener(new Set([version]));
    },
  };
  return fake;
}

function setUp(overrides: Partial<ColdStartQueueOptions> = {}) {
  const replicas = table();
  const reports: number[] = [];
  const queuedDeltas: number[] = [];
  const coldStarts: number[] = [];
  const queue = createColdStartQueue({
    replicas,
    reportDemand: (_version, queued) => {
      reports.push(queued);
      return Promise.resolve();
    },
    metrics: {
      queued: (_version, delta) => queuedDeltas.push(delta),
      coldStart: (_version, seconds) => coldStarts.push(seconds),
    },
    logger: createLogger('test', { level: 'error' }),
    maxQueued: 3,
    timeoutMs: 10_000,
    ...overrides,
  });
  return { queue, replicas, reports, queuedDeltas, coldStarts };
}

/** Lets the queue's promise callbacks run between fake timer steps. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

describe('createColdStartQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('holds requests until the table says a replica is ready, without polling it, and records the cold start', async () => {
    const { queue, replicas, queuedDeltas, coldStarts } = setUp();
    const held = [1, 2].map(() => queue.hold(VERSION, { deadlineMs: 30_000 }));
    expect(queue.queued(VERSION)).toBe(2);
    await advance(1_000);
    // Read once when the first request came, then only when the table changes.
    expect(replicas.reads).toBe(1);
    replicas.become([replica('10.0.0.1:1')], 'projects/p/models/m/versions/other');
    await advance(0);
    expect(replicas.reads).toBe(1);
    replicas.become([replica('10.0.0.1:1')]);
    await advance(0);
    await expect(Promise.all(held)).resolves.toEqual([replicas.ready, replicas.ready]);
    expect(queue.queued(VERSION)).toBe(0);
    expect(queuedDeltas).toEqual([1, 1, -1, -1]);
    expect(coldStarts).toHaveLength(1);
    expect(coldStarts[0]).toBeCloseTo(1.0, 1);
    // Nothing waits: the queue no longer follows the table.
    expect(replicas.listeners.size).toBe(0);
  });

  it('serves a request at once when a replica became ready between the caller looking and holding', async () => {
    const { queue, replicas } = setUp();
    replicas.ready = [replica('a:1')];
    await expect(queue.hold(VERSION, { deadlineMs: 30_000 })).resolves.toEqual([replica('a:1')]);
  });

  it('refuses a request beyond the queue size with 429 RESOURCE_EXHAUSTED and a RetryInfo', async () => {
    const { queue, replicas } = setUp();
    const held = [1, 2, 3].map(() => queue.hold(VERSION, { deadlineMs: 30_000 }));
    const refused = await queue.hold(VERSION, { deadlineMs: 30_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      code: StatusCode.RESOURCE_EXHAUSTED,
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo' }],
    });
    replicas.become([replica('a:1')]);
    await advance(0);
    await Promise.all(held);
  });

  it('answers 503 UNAVAILABLE with a RetryInfo naming the version when the wait ends, at the earlier of the deadline and the timeout', async () => {
    const { queue } = setUp({ timeoutMs: 2_000 });
    const byTimeout = queue.hold(VERSION, { deadlineMs: 30_000 }).catch((e: unknown) => e);
    const byDeadline = queue.hold(VERSION, { deadlineMs: 500 }).catch((e: unknown) => e);
    await advance(500);
    expect(await byDeadline).toMatchObject({ code: StatusCode.UNAVAILABLE });
    expect(queue.queued(VERSION)).toBe(1);
    await advance(1_500);
    const error = (await byTimeout) as ApiError;
    expect(error.code).toBe(StatusCode.UNAVAILABLE);
    expect(error.message).toContain(VERSION);
    expect(error.details).toEqual([
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.000s' },
    ]);
    expect(queue.queued(VERSION)).toBe(0);
  });

  it('removes a request whose caller went away', async () => {
    const { queue, replicas, queuedDeltas } = setUp();
    const caller = new AbortController();
    const held = queue.hold(VERSION, { deadlineMs: 30_000, signal: caller.signal }).catch((e: unknown) => e);
    await advance(200);
    caller.abort(new ApiError(StatusCode.CANCELLED, 'gone'));
    expect(await held).toMatchObject({ code: StatusCode.CANCELLED });
    expect(queue.queued(VERSION)).toBe(0);
    expect(queuedDeltas).toEqual([1, -1]);
    expect(replicas.listeners.size).toBe(0);
  });

  it('waits for a replica other than the ones a request already failed on', async () => {
    const { queue, replicas } = setUp();
    replicas.ready = [replica('dead:1')];
    let settled = false;
    const held = queue.hold(VERSION, { deadlineMs: 30_000, exclude: new Set(['dead:1']) }).then((ready) => {
      settled = true;
      return ready;
    });
    await advance(500);
    replicas.become([replica('dead:1')]);
    await advance(0);
    expect(settled).toBe(false);
    replicas.become([replica('fresh:2')]);
    await advance(0);
    expect(await held).toEqual([replica('fresh:2')]);
  });

  it('tells the autoscaler at once, then again only while the queue grows, at most every 500 ms', async () => {
    const { queue, replicas, reports } = setUp({ maxQueued: 100 });
    const held = [queue.hold(VERSION, { deadlineMs: 30_000 })];
    expect(reports).toEqual([1]);
    await advance(0);
    for (let i = 0; i < 20; i += 1) held.push(queue.hold(VERSION, { deadlineMs: 30_000 }));
    expect(reports).toEqual([1]);
    await advance(500);
    expect(reports).toEqual([1, 21]);
    await advance(2_000);
    expect(reports).toEqual([1, 21]);
    replicas.become([replica('a:1')]);
    await advance(0);
    await Promise.all(held);
  });

  it('keeps holding and retries the report when the autoscaler cannot be reached', async () => {
    let calls = 0;
    const { queue, replicas } = setUp({
      reportDemand: () => {
        calls += 1;
        return Promise.reject(new ApiError(StatusCode.UNAVAILABLE, 'autoscaler down'));
      },
    });
    const held = queue.hold(VERSION, { deadlineMs: 30_000 });
    await advance(1_000);
    expect(calls).toBe(3);
    replicas.become([replica('a:1')]);
    await advance(0);
    await expect(held).resolves.toHaveLength(1);
  });

  it('answers every held request 503 on close', async () => {
    const { queue } = setUp();
    const held = queue.hold(VERSION, { deadlineMs: 30_000 }).catch((e: unknown) => e);
    queue.close();
    expect(await held).toMatchObject({ code: StatusCode.UNAVAILABLE });
  });
});
