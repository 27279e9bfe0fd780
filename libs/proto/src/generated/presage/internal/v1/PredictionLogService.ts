// Original file: protos/presage/internal/v1/prediction_log.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AppendPredictionLogsRequest as _presage_internal_v1_AppendPredictionLogsRequest, AppendPredictionLogsRequest__Output as _presage_internal_v1_AppendPredictionLogsRequest__Output } from '../../../presage/internal/v1/AppendPredictionLogsRequest';
import type { AppendPredictionLogsResponse as _presage_internal_v1_AppendPredictionLogsResponse, AppendPredictionLogsResponse__Output as _presage_internal_v1_AppendPredictionLogsResponse__Output } from '../../../presage/internal/v1/AppendPredictionLogsResponse';

export interface PredictionLogServiceClient extends grpc.Client {
  AppendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  AppendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  AppendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  AppendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  appendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  appendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  appendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  appendPredictionLogs(argument: _presage_internal_v1_AppendPredictionLogsRequest, callback: grpc.requestCallback<_presage_internal_v1_AppendPredictionLogsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface PredictionLogServiceHandlers extends grpc.UntypedServiceImplementation {
  AppendPredictionLogs: grpc.handleUnaryCall<_presage_internal_v1_AppendPredictionLogsRequest__Output, _presage_internal_v1_AppendPredictionLogsResponse>;
  
}

export interface PredictionLogServiceDefinition extends grpc.ServiceDefinition {
  AppendPredictionLogs: MethodDefinition<_presage_internal_v1_AppendPredictionLogsRequest, _presage_internal_v1_AppendPredictionLogsResponse, _presage_internal_v1_AppendPredictionLogsRequest__Output, _presage_internal_v1_AppendPredictionLogsResponse__Output>
}
