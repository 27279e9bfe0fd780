import { createControlLoop } from './control-loop';

/** A pass that waits until the test lets it end, counting how often it started. */
function gatedPass() {
  const gates: (() => void)[] = [];
  let running = 0;
  let overlapped = false;
  const pass = jest.fn(async () => {
    running++;
    if (running > 1) overlapped = true;
    await new Promise<void>((resolve) => gates.push(resolve));
    running--;
  });
  return {
    pass,
    /** Ends the oldest pass still waiting. */
    release: async () => {
      while (gates.length === 0) await Promise.resolve();
      gates.shift()!();
    },
    overlapped: () => overlapped,
  };
}

/** Lets every settled promise run its callbacks (setImmediate stays real under the fake timers). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createControlLoop', () => {
  afterEach(() => jest.useRealTimers());

  it('runs one more pass after nudges during a pass, however many, and never two at once', async () => {
    const gated = gatedPass();
    const loop = createControlLoop({ pass: gated.pass, intervalMs: 1000, onError: jest.fn() });
    const first = loop.runOnce();
    loop.nudge();
    loop.nudge();
    const joined = loop.runOnce();
    expect(gated.pass).toHaveBeenCalledTimes(1);
    await gated.release();
    await gated.release();
    await Promise.all([first, joined]);
    expect(gated.pass).toHaveBeenCalledTimes(2);
    expect(gated.overlapped()).toBe(false);
  });

  it('runs a single pass when nothing nudges it meanwhile', async () => {
    const pass = jest.fn(() => Promise.resolve());
    const loop = createControlLoop({ pass, intervalMs: 1000, onError: jest.fn() });
    await loop.runOnce();
    await loop.runOnce();
    expect(pass).toHaveBeenCalledTimes(2);
  });

  it('reports a failed pass and goes on', async () => {
    const failure = new Error('database away');
    const pass = jest.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const onError = jest.fn();
    const loop = createControlLoop({ pass, intervalMs: 1000, onError });
    await expect(loop.runOnce()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledWith(failure);
    await loop.runOnce();
    expect(pass).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('passes at start and on every tick until stopped, and stop waits for the pass in progress', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const gated = gatedPass();
    const loop = createControlLoop({ pass: gated.pass, intervalMs: 1000, onError: jest.fn() });
    loop.start();
    expect(gated.pass).toHaveBeenCalledTimes(1);
    await gated.release();
    await flush();
    jest.advanceTimersByTime(1000);
    expect(gated.pass).toHaveBeenCalledTimes(2);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    await gated.release();
    await stopping;
    jest.advanceTimersByTime(5000);
    expect(gated.pass).toHaveBeenCalledTimes(2);
  });
});
