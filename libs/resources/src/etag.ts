import { randomBytes } from 'node:crypto';
import { ApiError } from '@presage/errors';

/** A fresh etag (AIP-154) for a resource that changed: 8 random bytes, stored as hex. */
export function newEtag(): string {
  return randomBytes(8).toString('hex');
}

/** An etag sent back on update must match the stored one; an empty etag skips the check. */
export function checkEtag(
  given: Buffer | Uint8Array | null | undefined,
  current: string,
  resource: string,
): void {
  if (!given || given.length === 0) return;
  if (Buffer.from(given).toString('hex') !== current) {
    throw ApiError.aborted(
      `The etag of ${resource} does not match: it changed since you read it. Read it again and retry.`,
      'ETAG_MISMATCH',
    );
  }
}
