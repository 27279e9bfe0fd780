import { ApiError } from '@presage/errors';
import type { FieldViolation } from '@presage/errors';
import { MapField, Type } from 'protobufjs';

/** How deeply messages may nest in a request (google.protobuf.Struct and Value can nest without end). */
export const MAX_MESSAGE_DEPTH = 100;

/** NUL, which Postgres cannot store in text, and UTF-16 surrogates without their pair, which are not text. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses a decoded request (loader form) of message `type` that holds text no service can store: a NUL
 * character or an unpaired surrogate in any string field, map key or value, at any depth. Throws
 * INVALID_ARGUMENT naming the field (`version.deployment_uri`, `model.labels.key`).
 */
export function checkRequestText(type: Type, request: unknown): void {
  const violation = walk(type, request, '', 0);
  if (violation) throw ApiError.invalidArgument(violation);
}

function walk(type: Type, message: unknown, path: string, depth: number): FieldViolation | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  if (depth > MAX_MESSAGE_DEPTH) {
    return { field: path, description: `Messages nest more than ${MAX_MESSAGE_DEPTH} levels deep here.` };
  }
  const fields = message as Record<string, unknown>;
  for (const field of type.fieldsArray) {
    const value = fields[field.name];
    if (value === undefined || value === null) continue;
    const fieldPath = path ? `${path}.${snakeCase(field.name)}` : snakeCase(field.name);
    const found =
      field instanceof MapField
        ? walkMap(field, value, fieldPath, depth)
        : field.repeated && Array.isArray(value)
          ? walkList(field.resolvedType, value, fieldPath, depth)
          : walkValue(field.resolvedType, value, fieldPath, depth);
    if (found) return found;
  }
  return undefined;
}

function walkMap(field: MapField, value: unknown, path: string, depth: number): FieldViolation | undefined {
  if (typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const keyProblem = textProblem(key);
    if (keyProblem) return { field: path, description: `A key ${keyProblem}` };
    const found = walkValue(field.resolvedType, item, `${path}.${key}`, depth);
    if (found) return found;
  }
  return undefined;
}

function walkList(
  resolved: unknown,
  list: readonly unknown[],
  path: string,
  depth: number,
): FieldViolation | undefined {
  for (let i = 0; i < list.length; i++) {
    const found = walkValue(resolved, list[i], `${path}[${i}]`, depth);
    if (found) return found;
  }
  return undefined;
}

function walkValue(
  resolved: unknown,
  value: unknown,
  path: string,
  depth: number,
): FieldViolation | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: path, description: `The value ${problem}` } : undefined;
  }
  if (resolved instanceof Type) return walk(resolved, value, path, depth + 1);
  return undefined;
}

/** What is wrong with `text`, or undefined. */
function textProblem(text: string): string | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  const at = `at character ${match.index}`;
  if (match[0] === '\u0000') return `contains a NUL character (U+0000) ${at}, which text fields cannot hold.`;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains an unpaired UTF-16 surrogate (U+${code}) ${at}: text must be valid Unicode.`;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
