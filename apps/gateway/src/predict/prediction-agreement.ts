/** Absolute part of the float tolerance: |a − b| ≤ ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE × |b|. */
export const ABSOLUTE_TOLERANCE = 1e-6;
/** Relative part of the float tolerance (b is the primary's value). */
export const RELATIVE_TOLERANCE = 1e-4;

/** How many of a shadow's predictions agree with the primary's, prediction by prediction. */
export interface Agreement {
  agree: number;
  disagree: number;
}

/**
 * Compares two `{"predictions": [...]}` answers prediction by prediction. Strings, booleans, nulls and
 * integers (both sides integral) must be equal; other numbers may differ by the tolerance above; lists
 * and objects agree when every element and key does. A prediction one side has and the other lacks
 * disagrees. Undefined when either body is not a predictions answer (the shadow then counts an error).
 */
export function compareAnswers(primary: Buffer, shadow: Buffer): Agreement | undefined {
  const expected = predictionsOf(primary);
  const actual = predictionsOf(shadow);
  if (!expected || !actual) return undefined;
  let agree = 0;
  const common = Math.min(expected.length, actual.length);
  for (let i = 0; i < common; i++) if (valuesAgree(expected[i], actual[i])) agree++;
  return { agree, disagree: Math.max(expected.length, actual.length) - agree };
}

/** One prediction of the primary (`expected`) against the shadow's (`actual`). */
export function valuesAgree(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return numbersAgree(expected, actual);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    for (let i = 0; i < expected.length; i++) if (!valuesAgree(expected[i], actual[i])) return false;
    return true;
  }
  if (isObject(expected)) {
    if (!isObject(actual) || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    if (keys.length !== Object.keys(actual).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(actual, key) || !valuesAgree(expected[key], actual[key])) return false;
    }
    return true;
  }
  return expected === actual;
}

function numbersAgree(expected: number, actual: number): boolean {
  if (Number.isInteger(expected) && Number.isInteger(actual)) return expected === actual;
  return Math.abs(actual - expected) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(expected);
}

function predictionsOf(body: Buffer): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (!isObject(parsed)) return undefined;
    const { predictions } = parsed;
    return Array.isArray(predictions) ? predictions : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
