import * as grpc from '@grpc/grpc-js';
import { INTERNAL_CREDENTIAL_FILE_ENV, INTERNAL_CREDENTIAL_METADATA } from '@presage/env';
import type { InternalCredential } from '@presage/env';
import { ApiError, StatusCode } from '@presage/errors';
import type { Logger } from '@presage/log';
import { metadataValue } from './metadata-value';
import { toServiceError } from './status-details';

/** What a caller without the credential is told: where it is, and what would let it in. */
export const INTERNAL_PORT_REFUSAL = `This is an internal port of Presage: callers need the platform's internal credential (${INTERNAL_CREDENTIAL_FILE_ENV}), sent as ${INTERNAL_CREDENTIAL_METADATA} metadata. Users call the gateway.`;

/** Kubelet probes and `presage up` ask grpc.health.v1 without a credential: it says nothing secret. */
const OPEN_PREFIX = '/grpc.health.v1.Health/';

/**
 * A server interceptor that answers UNAUTHENTICATED to every call (unary, streaming, raw services,
 * reflection) whose metadata does not carry `credential`, before its handler runs. Health stays open.
 */
export function requireInternalCredential(
  credential: InternalCredential,
  logger: Logger,
): grpc.ServerInterceptor {
  return (method, call) => {
    if (method.path.startsWith(OPEN_PREFIX)) return new grpc.ServerInterceptingCall(call);
    return new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, pass) => {
            if (credential.matches(metadataValue(metadata, INTERNAL_CREDENTIAL_METADATA))) pass(metadata);
            else refuse(call, method.path, logger);
          },
        }),
    });
  };
}

function refuse(call: grpc.ServerInterceptingCallInterface, path: string, logger: Logger): void {
  logger.warn('call without the internal credential refused', { method: path, peer: call.getPeer() });
  const status = toServiceError(new ApiError(StatusCode.UNAUTHENTICATED, INTERNAL_PORT_REFUSAL), logger);
  call.sendStatus({ code: grpc.status.UNAUTHENTICATED, details: INTERNAL_PORT_REFUSAL, ...status });
}

/** The interceptors every client grpc-kit builds carries: none until useInternalCredential(). */
let clientInterceptors: grpc.Interceptor[] = [];
/** How every client grpc-kit builds connects: plaintext until useInternalCredential() with TLS. */
let channelCredentials: grpc.ChannelCredentials = grpc.credentials.createInsecure();

/**
 * Makes this process present `credential` on every call of the clients grpc-kit builds from now on
 * (createClient, createStreamClient, checkHealth; streams opened on their `raw` channel too). A
 * service's main.ts calls it once, with its config's credential, before it creates any client:
 * every outgoing call of a Presage service goes to another of its internal ports. Undefined: clients
 * send none (as before there was a credential).
 */
export function useInternalCredential(credential: InternalCredential | undefined): void {
  clientInterceptors = credential ? [presentingInterceptor(credential.secret)] : [];
  channelCredentials = internalChannelCredentials(credential);
}

/** The channel credentials of a new client (mutual TLS when the credential has certificates). */
export function clientChannelCredentials(): grpc.ChannelCredentials {
  return channelCredentials;
}

/** Mutual TLS with the credential's certificates; plaintext without. */
export function internalChannelCredentials(
  credential: InternalCredential | undefined,
): grpc.ChannelCredentials {
  const tls = credential?.tls;
  return tls ? grpc.credentials.createSsl(tls.ca, tls.key, tls.cert) : grpc.credentials.createInsecure();
}

/** What an internal server listens with: mutual TLS (a client certificate required) when configured. */
export function internalServerCredentials(
  credential: InternalCredential | undefined,
): grpc.ServerCredentials {
  const tls = credential?.tls;
  return tls
    ? grpc.ServerCredentials.createSsl(tls.ca, [{ private_key: tls.key, cert_chain: tls.cert }], true)
    : grpc.ServerCredentials.createInsecure();
}

/** The `interceptors` channel option of a new client. */
export function internalCredentialInterceptors(): grpc.Interceptor[] {
  return clientInterceptors;
}

/** A client interceptor that adds the credential to each call's metadata. */
function presentingInterceptor(secret: string): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        metadata.set(INTERNAL_CREDENTIAL_METADATA, secret);
        next(metadata, listener);
      },
    });
}
