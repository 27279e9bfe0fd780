// Original file: protos/presage/internal/v1/deployment.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EnsureBatchWorkersRequest as _presage_internal_v1_EnsureBatchWorkersRequest, EnsureBatchWorkersRequest__Output as _presage_internal_v1_EnsureBatchWorkersRequest__Output } from '../../../presage/internal/v1/EnsureBatchWorkersRequest';
import type { EnsureBatchWorkersResponse as _presage_internal_v1_EnsureBatchWorkersResponse, EnsureBatchWorkersResponse__Output as _presage_internal_v1_EnsureBatchWorkersResponse__Output } from '../../../presage/internal/v1/EnsureBatchWorkersResponse';
import type { ListReplicasRequest as _presage_internal_v1_ListReplicasRequest, ListReplicasRequest__Output as _presage_internal_v1_ListReplicasRequest__Output } from '../../../presage/internal/v1/ListReplicasRequest';
import type { ListReplicasResponse as _presage_internal_v1_ListReplicasResponse, ListReplicasResponse__Output as _presage_internal_v1_ListReplicasResponse__Output } from '../../../presage/internal/v1/ListReplicasResponse';
import type { ListScaleTargetsRequest as _presage_internal_v1_ListScaleTargetsRequest, ListScaleTargetsRequest__Output as _presage_internal_v1_ListScaleTargetsRequest__Output } from '../../../presage/internal/v1/ListScaleTargetsRequest';
import type { ListScaleTargetsResponse as _presage_internal_v1_ListScaleTargetsResponse, ListScaleTargetsResponse__Output as _presage_internal_v1_ListScaleTargetsResponse__Output } from '../../../presage/internal/v1/ListScaleTargetsResponse';
import type { NudgeRequest as _presage_internal_v1_NudgeRequest, NudgeRequest__Output as _presage_internal_v1_NudgeRequest__Output } from '../../../presage/internal/v1/NudgeRequest';
import type { NudgeResponse as _presage_internal_v1_NudgeResponse, NudgeResponse__Output as _presage_internal_v1_NudgeResponse__Output } from '../../../presage/internal/v1/NudgeResponse';
import type { ScaleVersionRequest as _presage_internal_v1_ScaleVersionRequest, ScaleVersionRequest__Output as _presage_internal_v1_ScaleVersionRequest__Output } from '../../../presage/internal/v1/ScaleVersionRequest';
import type { ScaleVersionResponse as _presage_internal_v1_ScaleVersionResponse, ScaleVersionResponse__Output as _presage_internal_v1_ScaleVersionResponse__Output } from '../../../presage/internal/v1/ScaleVersionResponse';
import type { StopBatchWorkersRequest as _presage_internal_v1_StopBatchWorkersRequest, StopBatchWorkersRequest__Output as _presage_internal_v1_StopBatchWorkersRequest__Output } from '../../../presage/internal/v1/StopBatchWorkersRequest';
import type { StopBatchWorkersResponse as _presage_internal_v1_StopBatchWorkersResponse, StopBatchWorkersResponse__Output as _presage_internal_v1_StopBatchWorkersResponse__Output } from '../../../presage/internal/v1/StopBatchWorkersResponse';
import type { WatchReplicasRequest as _presage_internal_v1_WatchReplicasRequest, WatchReplicasRequest__Output as _presage_internal_v1_WatchReplicasRequest__Output } from '../../../presage/internal/v1/WatchReplicasRequest';
import type { WatchReplicasResponse as _presage_internal_v1_WatchReplicasResponse, WatchReplicasResponse__Output as _presage_internal_v1_WatchReplicasResponse__Output } from '../../../presage/internal/v1/WatchReplicasResponse';
import type { WatchScaleTargetsRequest as _presage_internal_v1_WatchScaleTargetsRequest, WatchScaleTargetsRequest__Output as _presage_internal_v1_WatchScaleTargetsRequest__Output } from '../../../presage/internal/v1/WatchScaleTargetsRequest';
import type { WatchScaleTargetsResponse as _presage_internal_v1_WatchScaleTargetsResponse, WatchScaleTargetsResponse__Output as _presage_internal_v1_WatchScaleTargetsResponse__Output } from '../../../presage/internal/v1/WatchScaleTargetsResponse';

