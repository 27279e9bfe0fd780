import { createHash } from 'node:crypto';
import { ApiError } from '@presage/errors';
import { encodedLength } from '@presage/proto';

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

/** A page's byte budget: rows are taken while their encoded sizes fit. */
export interface PageBudget<T> {
  /** The most bytes the page's items may take encoded; the first item is always taken. */
  maxBytes: number;
  /** One row's size as its message, encoded. */
  sizeOf(row: T, index: number): number;
}

/** What a repeated message field adds per item besides the item: its tag and length (≤ 6 bytes). */
const ITEM_OVERHEAD_BYTES = 6;

/**
 * One page of a keyset listing: `rows` is what the store returned for a limit of `size + 1`, so a row
 * beyond `size` means there is a next page, which starts after the last row of this one. With a budget
 * the page also ends before the row that would take it over `budget.maxBytes` (fewer than `size` rows,
 * and a token for the rest), so a page of large resources still fits in one message.
 */
export function pageOf<T extends { id: string }>(
  rows: readonly T[],
  size: number,
  query: string,
  budget?: PageBudget<T>,
): { page: T[]; nextPageToken: string } {
  let count = Math.min(size, rows.length);
  if (budget) {
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      bytes += budget.sizeOf(rows[i]!, i) + ITEM_OVERHEAD_BYTES;
      if (i > 0 && bytes > budget.maxBytes) {
        count = i;
        break;
      }
    }
  }
  const page = rows.slice(0, count);
  return {
    page,
    nextPageToken: rows.length > count ? encodePageToken(page[page.length - 1]!.id, query) : '',
  };
}

/**
 * pageOf for a list answer: each row as its message (`toMessage`, given every row the store returned),
 * the page cut to `size` rows and to `maxBytes` of messages encoded as `typeName`.
 */
export function messagePage<T extends { id: string }, M extends object>(
  rows: readonly T[],
  size: number,
  query: string,
  toMessage: (row: T, index: number) => M,
  budget: { typeName: string; maxBytes: number },
): { messages: M[]; nextPageToken: string } {
  const messages = rows.slice(0, size).map(toMessage);
  const { page, nextPageToken } = pageOf(rows, size, query, {
    maxBytes: budget.maxBytes,
    sizeOf: (_row, i) => encodedLength(budget.typeName, messages[i]!),
  });
  return { messages: messages.slice(0, page.length), nextPageToken };
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
