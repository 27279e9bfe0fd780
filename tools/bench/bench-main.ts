// The entry point every benchmark shares: run it, write its report, and stop everything it started —
// on success, on failure and on SIGINT/SIGTERM (exit 130).
import fs from 'node:fs';
import path from 'node:path';

export interface BenchmarkMainOptions {
  /** Where the Markdown report goes. */
  out: string;
  /** Stops the benchmark's own child processes; runs before the registered stops. */
  stopChildren: () => Promise<void>;
  /** Runs the benchmark; `onStarted` registers what to stop (stopped newest first). Resolves with the report. */
  run: (onStarted: (stop: () => Promise<void>) => void) => Promise<string>;
  /** Told when a signal stops the run. */
  onSignal?: () => void;
}

export async function runBenchmarkMain(options: BenchmarkMainOptions): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const stop of [options.stopChildren, ...[...stops].reverse()]) {
        await stop().catch((error: unknown) => console.error('cleanup:', error));
      }
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    options.onSignal?.();
    console.error(`${signal}: stopping everything the benchmark started ...`);
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await options.run((stop) => stops.push(stop));
    const out = path.resolve(options.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, report);
    console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), out)}`);
  } finally {
    await cleanup();
  }
}

/** Runs `main` when the file is the process's entry; a failure is printed and exits 1. */
export function exitOnFailure(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
