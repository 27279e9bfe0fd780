import { MAX_JSON_DEPTH, jsonDepthExceeds } from './json-depth';

function nested(depth: number, kind: 'array' | 'object'): unknown {
  const text =
    kind === 'array'
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return JSON.parse(text);
}

describe('jsonDepthExceeds', () => {
  it('counts nested arrays and objects, scalars being depth 0', () => {
    expect(jsonDepthExceeds(1, 0)).toBe(false);
    expect(jsonDepthExceeds([], 0)).toBe(true);
    expect(jsonDepthExceeds([[1]], 2)).toBe(false);
    expect(jsonDepthExceeds([[1]], 1)).toBe(true);
    expect(jsonDepthExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: 1 }] }, 2)).toBe(true);
  });

  it('allows the limit exactly and refuses one more level, for arrays and objects alike', () => {
    for (const kind of ['array', 'object'] as const) {
      expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH, kind))).toBe(false);
      expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1, kind))).toBe(true);
    }
  });

  it('answers for 100,000 levels without running out of stack', () => {
    expect(jsonDepthExceeds(nested(100_000, 'array'))).toBe(true);
    expect(jsonDepthExceeds(nested(100_000, 'object'))).toBe(true);
  });

  it('finds one deep branch among many shallow ones', () => {
    const wide = Array.from({ length: 10_000 }, () => [1, 2, 3, 4]);
    expect(jsonDepthExceeds(wide)).toBe(false);
    wide.push(nested(MAX_JSON_DEPTH, 'array') as number[]);
    expect(jsonDepthExceeds(wide)).toBe(true);
  });
});
