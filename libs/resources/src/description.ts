import type { FieldViolation } from '@presage/errors';

/**
 * The longest description a model or version may have. Descriptions are free text shown in listings; a
 * cap keeps a page of 100 resources small (100 × 8 KiB of text) whatever users write.
 */
export const MAX_DESCRIPTION_CHARS = 8192;

/** A violation on `field` when `description` is longer than MAX_DESCRIPTION_CHARS. */
export function descriptionViolations(description: string, field: string): FieldViolation[] {
  if (description.length <= MAX_DESCRIPTION_CHARS) return [];
  return [
    {
      field,
      description: `At most ${MAX_DESCRIPTION_CHARS} characters; got ${description.length}.`,
    },
  ];
}
