import type { Attributes, UpDownCounter } from '@opentelemetry/api';

/**
 * Adds one to `counter` (requests in flight, say) for something now in progress; the returned function
 * takes it off again, once however often it is called.
 */
export function countInProgress(counter: UpDownCounter, attributes: Attributes): () => void {
  counter.add(1, attributes);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    counter.add(-1, attributes);
  };
}
