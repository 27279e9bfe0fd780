import { setTimeout as sleep } from 'node:timers/promises';
import { checkHealth } from '@presage/grpc-kit';
import { errorMessage } from '@presage/errors';

export interface WaitForServingOptions {
  timeoutMs: number;
  /** Aborts the wait (Ctrl-C during start-up). */
  signal: AbortSignal;
  /** @default 200 */
  intervalMs?: number;
  /** The gateway's public port, which neither asks for the internal credential nor speaks TLS. */
  publicPort?: boolean;
}

/** Polls grpc.health.v1.Health/Check ('' = the whole server) at `address` until it answers SERVING. */
export async function waitForServing(address: string, options: WaitForServingOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  for (;;) {
    options.signal.throwIfAborted();
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    try {
      const port = options.publicPort ? 'public' : 'internal';
      const status = await checkHealth(address, '', Math.min(remaining, 2_000), port);
      if (status === 'SERVING') return;
      last = `status ${status}`;
    } catch (error) {
      last = errorMessage(error);
    }
    await sleep(options.intervalMs ?? 200, undefined, { signal: options.signal });
  }
  throw new Error(`${address} did not report SERVING within ${options.timeoutMs} ms (last: ${last})`);
}
