import { DEFAULT_RESTART_POLICY, nextRestartDelay } from './restart-backoff';

const policy = DEFAULT_RESTART_POLICY;

describe('nextRestartDelay', () => {
  it('restarts a first crash quickly and doubles the delay with each recent restart', () => {
    expect(nextRestartDelay([], 100_000, policy)).toBe(500);
    expect(nextRestartDelay([99_000], 100_000, policy)).toBe(1_000);
    expect(nextRestartDelay([98_000, 99_000], 100_000, policy)).toBe(2_000);
  });

  it('forgets restarts older than the window', () => {
    expect(nextRestartDelay([10_000, 20_000, 30_000], 100_000, policy)).toBe(500);
  });

  it('allows at most maxRestartsPerWindow restarts a window', () => {
    const times = [50_000, 60_000, 70_000, 80_000, 90_000];
    // The oldest of the five leaves the window at 110_000.
    expect(nextRestartDelay(times, 100_000, policy)).toBe(10_000);
    expect(nextRestartDelay([95_000, 96_000, 97_000, 98_000, 99_000], 100_000, policy)).toBe(55_000);
  });
});
