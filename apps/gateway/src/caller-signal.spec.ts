import { CallerSignal } from './caller-signal';
import type { CancelSignal } from './caller-signal';

describe('CallerSignal', () => {
  it('calls each listener once, with the reason set, on the first abort only', () => {
    const signal = new CallerSignal();
    const seen: unknown[] = [];
    signal.addEventListener('abort', () => seen.push(['a', signal.aborted, signal.reason]));
    signal.addEventListener('abort', () => seen.push(['b', signal.reason]));
    expect(signal.aborted).toBe(false);
    signal.abort('gone');
    signal.abort('again');
    expect(seen).toEqual([
      ['a', true, 'gone'],
      ['b', 'gone'],
    ]);
    expect(signal.reason).toBe('gone');
  });

  it('does not call a removed listener, nor one added after the abort', () => {
    const signal = new CallerSignal();
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    signal.addEventListener('abort', removed);
    signal.addEventListener('abort', () => calls.push('kept'));
    signal.removeEventListener('abort', removed);
    signal.abort(undefined);
    signal.addEventListener('abort', () => calls.push('late'));
    expect(calls).toEqual(['kept']);
  });

  it('has the shape of an AbortSignal, so the gRPC fronts pass theirs', () => {
    const controller = new AbortController();
    const signal: CancelSignal = controller.signal;
    let called = 0;
    signal.addEventListener('abort', () => called++, { once: true });
    controller.abort('left');
    expect([called, signal.aborted, signal.reason]).toEqual([1, true, 'left']);
  });
});
