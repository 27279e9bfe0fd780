/**
 * The deepest nesting of JSON arrays and objects Presage reads from a client: request bodies mapped to
 * messages and prediction bodies (instances, parameters). Real requests nest a few levels (an image
 * instance: 4); code that walks JSON recursively runs out of stack near 10,000.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether `value` (parsed JSON) nests arrays and objects more than `limit` levels deep (`[[1]]` is 2).
 * Walks with its own stack, so any depth is safe to ask about.
 */
export function jsonDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    const items: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const item of items) {
      if (typeof item === 'object' && item !== null) {
        pending.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** The message for JSON that nests too deeply; `what` names it ("The request body"). */
export function tooDeepMessage(what: string, limit = MAX_JSON_DEPTH): string {
  return `${what} nests arrays and objects more than ${limit} levels deep; flatten it.`;
}
