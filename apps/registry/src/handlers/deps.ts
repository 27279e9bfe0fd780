import { randomBytes } from 'node:crypto';
import { ApiError, StatusCode } from '@presage/errors';
import { mapDbError } from '@presage/db';
import type { Knex } from '@presage/db';
import type { CallContext } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';

/** Tells the deployer a version changed, without waiting; it reconciles on its timer anyway. */
export interface DeployerNudger {
  nudge(versionName: string): void;
}

export interface RegistryDeps {
  knex: Knex;
  logger: Logger;
  nudger: DeployerNudger;
  /** @default () => new Date() */
  now: () => Date;
}

/** Who is calling: the gateway forwards the authenticated principal as `x-presage-actor`. */
export function actorOf(context: CallContext): string {
  const value = context.metadata.get('x-presage-actor')[0];
  return typeof value === 'string' && value ? value.slice(0, 256) : 'anonymous';
}

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

/** Rethrows a unique violation on `field` as ALREADY_EXISTS of the named resource. */
export function alreadyExistsOn(error: unknown, resourceType: string, name: string, field: string): never {
  const mapped = mapDbError(error);
  if (mapped.code === StatusCode.ALREADY_EXISTS) throw ApiError.alreadyExists(resourceType, name, field);
  throw mapped;
}
