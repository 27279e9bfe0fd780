/**
 * The integral over time of the number of requests in progress, per key (a version): completed
 * request-seconds plus the elapsed time of the requests still in progress. Its rate over any window is
 * the exact mean concurrency in that window, which sampling a gauge cannot give.
 */
export interface ConcurrencyIntegral {
  /** One more request in progress for `key`; call the returned function once it is answered (idempotent). */
  begin(key: string): () => void;
  /** Requests in progress for `key` now. */
  active(key: string): number;
  /** Request-seconds per key since it was first seen, as of now. */
  totals(): Map<string, number>;
}

interface KeyState {
  active: number;
  /** Request-seconds up to `since`. */
  accumulated: number;
  /** When `active` last changed, in seconds. */
  since: number;
}

/** Monotonic seconds (process.hrtime), unaffected by wall-clock changes. */
export function monotonicSeconds(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

export function createConcurrencyIntegral(now: () => number = monotonicSeconds): ConcurrencyIntegral {
  const states = new Map<string, KeyState>();

  /** Folds the time since the last change into `accumulated`. */
  const advance = (state: KeyState, at: number): void => {
    state.accumulated += state.active * Math.max(0, at - state.since);
    state.since = at;
  };

  return {
    begin(key) {
      const at = now();
      let state = states.get(key);
      if (!state) states.set(key, (state = { active: 0, accumulated: 0, since: at }));
      advance(state, at);
      state.active += 1;
      let ended = false;
      const current = state;
      return () => {
        if (ended) return;
        ended = true;
        advance(current, now());
        current.active -= 1;
      };
    },
    active: (key) => states.get(key)?.active ?? 0,
    totals() {
      const at = now();
      const result = new Map<string, number>();
      for (const [key, state] of states) {
        result.set(key, state.accumulated + state.active * Math.max(0, at - state.since));
      }
      return result;
    },
  };
}
