// Original file: protos/presage/internal/v1/deployment.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListReplicasRequest as _presage_internal_v1_ListReplicasRequest, ListReplicasRequest__Output as _presage_internal_v1_ListReplicasRequest__Output } from '../../../presage/internal/v1/ListReplicasRequest';
import type { ListReplicasResponse as _presage_internal_v1_ListReplicasResponse, ListReplicasResponse__Output as _presage_internal_v1_ListReplicasResponse__Output } from '../../../presage/internal/v1/ListReplicasResponse';
import type { NudgeRequest as _presage_internal_v1_NudgeRequest, NudgeRequest__Output as _presage_internal_v1_NudgeRequest__Output } from '../../../presage/internal/v1/NudgeRequest';
import type { NudgeResponse as _presage_internal_v1_NudgeResponse, NudgeResponse__Output as _presage_internal_v1_NudgeResponse__Output } from '../../../presage/internal/v1/NudgeResponse';

export interface DeployerServiceClient extends grpc.Client {
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  
  Nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  Nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  Nudge(argument: _presage_internal_v1_NudgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  Nudge(argument: _presage_internal_v1_NudgeRequest, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface DeployerServiceHandlers extends grpc.UntypedServiceImplementation {
  ListReplicas: grpc.handleUnaryCall<_presage_internal_v1_ListReplicasRequest__Output, _presage_internal_v1_ListReplicasResponse>;
  
  Nudge: grpc.handleUnaryCall<_presage_internal_v1_NudgeRequest__Output, _presage_internal_v1_NudgeResponse>;
  
}

export interface DeployerServiceDefinition extends grpc.ServiceDefinition {
  ListReplicas: MethodDefinition<_presage_internal_v1_ListReplicasRequest, _presage_internal_v1_ListReplicasResponse, _presage_internal_v1_ListReplicasRequest__Output, _presage_internal_v1_ListReplicasResponse__Output>
  Nudge: MethodDefinition<_presage_internal_v1_NudgeRequest, _presage_internal_v1_NudgeResponse, _presage_internal_v1_NudgeRequest__Output, _presage_internal_v1_NudgeResponse__Output>
}
