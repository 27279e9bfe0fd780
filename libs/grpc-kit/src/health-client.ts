import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { internalCredentialInterceptors } from './internal-credential';

export type ServingStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

/** Asks a server's standard health service for the status of `service` ('' for the whole server). */
export function checkHealth(address: string, service = '', deadlineMs = 5_000): Promise<ServingStatus> {
  const method = healthService['Check']!;
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), {
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
