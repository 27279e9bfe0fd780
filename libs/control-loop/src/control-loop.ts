export interface ControlLoopOptions {
  /** One pass: reads the whole state it acts on, so a missed nudge or a restart loses nothing. */
  pass: () => Promise<void>;
  /** The timer between passes once started. */
  intervalMs: number;
  /** A pass threw; the loop goes on (the next nudge or tick runs it again). */
  onError: (error: unknown) => void;
}

export interface ControlLoop {
  /** Runs a pass soon; passes never overlap, and a nudge during a pass triggers one more. */
  nudge(): void;
  /** Runs a pass now (or joins the one in progress, which then runs once more) and resolves after it. */
  runOnce(): Promise<void>;
  /** Runs a pass now and every `intervalMs`. */
  start(): void;
  /** Stops the timer and waits for the pass in progress. */
  stop(): Promise<void>;
}

/**
 * Level-triggered, like a Kubernetes controller: each pass does what the state it reads asks. Nudges
 * coalesce: however many arrive during a pass, one more pass follows it.
 */
export function createControlLoop(options: ControlLoopOptions): ControlLoop {
  let current: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = (): Promise<void> => {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      try {
        do {
          again = false;
          try {
            await options.pass();
          } catch (error) {
            options.onError(error);
          }
        } while (again);
      } finally {
        current = undefined;
      }
    })();
    return current;
  };

  return {
    nudge: () => void runOnce(),
    runOnce,
    start() {
      timer = setInterval(() => void runOnce(), options.intervalMs);
      void runOnce();
    },
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
