// Original file: protos/presage/internal/v1/deployment.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AppendDeploymentEventRequest as _presage_internal_v1_AppendDeploymentEventRequest, AppendDeploymentEventRequest__Output as _presage_internal_v1_AppendDeploymentEventRequest__Output } from '../../../presage/internal/v1/AppendDeploymentEventRequest';
import type { DeploymentEvent as _presage_v1_DeploymentEvent, DeploymentEvent__Output as _presage_v1_DeploymentEvent__Output } from '../../../presage/v1/DeploymentEvent';
import type { ListDeploymentTargetsRequest as _presage_internal_v1_ListDeploymentTargetsRequest, ListDeploymentTargetsRequest__Output as _presage_internal_v1_ListDeploymentTargetsRequest__Output } from '../../../presage/internal/v1/ListDeploymentTargetsRequest';
import type { ListDeploymentTargetsResponse as _presage_internal_v1_ListDeploymentTargetsResponse, ListDeploymentTargetsResponse__Output as _presage_internal_v1_ListDeploymentTargetsResponse__Output } from '../../../presage/internal/v1/ListDeploymentTargetsResponse';
import type { ReportVersionRequest as _presage_internal_v1_ReportVersionRequest, ReportVersionRequest__Output as _presage_internal_v1_ReportVersionRequest__Output } from '../../../presage/internal/v1/ReportVersionRequest';
import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../../presage/v1/Version';
import type { WatchDeploymentTargetsRequest as _presage_internal_v1_WatchDeploymentTargetsRequest, WatchDeploymentTargetsRequest__Output as _presage_internal_v1_WatchDeploymentTargetsRequest__Output } from '../../../presage/internal/v1/WatchDeploymentTargetsRequest';
import type { WatchDeploymentTargetsResponse as _presage_internal_v1_WatchDeploymentTargetsResponse, WatchDeploymentTargetsResponse__Output as _presage_internal_v1_WatchDeploymentTargetsResponse__Output } from '../../../presage/internal/v1/WatchDeploymentTargetsResponse';

export interface RegistryDeploymentServiceClient extends grpc.Client {
  AppendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  AppendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  AppendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  AppendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  appendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  appendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  appendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  appendDeploymentEvent(argument: _presage_internal_v1_AppendDeploymentEventRequest, callback: grpc.requestCallback<_presage_v1_DeploymentEvent__Output>): grpc.ClientUnaryCall;
  
  ListDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentTargets(argument: _presage_internal_v1_ListDeploymentTargetsRequest, callback: grpc.requestCallback<_presage_internal_v1_ListDeploymentTargetsResponse__Output>): grpc.ClientUnaryCall;
  
  ReportVersion(argument: _presage_internal_v1_ReportVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  ReportVersion(argument: _presage_internal_v1_ReportVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  ReportVersion(argument: _presage_internal_v1_ReportVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  ReportVersion(argument: _presage_internal_v1_ReportVersionRequest, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  reportVersion(argument: _presage_internal_v1_ReportVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  reportVersion(argument: _presage_internal_v1_ReportVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  reportVersion(argument: _presage_internal_v1_ReportVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  reportVersion(argument: _presage_internal_v1_ReportVersionRequest, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  
  WatchDeploymentTargets(argument: _presage_internal_v1_WatchDeploymentTargetsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchDeploymentTargetsResponse__Output>;
  WatchDeploymentTargets(argument: _presage_internal_v1_WatchDeploymentTargetsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchDeploymentTargetsResponse__Output>;
  watchDeploymentTargets(argument: _presage_internal_v1_WatchDeploymentTargetsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchDeploymentTargetsResponse__Output>;
  watchDeploymentTargets(argument: _presage_internal_v1_WatchDeploymentTargetsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchDeploymentTargetsResponse__Output>;
  
}

export interface RegistryDeploymentServiceHandlers extends grpc.UntypedServiceImplementation {
  AppendDeploymentEvent: grpc.handleUnaryCall<_presage_internal_v1_AppendDeploymentEventRequest__Output, _presage_v1_DeploymentEvent>;
  
  ListDeploymentTargets: grpc.handleUnaryCall<_presage_internal_v1_ListDeploymentTargetsRequest__Output, _presage_internal_v1_ListDeploymentTargetsResponse>;
  
  ReportVersion: grpc.handleUnaryCall<_presage_internal_v1_ReportVersionRequest__Output, _presage_v1_Version>;
  
  WatchDeploymentTargets: grpc.handleServerStreamingCall<_presage_internal_v1_WatchDeploymentTargetsRequest__Output, _presage_internal_v1_WatchDeploymentTargetsResponse>;
  
}

export interface RegistryDeploymentServiceDefinition extends grpc.ServiceDefinition {
  AppendDeploymentEvent: MethodDefinition<_presage_internal_v1_AppendDeploymentEventRequest, _presage_v1_DeploymentEvent, _presage_internal_v1_AppendDeploymentEventRequest__Output, _presage_v1_DeploymentEvent__Output>
  ListDeploymentTargets: MethodDefinition<_presage_internal_v1_ListDeploymentTargetsRequest, _presage_internal_v1_ListDeploymentTargetsResponse, _presage_internal_v1_ListDeploymentTargetsRequest__Output, _presage_internal_v1_ListDeploymentTargetsResponse__Output>
  ReportVersion: MethodDefinition<_presage_internal_v1_ReportVersionRequest, _presage_v1_Version, _presage_internal_v1_ReportVersionRequest__Output, _presage_v1_Version__Output>
  WatchDeploymentTargets: MethodDefinition<_presage_internal_v1_WatchDeploymentTargetsRequest, _presage_internal_v1_WatchDeploymentTargetsResponse, _presage_internal_v1_WatchDeploymentTargetsRequest__Output, _presage_internal_v1_WatchDeploymentTargetsResponse__Output>
}
