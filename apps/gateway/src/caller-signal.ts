/**
 * What the predict path needs of a caller's cancellation. An AbortSignal has it (the gRPC fronts pass
 * theirs), and so does CallerSignal, which the REST front makes for every request.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  /** Why it was aborted: an ApiError saying the caller left. */
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A caller's cancellation without EventTarget: an AbortController per REST request and the listener the
 * predictor stream adds to it cost about 7 % of the gateway's CPU under load (profiled at c=32). Each
 * listener is called once, on the first abort.
 */
export class CallerSignal implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] | undefined;

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners!.splice(at, 1);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }
}
