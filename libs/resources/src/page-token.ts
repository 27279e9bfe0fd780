import { createHash } from 'node:crypto';
import { ApiError } from '@presage/errors';

/** AIP-158 paging: pageSize 0 means 20, larger than 100 is clamped to 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSizeOf(requested: number): number {
  if (requested < 0)
    throw ApiError.invalidArgument({ field: 'page_size', description: 'Must not be negative.' });
  if (requested === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(requested, MAX_PAGE_SIZE);
}

/**
 * An opaque keyset token: the last row's id and a digest of the query it belongs to. Rows are listed
 * in id order (or reverse id order, newest first), so inserts made while a client pages through never
 * shift or repeat its pages.
 */
export function encodePageToken(lastId: string, query: string): string {
  return Buffer.from(JSON.stringify({ a: lastId, q: queryDigest(query) })).toString('base64url');
}

/**
 * One page of a keyset listing: `rows` is what the store returned for a limit of `size + 1`, so a row
 * beyond `size` means there is a next page, which starts after the last row of this one.
 */
export function pageOf<T extends { id: string }>(
  rows: readonly T[],
  size: number,
  query: string,
): { page: T[]; nextPageToken: string } {
  const page = rows.slice(0, size);
  return {
    page,
    nextPageToken: rows.length > size ? encodePageToken(page[page.length - 1]!.id, query) : '',
  };
}

/** The id to list after (before, for a newest-first list), or undefined for the first page. */
export function decodePageToken(token: string, query: string): string | undefined {
  if (!token) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken('The page token is not one this service issued.');
  }
  if (!isToken(parsed)) throw invalidToken('The page token is not one this service issued.');
  if (parsed.q !== queryDigest(query)) {
    throw invalidToken(
      'The page token belongs to a different request; keep parent and filter unchanged while paging.',
    );
  }
  return parsed.a;
}

function isToken(value: unknown): value is { a: string; q: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { a?: unknown }).a === 'string' &&
    /^\d+$/.test((value as { a: string }).a) &&
    typeof (value as { q?: unknown }).q === 'string'
  );
}

function queryDigest(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 16);
}

function invalidToken(description: string): ApiError {
  return ApiError.invalidArgument({ field: 'page_token', description });
}
