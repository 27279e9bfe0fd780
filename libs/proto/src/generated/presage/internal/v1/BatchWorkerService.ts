// Original file: protos/presage/internal/v1/batch.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClaimShardRequest as _presage_internal_v1_ClaimShardRequest, ClaimShardRequest__Output as _presage_internal_v1_ClaimShardRequest__Output } from '../../../presage/internal/v1/ClaimShardRequest';
import type { ClaimShardResponse as _presage_internal_v1_ClaimShardResponse, ClaimShardResponse__Output as _presage_internal_v1_ClaimShardResponse__Output } from '../../../presage/internal/v1/ClaimShardResponse';
import type { CompleteShardRequest as _presage_internal_v1_CompleteShardRequest, CompleteShardRequest__Output as _presage_internal_v1_CompleteShardRequest__Output } from '../../../presage/internal/v1/CompleteShardRequest';
import type { CompleteShardResponse as _presage_internal_v1_CompleteShardResponse, CompleteShardResponse__Output as _presage_internal_v1_CompleteShardResponse__Output } from '../../../presage/internal/v1/CompleteShardResponse';
import type { FailShardRequest as _presage_internal_v1_FailShardRequest, FailShardRequest__Output as _presage_internal_v1_FailShardRequest__Output } from '../../../presage/internal/v1/FailShardRequest';
import type { FailShardResponse as _presage_internal_v1_FailShardResponse, FailShardResponse__Output as _presage_internal_v1_FailShardResponse__Output } from '../../../presage/internal/v1/FailShardResponse';
import type { RenewLeaseRequest as _presage_internal_v1_RenewLeaseRequest, RenewLeaseRequest__Output as _presage_internal_v1_RenewLeaseRequest__Output } from '../../../presage/internal/v1/RenewLeaseRequest';
import type { RenewLeaseResponse as _presage_internal_v1_RenewLeaseResponse, RenewLeaseResponse__Output as _presage_internal_v1_RenewLeaseResponse__Output } from '../../../presage/internal/v1/RenewLeaseResponse';

export interface BatchWorkerServiceClient extends grpc.Client {
  ClaimShard(argument: _presage_internal_v1_ClaimShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  ClaimShard(argument: _presage_internal_v1_ClaimShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  ClaimShard(argument: _presage_internal_v1_ClaimShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  ClaimShard(argument: _presage_internal_v1_ClaimShardRequest, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  claimShard(argument: _presage_internal_v1_ClaimShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  claimShard(argument: _presage_internal_v1_ClaimShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  claimShard(argument: _presage_internal_v1_ClaimShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  claimShard(argument: _presage_internal_v1_ClaimShardRequest, callback: grpc.requestCallback<_presage_internal_v1_ClaimShardResponse__Output>): grpc.ClientUnaryCall;
  
  CompleteShard(argument: _presage_internal_v1_CompleteShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  CompleteShard(argument: _presage_internal_v1_CompleteShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  CompleteShard(argument: _presage_internal_v1_CompleteShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  CompleteShard(argument: _presage_internal_v1_CompleteShardRequest, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  completeShard(argument: _presage_internal_v1_CompleteShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  completeShard(argument: _presage_internal_v1_CompleteShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  completeShard(argument: _presage_internal_v1_CompleteShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  completeShard(argument: _presage_internal_v1_CompleteShardRequest, callback: grpc.requestCallback<_presage_internal_v1_CompleteShardResponse__Output>): grpc.ClientUnaryCall;
  
  FailShard(argument: _presage_internal_v1_FailShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  FailShard(argument: _presage_internal_v1_FailShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  FailShard(argument: _presage_internal_v1_FailShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  FailShard(argument: _presage_internal_v1_FailShardRequest, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  failShard(argument: _presage_internal_v1_FailShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  failShard(argument: _presage_internal_v1_FailShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  failShard(argument: _presage_internal_v1_FailShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  failShard(argument: _presage_internal_v1_FailShardRequest, callback: grpc.requestCallback<_presage_internal_v1_FailShardResponse__Output>): grpc.ClientUnaryCall;
  
  RenewLease(argument: _presage_internal_v1_RenewLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _presage_internal_v1_RenewLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _presage_internal_v1_RenewLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  RenewLease(argument: _presage_internal_v1_RenewLeaseRequest, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _presage_internal_v1_RenewLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _presage_internal_v1_RenewLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _presage_internal_v1_RenewLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  renewLease(argument: _presage_internal_v1_RenewLeaseRequest, callback: grpc.requestCallback<_presage_internal_v1_RenewLeaseResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BatchWorkerServiceHandlers extends grpc.UntypedServiceImplementation {
  ClaimShard: grpc.handleUnaryCall<_presage_internal_v1_ClaimShardRequest__Output, _presage_internal_v1_ClaimShardResponse>;
  
  CompleteShard: grpc.handleUnaryCall<_presage_internal_v1_CompleteShardRequest__Output, _presage_internal_v1_CompleteShardResponse>;
  
  FailShard: grpc.handleUnaryCall<_presage_internal_v1_FailShardRequest__Output, _presage_internal_v1_FailShardResponse>;
  
  RenewLease: grpc.handleUnaryCall<_presage_internal_v1_RenewLeaseRequest__Output, _presage_internal_v1_RenewLeaseResponse>;
  
}

export interface BatchWorkerServiceDefinition extends grpc.ServiceDefinition {
  ClaimShard: MethodDefinition<_presage_internal_v1_ClaimShardRequest, _presage_internal_v1_ClaimShardResponse, _presage_internal_v1_ClaimShardRequest__Output, _presage_internal_v1_ClaimShardResponse__Output>
  CompleteShard: MethodDefinition<_presage_internal_v1_CompleteShardRequest, _presage_internal_v1_CompleteShardResponse, _presage_internal_v1_CompleteShardRequest__Output, _presage_internal_v1_CompleteShardResponse__Output>
  FailShard: MethodDefinition<_presage_internal_v1_FailShardRequest, _presage_internal_v1_FailShardResponse, _presage_internal_v1_FailShardRequest__Output, _presage_internal_v1_FailShardResponse__Output>
  RenewLease: MethodDefinition<_presage_internal_v1_RenewLeaseRequest, _presage_internal_v1_RenewLeaseResponse, _presage_internal_v1_RenewLeaseRequest__Output, _presage_internal_v1_RenewLeaseResponse__Output>
}