export interface DeployerServiceClient extends grpc.Client {
  EnsureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  EnsureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  EnsureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  EnsureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  ensureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  ensureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  ensureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  ensureBatchWorkers(argument: _presage_internal_v1_EnsureBatchWorkersRequest, callback: grpc.requestCallback<_presage_internal_v1_EnsureBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  ListReplicas(argument: _presage_internal_v1_ListReplicasRequest, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  listReplicas(argument: _presage_internal_v1_ListReplicasRequest, callback: grpc.requestCallback<_presage_internal_v1_ListReplicasResponse__Output>): grpc.ClientUnaryCall;
  
  ListScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  ListScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  listScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  listScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  listScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  listScaleTargets(argument: _presage_internal_v1_ListScaleTargetsRequest, callback: grpc.requestCallback<_presage_internal_v1_ListScaleTargetsResponse__Output>): grpc.ClientUnaryCall;
  
  Nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  Nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  Nudge(argument: _presage_internal_v1_NudgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  Nudge(argument: _presage_internal_v1_NudgeRequest, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  nudge(argument: _presage_internal_v1_NudgeRequest, callback: grpc.requestCallback<_presage_internal_v1_NudgeResponse__Output>): grpc.ClientUnaryCall;
  
  ScaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  ScaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  ScaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  ScaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  scaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  scaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  scaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  scaleVersion(argument: _presage_internal_v1_ScaleVersionRequest, callback: grpc.requestCallback<_presage_internal_v1_ScaleVersionResponse__Output>): grpc.ClientUnaryCall;
  
  StopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  StopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  StopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  StopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  stopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  stopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  stopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  stopBatchWorkers(argument: _presage_internal_v1_StopBatchWorkersRequest, callback: grpc.requestCallback<_presage_internal_v1_StopBatchWorkersResponse__Output>): grpc.ClientUnaryCall;
  
  WatchReplicas(argument: _presage_internal_v1_WatchReplicasRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchReplicasResponse__Output>;
  WatchReplicas(argument: _presage_internal_v1_WatchReplicasRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchReplicasResponse__Output>;
  watchReplicas(argument: _presage_internal_v1_WatchReplicasRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchReplicasResponse__Output>;
  watchReplicas(argument: _presage_internal_v1_WatchReplicasRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchReplicasResponse__Output>;
  
  WatchScaleTargets(argument: _presage_internal_v1_WatchScaleTargetsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchScaleTargetsResponse__Output>;
  WatchScaleTargets(argument: _presage_internal_v1_WatchScaleTargetsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchScaleTargetsResponse__Output>;
  watchScaleTargets(argument: _presage_internal_v1_WatchScaleTargetsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchScaleTargetsResponse__Output>;
  watchScaleTargets(argument: _presage_internal_v1_WatchScaleTargetsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_presage_internal_v1_WatchScaleTargetsResponse__Output>;
  
}

export interface DeployerServiceHandlers extends grpc.UntypedServiceImplementation {
  EnsureBatchWorkers: grpc.handleUnaryCall<_presage_internal_v1_EnsureBatchWorkersRequest__Output, _presage_internal_v1_EnsureBatchWorkersResponse>;
  
  ListReplicas: grpc.handleUnaryCall<_presage_internal_v1_ListReplicasRequest__Output, _presage_internal_v1_ListReplicasResponse>;
  
  ListScaleTargets: grpc.handleUnaryCall<_presage_internal_v1_ListScaleTargetsRequest__Output, _presage_internal_v1_ListScaleTargetsResponse>;
  
  Nudge: grpc.handleUnaryCall<_presage_internal_v1_NudgeRequest__Output, _presage_internal_v1_NudgeResponse>;
  
  ScaleVersion: grpc.handleUnaryCall<_presage_internal_v1_ScaleVersionRequest__Output, _presage_internal_v1_ScaleVersionResponse>;
  
  StopBatchWorkers: grpc.handleUnaryCall<_presage_internal_v1_StopBatchWorkersRequest__Output, _presage_internal_v1_StopBatchWorkersResponse>;
  
  WatchReplicas: grpc.handleServerStreamingCall<_presage_internal_v1_WatchReplicasRequest__Output, _presage_internal_v1_WatchReplicasResponse>;
  
  WatchScaleTargets: grpc.handleServerStreamingCall<_presage_internal_v1_WatchScaleTargetsRequest__Output, _presage_internal_v1_WatchScaleTargetsResponse>;
  
}

export interface DeployerServiceDefinition extends grpc.ServiceDefinition {
  EnsureBatchWorkers: MethodDefinition<_presage_internal_v1_EnsureBatchWorkersRequest, _presage_internal_v1_EnsureBatchWorkersResponse, _presage_internal_v1_EnsureBatchWorkersRequest__Output, _presage_internal_v1_EnsureBatchWorkersResponse__Output>
  ListReplicas: MethodDefinition<_presage_internal_v1_ListReplicasRequest, _presage_internal_v1_ListReplicasResponse, _presage_internal_v1_ListReplicasRequest__Output, _presage_internal_v1_ListReplicasResponse__Output>
  ListScaleTargets: MethodDefinition<_presage_internal_v1_ListScaleTargetsRequest, _presage_internal_v1_ListScaleTargetsResponse, _presage_internal_v1_ListScaleTargetsRequest__Output, _presage_internal_v1_ListScaleTargetsResponse__Output>
  Nudge: MethodDefinition<_presage_internal_v1_NudgeRequest, _presage_internal_v1_NudgeResponse, _presage_internal_v1_NudgeRequest__Output, _presage_internal_v1_NudgeResponse__Output>
  ScaleVersion: MethodDefinition<_presage_internal_v1_ScaleVersionRequest, _presage_internal_v1_ScaleVersionResponse, _presage_internal_v1_ScaleVersionRequest__Output, _presage_internal_v1_ScaleVersionResponse__Output>
  StopBatchWorkers: MethodDefinition<_presage_internal_v1_StopBatchWorkersRequest, _presage_internal_v1_StopBatchWorkersResponse, _presage_internal_v1_StopBatchWorkersRequest__Output, _presage_internal_v1_StopBatchWorkersResponse__Output>
  WatchReplicas: MethodDefinition<_presage_internal_v1_WatchReplicasRequest, _presage_internal_v1_WatchReplicasResponse, _presage_internal_v1_WatchReplicasRequest__Output, _presage_internal_v1_WatchReplicasResponse__Output>
  WatchScaleTargets: MethodDefinition<_presage_internal_v1_WatchScaleTargetsRequest, _presage_internal_v1_WatchScaleTargetsResponse, _presage_internal_v1_WatchScaleTargetsRequest__Output, _presage_internal_v1_WatchScaleTargetsResponse__Output>
}
