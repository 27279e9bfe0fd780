import type { IncomingHttpHeaders } from 'node:http';
import type * as grpc from '@grpc/grpc-js';
import { ApiError } from '@presage/errors';
import { metadataValue } from '@presage/grpc-kit';

/**
 * The credential of a REST request, where Google's clients put one: `Authorization: Bearer <key>`, the
 * `x-goog-api-key` header, or the `key` (or `access_token`) query parameter, in that order. An
 * Authorization header of another scheme is refused rather than ignored.
 */
export function restCredential(
  headers: IncomingHttpHeaders,
  query: URLSearchParams | undefined,
): string | undefined {
  return (
    bearerToken(headers.authorization) ??
    single(headers['x-goog-api-key']) ??
    (query?.get('key') || query?.get('access_token') || undefined)
  );
}

/** The credential of a gRPC call: metadata `authorization: Bearer <key>` or `x-goog-api-key`. */
export function grpcCredential(metadata: grpc.Metadata): string | undefined {
  return bearerToken(metadataValue(metadata, 'authorization')) ?? metadataValue(metadata, 'x-goog-api-key');
}

function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw ApiError.unauthenticated('The Authorization header must be "Bearer <key>".');
  }
  return match[1];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Whether a credential has the shape of a JWT (three base64url parts) rather than of an API key. */
export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);
}
