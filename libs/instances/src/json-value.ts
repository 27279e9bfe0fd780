import { ValueProblem, showShape, showValue } from './instances-error';

/** `{"b64": "..."}`: binary data in AI Platform JSON. */
export interface B64Value {
  b64: string;
}

export type Leaf = number | string | boolean | B64Value;

type Kind = 'list' | 'number' | 'string' | 'boolean' | 'b64';

export function isB64(value: unknown): value is B64Value {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'b64';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The shape of a JSON value (nested lists of scalars) and its leaves in row-major order, pushed onto
 * `leaves`. Throws a ValueProblem naming the path for mixed types, ragged lists, nulls and objects.
 */
export function flattenValue(value: unknown, path: string, leaves: Leaf[]): number[] {
  if (!Array.isArray(value)) {
    leaves.push(leafOf(value, path));
    return [];
  }
  if (value.length === 0) return [0];
  if (isNumberList(value)) {
    // The common case (a feature vector): no per-item kinds or paths to work out.
    for (const item of value) leaves.push(item);
    return [value.length];
  }
  const first: unknown = value[0];
  const firstKind = kindOf(first, path, 0);
  const itemShape = flattenValue(first, `${path}[0]`, leaves);
  for (let i = 1; i < value.length; i++) {
    const item: unknown = value[i];
    const kind = kindOf(item, path, i);
    if (kind !== firstKind) {
      throw new ValueProblem(
        `mixed types in a list at ${path}: item 0 is a ${firstKind}, item ${i} is a ${kind} (${showValue(item)}); a list holds items of one type`,
      );
    }
    if (kind !== 'list') {
      leaves.push(item as Leaf);
      continue;
    }
    const shape = flattenValue(item, `${path}[${i}]`, leaves);
    if (!sameShape(shape, itemShape)) {
      throw new ValueProblem(
        `ragged list at ${path}: item 0 has shape ${showShape(itemShape)}, item ${i} has shape ${showShape(shape)}`,
      );
    }
  }
  return [value.length, ...itemShape];
}

/** A non-empty list of numbers: a feature vector. */
export function isNumberList(value: unknown): value is number[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const item of value) if (typeof item !== 'number') return false;
  return true;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/** The kind of item `index` of the list at `path` (whose own path is only built for an error). */
function kindOf(value: unknown, path: string, index: number): Kind {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return typeof value as Kind;
  if (isB64(value)) return 'b64';
  return badLeaf(value, `${path}[${index}]`);
}

function leafOf(value: unknown, path: string): Leaf {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || isB64(value))
    return value;
  return badLeaf(value, path);
}

function badLeaf(value: unknown, path: string): never {
  if (value === null)
    throw new ValueProblem(`null at ${path}; values must be numbers, strings, booleans or lists`);
  throw new ValueProblem(
    `unexpected object at ${path} (${showValue(value)}); inside an instance only {"b64": "..."} objects are allowed`,
  );
}
