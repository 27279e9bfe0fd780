// Original file: protos/presage/internal/v1/access.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { LookupApiKeyRequest as _presage_internal_v1_LookupApiKeyRequest, LookupApiKeyRequest__Output as _presage_internal_v1_LookupApiKeyRequest__Output } from '../../../presage/internal/v1/LookupApiKeyRequest';
import type { LookupApiKeyResponse as _presage_internal_v1_LookupApiKeyResponse, LookupApiKeyResponse__Output as _presage_internal_v1_LookupApiKeyResponse__Output } from '../../../presage/internal/v1/LookupApiKeyResponse';

export interface CredentialServiceClient extends grpc.Client {
  LookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  LookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  LookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  LookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  lookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  lookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  lookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  lookupApiKey(argument: _presage_internal_v1_LookupApiKeyRequest, callback: grpc.requestCallback<_presage_internal_v1_LookupApiKeyResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface CredentialServiceHandlers extends grpc.UntypedServiceImplementation {
  LookupApiKey: grpc.handleUnaryCall<_presage_internal_v1_LookupApiKeyRequest__Output, _presage_internal_v1_LookupApiKeyResponse>;
  
}

export interface CredentialServiceDefinition extends grpc.ServiceDefinition {
  LookupApiKey: MethodDefinition<_presage_internal_v1_LookupApiKeyRequest, _presage_internal_v1_LookupApiKeyResponse, _presage_internal_v1_LookupApiKeyRequest__Output, _presage_internal_v1_LookupApiKeyResponse__Output>
}
