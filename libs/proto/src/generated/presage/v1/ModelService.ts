// Original file: protos/presage/v1/model_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateModelRequest as _presage_v1_CreateModelRequest, CreateModelRequest__Output as _presage_v1_CreateModelRequest__Output } from '../../presage/v1/CreateModelRequest';
import type { CreateVersionRequest as _presage_v1_CreateVersionRequest, CreateVersionRequest__Output as _presage_v1_CreateVersionRequest__Output } from '../../presage/v1/CreateVersionRequest';
import type { DeleteModelRequest as _presage_v1_DeleteModelRequest, DeleteModelRequest__Output as _presage_v1_DeleteModelRequest__Output } from '../../presage/v1/DeleteModelRequest';
import type { DeleteVersionRequest as _presage_v1_DeleteVersionRequest, DeleteVersionRequest__Output as _presage_v1_DeleteVersionRequest__Output } from '../../presage/v1/DeleteVersionRequest';
import type { GetModelRequest as _presage_v1_GetModelRequest, GetModelRequest__Output as _presage_v1_GetModelRequest__Output } from '../../presage/v1/GetModelRequest';
import type { GetMonitoringStatsRequest as _presage_v1_GetMonitoringStatsRequest, GetMonitoringStatsRequest__Output as _presage_v1_GetMonitoringStatsRequest__Output } from '../../presage/v1/GetMonitoringStatsRequest';
import type { GetVersionRequest as _presage_v1_GetVersionRequest, GetVersionRequest__Output as _presage_v1_GetVersionRequest__Output } from '../../presage/v1/GetVersionRequest';
import type { ListDeploymentEventsRequest as _presage_v1_ListDeploymentEventsRequest, ListDeploymentEventsRequest__Output as _presage_v1_ListDeploymentEventsRequest__Output } from '../../presage/v1/ListDeploymentEventsRequest';
import type { ListDeploymentEventsResponse as _presage_v1_ListDeploymentEventsResponse, ListDeploymentEventsResponse__Output as _presage_v1_ListDeploymentEventsResponse__Output } from '../../presage/v1/ListDeploymentEventsResponse';
import type { ListModelsRequest as _presage_v1_ListModelsRequest, ListModelsRequest__Output as _presage_v1_ListModelsRequest__Output } from '../../presage/v1/ListModelsRequest';
import type { ListModelsResponse as _presage_v1_ListModelsResponse, ListModelsResponse__Output as _presage_v1_ListModelsResponse__Output } from '../../presage/v1/ListModelsResponse';
import type { ListVersionsRequest as _presage_v1_ListVersionsRequest, ListVersionsRequest__Output as _presage_v1_ListVersionsRequest__Output } from '../../presage/v1/ListVersionsRequest';
import type { ListVersionsResponse as _presage_v1_ListVersionsResponse, ListVersionsResponse__Output as _presage_v1_ListVersionsResponse__Output } from '../../presage/v1/ListVersionsResponse';
import type { Model as _presage_v1_Model, Model__Output as _presage_v1_Model__Output } from '../../presage/v1/Model';
import type { MonitoringStats as _presage_v1_MonitoringStats, MonitoringStats__Output as _presage_v1_MonitoringStats__Output } from '../../presage/v1/MonitoringStats';
import type { Operation as _google_longrunning_Operation, Operation__Output as _google_longrunning_Operation__Output } from '../../google/longrunning/Operation';
import type { SetDefaultVersionRequest as _presage_v1_SetDefaultVersionRequest, SetDefaultVersionRequest__Output as _presage_v1_SetDefaultVersionRequest__Output } from '../../presage/v1/SetDefaultVersionRequest';
import type { UpdateModelRequest as _presage_v1_UpdateModelRequest, UpdateModelRequest__Output as _presage_v1_UpdateModelRequest__Output } from '../../presage/v1/UpdateModelRequest';
import type { UpdateVersionRequest as _presage_v1_UpdateVersionRequest, UpdateVersionRequest__Output as _presage_v1_UpdateVersionRequest__Output } from '../../presage/v1/UpdateVersionRequest';
import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../presage/v1/Version';

