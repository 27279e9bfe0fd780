import { expectClose } from './expect-close';

describe('expectClose', () => {
  it('accepts float32 rounding and names the first mismatching path', () => {
    expect(() => expectClose([{ y: [Math.fround(0.1), 2] }], [{ y: [0.1, 2] }])).not.toThrow();
    expect(() => expectClose([{ y: [0.1, 2.01] }], [{ y: [0.1, 2] }])).toThrow('$[0].y[1]: expected 2');
  });

  it('uses an absolute floor near zero and compares non-numbers exactly', () => {
    expect(() => expectClose([1e-7], [0])).not.toThrow();
    expect(() => expectClose([1e-5], [0])).toThrow('$[0]');
    expect(() => expectClose({ a: 1, key: 7 }, { a: 1 })).toThrow('$.key: unexpected key');
    expect(() => expectClose(['cat'], ['dog'])).toThrow('expected "dog"');
    expect(() => expectClose([1, 2], [1])).toThrow('expected 1 items, got 2');
  });
});
