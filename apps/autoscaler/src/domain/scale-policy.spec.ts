import { createScalePolicy } from './scale-policy';
import type { ScaleBounds } from './scale-policy';

const TICK = 2_000;

/** Runs the policy every tick over `load(t)`; replicas become ready by the next tick. */
function simulate(load: (t: number) => number, seconds: number, bounds: ScaleBounds, initial = 1) {
  const policy = createScalePolicy();
  const counts: number[] = [];
  const modes: string[] = [];
  let ready = initial;
  for (let t = 0; t <= seconds * 1000; t += TICK) {
    policy.observe(t, load(t));
    const decision = policy.decide(t, { ready, current: ready }, bounds);
    counts.push(decision.desired);
    modes.push(decision.mode);
    ready = decision.desired;
  }
  return { counts, modes, at: (second: number) => counts[Math.floor((second * 1000) / TICK)]! };
}

/** Times the count changes direction (up then down, or down then up). */
function reversals(counts: number[]): number {
  let last = 0;
  let flips = 0;
  for (let i = 1; i < counts.length; i++) {
    const direction = Math.sign(counts[i]! - counts[i - 1]!);
    if (direction !== 0) {
      if (last !== 0 && direction !== last) flips++;
      last = direction;
    }
  }
  return flips;
}

const bounds = { minNodes: 1, maxNodes: 0 };

describe('the scale policy', () => {
  it('follows a load step within the panic window and holds it', () => {
    const run = simulate((t) => (t >= 100_000 ? 40 : 2), 300, bounds);
    expect(run.at(98)).toBe(1);
    expect(run.at(106)).toBe(10); // 40 concurrent / 4 per replica, reached within the 6 s panic window
    expect(run.at(300)).toBe(10);
    expect(reversals(run.counts)).toBe(0);
  });

  it('rides out a short spike in panic, then returns to minNodes after the stable window without flapping', () => {
    const run = simulate((t) => (t >= 100_000 && t < 104_000 ? 40 : 2), 400, bounds);
    const peak = Math.max(...run.counts);
    expect(peak).toBeGreaterThanOrEqual(5);
    const peakAt = run.counts.indexOf(peak);
    // No decrease while in panic: the count holds until the panic window has passed.
    expect(run.counts.slice(peakAt, peakAt + 25).every((c) => c === peak)).toBe(true);
    expect(run.at(400)).toBe(1);
    expect(reversals(run.counts)).toBe(1); // up once, down once
  });

  it('scales to zero after an idle window when minNodes is 0, and back on the next request', () => {
    const zero = { minNodes: 0, maxNodes: 0 };
    const run = simulate((t) => (t < 60_000 ? 3 : t >= 300_000 && t < 302_000 ? 1 : 0), 320, zero);
    expect(run.at(58)).toBe(1);
    expect(run.at(110)).toBe(1); // still inside the idle window after traffic stopped at 60 s
    expect(run.at(124)).toBe(0); // idle for a whole window
    expect(run.at(298)).toBe(0);
    expect(run.at(300)).toBe(1); // the first request brings one replica back at once
  });

  it('keeps minNodes when idle, never exceeds maxNodes, and starts from zero when asked', () => {
    expect(simulate(() => 0, 200, { minNodes: 2, maxNodes: 0 }, 2).at(200)).toBe(2);
    expect(simulate(() => 400, 60, { minNodes: 1, maxNodes: 5 }).at(60)).toBe(5);
    expect(simulate(() => 0, 30, { minNodes: 0, maxNodes: 0 }, 0).counts.every((c) => c === 0)).toBe(true);
  });

  it('does not flap on noisy load around a steady level', () => {
    const noisy = () => {
      let seed = 7;
      return () => 6 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 4; // 6..10, mean 8
    };
    // From the settled count (8 concurrent / 4 per replica = 2): no change at all.
    expect(simulate(noisy(), 600, bounds, 2).counts.every((c) => c === 2)).toBe(true);
    // From one replica the jump to 8 is a panic: one overshoot, then constant for good.
    const cold = simulate(noisy(), 600, bounds, 1);
    expect(reversals(cold.counts)).toBe(1);
    expect(new Set(cold.counts.slice(60)).size).toBe(1);
    expect(cold.at(600)).toBe(2);
  });

  it('does not scale down before it has seen a full window', () => {
    const run = simulate(() => 0, 40, { minNodes: 1, maxNodes: 0 }, 6);
    expect(run.counts.every((c) => c === 6)).toBe(true);
  });

  it('holds the count being started, not the ready one, when demand sits at the dead-band', () => {
    // 3 replicas asked for (one still starting: 2 ready); 8.2 concurrent is 2.05 replicas' worth, which is
    // within 10 % of the 2 ready ones but still needs ceil(8.2 / 4) = 3. Judging by ready would drop the
    // starting replica and flap.
    const policy = createScalePolicy({}, -120_000);
    for (let t = -120_000; t <= 0; t += 1000) policy.observe(t, 8.2);
    expect(policy.decide(0, { ready: 2, current: 3 }, bounds).desired).toBe(3);
    // Within the dead-band of the count being run: no change either way.
    expect(policy.decide(2000, { ready: 2, current: 2 }, bounds).desired).toBe(2);
  });

  it('reports a cold start as its own mode, and a new target keeps the history', () => {
    const policy = createScalePolicy({ targetConcurrency: 2 }, 0);
    policy.observe(100_000, 5);
    const decision = policy.decide(100_000, { ready: 0, current: 0 }, { minNodes: 0, maxNodes: 0 });
    expect(decision).toMatchObject({ desired: 3, mode: 'cold-start' });
    expect(decision.reason).toMatch(/cold start: 5 request\(s\) waiting/);
    for (let t = 100_000; t <= 400_000; t += 1000) policy.observe(t, 8);
    expect(policy.decide(400_000, { ready: 4, current: 4 }, bounds).desired).toBe(4);
    policy.setTargetConcurrency(1);
    expect(policy.decide(402_000, { ready: 4, current: 4 }, bounds).desired).toBe(8);
  });

  it('calls scaling up from zero a cold start even when the stable window already asks for the replica', () => {
    const policy = createScalePolicy({ targetConcurrency: 4 }, 0);
    // Traffic seen by the stable window before the version went to zero, and one request now waiting.
    for (let t = 100_000; t <= 150_000; t += 1000) policy.observe(t, 2);
    policy.observe(151_000, 1);
    const decision = policy.decide(151_000, { ready: 0, current: 0 }, { minNodes: 0, maxNodes: 0 });
    expect(decision).toMatchObject({ desired: 1, mode: 'cold-start' });
    // Replicas being started (current 1) are not a new cold start.
    expect(policy.decide(152_000, { ready: 0, current: 1 }, { minNodes: 0, maxNodes: 0 }).mode).toBe(
      'stable',
    );
  });

  it('ignores samples that go back in time and non-finite values', () => {
    const policy = createScalePolicy({}, 0);
    policy.observe(100_000, 8);
    policy.observe(90_000, Number.NaN);
    const decision = policy.decide(100_000, { ready: 2, current: 2 }, bounds);
    expect(Number.isFinite(decision.stableConcurrency)).toBe(true);
  });
});
