// Original file: protos/presage/internal/v1/autoscaler.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ReportDemandRequest as _presage_internal_v1_ReportDemandRequest, ReportDemandRequest__Output as _presage_internal_v1_ReportDemandRequest__Output } from '../../../presage/internal/v1/ReportDemandRequest';
import type { ReportDemandResponse as _presage_internal_v1_ReportDemandResponse, ReportDemandResponse__Output as _presage_internal_v1_ReportDemandResponse__Output } from '../../../presage/internal/v1/ReportDemandResponse';

export interface AutoscalerServiceClient extends grpc.Client {
  ReportDemand(argument: _presage_internal_v1_ReportDemandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  ReportDemand(argument: _presage_internal_v1_ReportDemandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  ReportDemand(argument: _presage_internal_v1_ReportDemandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  ReportDemand(argument: _presage_internal_v1_ReportDemandRequest, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  reportDemand(argument: _presage_internal_v1_ReportDemandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  reportDemand(argument: _presage_internal_v1_ReportDemandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  reportDemand(argument: _presage_internal_v1_ReportDemandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  reportDemand(argument: _presage_internal_v1_ReportDemandRequest, callback: grpc.requestCallback<_presage_internal_v1_ReportDemandResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AutoscalerServiceHandlers extends grpc.UntypedServiceImplementation {
  ReportDemand: grpc.handleUnaryCall<_presage_internal_v1_ReportDemandRequest__Output, _presage_internal_v1_ReportDemandResponse>;
  
}

export interface AutoscalerServiceDefinition extends grpc.ServiceDefinition {
  ReportDemand: MethodDefinition<_presage_internal_v1_ReportDemandRequest, _presage_internal_v1_ReportDemandResponse, _presage_internal_v1_ReportDemandRequest__Output, _presage_internal_v1_ReportDemandResponse__Output>
}
