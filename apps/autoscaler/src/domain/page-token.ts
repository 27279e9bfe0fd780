import { createHash } from 'node:crypto';
import { ApiError } from '@presage/errors';

/** AIP-158 paging, as the registry pages: pageSize 0 means 20, larger than 100 is clamped to 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSizeOf(requested: number): number {
  if (!Number.isInteger(requested) || requested < 0)
    throw ApiError.invalidArgument({
      field: 'page_size',
      description: `Must not be negative; got ${requested}.`,
    });
  if (requested === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(requested, MAX_PAGE_SIZE);
}

/**
 * An opaque keyset token: the last row's id and a digest of the request it belongs to. Decisions are
 * listed newest first by id, so decisions taken while a client pages never shift or repeat its pages.
 */
export function encodePageToken(lastId: string, query: string): string {
  return Buffer.from(JSON.stringify({ a: lastId, q: queryDigest(query) })).toString('base64url');
}

/** The id to list before, or undefined for the first page. */
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
    throw invalidToken('The page token belongs to a different request; keep parent unchanged while paging.');
  }
  return parsed.a;
}

function isToken(value: unknown): value is { a: string; q: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { a, q } = value as { a?: unknown; q?: unknown };
  return typeof a === 'string' && /^\d{1,19}$/.test(a) && typeof q === 'string';
}

function queryDigest(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 16);
}

function invalidToken(description: string): ApiError {
  return ApiError.invalidArgument({ field: 'page_token', description });
}
