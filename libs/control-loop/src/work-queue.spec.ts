import { WorkQueue } from './work-queue';

/** Lets every settled promise run its callbacks (setImmediate stays real under the fake timers). */
const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** Work that waits until the test ends it, per key, recording every start. */
function gatedWork() {
  const started: string[] = [];
  const gates = new Map<string, (() => void)[]>();
  const failNext = new Set<string>();
  const process = jest.fn(async (key: string) => {
    started.push(key);
    await new Promise<void>((resolve) => gates.set(key, [...(gates.get(key) ?? []), resolve]));
    if (failNext.delete(key)) throw new Error(`${key} failed`);
  });
  return {
    process,
    started,
    /** Ends the oldest run of `key` in progress. */
    finish: async (key: string, options: { fail?: boolean } = {}) => {
      await flush();
      if (options.fail) failNext.add(key);
      gates.get(key)?.shift()?.();
      await flush();
    },
  };
}

/** Work that ends at once, failing for the keys in `failing`. */
function instantWork(failing = new Set<string>()) {
  const started: string[] = [];
  const process = jest.fn((key: string) => {
    started.push(key);
    return failing.has(key) ? Promise.reject(new Error(`${key} failed`)) : Promise.resolve();
  });
  return { process, started };
}

describe('WorkQueue', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('queues a key once however often it is added before it runs', async () => {
    const work = gatedWork();
    const queue = new WorkQueue({ process: work.process, concurrency: 1 });
    queue.add('a');
    queue.add('b');
    queue.add('b');
    queue.add('b');
    await work.finish('a');
    await work.finish('b');
    expect(work.started).toEqual(['a', 'b']);
    expect(queue.length).toBe(0);
  });

  it('runs a key added while it is processed once more after, never twice at once', async () => {
    const work = gatedWork();
    const queue = new WorkQueue({ process: work.process, concurrency: 4 });
    queue.add('a');
    await flush();
    queue.add('a');
    queue.add('a');
    await flush();
    expect(work.started).toEqual(['a']);
    await work.finish('a');
    expect(work.started).toEqual(['a', 'a']);
    await work.finish('a');
    expect(work.started).toEqual(['a', 'a']);
    expect(queue.length).toBe(0);
  });

  it('processes at most `concurrency` keys at once; a slow key does not hold up the others', async () => {
    const work = gatedWork();
    const queue = new WorkQueue({ process: work.process, concurrency: 2 });
    for (const key of ['slow', 'b', 'c', 'd']) queue.add(key);
    await flush();
    expect(work.started).toEqual(['slow', 'b']);
    await work.finish('b');
    expect(work.started).toEqual(['slow', 'b', 'c']);
    await work.finish('c');
    expect(work.started).toEqual(['slow', 'b', 'c', 'd']);
    await work.finish('d');
    await work.finish('slow');
    expect(queue.length).toBe(0);
  });

  it('retries a failing key with exponential backoff, capped, and resets the backoff on success', async () => {
    const failing = new Set(['a']);
    const work = instantWork(failing);
    const onError = jest.fn();
    const queue = new WorkQueue({
      process: work.process,
      initialRetryDelayMs: 100,
      maxRetryDelayMs: 350,
      onError,
    });
    queue.add('a');
    await flush();
    const runsAfter = async (ms: number) => {
      jest.advanceTimersByTime(ms);
      await flush();
      return work.started.length;
    };
    expect(work.started).toHaveLength(1);
    expect(await runsAfter(99)).toBe(1);
    expect(await runsAfter(1)).toBe(2); // 100 ms
    expect(await runsAfter(199)).toBe(2);
    expect(await runsAfter(1)).toBe(3); // 200 ms
    expect(await runsAfter(349)).toBe(3);
    expect(await runsAfter(1)).toBe(4); // 400 capped to 350 ms
    expect(onError.mock.calls.map((call: unknown[]) => call[2])).toEqual([100, 200, 350, 350]);
    expect(queue.retries('a')).toBe(4);
    failing.delete('a');
    expect(await runsAfter(350)).toBe(5);
    expect(queue.retries('a')).toBe(0);
    failing.add('a');
    queue.add('a');
    await flush();
    expect(onError.mock.calls.at(-1)?.[2]).toBe(100);
    await queue.shutDown();
  });

  it('runs a failed key at once when it was added again while it ran, not after its backoff', async () => {
    const work = gatedWork();
    const queue = new WorkQueue({ process: work.process, initialRetryDelayMs: 10_000 });
    queue.add('a');
    await flush();
    queue.add('a');
    await work.finish('a', { fail: true });
    expect(work.started).toEqual(['a', 'a']);
    await work.finish('a');
    jest.advanceTimersByTime(10_000);
    await flush();
    expect(work.started).toEqual(['a', 'a']);
  });

  it('keeps the earliest of two delayed adds of a key', async () => {
    const work = instantWork();
    const queue = new WorkQueue({ process: work.process });
    queue.addAfter('a', 1_000);
    queue.addAfter('a', 5_000);
    queue.addAfter('a', 300);
    jest.advanceTimersByTime(300);
    await flush();
    expect(work.started).toEqual(['a']);
    jest.advanceTimersByTime(5_000);
    await flush();
    expect(work.started).toEqual(['a']);
  });

  it('adds every known key at each resync once started, and not the keys it forgot', async () => {
    const work = instantWork();
    const queue = new WorkQueue({ process: work.process, resyncMs: 1_000 });
    queue.add('a');
    queue.add('b');
    await flush();
    queue.start();
    queue.forget('b');
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(work.started).toEqual(['a', 'b', 'a']);
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(work.started).toEqual(['a', 'b', 'a', 'a']);
    await queue.shutDown();
    jest.advanceTimersByTime(5_000);
    await flush();
    expect(work.started).toHaveLength(4);
  });

  it('forgetting a key drops its pending retry', async () => {
    const work = instantWork(new Set(['a']));
    const queue = new WorkQueue({ process: work.process, initialRetryDelayMs: 100 });
    queue.add('a');
    await flush();
    queue.forget('a');
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(work.started).toEqual(['a']);
    expect(queue.retries('a')).toBe(0);
  });

  it('shutDown finishes the keys queued and the re-runs asked for, then accepts no more', async () => {
    const work = gatedWork();
    const queue = new WorkQueue({ process: work.process, concurrency: 1 });
    queue.add('a');
    queue.add('b');
    await flush();
    queue.add('a');
    let done = false;
    const stopping = queue.shutDown().then(() => (done = true));
    queue.add('c');
    await work.finish('a');
    await work.finish('b');
    expect(done).toBe(false);
    await work.finish('a');
    await stopping;
    expect(work.started).toEqual(['a', 'b', 'a']);
  });
});
