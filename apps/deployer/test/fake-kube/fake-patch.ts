import type { KubeObject } from './fake-store';

/** RFC 7386 JSON merge patch: objects merge, `null` removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * Server-side apply, approximated: the applied configuration wins field by field (objects merge, lists
 * are replaced whole, which is what the driver's complete manifests need), fields others set (status,
 * annotations of other field managers, defaults) stay. The real API server also removes fields a manager
 * stopped applying; this fake does not track managers.
 */
export function applyObject(existing: KubeObject, applied: KubeObject): KubeObject {
  const { status: _ignored, ...configuration } = applied;
  return mergePatch(existing, withoutNulls(configuration)) as KubeObject;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
