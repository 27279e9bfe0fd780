import { CreationRetries, formatDuration } from './creation-retries';

const V = 'projects/p/models/m/versions/v1';

function retries(deadlineMs: number) {
  const clock = { now: 1_000_000 };
  const policy = new CreationRetries(
    { deadlineMs, initialDelayMs: 1_000, maxDelayMs: 8_000 },
    () => clock.now,
  );
  return { clock, policy };
}

describe('CreationRetries', () => {
  it('backs off exponentially up to the longest wait, and says when a version is due again', () => {
    const { clock, policy } = retries(600_000);
    const created = clock.now;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = policy.failed(V, created, 'Connection refused.');
      if (!decision.retry) throw new Error('gave up early');
      waits.push(decision.inMs);
      expect(policy.due(V)).toBe(false);
      clock.now += decision.inMs - 1;
      expect(policy.due(V)).toBe(false);
      clock.now += 1;
      expect(policy.due(V)).toBe(true);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(policy.failures(V)).toBe(6);
  });

  it('puts the last attempt on the deadline, then gives up with the reason, the attempts and the time', () => {
    const { clock, policy } = retries(10_000);
    const created = clock.now - 6_000; // created before this deployer saw it
    expect(policy.failed(V, created, 'HTTP 503.')).toEqual({ retry: true, inMs: 1_000 });
    clock.now += 1_000;
    expect(policy.failed(V, created, 'HTTP 503.')).toEqual({ retry: true, inMs: 2_000 });
    clock.now += 2_000;
    // 4 s of backoff would pass the deadline: 1 s left.
    expect(policy.failed(V, created, 'HTTP 503.')).toEqual({ retry: true, inMs: 1_000 });
    clock.now += 1_000;
    expect(policy.failed(V, created, 'HTTP 502.')).toEqual({
      retry: false,
      errorMessage:
        'HTTP 502. Gave up after 4 attempts in 10 s (the deadline is 10 s after the version was created).',
    });
    // Given up: the version is forgotten, and tried again only if it is still creating.
    expect(policy.failures(V)).toBe(0);
    expect(policy.due(V)).toBe(true);
  });

  it('gives a version whose deadline passed while nobody tried it one attempt', () => {
    const { clock, policy } = retries(60_000);
    expect(policy.failed(V, clock.now - 3_600_000, 'Connection refused.')).toEqual({
      retry: false,
      errorMessage:
        'Connection refused. Gave up after 1 attempt in 60 min (the deadline is 1 min after the version was created).',
    });
  });

  it('counts the deadline from the first failure when the creation time is unknown', () => {
    const { clock, policy } = retries(5_000);
    expect(policy.failed(V, undefined, 'x.')).toMatchObject({ retry: true });
    clock.now += 5_000;
    expect(policy.failed(V, undefined, 'x.')).toMatchObject({ retry: false });
  });

  it('forgets versions that settled or went away', () => {
    const { policy } = retries(60_000);
    policy.failed(V, undefined, 'x.');
    policy.failed('other', undefined, 'x.');
    policy.keepOnly(new Set(['other']));
    expect(policy.failures(V)).toBe(0);
    expect(policy.failures('other')).toBe(1);
    policy.forget('other');
    expect(policy.due('other')).toBe(true);
  });
});

describe('formatDuration', () => {
  it.each([
    [400, '0 s'],
    [45_000, '45 s'],
    [600_000, '10 min'],
    [150_000, '2 min 30 s'],
  ])('writes %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
