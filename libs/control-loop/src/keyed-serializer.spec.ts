import { createKeyedSerializer } from './keyed-serializer';

/** A promise the test settles. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createKeyedSerializer', () => {
  it('runs the work of one key in order, one at a time, and of other keys meanwhile', async () => {
    const serially = createKeyedSerializer();
    const started: string[] = [];
    const first = deferred<number>();
    const a1 = serially('a', () => (started.push('a1'), first.promise));
    const a2 = serially('a', () => (started.push('a2'), Promise.resolve(2)));
    const b1 = serially('b', () => (started.push('b1'), Promise.resolve(3)));
    await flush();
    expect(started).toEqual(['a1', 'b1']);
    await expect(b1).resolves.toBe(3);
    first.resolve(1);
    await expect(a1).resolves.toBe(1);
    await expect(a2).resolves.toBe(2);
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('gives each caller its own outcome: a failure goes to its caller and does not hold the next back', async () => {
    const serially = createKeyedSerializer();
    const failure = new Error('scale failed');
    const failed = serially('a', () => Promise.reject(failure));
    const next = serially('a', () => Promise.resolve('ran'));
    await expect(failed).rejects.toBe(failure);
    await expect(next).resolves.toBe('ran');
    // Once everything settled, a key starts afresh.
    await flush();
    await expect(serially('a', () => Promise.resolve('again'))).resolves.toBe('again');
  });
});
