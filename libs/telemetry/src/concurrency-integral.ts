/**
 * The integral over time of the number of requests in progress, per key (a version): completed
 * request-seconds plus the elapsed time of the requests still in progress. Its rate over any window is
 * the exact mean concurrency in that window, which sampling a gauge cannot give.
 */
export interface ConcurrencyIntegral {
  /** One more request in progress for `key`; call the returned function once it is answered (idempotent). */
  begin(key: string): () => void;
  /** The integral of one key, to count its requests without a lookup or a closure per request. */
  of(key: string): KeyConcurrency;
  /** Requests in progress for `key` now. */
  active(key: string): number;
  /** Request-seconds per key since it was first seen, as of now. */
  totals(): Map<string, number>;
}

/** One key's requests in progress: every enter() is followed by one leave(). */
export interface KeyConcurrency {
  enter(): void;
  leave(): void;
}

/** Monotonic seconds, unaffected by wall-clock changes. */
export function monotonicSeconds(): number {
  return performance.now() / 1000;
}

class KeyState implements KeyConcurrency {
  active = 0;
  /** Request-seconds up to `since`. */
  accumulated = 0;

  constructor(
    private readonly now: () => number,
    /** When `active` last changed, in seconds. */
    private since: number,
  ) {}

  enter(): void {
    this.advance(this.now());
    this.active += 1;
  }

  leave(): void {
    this.advance(this.now());
    this.active -= 1;
  }

  totalAt(at: number): number {
    return this.accumulated + this.active * Math.max(0, at - this.since);
  }

  /** Folds the time since the last change into `accumulated`. */
  private advance(at: number): void {
    this.accumulated += this.active * Math.max(0, at - this.since);
    this.since = at;
  }
}

export function createConcurrencyIntegral(now: () => number = monotonicSeconds): ConcurrencyIntegral {
  const states = new Map<string, KeyState>();
  const of = (key: string): KeyState => {
    let state = states.get(key);
    if (!state) states.set(key, (state = new KeyState(now, now())));
    return state;
  };
  return {
    begin(key) {
      const state = of(key);
      state.enter();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        state.leave();
      };
    },
    of,
    active: (key) => states.get(key)?.active ?? 0,
    totals() {
      const at = now();
      const result = new Map<string, number>();
      for (const [key, state] of states) result.set(key, state.totalAt(at));
      return result;
    },
  };
}
