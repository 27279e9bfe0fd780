import type { SeededRandom } from './seeded-random';

/** Strings that have broken parsers, validators and databases before. */
const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  'a',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d\ude00',
  'é',
  '\u202e',
  '\ufeff',
  '\n',
  '"',
  "'",
  '\\',
  '%',
  '%00',
  '%ZZ',
  '*',
  '**',
  ',',
  '.',
  '..',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e400',
  '9'.repeat(40),
  'true',
  'null',
  '{}',
  '[]',
  "'; DROP TABLE models; --",
  'projects/p',
  'projects/fuzz/models/m0',
  'file:///nonexistent-fuzz/model',
  'http://127.0.0.1:1/model',
  'a'.repeat(129),
  'A'.repeat(300),
];

export function nastyString(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.6) return random.pick(NASTY_STRINGS);
  if (roll < 0.9) return randomText(random, random.int(40));
  if (roll < 0.98) return 'x'.repeat(1000 + random.int(20_000));
  return `${'y'.repeat(200_000)}\u0000`;
}

/** Characters from everywhere: ASCII, Latin, CJK, astral pairs, lone surrogates, controls. */
export function randomText(random: SeededRandom, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const roll = random.next();
    if (roll < 0.6) text += String.fromCharCode(0x20 + random.int(0x5f));
    else if (roll < 0.7) text += String.fromCharCode(random.int(0x20));
    else if (roll < 0.8) text += String.fromCharCode(0xa0 + random.int(0x4f00));
    else if (roll < 0.9) text += String.fromCodePoint(0x10000 + random.int(0xfffff));
    else text += String.fromCharCode(0xd800 + random.int(0x800));
  }
  return text;
}

const NASTY_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  1.5,
  0.1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 64,
  -(2 ** 63),
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

export function nastyNumber(random: SeededRandom): number {
  return random.chance(0.7) ? random.pick(NASTY_NUMBERS) : (random.next() - 0.5) * 10 ** random.int(12);
}

/** Any JSON value, nested at most `depth` levels. */
export function randomJson(random: SeededRandom, depth = 3): unknown {
  const roll = random.int(depth > 0 ? 8 : 5);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return nastyNumber(random);
    case 3:
    case 4:
      return nastyString(random);
    case 5:
    case 6:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth - 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(4) }, () => [nastyString(random), randomJson(random, depth - 1)]),
      );
  }
}

/** JSON text nested `depth` levels deep, built as text (building the value would need the recursion it tests). */
export function deepJsonText(depth: number, kind: 'array' | 'object', leaf = '1'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

/** Broken JSON texts: truncated, trailing garbage, wrong top-level types, odd encodings. */
export function malformedJsonText(random: SeededRandom): string | Buffer {
  const texts: (string | Buffer)[] = [
    '{',
    '}',
    '[',
    '{"a":',
    '{"a" 1}',
    "{'a': 1}",
    '{"a":1,}',
    '{"a":1}{"b":2}',
    'null',
    'true',
    '42',
    '"text"',
    '[]',
    '[1,2,3]',
    '\ufeff{}',
    '{"a":"\\u0000"}',
    '{"a":"\\ud800"}',
    '{"a":NaN}',
    '{"a":1e999}',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{}}}',
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]),
    deepJsonText(10_000, 'array'),
    deepJsonText(10_000, 'object'),
    deepJsonText(200, 'object'),
  ];
  return random.pick(texts);
}
