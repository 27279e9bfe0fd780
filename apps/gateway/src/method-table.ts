import type * as grpc from '@grpc/grpc-js';
import { metadataValue } from '@presage/grpc-kit';
import type { CancelSignal } from './caller-signal';

/** Who is calling and until when, as the REST and gRPC fronts both know it. */
export interface CallInfo {
  /** The caller identity, forwarded as `x-presage-actor` metadata; undefined when anonymous. */
  actor: string | undefined;
  /** The caller's deadline, if it set one. */
  deadline?: Date | undefined;
  /** Aborted when the caller goes away (closes the connection, cancels the call). */
  signal?: CancelSignal | undefined;
  /**
   * The caller's credential (API key), read only when asked: while auth is off nothing looks at it.
   * Throws UNAUTHENTICATED for an Authorization header that is not `Bearer <key>`.
   */
  credential?: (() => string | undefined) | undefined;
  /** The caller's W3C trace context headers (`traceparent`, `tracestate`) that were present. */
  trace?: Record<string, string> | undefined;
  /** The caller's `x-presage-routing-key` (header or metadata): predictions stay on one version of a split. */
  routingKey?: string | undefined;
}

/** One public method: takes the request in proto-loader object form, resolves with the response. */
export type MethodInvoker = (request: Record<string, unknown>, call: CallInfo) => Promise<unknown>;

/** Method path (`/presage.v1.ModelService/GetModel`) → its implementation in the gateway. */
export type MethodTable = ReadonlyMap<string, MethodInvoker>;

/** Header (REST) and metadata key (gRPC) of the caller identity. */
export const ACTOR_KEY = 'x-presage-actor';

/** On an HttpBody response: the HTTP status REST answers with (200 when absent). */
export const HTTP_STATUS = Symbol('presage.gateway.httpStatus');

/**
 * On a prediction's response: the version that answered, sent as the `x-presage-version` header (REST)
 * and trailing metadata (gRPC).
 */
export const SERVED_VERSION = Symbol('presage.gateway.servedVersion');

/** Response header (REST) and trailing metadata key (gRPC) naming the version that answered a prediction. */
export const VERSION_KEY = 'x-presage-version';

export interface HttpBodyReply {
  contentType: string;
  data: Buffer;
  extensions: unknown[];
  [HTTP_STATUS]?: number;
  [SERVED_VERSION]?: string;
}

export function actorOf(metadata: grpc.Metadata): string | undefined {
  return metadataValue(metadata, ACTOR_KEY);
}

/** The remaining time of a caller's deadline, capped at `defaultMs`. */
export function remainingMs(call: CallInfo, defaultMs: number): number {
  if (!call.deadline) return defaultMs;
  return Math.max(1, Math.min(defaultMs, call.deadline.getTime() - Date.now()));
}
