/** A feature's value in one instance: a number (numeric) or a string (categorical; booleans as text). */
export type FeatureValue = number | string;

/** The most features read from one instance; deeper or wider instances are cut there. */
export const MAX_FEATURES_PER_INSTANCE = 1_000;
const MAX_DEPTH = 4;

/**
 * The features of one instance, by name: an object's keys (`age`), a list's positions (`[0]`), nested ones
 * joined (`x[2]`, `address.city`). Nulls and non-finite numbers are left out, as missing.
 */
export function featureValues(instance: unknown): Map<string, FeatureValue> {
  const values = new Map<string, FeatureValue>();
  collect(instance, '', 0, values);
  return values;
}

function collect(value: unknown, name: string, depth: number, into: Map<string, FeatureValue>): void {
  if (into.size >= MAX_FEATURES_PER_INSTANCE) return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) into.set(name || 'value', value);
  } else if (typeof value === 'string') {
    into.set(name || 'value', value);
  } else if (typeof value === 'boolean') {
    into.set(name || 'value', String(value));
  } else if (depth < MAX_DEPTH && Array.isArray(value)) {
    value.forEach((item, index) => collect(item, `${name}[${index}]`, depth + 1, into));
  } else if (depth < MAX_DEPTH && value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      collect(item, name ? `${name}.${key}` : key, depth + 1, into);
    }
  }
}
