import { createConcurrencyIntegral } from './concurrency-integral';

describe('createConcurrencyIntegral', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 100;
  });

  it('adds completed request-seconds and the elapsed time of requests still in progress', () => {
    const integral = createConcurrencyIntegral(now);
    const first = integral.begin('v1');
    clock = 101;
    const second = integral.begin('v1');
    clock = 102.5;
    first();
    // first: 100 → 102.5 (2.5 s); second: 101 → 102.5 so far (1.5 s)
    expect(integral.totals().get('v1')).toBeCloseTo(4, 9);
    expect(integral.active('v1')).toBe(1);
    clock = 104;
    second();
    clock = 110;
    // second ended at 104 (3 s); nothing runs afterwards, so the total stays
    expect(integral.totals().get('v1')).toBeCloseTo(5.5, 9);
    expect(integral.active('v1')).toBe(0);
  });

  it('its increase over a window divided by the window is the mean concurrency', () => {
    const integral = createConcurrencyIntegral(now);
    const ends = [integral.begin('v'), integral.begin('v'), integral.begin('v')];
    const at0 = integral.totals().get('v')!;
    clock = 102;
    ends[0]!(); // 3 in progress for 2 s
    clock = 104; // then 2 for 2 s
    const at4 = integral.totals().get('v')!;
    expect((at4 - at0) / 4).toBeCloseTo(2.5, 9);
  });

  it('keeps keys apart and counts an end called twice once', () => {
    const integral = createConcurrencyIntegral(now);
    const a = integral.begin('a');
    integral.begin('b');
    clock = 101;
    a();
    a();
    clock = 103;
    expect(integral.active('a')).toBe(0);
    expect(integral.totals().get('a')).toBeCloseTo(1, 9);
    expect(integral.totals().get('b')).toBeCloseTo(3, 9);
    expect(integral.active('unknown')).toBe(0);
  });

  it('never decreases when the clock stands still or requests overlap in any order', () => {
    const integral = createConcurrencyIntegral(now);
    let previous = 0;
    const open: (() => void)[] = [];
    for (let step = 0; step < 200; step += 1) {
      clock += (step * 7919) % 3 === 0 ? 0 : 0.01;
      if (step % 3 !== 2) open.push(integral.begin('v'));
      else open.splice((step * 31) % open.length, 1)[0]!();
      const total = integral.totals().get('v')!;
      expect(total).toBeGreaterThanOrEqual(previous);
      previous = total;
    }
  });
});
