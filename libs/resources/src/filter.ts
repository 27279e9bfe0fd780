import { ApiError } from '@presage/errors';

/** One `field:value` term of a list filter. */
export interface FilterTerm {
  /** snake_case field path, e.g. `state`, `labels.team`. */
  field: string;
  /** `prefix` for `value*`, else an exact match. */
  match: 'exact' | 'prefix';
  value: string;
}

const TERM = /^([A-Za-z][A-Za-z0-9_.-]*)\s*([:=])\s*(.+)$/;

/**
 * Parses AI Platform's list filters: `field:value`, `field=value`, `field:prefix*`, `labels.key:value`,
 * joined with AND. Values may be double-quoted. `allowed` lists the filterable fields (snake_case);
 * `labels.<key>` is allowed when `labels` is.
 */
export function parseFilter(filter: string, allowed: readonly string[]): FilterTerm[] {
  const text = filter.trim();
  if (!text) return [];
  return splitOnAnd(text).map((raw) => parseTerm(raw, allowed));
}

function splitOnAnd(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  const tokens = text.split(/(\s+|")/);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '"') quoted = !quoted;
    if (
      !quoted &&
      token === 'AND' &&
      /^\s*$/.test(tokens[i - 1] ?? '') &&
      /^\s*$/.test(tokens[i + 1] ?? '')
    ) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    if (!quoted && token === 'OR') {
      throw invalid('OR is not supported; join conditions with AND.');
    }
    current += token;
  }
  if (quoted) throw invalid('Unterminated quoted value.');
  parts.push(current.trim());
  if (parts.some((p) => p === '')) throw invalid('Empty condition around AND.');
  return parts;
}

function parseTerm(raw: string, allowed: readonly string[]): FilterTerm {
  const match = TERM.exec(raw);
  if (!match)
    throw invalid(`Cannot parse "${raw}"; expected field:value, field:prefix* or labels.key:value.`);
  const field = toSnakeCase(match[1]!);
  let value = match[3]!.trim();
  let prefix = false;
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    value = value.slice(1, -1);
  } else if (value.endsWith('*')) {
    prefix = true;
    value = value.slice(0, -1);
  }
  if (value.includes('*')) throw invalid(`Only a trailing * wildcard is supported, in "${raw}".`);
  const isLabel =
    field.startsWith('labels.') && field.length > 'labels.'.length && allowed.includes('labels');
  if (!isLabel && !allowed.includes(field)) {
    throw invalid(
      `Cannot filter on "${match[1]!}"; filterable fields: ${[...allowed].map(describe).join(', ')}.`,
    );
  }
  return {
    field: isLabel ? `labels.${match[1]!.slice('labels.'.length)}` : field,
    match: prefix ? 'prefix' : 'exact',
    value,
  };
}

function describe(field: string): string {
  return field === 'labels' ? 'labels.<key>' : field;
}

export function toSnakeCase(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function invalid(description: string): ApiError {
  return ApiError.invalidArgument({ field: 'filter', description });
}
