// Original file: protos/presage/v1/access_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApiKey as _presage_v1_ApiKey, ApiKey__Output as _presage_v1_ApiKey__Output } from '../../presage/v1/ApiKey';
import type { CreateApiKeyRequest as _presage_v1_CreateApiKeyRequest, CreateApiKeyRequest__Output as _presage_v1_CreateApiKeyRequest__Output } from '../../presage/v1/CreateApiKeyRequest';
import type { DeleteApiKeyRequest as _presage_v1_DeleteApiKeyRequest, DeleteApiKeyRequest__Output as _presage_v1_DeleteApiKeyRequest__Output } from '../../presage/v1/DeleteApiKeyRequest';
import type { Empty as _google_protobuf_Empty, Empty__Output as _google_protobuf_Empty__Output } from '../../google/protobuf/Empty';
import type { GetApiKeyRequest as _presage_v1_GetApiKeyRequest, GetApiKeyRequest__Output as _presage_v1_GetApiKeyRequest__Output } from '../../presage/v1/GetApiKeyRequest';
import type { GetIamPolicyRequest as _google_iam_v1_GetIamPolicyRequest, GetIamPolicyRequest__Output as _google_iam_v1_GetIamPolicyRequest__Output } from '../../google/iam/v1/GetIamPolicyRequest';
import type { GetQuotaSettingsRequest as _presage_v1_GetQuotaSettingsRequest, GetQuotaSettingsRequest__Output as _presage_v1_GetQuotaSettingsRequest__Output } from '../../presage/v1/GetQuotaSettingsRequest';
import type { ListApiKeysRequest as _presage_v1_ListApiKeysRequest, ListApiKeysRequest__Output as _presage_v1_ListApiKeysRequest__Output } from '../../presage/v1/ListApiKeysRequest';
import type { ListApiKeysResponse as _presage_v1_ListApiKeysResponse, ListApiKeysResponse__Output as _presage_v1_ListApiKeysResponse__Output } from '../../presage/v1/ListApiKeysResponse';
import type { Policy as _google_iam_v1_Policy, Policy__Output as _google_iam_v1_Policy__Output } from '../../google/iam/v1/Policy';
import type { QuotaSettings as _presage_v1_QuotaSettings, QuotaSettings__Output as _presage_v1_QuotaSettings__Output } from '../../presage/v1/QuotaSettings';
import type { SetIamPolicyRequest as _google_iam_v1_SetIamPolicyRequest, SetIamPolicyRequest__Output as _google_iam_v1_SetIamPolicyRequest__Output } from '../../google/iam/v1/SetIamPolicyRequest';
import type { UpdateQuotaSettingsRequest as _presage_v1_UpdateQuotaSettingsRequest, UpdateQuotaSettingsRequest__Output as _presage_v1_UpdateQuotaSettingsRequest__Output } from '../../presage/v1/UpdateQuotaSettingsRequest';

