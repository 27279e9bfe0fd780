// Original file: protos/presage/v1/autoscaling_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListScalingDecisionsRequest as _presage_v1_ListScalingDecisionsRequest, ListScalingDecisionsRequest__Output as _presage_v1_ListScalingDecisionsRequest__Output } from '../../presage/v1/ListScalingDecisionsRequest';
import type { ListScalingDecisionsResponse as _presage_v1_ListScalingDecisionsResponse, ListScalingDecisionsResponse__Output as _presage_v1_ListScalingDecisionsResponse__Output } from '../../presage/v1/ListScalingDecisionsResponse';

export interface AutoscalingServiceClient extends grpc.Client {
  ListScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  ListScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  ListScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  ListScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  listScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  listScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  listScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  listScalingDecisions(argument: _presage_v1_ListScalingDecisionsRequest, callback: grpc.requestCallback<_presage_v1_ListScalingDecisionsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AutoscalingServiceHandlers extends grpc.UntypedServiceImplementation {
  ListScalingDecisions: grpc.handleUnaryCall<_presage_v1_ListScalingDecisionsRequest__Output, _presage_v1_ListScalingDecisionsResponse>;
  
}

export interface AutoscalingServiceDefinition extends grpc.ServiceDefinition {
  ListScalingDecisions: MethodDefinition<_presage_v1_ListScalingDecisionsRequest, _presage_v1_ListScalingDecisionsResponse, _presage_v1_ListScalingDecisionsRequest__Output, _presage_v1_ListScalingDecisionsResponse__Output>
}