export interface ModelServiceClient extends grpc.Client {
  CreateModel(argument: _presage_v1_CreateModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  CreateModel(argument: _presage_v1_CreateModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  CreateModel(argument: _presage_v1_CreateModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  CreateModel(argument: _presage_v1_CreateModelRequest, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  createModel(argument: _presage_v1_CreateModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  createModel(argument: _presage_v1_CreateModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  createModel(argument: _presage_v1_CreateModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  createModel(argument: _presage_v1_CreateModelRequest, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  
  CreateVersion(argument: _presage_v1_CreateVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  CreateVersion(argument: _presage_v1_CreateVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  CreateVersion(argument: _presage_v1_CreateVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  CreateVersion(argument: _presage_v1_CreateVersionRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  createVersion(argument: _presage_v1_CreateVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  createVersion(argument: _presage_v1_CreateVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  createVersion(argument: _presage_v1_CreateVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  createVersion(argument: _presage_v1_CreateVersionRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  
  DeleteModel(argument: _presage_v1_DeleteModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  DeleteModel(argument: _presage_v1_DeleteModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  DeleteModel(argument: _presage_v1_DeleteModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  DeleteModel(argument: _presage_v1_DeleteModelRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _presage_v1_DeleteModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _presage_v1_DeleteModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _presage_v1_DeleteModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _presage_v1_DeleteModelRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  
  DeleteVersion(argument: _presage_v1_DeleteVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  DeleteVersion(argument: _presage_v1_DeleteVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  DeleteVersion(argument: _presage_v1_DeleteVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  DeleteVersion(argument: _presage_v1_DeleteVersionRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteVersion(argument: _presage_v1_DeleteVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteVersion(argument: _presage_v1_DeleteVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteVersion(argument: _presage_v1_DeleteVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  deleteVersion(argument: _presage_v1_DeleteVersionRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  
  GetModel(argument: _presage_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _presage_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _presage_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _presage_v1_GetModelRequest, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _presage_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _presage_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _presage_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _presage_v1_GetModelRequest, callback: grpc.requestCallback<_presage_v1_Model__Output>): grpc.ClientUnaryCall;
  
  GetMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  GetMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  GetMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  GetMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  getMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  getMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  getMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  getMonitoringStats(argument: _presage_v1_GetMonitoringStatsRequest, callback: grpc.requestCallback<_presage_v1_MonitoringStats__Output>): grpc.ClientUnaryCall;
  
  GetVersion(argument: _presage_v1_GetVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  GetVersion(argument: _presage_v1_GetVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  GetVersion(argument: _presage_v1_GetVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  GetVersion(argument: _presage_v1_GetVersionRequest, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _presage_v1_GetVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _presage_v1_GetVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _presage_v1_GetVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  getVersion(argument: _presage_v1_GetVersionRequest, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  
  ListDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  ListDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  listDeploymentEvents(argument: _presage_v1_ListDeploymentEventsRequest, callback: grpc.requestCallback<_presage_v1_ListDeploymentEventsResponse__Output>): grpc.ClientUnaryCall;
  
  ListModels(argument: _presage_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _presage_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _presage_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _presage_v1_ListModelsRequest, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _presage_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _presage_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _presage_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _presage_v1_ListModelsRequest, callback: grpc.requestCallback<_presage_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  
  ListVersions(argument: _presage_v1_ListVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListVersions(argument: _presage_v1_ListVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListVersions(argument: _presage_v1_ListVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListVersions(argument: _presage_v1_ListVersionsRequest, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _presage_v1_ListVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _presage_v1_ListVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _presage_v1_ListVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _presage_v1_ListVersionsRequest, callback: grpc.requestCallback<_presage_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  
  SetDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  SetDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  SetDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  SetDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  setDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  setDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  setDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  setDefaultVersion(argument: _presage_v1_SetDefaultVersionRequest, callback: grpc.requestCallback<_presage_v1_Version__Output>): grpc.ClientUnaryCall;
  
  UpdateModel(argument: _presage_v1_UpdateModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  UpdateModel(argument: _presage_v1_UpdateModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  UpdateModel(argument: _presage_v1_UpdateModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  UpdateModel(argument: _presage_v1_UpdateModelRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateModel(argument: _presage_v1_UpdateModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateModel(argument: _presage_v1_UpdateModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateModel(argument: _presage_v1_UpdateModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateModel(argument: _presage_v1_UpdateModelRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  
  UpdateVersion(argument: _presage_v1_UpdateVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  UpdateVersion(argument: _presage_v1_UpdateVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  UpdateVersion(argument: _presage_v1_UpdateVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  UpdateVersion(argument: _presage_v1_UpdateVersionRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateVersion(argument: _presage_v1_UpdateVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateVersion(argument: _presage_v1_UpdateVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateVersion(argument: _presage_v1_UpdateVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  updateVersion(argument: _presage_v1_UpdateVersionRequest, callback: grpc.requestCallback<_google_longrunning_Operation__Output>): grpc.ClientUnaryCall;
  
}

export interface ModelServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateModel: grpc.handleUnaryCall<_presage_v1_CreateModelRequest__Output, _presage_v1_Model>;
  
  CreateVersion: grpc.handleUnaryCall<_presage_v1_CreateVersionRequest__Output, _google_longrunning_Operation>;
  
  DeleteModel: grpc.handleUnaryCall<_presage_v1_DeleteModelRequest__Output, _google_longrunning_Operation>;
  
  DeleteVersion: grpc.handleUnaryCall<_presage_v1_DeleteVersionRequest__Output, _google_longrunning_Operation>;
  
  GetModel: grpc.handleUnaryCall<_presage_v1_GetModelRequest__Output, _presage_v1_Model>;
  
  GetMonitoringStats: grpc.handleUnaryCall<_presage_v1_GetMonitoringStatsRequest__Output, _presage_v1_MonitoringStats>;
  
  GetVersion: grpc.handleUnaryCall<_presage_v1_GetVersionRequest__Output, _presage_v1_Version>;
  
  ListDeploymentEvents: grpc.handleUnaryCall<_presage_v1_ListDeploymentEventsRequest__Output, _presage_v1_ListDeploymentEventsResponse>;
  
  ListModels: grpc.handleUnaryCall<_presage_v1_ListModelsRequest__Output, _presage_v1_ListModelsResponse>;
  
  ListVersions: grpc.handleUnaryCall<_presage_v1_ListVersionsRequest__Output, _presage_v1_ListVersionsResponse>;
  
  SetDefaultVersion: grpc.handleUnaryCall<_presage_v1_SetDefaultVersionRequest__Output, _presage_v1_Version>;
  
  UpdateModel: grpc.handleUnaryCall<_presage_v1_UpdateModelRequest__Output, _google_longrunning_Operation>;
  
  UpdateVersion: grpc.handleUnaryCall<_presage_v1_UpdateVersionRequest__Output, _google_longrunning_Operation>;
  
}

export interface ModelServiceDefinition extends grpc.ServiceDefinition {
  CreateModel: MethodDefinition<_presage_v1_CreateModelRequest, _presage_v1_Model, _presage_v1_CreateModelRequest__Output, _presage_v1_Model__Output>
  CreateVersion: MethodDefinition<_presage_v1_CreateVersionRequest, _google_longrunning_Operation, _presage_v1_CreateVersionRequest__Output, _google_longrunning_Operation__Output>
  DeleteModel: MethodDefinition<_presage_v1_DeleteModelRequest, _google_longrunning_Operation, _presage_v1_DeleteModelRequest__Output, _google_longrunning_Operation__Output>
  DeleteVersion: MethodDefinition<_presage_v1_DeleteVersionRequest, _google_longrunning_Operation, _presage_v1_DeleteVersionRequest__Output, _google_longrunning_Operation__Output>
  GetModel: MethodDefinition<_presage_v1_GetModelRequest, _presage_v1_Model, _presage_v1_GetModelRequest__Output, _presage_v1_Model__Output>
  GetMonitoringStats: MethodDefinition<_presage_v1_GetMonitoringStatsRequest, _presage_v1_MonitoringStats, _presage_v1_GetMonitoringStatsRequest__Output, _presage_v1_MonitoringStats__Output>
  GetVersion: MethodDefinition<_presage_v1_GetVersionRequest, _presage_v1_Version, _presage_v1_GetVersionRequest__Output, _presage_v1_Version__Output>
  ListDeploymentEvents: MethodDefinition<_presage_v1_ListDeploymentEventsRequest, _presage_v1_ListDeploymentEventsResponse, _presage_v1_ListDeploymentEventsRequest__Output, _presage_v1_ListDeploymentEventsResponse__Output>
  ListModels: MethodDefinition<_presage_v1_ListModelsRequest, _presage_v1_ListModelsResponse, _presage_v1_ListModelsRequest__Output, _presage_v1_ListModelsResponse__Output>
  ListVersions: MethodDefinition<_presage_v1_ListVersionsRequest, _presage_v1_ListVersionsResponse, _presage_v1_ListVersionsRequest__Output, _presage_v1_ListVersionsResponse__Output>
  SetDefaultVersion: MethodDefinition<_presage_v1_SetDefaultVersionRequest, _presage_v1_Version, _presage_v1_SetDefaultVersionRequest__Output, _presage_v1_Version__Output>
  UpdateModel: MethodDefinition<_presage_v1_UpdateModelRequest, _google_longrunning_Operation, _presage_v1_UpdateModelRequest__Output, _google_longrunning_Operation__Output>
  UpdateVersion: MethodDefinition<_presage_v1_UpdateVersionRequest, _google_longrunning_Operation, _presage_v1_UpdateVersionRequest__Output, _google_longrunning_Operation__Output>
}