export interface AccessServiceClient extends grpc.Client {
  CreateApiKey(argument: _presage_v1_CreateApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _presage_v1_CreateApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _presage_v1_CreateApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _presage_v1_CreateApiKeyRequest, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _presage_v1_CreateApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _presage_v1_CreateApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _presage_v1_CreateApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _presage_v1_CreateApiKeyRequest, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  
  DeleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  DeleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  DeleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  DeleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  deleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  deleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  deleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  deleteApiKey(argument: _presage_v1_DeleteApiKeyRequest, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  
  GetApiKey(argument: _presage_v1_GetApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  GetApiKey(argument: _presage_v1_GetApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  GetApiKey(argument: _presage_v1_GetApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  GetApiKey(argument: _presage_v1_GetApiKeyRequest, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  getApiKey(argument: _presage_v1_GetApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  getApiKey(argument: _presage_v1_GetApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  getApiKey(argument: _presage_v1_GetApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  getApiKey(argument: _presage_v1_GetApiKeyRequest, callback: grpc.requestCallback<_presage_v1_ApiKey__Output>): grpc.ClientUnaryCall;
  
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  
  GetQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  GetQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  GetQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  GetQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  getQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  getQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  getQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  getQuotaSettings(argument: _presage_v1_GetQuotaSettingsRequest, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  
  ListApiKeys(argument: _presage_v1_ListApiKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _presage_v1_ListApiKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _presage_v1_ListApiKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _presage_v1_ListApiKeysRequest, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _presage_v1_ListApiKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _presage_v1_ListApiKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _presage_v1_ListApiKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _presage_v1_ListApiKeysRequest, callback: grpc.requestCallback<_presage_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  
  UpdateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  UpdateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  UpdateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  UpdateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  updateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  updateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  updateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  updateQuotaSettings(argument: _presage_v1_UpdateQuotaSettingsRequest, callback: grpc.requestCallback<_presage_v1_QuotaSettings__Output>): grpc.ClientUnaryCall;
  
}

export interface AccessServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateApiKey: grpc.handleUnaryCall<_presage_v1_CreateApiKeyRequest__Output, _presage_v1_ApiKey>;
  
  DeleteApiKey: grpc.handleUnaryCall<_presage_v1_DeleteApiKeyRequest__Output, _google_protobuf_Empty>;
  
  GetApiKey: grpc.handleUnaryCall<_presage_v1_GetApiKeyRequest__Output, _presage_v1_ApiKey>;
  
  GetIamPolicy: grpc.handleUnaryCall<_google_iam_v1_GetIamPolicyRequest__Output, _google_iam_v1_Policy>;
  
  GetQuotaSettings: grpc.handleUnaryCall<_presage_v1_GetQuotaSettingsRequest__Output, _presage_v1_QuotaSettings>;
  
  ListApiKeys: grpc.handleUnaryCall<_presage_v1_ListApiKeysRequest__Output, _presage_v1_ListApiKeysResponse>;
  
  SetIamPolicy: grpc.handleUnaryCall<_google_iam_v1_SetIamPolicyRequest__Output, _google_iam_v1_Policy>;
  
  UpdateQuotaSettings: grpc.handleUnaryCall<_presage_v1_UpdateQuotaSettingsRequest__Output, _presage_v1_QuotaSettings>;
  
}

export interface AccessServiceDefinition extends grpc.ServiceDefinition {
  CreateApiKey: MethodDefinition<_presage_v1_CreateApiKeyRequest, _presage_v1_ApiKey, _presage_v1_CreateApiKeyRequest__Output, _presage_v1_ApiKey__Output>
  DeleteApiKey: MethodDefinition<_presage_v1_DeleteApiKeyRequest, _google_protobuf_Empty, _presage_v1_DeleteApiKeyRequest__Output, _google_protobuf_Empty__Output>
  GetApiKey: MethodDefinition<_presage_v1_GetApiKeyRequest, _presage_v1_ApiKey, _presage_v1_GetApiKeyRequest__Output, _presage_v1_ApiKey__Output>
  GetIamPolicy: MethodDefinition<_google_iam_v1_GetIamPolicyRequest, _google_iam_v1_Policy, _google_iam_v1_GetIamPolicyRequest__Output, _google_iam_v1_Policy__Output>
  GetQuotaSettings: MethodDefinition<_presage_v1_GetQuotaSettingsRequest, _presage_v1_QuotaSettings, _presage_v1_GetQuotaSettingsRequest__Output, _presage_v1_QuotaSettings__Output>
  ListApiKeys: MethodDefinition<_presage_v1_ListApiKeysRequest, _presage_v1_ListApiKeysResponse, _presage_v1_ListApiKeysRequest__Output, _presage_v1_ListApiKeysResponse__Output>
  SetIamPolicy: MethodDefinition<_google_iam_v1_SetIamPolicyRequest, _google_iam_v1_Policy, _google_iam_v1_SetIamPolicyRequest__Output, _google_iam_v1_Policy__Output>
  UpdateQuotaSettings: MethodDefinition<_presage_v1_UpdateQuotaSettingsRequest, _presage_v1_QuotaSettings, _presage_v1_UpdateQuotaSettingsRequest__Output, _presage_v1_QuotaSettings__Output>
}
