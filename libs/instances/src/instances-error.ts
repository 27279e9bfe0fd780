/**
 * A request whose instances the model cannot take. The message is what the client reads in
 * `{"error": "..."}`: it names the instance (AI Platform's wording) and the problem.
 */
export class InstancesError extends Error {
  override readonly name = 'InstancesError';
  /** The index in `instances` of the bad instance, undefined when the problem is not one instance's. */
  readonly instanceIndex: number | undefined;
  /** What is wrong, without the instance's index. */
  readonly problem: string;

  constructor(problem: string, instanceIndex?: number) {
    super(
      instanceIndex === undefined
        ? problem
        : `Failed to process element: ${instanceIndex} of 'instances' list. Error: ${problem}`,
    );
    this.instanceIndex = instanceIndex;
    this.problem = problem;
  }
}

/** A problem found inside one instance; wrapped into an InstancesError with the index by the caller. */
export class ValueProblem extends Error {
  override readonly name = 'ValueProblem';
}

/** `[2, -1]` → `[2, ?]`, for messages. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.map((dim) => (dim < 0 ? '?' : String(dim))).join(', ')}]`;
}

/** A JSON value in a message, cut to a readable length (one that cannot be written shows its kind). */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
