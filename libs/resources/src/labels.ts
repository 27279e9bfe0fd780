import type { FieldViolation } from '@presage/errors';

const MAX_LABELS = 64;
const KEY_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
const VALUE_PATTERN = /^[a-z0-9_-]{0,63}$/;

/** Google Cloud's label rules: at most 64; keys start with a lower-case letter; `[a-z0-9_-]`, ≤ 63 characters. */
export function labelViolations(labels: Record<string, string>, field: string): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) {
    violations.push({
      field,
      description: `At most ${MAX_LABELS} labels are allowed; got ${entries.length}.`,
    });
  }
  for (const [key, value] of entries) {
    if (!KEY_PATTERN.test(key)) {
      violations.push({
        field: `${field}.${key}`,
        description:
          'Label keys start with a lower-case letter and contain only a-z, 0-9, _ and -, at most 63 characters.',
      });
    }
    if (!VALUE_PATTERN.test(value)) {
      violations.push({
        field: `${field}.${key}`,
        description: 'Label values contain only a-z, 0-9, _ and -, at most 63 characters.',
      });
    }
  }
  return violations;
}
