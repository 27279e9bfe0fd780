import { ApiError } from '@presage/errors';
import { toSnakeCase } from './filter';

/**
 * Validates an update mask against the paths a resource allows. Paths may be camelCase (REST) or
 * snake_case (gRPC); they are returned in snake_case. An empty mask, an unknown path and an
 * immutable one are each INVALID_ARGUMENT on `update_mask` naming the path and the allowed ones.
 */
export function validateUpdateMask(
  paths: readonly string[],
  mutable: readonly string[],
  known: readonly string[],
): string[] {
  if (paths.length === 0) {
    throw ApiError.invalidArgument({
      field: 'update_mask',
      description: `An update mask is required; updatable fields: ${mutable.join(', ')}.`,
    });
  }
  const normalised = paths.flatMap((p) => p.split(',')).map((p) => toSnakeCase(p.trim()));
  const fields = new Set([...known, ...mutable].map((p) => p.split('.')[0]!));
  const violations = normalised.flatMap((path) => {
    if (mutable.includes(path)) return [];
    const reason = fields.has(path.split('.')[0]!) ? 'is immutable' : 'is not a field of this resource';
    return [
      { field: 'update_mask', description: `"${path}" ${reason}; updatable fields: ${mutable.join(', ')}.` },
    ];
  });
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  return [...new Set(normalised)];
}
