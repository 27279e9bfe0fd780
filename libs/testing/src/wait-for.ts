export interface WaitForOptions {
  timeoutMs: number;
  /** @default 50 */
  intervalMs?: number;
  /** What is awaited, for the timeout message: 'the version to become READY'. */
  description: string;
}

/**
 * Polls `probe` until it returns a value other than undefined/false, and returns that value. A probe
 * that throws is retried; after `timeoutMs` this throws with the description and the last error or value.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: WaitForOptions,
): Promise<T> {
  const interval = options.intervalMs ?? 50;
  const deadline = Date.now() + options.timeoutMs;
  let last: { error: unknown } | { value: unknown } = { value: undefined };
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() + interval > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const lastText =
    'error' in last ? `last error: ${describe(last.error)}` : `last value: ${String(last.value)}`;
  throw new Error(
    `Timed out after ${options.timeoutMs} ms waiting for ${options.description} (${lastText})`,
    {
      cause: 'error' in last ? last.error : undefined,
    },
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
