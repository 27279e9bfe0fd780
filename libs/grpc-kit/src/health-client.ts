import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { clientChannelCredentials, internalCredentialInterceptors } from './internal-credential';

export type ServingStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

/**
 * Asks a server's standard health service for the status of `service` ('' for the whole server): an
 * internal port as grpc-kit's clients reach it (mutual TLS when configured), or with `port: 'public'`
 * the gateway's public port (plaintext, no credential).
 */
export function checkHealth(
  address: string,
  service = '',
  deadlineMs = 5_000,
  port: 'internal' | 'public' = 'internal',
): Promise<ServingStatus> {
  const method = healthService['Check']!;
  const client =
    port === 'public'
      ? new grpc.Client(address, grpc.credentials.createInsecure())
      : new grpc.Client(address, clientChannelCredentials(), {
          interceptors: internalCredentialInterceptors(),
        });
  return new Promise<ServingStatus>((resolve, reject) => {
    client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      { service },
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (error, response) => (error ? reject(error) : resolve((response as { status: ServingStatus }).status)),
    );
  }).finally(() => client.close());
}
