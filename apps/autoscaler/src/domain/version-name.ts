import { ApiError } from '@presage/errors';

/** `projects/{p}/models/{m}/versions/{v}` with the registry's id rules (a letter, then letters, digits, `_`). */
const VERSION_NAME =
  /^projects\/[A-Za-z][A-Za-z0-9_-]{0,62}\/models\/[A-Za-z][A-Za-z0-9_]{0,127}\/versions\/[A-Za-z][A-Za-z0-9_]{0,127}$/;

export function isVersionName(name: string): boolean {
  return VERSION_NAME.test(name);
}

/** `name` when it names a version; INVALID_ARGUMENT on `field` otherwise. */
export function requireVersionName(name: string, field: string): string {
  if (isVersionName(name)) return name;
  const shown = name.length > 200 ? `${name.slice(0, 200)}…` : name;
  throw ApiError.invalidArgument({
    field,
    description: `Expected "projects/{project}/models/{model}/versions/{version}", got "${shown}".`,
  });
}
