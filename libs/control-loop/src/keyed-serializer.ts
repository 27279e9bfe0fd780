/** Runs `work` for `key` once the work queued before it for the same key has settled. */
export type KeyedSerializer = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * One piece of work per key at a time, in the order asked, whatever the earlier ones gave (a failure
 * does not hold the next back); different keys do not wait for each other. A controller's work queue
 * gives the same guarantee: a key is never worked on twice at once.
 */
export function createKeyedSerializer(): KeyedSerializer {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const next = (tails.get(key) ?? Promise.resolve()).then(work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  };
}
