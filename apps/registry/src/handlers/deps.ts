import type { Knex } from '@presage/db';
import type { Confinement } from '@presage/env';
import { DEFAULT_MESSAGE_LIMITS, metadataValue } from '@presage/grpc-kit';
import type { CallContext, MessageLimits } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';

export interface RegistryDeps {
  knex: Knex;
  logger: Logger;
  /** @default () => new Date() */
  now: () => Date;
  /** Message sizes; a list page holds at most `maxResponseBytes` of resources. @default DEFAULT_MESSAGE_LIMITS */
  limits?: MessageLimits;
  /**
   * Where a version's local files may lie and whether it may run its own code; the deployer checks again
   * with links followed. @default anything
   */
  confinement?: Confinement;
  /** The hosts monitoring webhooks may go to (`name` or `name:port`). @default any */
  webhookHosts?: readonly string[] | undefined;
}

/** The most bytes of resources one list page of the registry holds. */
export function pageBytes(deps: RegistryDeps): number {
  return (deps.limits ?? DEFAULT_MESSAGE_LIMITS).maxResponseBytes;
}

/** Who is calling: the gateway forwards the authenticated principal as `x-presage-actor`. */
export function actorOf(context: CallContext): string {
  return metadataValue(context.metadata, 'x-presage-actor')?.slice(0, 256) ?? 'anonymous';
}
