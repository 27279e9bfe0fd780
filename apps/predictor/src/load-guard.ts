import { writeSync } from 'node:fs';
import type { PredictorEvent } from './ready-line';

/** What the guard reports; the predictor ends loading with one of them. */
export interface LoadGuard {
  /** The ready or failed line was written: the guard has nothing more to say. */
  settled(): void;
}

/**
 * While the model loads, a crash of the model's own code — an exception thrown from a timer, a promise
 * rejected that nobody awaits, `process.exit()` — is reported on the failed line with what happened,
 * so the version fails with a message instead of "exited before it was ready".
 */
export function guardLoading(): LoadGuard {
  let settled = false;
  const report = (error: string) => {
    if (settled) return;
    settled = true;
    const event: PredictorEvent = { event: 'failed', error };
    // Synchronous: the process may be about to exit. Stdout is a pipe the deployer reads.
    writeSync(1, `${JSON.stringify(event)}\n`);
  };
  const crashed = (error: unknown) => {
    report(`The model's code crashed while loading: ${describe(error)}`);
    process.exit(1);
  };
  const exiting = (code: number) =>
    report(`The model's code ended the predictor process (exit code ${code}) while loading.`);
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
  process.on('exit', exiting);
  return {
    settled() {
      settled = true;
      process.off('uncaughtException', crashed);
      process.off('unhandledRejection', crashed);
      process.off('exit', exiting);
    },
  };
}

/** The error's name and first line of its message: no stack trace. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0]!;
  const line = error.message.split('\n')[0]!;
  return `${error.name}: ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`;
}
