import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClientLibrarySettings as _google_api_ClientLibrarySettings, ClientLibrarySettings__Output as _google_api_ClientLibrarySettings__Output } from './google/api/ClientLibrarySettings';
import type { CommonLanguageSettings as _google_api_CommonLanguageSettings, CommonLanguageSettings__Output as _google_api_CommonLanguageSettings__Output } from './google/api/CommonLanguageSettings';
import type { CppSettings as _google_api_CppSettings, CppSettings__Output as _google_api_CppSettings__Output } from './google/api/CppSettings';
import type { CustomHttpPattern as _google_api_CustomHttpPattern, CustomHttpPattern__Output as _google_api_CustomHttpPattern__Output } from './google/api/CustomHttpPattern';
import type { DotnetSettings as _google_api_DotnetSettings, DotnetSettings__Output as _google_api_DotnetSettings__Output } from './google/api/DotnetSettings';
import type { GoSettings as _google_api_GoSettings, GoSettings__Output as _google_api_GoSettings__Output } from './google/api/GoSettings';
import type { Http as _google_api_Http, Http__Output as _google_api_Http__Output } from './google/api/Http';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from './google/api/HttpBody';
import type { HttpRule as _google_api_HttpRule, HttpRule__Output as _google_api_HttpRule__Output } from './google/api/HttpRule';
import type { JavaSettings as _google_api_JavaSettings, JavaSettings__Output as _google_api_JavaSettings__Output } from './google/api/JavaSettings';
import type { MethodSettings as _google_api_MethodSettings, MethodSettings__Output as _google_api_MethodSettings__Output } from './google/api/MethodSettings';
import type { NodeSettings as _google_api_NodeSettings, NodeSettings__Output as _google_api_NodeSettings__Output } from './google/api/NodeSettings';
import type { PhpSettings as _google_api_PhpSettings, PhpSettings__Output as _google_api_PhpSettings__Output } from './google/api/PhpSettings';
import type { Publishing as _google_api_Publishing, Publishing__Output as _google_api_Publishing__Output } from './google/api/Publishing';
import type { PythonSettings as _google_api_PythonSettings, PythonSettings__Output as _google_api_PythonSettings__Output } from './google/api/PythonSettings';
import type { ResourceDescriptor as _google_api_ResourceDescriptor, ResourceDescriptor__Output as _google_api_ResourceDescriptor__Output } from './google/api/ResourceDescriptor';
import type { ResourceReference as _google_api_ResourceReference, ResourceReference__Output as _google_api_ResourceReference__Output } from './google/api/ResourceReference';
import type { RubySettings as _google_api_RubySettings, RubySettings__Output as _google_api_RubySettings__Output } from './google/api/RubySettings';
import type { SelectiveGapicGeneration as _google_api_SelectiveGapicGeneration, SelectiveGapicGeneration__Output as _google_api_SelectiveGapicGeneration__Output } from './google/api/SelectiveGapicGeneration';
import type { AuditConfig as _google_iam_v1_AuditConfig, AuditConfig__Output as _google_iam_v1_AuditConfig__Output } from './google/iam/v1/AuditConfig';
import type { AuditConfigDelta as _google_iam_v1_AuditConfigDelta, AuditConfigDelta__Output as _google_iam_v1_AuditConfigDelta__Output } from './google/iam/v1/AuditConfigDelta';
import type { AuditLogConfig as _google_iam_v1_AuditLogConfig, AuditLogConfig__Output as _google_iam_v1_AuditLogConfig__Output } from './google/iam/v1/AuditLogConfig';
import type { Binding as _google_iam_v1_Binding, Binding__Output as _google_iam_v1_Binding__Output } from './google/iam/v1/Binding';
import type { BindingDelta as _google_iam_v1_BindingDelta, BindingDelta__Output as _google_iam_v1_BindingDelta__Output } from './google/iam/v1/BindingDelta';
import type { GetIamPolicyRequest as _google_iam_v1_GetIamPolicyRequest, GetIamPolicyRequest__Output as _google_iam_v1_GetIamPolicyRequest__Output } from './google/iam/v1/GetIamPolicyRequest';
import type { GetPolicyOptions as _google_iam_v1_GetPolicyOptions, GetPolicyOptions__Output as _google_iam_v1_GetPolicyOptions__Output } from './google/iam/v1/GetPolicyOptions';
import type { IAMPolicyClient as _google_iam_v1_IAMPolicyClient, IAMPolicyDefinition as _google_iam_v1_IAMPolicyDefinition } from './google/iam/v1/IAMPolicy';
import type { Policy as _google_iam_v1_Policy, Policy__Output as _google_iam_v1_Policy__Output } from './google/iam/v1/Policy';
import type { PolicyDelta as _google_iam_v1_PolicyDelta, PolicyDelta__Output as _google_iam_v1_PolicyDelta__Output } from './google/iam/v1/PolicyDelta';
import type { SetIamPolicyRequest as _google_iam_v1_SetIamPolicyRequest, SetIamPolicyRequest__Output as _google_iam_v1_SetIamPolicyRequest__Output } from './google/iam/v1/SetIamPolicyRequest';
import type { TestIamPermissionsRequest as _google_iam_v1_TestIamPermissionsRequest, TestIamPermissionsRequest__Output as _google_iam_v1_TestIamPermissionsRequest__Output } from './google/iam/v1/TestIamPermissionsRequest';
import type { TestIamPermissionsResponse as _google_iam_v1_TestIamPermissionsResponse, TestIamPermissionsResponse__Output as _google_iam_v1_TestIamPermissionsResponse__Output } from './google/iam/v1/TestIamPermissionsResponse';
import type { CancelOperationRequest as _google_longrunning_CancelOperationRequest, CancelOperationRequest__Output as _google_longrunning_CancelOperationRequest__Output } from './google/longrunning/CancelOperationRequest';
import type { DeleteOperationRequest as _google_longrunning_DeleteOperationRequest, DeleteOperationRequest__Output as _google_longrunning_DeleteOperationRequest__Output } from './google/longrunning/DeleteOperationRequest';
import type { GetOperationRequest as _google_longrunning_GetOperationRequest, GetOperationRequest__Output as _google_longrunning_GetOperationRequest__Output } from './google/longrunning/GetOperationRequest';
import type { ListOperationsRequest as _google_longrunning_ListOperationsRequest, ListOperationsRequest__Output as _google_longrunning_ListOperationsRequest__Output } from './google/longrunning/ListOperationsRequest';
import type { ListOperationsResponse as _google_longrunning_ListOperationsResponse, ListOperationsResponse__Output as _google_longrunning_ListOperationsResponse__Output } from './google/longrunning/ListOperationsResponse';
import type { Operation as _google_longrunning_Operation, Operation__Output as _google_longrunning_Operation__Output } from './google/longrunning/Operation';
import type { OperationInfo as _google_longrunning_OperationInfo, OperationInfo__Output as _google_longrunning_OperationInfo__Output } from './google/longrunning/OperationInfo';
import type { OperationsClient as _google_longrunning_OperationsClient, OperationsDefinition as _google_longrunning_OperationsDefinition } from './google/longrunning/Operations';
import type { WaitOperationRequest as _google_longrunning_WaitOperationRequest, WaitOperationRequest__Output as _google_longrunning_WaitOperationRequest__Output } from './google/longrunning/WaitOperationRequest';
import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from './google/protobuf/Any';
import type { DescriptorProto as _google_protobuf_DescriptorProto, DescriptorProto__Output as _google_protobuf_DescriptorProto__Output } from './google/protobuf/DescriptorProto';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from './google/protobuf/Duration';
import type { Empty as _google_protobuf_Empty, Empty__Output as _google_protobuf_Empty__Output } from './google/protobuf/Empty';
import type { EnumDescriptorProto as _google_protobuf_EnumDescriptorProto, EnumDescriptorProto__Output as _google_protobuf_EnumDescriptorProto__Output } from './google/protobuf/EnumDescriptorProto';
import type { EnumOptions as _google_protobuf_EnumOptions, EnumOptions__Output as _google_protobuf_EnumOptions__Output } from './google/protobuf/EnumOptions';
import type { EnumValueDescriptorProto as _google_protobuf_EnumValueDescriptorProto, EnumValueDescriptorProto__Output as _google_protobuf_EnumValueDescriptorProto__Output } from './google/protobuf/EnumValueDescriptorProto';
import type { EnumValueOptions as _google_protobuf_EnumValueOptions, EnumValueOptions__Output as _google_protobuf_EnumValueOptions__Output } from './google/protobuf/EnumValueOptions';
import type { ExtensionRangeOptions as _google_protobuf_ExtensionRangeOptions, ExtensionRangeOptions__Output as _google_protobuf_ExtensionRangeOptions__Output } from './google/protobuf/ExtensionRangeOptions';
import type { FeatureSet as _google_protobuf_FeatureSet, FeatureSet__Output as _google_protobuf_FeatureSet__Output } from './google/protobuf/FeatureSet';
import type { FeatureSetDefaults as _google_protobuf_FeatureSetDefaults, FeatureSetDefaults__Output as _google_protobuf_FeatureSetDefaults__Output } from './google/protobuf/FeatureSetDefaults';
import type { FieldDescriptorProto as _google_protobuf_FieldDescriptorProto, FieldDescriptorProto__Output as _google_protobuf_FieldDescriptorProto__Output } from './google/protobuf/FieldDescriptorProto';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from './google/protobuf/FieldMask';
import type { FieldOptions as _google_protobuf_FieldOptions, FieldOptions__Output as _google_protobuf_FieldOptions__Output } from './google/protobuf/FieldOptions';
import type { FileDescriptorProto as _google_protobuf_FileDescriptorProto, FileDescriptorProto__Output as _google_protobuf_FileDescriptorProto__Output } from './google/protobuf/FileDescriptorProto';
import type { FileDescriptorSet as _google_protobuf_FileDescriptorSet, FileDescriptorSet__Output as _google_protobuf_FileDescriptorSet__Output } from './google/protobuf/FileDescriptorSet';
import type { FileOptions as _google_protobuf_FileOptions, FileOptions__Output as _google_protobuf_FileOptions__Output } from './google/protobuf/FileOptions';
import type { GeneratedCodeInfo as _google_protobuf_GeneratedCodeInfo, GeneratedCodeInfo__Output as _google_protobuf_GeneratedCodeInfo__Output } from './google/protobuf/GeneratedCodeInfo';
import type { MessageOptions as _google_protobuf_MessageOptions, MessageOptions__Output as _google_protobuf_MessageOptions__Output } from './google/protobuf/MessageOptions';
import type { MethodDescriptorProto as _google_protobuf_MethodDescriptorProto, MethodDescriptorProto__Output as _google_protobuf_MethodDescriptorProto__Output } from './google/protobuf/MethodDescriptorProto';
import type { MethodOptions as _google_protobuf_MethodOptions, MethodOptions__Output as _google_protobuf_MethodOptions__Output } from './google/protobuf/MethodOptions';
import type { OneofDescriptorProto as _google_protobuf_OneofDescriptorProto, OneofDescriptorProto__Output as _google_protobuf_OneofDescriptorProto__Output } from './google/protobuf/OneofDescriptorProto';
import type { OneofOptions as _google_protobuf_OneofOptions, OneofOptions__Output as _google_protobuf_OneofOptions__Output } from './google/protobuf/OneofOptions';
import type { ServiceDescriptorProto as _google_protobuf_ServiceDescriptorProto, ServiceDescriptorProto__Output as _google_protobuf_ServiceDescriptorProto__Output } from './google/protobuf/ServiceDescriptorProto';
import type { ServiceOptions as _google_protobuf_ServiceOptions, ServiceOptions__Output as _google_protobuf_ServiceOptions__Output } from './google/protobuf/ServiceOptions';
import type { SourceCodeInfo as _google_protobuf_SourceCodeInfo, SourceCodeInfo__Output as _google_protobuf_SourceCodeInfo__Output } from './google/protobuf/SourceCodeInfo';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { UninterpretedOption as _google_protobuf_UninterpretedOption, UninterpretedOption__Output as _google_protobuf_UninterpretedOption__Output } from './google/protobuf/UninterpretedOption';
import type { BadRequest as _google_rpc_BadRequest, BadRequest__Output as _google_rpc_BadRequest__Output } from './google/rpc/BadRequest';
import type { DebugInfo as _google_rpc_DebugInfo, DebugInfo__Output as _google_rpc_DebugInfo__Output } from './google/rpc/DebugInfo';
import type { ErrorInfo as _google_rpc_ErrorInfo, ErrorInfo__Output as _google_rpc_ErrorInfo__Output } from './google/rpc/ErrorInfo';
import type { Help as _google_rpc_Help, Help__Output as _google_rpc_Help__Output } from './google/rpc/Help';
import type { LocalizedMessage as _google_rpc_LocalizedMessage, LocalizedMessage__Output as _google_rpc_LocalizedMessage__Output } from './google/rpc/LocalizedMessage';
import type { PreconditionFailure as _google_rpc_PreconditionFailure, PreconditionFailure__Output as _google_rpc_PreconditionFailure__Output } from './google/rpc/PreconditionFailure';
import type { QuotaFailure as _google_rpc_QuotaFailure, QuotaFailure__Output as _google_rpc_QuotaFailure__Output } from './google/rpc/QuotaFailure';
import type { RequestInfo as _google_rpc_RequestInfo, RequestInfo__Output as _google_rpc_RequestInfo__Output } from './google/rpc/RequestInfo';
import type { ResourceInfo as _google_rpc_ResourceInfo, ResourceInfo__Output as _google_rpc_ResourceInfo__Output } from './google/rpc/ResourceInfo';
import type { RetryInfo as _google_rpc_RetryInfo, RetryInfo__Output as _google_rpc_RetryInfo__Output } from './google/rpc/RetryInfo';
import type { Status as _google_rpc_Status, Status__Output as _google_rpc_Status__Output } from './google/rpc/Status';
import type { Expr as _google_type_Expr, Expr__Output as _google_type_Expr__Output } from './google/type/Expr';
import type { GRPCInferenceServiceClient as _inference_GRPCInferenceServiceClient, GRPCInferenceServiceDefinition as _inference_GRPCInferenceServiceDefinition } from './inference/GRPCInferenceService';
import type { InferParameter as _inference_InferParameter, InferParameter__Output as _inference_InferParameter__Output } from './inference/InferParameter';
import type { InferTensorContents as _inference_InferTensorContents, InferTensorContents__Output as _inference_InferTensorContents__Output } from './inference/InferTensorContents';
import type { ModelInferRequest as _inference_ModelInferRequest, ModelInferRequest__Output as _inference_ModelInferRequest__Output } from './inference/ModelInferRequest';
import type { ModelInferResponse as _inference_ModelInferResponse, ModelInferResponse__Output as _inference_ModelInferResponse__Output } from './inference/ModelInferResponse';
import type { ModelMetadataRequest as _inference_ModelMetadataRequest, ModelMetadataRequest__Output as _inference_ModelMetadataRequest__Output } from './inference/ModelMetadataRequest';
import type { ModelMetadataResponse as _inference_ModelMetadataResponse, ModelMetadataResponse__Output as _inference_ModelMetadataResponse__Output } from './inference/ModelMetadataResponse';
import type { ModelReadyRequest as _inference_ModelReadyRequest, ModelReadyRequest__Output as _inference_ModelReadyRequest__Output } from './inference/ModelReadyRequest';
import type { ModelReadyResponse as _inference_ModelReadyResponse, ModelReadyResponse__Output as _inference_ModelReadyResponse__Output } from './inference/ModelReadyResponse';
import type { ServerLiveRequest as _inference_ServerLiveRequest, ServerLiveRequest__Output as _inference_ServerLiveRequest__Output } from './inference/ServerLiveRequest';
import type { ServerLiveResponse as _inference_ServerLiveResponse, ServerLiveResponse__Output as _inference_ServerLiveResponse__Output } from './inference/ServerLiveResponse';
import type { ServerMetadataRequest as _inference_ServerMetadataRequest, ServerMetadataRequest__Output as _inference_ServerMetadataRequest__Output } from './inference/ServerMetadataRequest';
import type { ServerMetadataResponse as _inference_ServerMetadataResponse, ServerMetadataResponse__Output as _inference_ServerMetadataResponse__Output } from './inference/ServerMetadataResponse';
import type { ServerReadyRequest as _inference_ServerReadyRequest, ServerReadyRequest__Output as _inference_ServerReadyRequest__Output } from './inference/ServerReadyRequest';
import type { ServerReadyResponse as _inference_ServerReadyResponse, ServerReadyResponse__Output as _inference_ServerReadyResponse__Output } from './inference/ServerReadyResponse';
import type { AppendDeploymentEventRequest as _presage_internal_v1_AppendDeploymentEventRequest, AppendDeploymentEventRequest__Output as _presage_internal_v1_AppendDeploymentEventRequest__Output } from './presage/internal/v1/AppendDeploymentEventRequest';
import type { AppendPredictionLogsRequest as _presage_internal_v1_AppendPredictionLogsRequest, AppendPredictionLogsRequest__Output as _presage_internal_v1_AppendPredictionLogsRequest__Output } from './presage/internal/v1/AppendPredictionLogsRequest';
import type { AppendPredictionLogsResponse as _presage_internal_v1_AppendPredictionLogsResponse, AppendPredictionLogsResponse__Output as _presage_internal_v1_AppendPredictionLogsResponse__Output } from './presage/internal/v1/AppendPredictionLogsResponse';
import type { AutoscalerServiceClient as _presage_internal_v1_AutoscalerServiceClient, AutoscalerServiceDefinition as _presage_internal_v1_AutoscalerServiceDefinition } from './presage/internal/v1/AutoscalerService';
import type { BatchShard as _presage_internal_v1_BatchShard, BatchShard__Output as _presage_internal_v1_BatchShard__Output } from './presage/internal/v1/BatchShard';
import type { BatchWorker as _presage_internal_v1_BatchWorker, BatchWorker__Output as _presage_internal_v1_BatchWorker__Output } from './presage/internal/v1/BatchWorker';
import type { BatchWorkerServiceClient as _presage_internal_v1_BatchWorkerServiceClient, BatchWorkerServiceDefinition as _presage_internal_v1_BatchWorkerServiceDefinition } from './presage/internal/v1/BatchWorkerService';
import type { BatchWorkerSpec as _presage_internal_v1_BatchWorkerSpec, BatchWorkerSpec__Output as _presage_internal_v1_BatchWorkerSpec__Output } from './presage/internal/v1/BatchWorkerSpec';
import type { ClaimShardRequest as _presage_internal_v1_ClaimShardRequest, ClaimShardRequest__Output as _presage_internal_v1_ClaimShardRequest__Output } from './presage/internal/v1/ClaimShardRequest';
import type { ClaimShardResponse as _presage_internal_v1_ClaimShardResponse, ClaimShardResponse__Output as _presage_internal_v1_ClaimShardResponse__Output } from './presage/internal/v1/ClaimShardResponse';
import type { CompleteShardRequest as _presage_internal_v1_CompleteShardRequest, CompleteShardRequest__Output as _presage_internal_v1_CompleteShardRequest__Output } from './presage/internal/v1/CompleteShardRequest';
import type { CompleteShardResponse as _presage_internal_v1_CompleteShardResponse, CompleteShardResponse__Output as _presage_internal_v1_CompleteShardResponse__Output } from './presage/internal/v1/CompleteShardResponse';
import type { CredentialServiceClient as _presage_internal_v1_CredentialServiceClient, CredentialServiceDefinition as _presage_internal_v1_CredentialServiceDefinition } from './presage/internal/v1/CredentialService';
import type { DeployerServiceClient as _presage_internal_v1_DeployerServiceClient, DeployerServiceDefinition as _presage_internal_v1_DeployerServiceDefinition } from './presage/internal/v1/DeployerService';
import type { DeploymentTarget as _presage_internal_v1_DeploymentTarget, DeploymentTarget__Output as _presage_internal_v1_DeploymentTarget__Output } from './presage/internal/v1/DeploymentTarget';
import type { EnsureBatchWorkersRequest as _presage_internal_v1_EnsureBatchWorkersRequest, EnsureBatchWorkersRequest__Output as _presage_internal_v1_EnsureBatchWorkersRequest__Output } from './presage/internal/v1/EnsureBatchWorkersRequest';
import type { EnsureBatchWorkersResponse as _presage_internal_v1_EnsureBatchWorkersResponse, EnsureBatchWorkersResponse__Output as _presage_internal_v1_EnsureBatchWorkersResponse__Output } from './presage/internal/v1/EnsureBatchWorkersResponse';
import type { FailShardRequest as _presage_internal_v1_FailShardRequest, FailShardRequest__Output as _presage_internal_v1_FailShardRequest__Output } from './presage/internal/v1/FailShardRequest';
import type { FailShardResponse as _presage_internal_v1_FailShardResponse, FailShardResponse__Output as _presage_internal_v1_FailShardResponse__Output } from './presage/internal/v1/FailShardResponse';
import type { GetModelInfoRequest as _presage_internal_v1_GetModelInfoRequest, GetModelInfoRequest__Output as _presage_internal_v1_GetModelInfoRequest__Output } from './presage/internal/v1/GetModelInfoRequest';
import type { JobFinished as _presage_internal_v1_JobFinished, JobFinished__Output as _presage_internal_v1_JobFinished__Output } from './presage/internal/v1/JobFinished';
import type { ListDeploymentTargetsRequest as _presage_internal_v1_ListDeploymentTargetsRequest, ListDeploymentTargetsRequest__Output as _presage_internal_v1_ListDeploymentTargetsRequest__Output } from './presage/internal/v1/ListDeploymentTargetsRequest';
import type { ListDeploymentTargetsResponse as _presage_internal_v1_ListDeploymentTargetsResponse, ListDeploymentTargetsResponse__Output as _presage_internal_v1_ListDeploymentTargetsResponse__Output } from './presage/internal/v1/ListDeploymentTargetsResponse';
import type { ListReplicasRequest as _presage_internal_v1_ListReplicasRequest, ListReplicasRequest__Output as _presage_internal_v1_ListReplicasRequest__Output } from './presage/internal/v1/ListReplicasRequest';
import type { ListReplicasResponse as _presage_internal_v1_ListReplicasResponse, ListReplicasResponse__Output as _presage_internal_v1_ListReplicasResponse__Output } from './presage/internal/v1/ListReplicasResponse';
import type { ListScaleTargetsRequest as _presage_internal_v1_ListScaleTargetsRequest, ListScaleTargetsRequest__Output as _presage_internal_v1_ListScaleTargetsRequest__Output } from './presage/internal/v1/ListScaleTargetsRequest';
import type { ListScaleTargetsResponse as _presage_internal_v1_ListScaleTargetsResponse, ListScaleTargetsResponse__Output as _presage_internal_v1_ListScaleTargetsResponse__Output } from './presage/internal/v1/ListScaleTargetsResponse';
import type { LookupApiKeyRequest as _presage_internal_v1_LookupApiKeyRequest, LookupApiKeyRequest__Output as _presage_internal_v1_LookupApiKeyRequest__Output } from './presage/internal/v1/LookupApiKeyRequest';
import type { LookupApiKeyResponse as _presage_internal_v1_LookupApiKeyResponse, LookupApiKeyResponse__Output as _presage_internal_v1_LookupApiKeyResponse__Output } from './presage/internal/v1/LookupApiKeyResponse';
import type { ModelInfo as _presage_internal_v1_ModelInfo, ModelInfo__Output as _presage_internal_v1_ModelInfo__Output } from './presage/internal/v1/ModelInfo';
import type { NudgeRequest as _presage_internal_v1_NudgeRequest, NudgeRequest__Output as _presage_internal_v1_NudgeRequest__Output } from './presage/internal/v1/NudgeRequest';
import type { NudgeResponse as _presage_internal_v1_NudgeResponse, NudgeResponse__Output as _presage_internal_v1_NudgeResponse__Output } from './presage/internal/v1/NudgeResponse';
import type { PredictRequest as _presage_internal_v1_PredictRequest, PredictRequest__Output as _presage_internal_v1_PredictRequest__Output } from './presage/internal/v1/PredictRequest';
import type { PredictResponse as _presage_internal_v1_PredictResponse, PredictResponse__Output as _presage_internal_v1_PredictResponse__Output } from './presage/internal/v1/PredictResponse';
import type { PredictStreamRequest as _presage_internal_v1_PredictStreamRequest, PredictStreamRequest__Output as _presage_internal_v1_PredictStreamRequest__Output } from './presage/internal/v1/PredictStreamRequest';
import type { PredictStreamResponse as _presage_internal_v1_PredictStreamResponse, PredictStreamResponse__Output as _presage_internal_v1_PredictStreamResponse__Output } from './presage/internal/v1/PredictStreamResponse';
import type { PredictionLogRow as _presage_internal_v1_PredictionLogRow, PredictionLogRow__Output as _presage_internal_v1_PredictionLogRow__Output } from './presage/internal/v1/PredictionLogRow';
import type { PredictionLogServiceClient as _presage_internal_v1_PredictionLogServiceClient, PredictionLogServiceDefinition as _presage_internal_v1_PredictionLogServiceDefinition } from './presage/internal/v1/PredictionLogService';
import type { PredictorServiceClient as _presage_internal_v1_PredictorServiceClient, PredictorServiceDefinition as _presage_internal_v1_PredictorServiceDefinition } from './presage/internal/v1/PredictorService';
import type { RegistryDeploymentServiceClient as _presage_internal_v1_RegistryDeploymentServiceClient, RegistryDeploymentServiceDefinition as _presage_internal_v1_RegistryDeploymentServiceDefinition } from './presage/internal/v1/RegistryDeploymentService';
import type { RenewLeaseRequest as _presage_internal_v1_RenewLeaseRequest, RenewLeaseRequest__Output as _presage_internal_v1_RenewLeaseRequest__Output } from './presage/internal/v1/RenewLeaseRequest';
import type { RenewLeaseResponse as _presage_internal_v1_RenewLeaseResponse, RenewLeaseResponse__Output as _presage_internal_v1_RenewLeaseResponse__Output } from './presage/internal/v1/RenewLeaseResponse';
import type { Replica as _presage_internal_v1_Replica, Replica__Output as _presage_internal_v1_Replica__Output } from './presage/internal/v1/Replica';
import type { ReportDemandRequest as _presage_internal_v1_ReportDemandRequest, ReportDemandRequest__Output as _presage_internal_v1_ReportDemandRequest__Output } from './presage/internal/v1/ReportDemandRequest';
import type { ReportDemandResponse as _presage_internal_v1_ReportDemandResponse, ReportDemandResponse__Output as _presage_internal_v1_ReportDemandResponse__Output } from './presage/internal/v1/ReportDemandResponse';
import type { ReportVersionRequest as _presage_internal_v1_ReportVersionRequest, ReportVersionRequest__Output as _presage_internal_v1_ReportVersionRequest__Output } from './presage/internal/v1/ReportVersionRequest';
import type { ScaleTarget as _presage_internal_v1_ScaleTarget, ScaleTarget__Output as _presage_internal_v1_ScaleTarget__Output } from './presage/internal/v1/ScaleTarget';
import type { ScaleVersionRequest as _presage_internal_v1_ScaleVersionRequest, ScaleVersionRequest__Output as _presage_internal_v1_ScaleVersionRequest__Output } from './presage/internal/v1/ScaleVersionRequest';
import type { ScaleVersionResponse as _presage_internal_v1_ScaleVersionResponse, ScaleVersionResponse__Output as _presage_internal_v1_ScaleVersionResponse__Output } from './presage/internal/v1/ScaleVersionResponse';
import type { StopBatchWorkersRequest as _presage_internal_v1_StopBatchWorkersRequest, StopBatchWorkersRequest__Output as _presage_internal_v1_StopBatchWorkersRequest__Output } from './presage/internal/v1/StopBatchWorkersRequest';
import type { StopBatchWorkersResponse as _presage_internal_v1_StopBatchWorkersResponse, StopBatchWorkersResponse__Output as _presage_internal_v1_StopBatchWorkersResponse__Output } from './presage/internal/v1/StopBatchWorkersResponse';
import type { StreamedAnswer as _presage_internal_v1_StreamedAnswer, StreamedAnswer__Output as _presage_internal_v1_StreamedAnswer__Output } from './presage/internal/v1/StreamedAnswer';
import type { StreamedPredict as _presage_internal_v1_StreamedPredict, StreamedPredict__Output as _presage_internal_v1_StreamedPredict__Output } from './presage/internal/v1/StreamedPredict';
import type { WatchDeploymentTargetsRequest as _presage_internal_v1_WatchDeploymentTargetsRequest, WatchDeploymentTargetsRequest__Output as _presage_internal_v1_WatchDeploymentTargetsRequest__Output } from './presage/internal/v1/WatchDeploymentTargetsRequest';
import type { WatchDeploymentTargetsResponse as _presage_internal_v1_WatchDeploymentTargetsResponse, WatchDeploymentTargetsResponse__Output as _presage_internal_v1_WatchDeploymentTargetsResponse__Output } from './presage/internal/v1/WatchDeploymentTargetsResponse';
import type { WatchReplicasRequest as _presage_internal_v1_WatchReplicasRequest, WatchReplicasRequest__Output as _presage_internal_v1_WatchReplicasRequest__Output } from './presage/internal/v1/WatchReplicasRequest';
import type { WatchReplicasResponse as _presage_internal_v1_WatchReplicasResponse, WatchReplicasResponse__Output as _presage_internal_v1_WatchReplicasResponse__Output } from './presage/internal/v1/WatchReplicasResponse';
import type { WatchScaleTargetsRequest as _presage_internal_v1_WatchScaleTargetsRequest, WatchScaleTargetsRequest__Output as _presage_internal_v1_WatchScaleTargetsRequest__Output } from './presage/internal/v1/WatchScaleTargetsRequest';
import type { WatchScaleTargetsResponse as _presage_internal_v1_WatchScaleTargetsResponse, WatchScaleTargetsResponse__Output as _presage_internal_v1_WatchScaleTargetsResponse__Output } from './presage/internal/v1/WatchScaleTargetsResponse';
import type { AcceleratorConfig as _presage_v1_AcceleratorConfig, AcceleratorConfig__Output as _presage_v1_AcceleratorConfig__Output } from './presage/v1/AcceleratorConfig';
import type { AccessServiceClient as _presage_v1_AccessServiceClient, AccessServiceDefinition as _presage_v1_AccessServiceDefinition } from './presage/v1/AccessService';
import type { ApiKey as _presage_v1_ApiKey, ApiKey__Output as _presage_v1_ApiKey__Output } from './presage/v1/ApiKey';
import type { AutoScaling as _presage_v1_AutoScaling, AutoScaling__Output as _presage_v1_AutoScaling__Output } from './presage/v1/AutoScaling';
import type { AutoscalingServiceClient as _presage_v1_AutoscalingServiceClient, AutoscalingServiceDefinition as _presage_v1_AutoscalingServiceDefinition } from './presage/v1/AutoscalingService';
import type { Batching as _presage_v1_Batching, Batching__Output as _presage_v1_Batching__Output } from './presage/v1/Batching';
import type { CancelJobRequest as _presage_v1_CancelJobRequest, CancelJobRequest__Output as _presage_v1_CancelJobRequest__Output } from './presage/v1/CancelJobRequest';
import type { ContainerPort as _presage_v1_ContainerPort, ContainerPort__Output as _presage_v1_ContainerPort__Output } from './presage/v1/ContainerPort';
import type { ContainerSpec as _presage_v1_ContainerSpec, ContainerSpec__Output as _presage_v1_ContainerSpec__Output } from './presage/v1/ContainerSpec';
import type { CreateApiKeyRequest as _presage_v1_CreateApiKeyRequest, CreateApiKeyRequest__Output as _presage_v1_CreateApiKeyRequest__Output } from './presage/v1/CreateApiKeyRequest';
import type { CreateJobRequest as _presage_v1_CreateJobRequest, CreateJobRequest__Output as _presage_v1_CreateJobRequest__Output } from './presage/v1/CreateJobRequest';
import type { CreateModelRequest as _presage_v1_CreateModelRequest, CreateModelRequest__Output as _presage_v1_CreateModelRequest__Output } from './presage/v1/CreateModelRequest';
import type { CreateVersionRequest as _presage_v1_CreateVersionRequest, CreateVersionRequest__Output as _presage_v1_CreateVersionRequest__Output } from './presage/v1/CreateVersionRequest';
import type { Dataset as _presage_v1_Dataset, Dataset__Output as _presage_v1_Dataset__Output } from './presage/v1/Dataset';
import type { DeleteApiKeyRequest as _presage_v1_DeleteApiKeyRequest, DeleteApiKeyRequest__Output as _presage_v1_DeleteApiKeyRequest__Output } from './presage/v1/DeleteApiKeyRequest';
import type { DeleteModelRequest as _presage_v1_DeleteModelRequest, DeleteModelRequest__Output as _presage_v1_DeleteModelRequest__Output } from './presage/v1/DeleteModelRequest';
import type { DeleteVersionRequest as _presage_v1_DeleteVersionRequest, DeleteVersionRequest__Output as _presage_v1_DeleteVersionRequest__Output } from './presage/v1/DeleteVersionRequest';
import type { DeploymentEvent as _presage_v1_DeploymentEvent, DeploymentEvent__Output as _presage_v1_DeploymentEvent__Output } from './presage/v1/DeploymentEvent';
import type { EnvVar as _presage_v1_EnvVar, EnvVar__Output as _presage_v1_EnvVar__Output } from './presage/v1/EnvVar';
import type { FeatureStatistics as _presage_v1_FeatureStatistics, FeatureStatistics__Output as _presage_v1_FeatureStatistics__Output } from './presage/v1/FeatureStatistics';
import type { FeatureWindow as _presage_v1_FeatureWindow, FeatureWindow__Output as _presage_v1_FeatureWindow__Output } from './presage/v1/FeatureWindow';
import type { GetApiKeyRequest as _presage_v1_GetApiKeyRequest, GetApiKeyRequest__Output as _presage_v1_GetApiKeyRequest__Output } from './presage/v1/GetApiKeyRequest';
import type { GetJobRequest as _presage_v1_GetJobRequest, GetJobRequest__Output as _presage_v1_GetJobRequest__Output } from './presage/v1/GetJobRequest';
import type { GetModelRequest as _presage_v1_GetModelRequest, GetModelRequest__Output as _presage_v1_GetModelRequest__Output } from './presage/v1/GetModelRequest';
import type { GetMonitoringStatsRequest as _presage_v1_GetMonitoringStatsRequest, GetMonitoringStatsRequest__Output as _presage_v1_GetMonitoringStatsRequest__Output } from './presage/v1/GetMonitoringStatsRequest';
import type { GetQuotaSettingsRequest as _presage_v1_GetQuotaSettingsRequest, GetQuotaSettingsRequest__Output as _presage_v1_GetQuotaSettingsRequest__Output } from './presage/v1/GetQuotaSettingsRequest';
import type { GetVersionRequest as _presage_v1_GetVersionRequest, GetVersionRequest__Output as _presage_v1_GetVersionRequest__Output } from './presage/v1/GetVersionRequest';
import type { Job as _presage_v1_Job, Job__Output as _presage_v1_Job__Output } from './presage/v1/Job';
import type { JobServiceClient as _presage_v1_JobServiceClient, JobServiceDefinition as _presage_v1_JobServiceDefinition } from './presage/v1/JobService';
import type { Lineage as _presage_v1_Lineage, Lineage__Output as _presage_v1_Lineage__Output } from './presage/v1/Lineage';
import type { ListApiKeysRequest as _presage_v1_ListApiKeysRequest, ListApiKeysRequest__Output as _presage_v1_ListApiKeysRequest__Output } from './presage/v1/ListApiKeysRequest';
import type { ListApiKeysResponse as _presage_v1_ListApiKeysResponse, ListApiKeysResponse__Output as _presage_v1_ListApiKeysResponse__Output } from './presage/v1/ListApiKeysResponse';
import type { ListDeploymentEventsRequest as _presage_v1_ListDeploymentEventsRequest, ListDeploymentEventsRequest__Output as _presage_v1_ListDeploymentEventsRequest__Output } from './presage/v1/ListDeploymentEventsRequest';
import type { ListDeploymentEventsResponse as _presage_v1_ListDeploymentEventsResponse, ListDeploymentEventsResponse__Output as _presage_v1_ListDeploymentEventsResponse__Output } from './presage/v1/ListDeploymentEventsResponse';
import type { ListJobsRequest as _presage_v1_ListJobsRequest, ListJobsRequest__Output as _presage_v1_ListJobsRequest__Output } from './presage/v1/ListJobsRequest';
import type { ListJobsResponse as _presage_v1_ListJobsResponse, ListJobsResponse__Output as _presage_v1_ListJobsResponse__Output } from './presage/v1/ListJobsResponse';
import type { ListModelsRequest as _presage_v1_ListModelsRequest, ListModelsRequest__Output as _presage_v1_ListModelsRequest__Output } from './presage/v1/ListModelsRequest';
import type { ListModelsResponse as _presage_v1_ListModelsResponse, ListModelsResponse__Output as _presage_v1_ListModelsResponse__Output } from './presage/v1/ListModelsResponse';
import type { ListScalingDecisionsRequest as _presage_v1_ListScalingDecisionsRequest, ListScalingDecisionsRequest__Output as _presage_v1_ListScalingDecisionsRequest__Output } from './presage/v1/ListScalingDecisionsRequest';
import type { ListScalingDecisionsResponse as _presage_v1_ListScalingDecisionsResponse, ListScalingDecisionsResponse__Output as _presage_v1_ListScalingDecisionsResponse__Output } from './presage/v1/ListScalingDecisionsResponse';
import type { ListVersionsRequest as _presage_v1_ListVersionsRequest, ListVersionsRequest__Output as _presage_v1_ListVersionsRequest__Output } from './presage/v1/ListVersionsRequest';
import type { ListVersionsResponse as _presage_v1_ListVersionsResponse, ListVersionsResponse__Output as _presage_v1_ListVersionsResponse__Output } from './presage/v1/ListVersionsResponse';
import type { ManualScaling as _presage_v1_ManualScaling, ManualScaling__Output as _presage_v1_ManualScaling__Output } from './presage/v1/ManualScaling';
import type { MetricSpec as _presage_v1_MetricSpec, MetricSpec__Output as _presage_v1_MetricSpec__Output } from './presage/v1/MetricSpec';
import type { Model as _presage_v1_Model, Model__Output as _presage_v1_Model__Output } from './presage/v1/Model';
import type { ModelServiceClient as _presage_v1_ModelServiceClient, ModelServiceDefinition as _presage_v1_ModelServiceDefinition } from './presage/v1/ModelService';
import type { ModelSignature as _presage_v1_ModelSignature, ModelSignature__Output as _presage_v1_ModelSignature__Output } from './presage/v1/ModelSignature';
import type { MonitoringConfig as _presage_v1_MonitoringConfig, MonitoringConfig__Output as _presage_v1_MonitoringConfig__Output } from './presage/v1/MonitoringConfig';
import type { MonitoringStats as _presage_v1_MonitoringStats, MonitoringStats__Output as _presage_v1_MonitoringStats__Output } from './presage/v1/MonitoringStats';
import type { MonitoringWindow as _presage_v1_MonitoringWindow, MonitoringWindow__Output as _presage_v1_MonitoringWindow__Output } from './presage/v1/MonitoringWindow';
import type { OnlinePredictionServiceClient as _presage_v1_OnlinePredictionServiceClient, OnlinePredictionServiceDefinition as _presage_v1_OnlinePredictionServiceDefinition } from './presage/v1/OnlinePredictionService';
import type { OperationMetadata as _presage_v1_OperationMetadata, OperationMetadata__Output as _presage_v1_OperationMetadata__Output } from './presage/v1/OperationMetadata';
import type { OperationsClient as _presage_v1_OperationsClient, OperationsDefinition as _presage_v1_OperationsDefinition } from './presage/v1/Operations';
import type { PredictRequest as _presage_v1_PredictRequest, PredictRequest__Output as _presage_v1_PredictRequest__Output } from './presage/v1/PredictRequest';
import type { PredictionInput as _presage_v1_PredictionInput, PredictionInput__Output as _presage_v1_PredictionInput__Output } from './presage/v1/PredictionInput';
import type { PredictionOutput as _presage_v1_PredictionOutput, PredictionOutput__Output as _presage_v1_PredictionOutput__Output } from './presage/v1/PredictionOutput';
import type { QuotaSettings as _presage_v1_QuotaSettings, QuotaSettings__Output as _presage_v1_QuotaSettings__Output } from './presage/v1/QuotaSettings';
import type { RequestLoggingConfig as _presage_v1_RequestLoggingConfig, RequestLoggingConfig__Output as _presage_v1_RequestLoggingConfig__Output } from './presage/v1/RequestLoggingConfig';
import type { RouteMap as _presage_v1_RouteMap, RouteMap__Output as _presage_v1_RouteMap__Output } from './presage/v1/RouteMap';
import type { ScalingDecision as _presage_v1_ScalingDecision, ScalingDecision__Output as _presage_v1_ScalingDecision__Output } from './presage/v1/ScalingDecision';
import type { SetDefaultVersionRequest as _presage_v1_SetDefaultVersionRequest, SetDefaultVersionRequest__Output as _presage_v1_SetDefaultVersionRequest__Output } from './presage/v1/SetDefaultVersionRequest';
import type { ShadowTraffic as _presage_v1_ShadowTraffic, ShadowTraffic__Output as _presage_v1_ShadowTraffic__Output } from './presage/v1/ShadowTraffic';
import type { Source as _presage_v1_Source, Source__Output as _presage_v1_Source__Output } from './presage/v1/Source';
import type { TensorSpec as _presage_v1_TensorSpec, TensorSpec__Output as _presage_v1_TensorSpec__Output } from './presage/v1/TensorSpec';
import type { TrainingInput as _presage_v1_TrainingInput, TrainingInput__Output as _presage_v1_TrainingInput__Output } from './presage/v1/TrainingInput';
import type { TrainingOutput as _presage_v1_TrainingOutput, TrainingOutput__Output as _presage_v1_TrainingOutput__Output } from './presage/v1/TrainingOutput';
import type { UpdateJobRequest as _presage_v1_UpdateJobRequest, UpdateJobRequest__Output as _presage_v1_UpdateJobRequest__Output } from './presage/v1/UpdateJobRequest';
import type { UpdateModelRequest as _presage_v1_UpdateModelRequest, UpdateModelRequest__Output as _presage_v1_UpdateModelRequest__Output } from './presage/v1/UpdateModelRequest';
import type { UpdateQuotaSettingsRequest as _presage_v1_UpdateQuotaSettingsRequest, UpdateQuotaSettingsRequest__Output as _presage_v1_UpdateQuotaSettingsRequest__Output } from './presage/v1/UpdateQuotaSettingsRequest';
import type { UpdateVersionRequest as _presage_v1_UpdateVersionRequest, UpdateVersionRequest__Output as _presage_v1_UpdateVersionRequest__Output } from './presage/v1/UpdateVersionRequest';
import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from './presage/v1/Version';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    api: {
      ClientLibraryDestination: EnumTypeDefinition
      ClientLibraryOrganization: EnumTypeDefinition
      ClientLibrarySettings: MessageTypeDefinition<_google_api_ClientLibrarySettings, _google_api_ClientLibrarySettings__Output>
      CommonLanguageSettings: MessageTypeDefinition<_google_api_CommonLanguageSettings, _google_api_CommonLanguageSettings__Output>
      CppSettings: MessageTypeDefinition<_google_api_CppSettings, _google_api_CppSettings__Output>
      CustomHttpPattern: MessageTypeDefinition<_google_api_CustomHttpPattern, _google_api_CustomHttpPattern__Output>
      DotnetSettings: MessageTypeDefinition<_google_api_DotnetSettings, _google_api_DotnetSettings__Output>
      FieldBehavior: EnumTypeDefinition
      GoSettings: MessageTypeDefinition<_google_api_GoSettings, _google_api_GoSettings__Output>
      Http: MessageTypeDefinition<_google_api_Http, _google_api_Http__Output>
      HttpBody: MessageTypeDefinition<_google_api_HttpBody, _google_api_HttpBody__Output>
      HttpRule: MessageTypeDefinition<_google_api_HttpRule, _google_api_HttpRule__Output>
      JavaSettings: MessageTypeDefinition<_google_api_JavaSettings, _google_api_JavaSettings__Output>
      LaunchStage: EnumTypeDefinition
      MethodSettings: MessageTypeDefinition<_google_api_MethodSettings, _google_api_MethodSettings__Output>
      NodeSettings: MessageTypeDefinition<_google_api_NodeSettings, _google_api_NodeSettings__Output>
      PhpSettings: MessageTypeDefinition<_google_api_PhpSettings, _google_api_PhpSettings__Output>
      Publishing: MessageTypeDefinition<_google_api_Publishing, _google_api_Publishing__Output>
      PythonSettings: MessageTypeDefinition<_google_api_PythonSettings, _google_api_PythonSettings__Output>
      ResourceDescriptor: MessageTypeDefinition<_google_api_ResourceDescriptor, _google_api_ResourceDescriptor__Output>
      ResourceReference: MessageTypeDefinition<_google_api_ResourceReference, _google_api_ResourceReference__Output>
      RubySettings: MessageTypeDefinition<_google_api_RubySettings, _google_api_RubySettings__Output>
      SelectiveGapicGeneration: MessageTypeDefinition<_google_api_SelectiveGapicGeneration, _google_api_SelectiveGapicGeneration__Output>
    }
    iam: {
      v1: {
        AuditConfig: MessageTypeDefinition<_google_iam_v1_AuditConfig, _google_iam_v1_AuditConfig__Output>
        AuditConfigDelta: MessageTypeDefinition<_google_iam_v1_AuditConfigDelta, _google_iam_v1_AuditConfigDelta__Output>
        AuditLogConfig: MessageTypeDefinition<_google_iam_v1_AuditLogConfig, _google_iam_v1_AuditLogConfig__Output>
        Binding: MessageTypeDefinition<_google_iam_v1_Binding, _google_iam_v1_Binding__Output>
        BindingDelta: MessageTypeDefinition<_google_iam_v1_BindingDelta, _google_iam_v1_BindingDelta__Output>
        GetIamPolicyRequest: MessageTypeDefinition<_google_iam_v1_GetIamPolicyRequest, _google_iam_v1_GetIamPolicyRequest__Output>
        GetPolicyOptions: MessageTypeDefinition<_google_iam_v1_GetPolicyOptions, _google_iam_v1_GetPolicyOptions__Output>
        IAMPolicy: SubtypeConstructor<typeof grpc.Client, _google_iam_v1_IAMPolicyClient> & { service: _google_iam_v1_IAMPolicyDefinition }
        Policy: MessageTypeDefinition<_google_iam_v1_Policy, _google_iam_v1_Policy__Output>
        PolicyDelta: MessageTypeDefinition<_google_iam_v1_PolicyDelta, _google_iam_v1_PolicyDelta__Output>
        SetIamPolicyRequest: MessageTypeDefinition<_google_iam_v1_SetIamPolicyRequest, _google_iam_v1_SetIamPolicyRequest__Output>
        TestIamPermissionsRequest: MessageTypeDefinition<_google_iam_v1_TestIamPermissionsRequest, _google_iam_v1_TestIamPermissionsRequest__Output>
        TestIamPermissionsResponse: MessageTypeDefinition<_google_iam_v1_TestIamPermissionsResponse, _google_iam_v1_TestIamPermissionsResponse__Output>
      }
    }
    longrunning: {
      CancelOperationRequest: MessageTypeDefinition<_google_longrunning_CancelOperationRequest, _google_longrunning_CancelOperationRequest__Output>
      DeleteOperationRequest: MessageTypeDefinition<_google_longrunning_DeleteOperationRequest, _google_longrunning_DeleteOperationRequest__Output>
      GetOperationRequest: MessageTypeDefinition<_google_longrunning_GetOperationRequest, _google_longrunning_GetOperationRequest__Output>
      ListOperationsRequest: MessageTypeDefinition<_google_longrunning_ListOperationsRequest, _google_longrunning_ListOperationsRequest__Output>
      ListOperationsResponse: MessageTypeDefinition<_google_longrunning_ListOperationsResponse, _google_longrunning_ListOperationsResponse__Output>
      Operation: MessageTypeDefinition<_google_longrunning_Operation, _google_longrunning_Operation__Output>
      OperationInfo: MessageTypeDefinition<_google_longrunning_OperationInfo, _google_longrunning_OperationInfo__Output>
      Operations: SubtypeConstructor<typeof grpc.Client, _google_longrunning_OperationsClient> & { service: _google_longrunning_OperationsDefinition }
      WaitOperationRequest: MessageTypeDefinition<_google_longrunning_WaitOperationRequest, _google_longrunning_WaitOperationRequest__Output>
    }
    protobuf: {
      Any: MessageTypeDefinition<_google_protobuf_Any, _google_protobuf_Any__Output>
      DescriptorProto: MessageTypeDefinition<_google_protobuf_DescriptorProto, _google_protobuf_DescriptorProto__Output>
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Edition: EnumTypeDefinition
      Empty: MessageTypeDefinition<_google_protobuf_Empty, _google_protobuf_Empty__Output>
      EnumDescriptorProto: MessageTypeDefinition<_google_protobuf_EnumDescriptorProto, _google_protobuf_EnumDescriptorProto__Output>
      EnumOptions: MessageTypeDefinition<_google_protobuf_EnumOptions, _google_protobuf_EnumOptions__Output>
      EnumValueDescriptorProto: MessageTypeDefinition<_google_protobuf_EnumValueDescriptorProto, _google_protobuf_EnumValueDescriptorProto__Output>
      EnumValueOptions: MessageTypeDefinition<_google_protobuf_EnumValueOptions, _google_protobuf_EnumValueOptions__Output>
      ExtensionRangeOptions: MessageTypeDefinition<_google_protobuf_ExtensionRangeOptions, _google_protobuf_ExtensionRangeOptions__Output>
      FeatureSet: MessageTypeDefinition<_google_protobuf_FeatureSet, _google_protobuf_FeatureSet__Output>
      FeatureSetDefaults: MessageTypeDefinition<_google_protobuf_FeatureSetDefaults, _google_protobuf_FeatureSetDefaults__Output>
      FieldDescriptorProto: MessageTypeDefinition<_google_protobuf_FieldDescriptorProto, _google_protobuf_FieldDescriptorProto__Output>
      FieldMask: MessageTypeDefinition<_google_protobuf_FieldMask, _google_protobuf_FieldMask__Output>
      FieldOptions: MessageTypeDefinition<_google_protobuf_FieldOptions, _google_protobuf_FieldOptions__Output>
      FileDescriptorProto: MessageTypeDefinition<_google_protobuf_FileDescriptorProto, _google_protobuf_FileDescriptorProto__Output>
      FileDescriptorSet: MessageTypeDefinition<_google_protobuf_FileDescriptorSet, _google_protobuf_FileDescriptorSet__Output>
      FileOptions: MessageTypeDefinition<_google_protobuf_FileOptions, _google_protobuf_FileOptions__Output>
      GeneratedCodeInfo: MessageTypeDefinition<_google_protobuf_GeneratedCodeInfo, _google_protobuf_GeneratedCodeInfo__Output>
      MessageOptions: MessageTypeDefinition<_google_protobuf_MessageOptions, _google_protobuf_MessageOptions__Output>
      MethodDescriptorProto: MessageTypeDefinition<_google_protobuf_MethodDescriptorProto, _google_protobuf_MethodDescriptorProto__Output>
      MethodOptions: MessageTypeDefinition<_google_protobuf_MethodOptions, _google_protobuf_MethodOptions__Output>
      OneofDescriptorProto: MessageTypeDefinition<_google_protobuf_OneofDescriptorProto, _google_protobuf_OneofDescriptorProto__Output>
      OneofOptions: MessageTypeDefinition<_google_protobuf_OneofOptions, _google_protobuf_OneofOptions__Output>
      ServiceDescriptorProto: MessageTypeDefinition<_google_protobuf_ServiceDescriptorProto, _google_protobuf_ServiceDescriptorProto__Output>
      ServiceOptions: MessageTypeDefinition<_google_protobuf_ServiceOptions, _google_protobuf_ServiceOptions__Output>
      SourceCodeInfo: MessageTypeDefinition<_google_protobuf_SourceCodeInfo, _google_protobuf_SourceCodeInfo__Output>
      SymbolVisibility: EnumTypeDefinition
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      UninterpretedOption: MessageTypeDefinition<_google_protobuf_UninterpretedOption, _google_protobuf_UninterpretedOption__Output>
    }
    rpc: {
      BadRequest: MessageTypeDefinition<_google_rpc_BadRequest, _google_rpc_BadRequest__Output>
      DebugInfo: MessageTypeDefinition<_google_rpc_DebugInfo, _google_rpc_DebugInfo__Output>
      ErrorInfo: MessageTypeDefinition<_google_rpc_ErrorInfo, _google_rpc_ErrorInfo__Output>
      Help: MessageTypeDefinition<_google_rpc_Help, _google_rpc_Help__Output>
      LocalizedMessage: MessageTypeDefinition<_google_rpc_LocalizedMessage, _google_rpc_LocalizedMessage__Output>
      PreconditionFailure: MessageTypeDefinition<_google_rpc_PreconditionFailure, _google_rpc_PreconditionFailure__Output>
      QuotaFailure: MessageTypeDefinition<_google_rpc_QuotaFailure, _google_rpc_QuotaFailure__Output>
      RequestInfo: MessageTypeDefinition<_google_rpc_RequestInfo, _google_rpc_RequestInfo__Output>
      ResourceInfo: MessageTypeDefinition<_google_rpc_ResourceInfo, _google_rpc_ResourceInfo__Output>
      RetryInfo: MessageTypeDefinition<_google_rpc_RetryInfo, _google_rpc_RetryInfo__Output>
      Status: MessageTypeDefinition<_google_rpc_Status, _google_rpc_Status__Output>
    }
    type: {
      Expr: MessageTypeDefinition<_google_type_Expr, _google_type_Expr__Output>
    }
  }
  inference: {
    GRPCInferenceService: SubtypeConstructor<typeof grpc.Client, _inference_GRPCInferenceServiceClient> & { service: _inference_GRPCInferenceServiceDefinition }
    InferParameter: MessageTypeDefinition<_inference_InferParameter, _inference_InferParameter__Output>
    InferTensorContents: MessageTypeDefinition<_inference_InferTensorContents, _inference_InferTensorContents__Output>
    ModelInferRequest: MessageTypeDefinition<_inference_ModelInferRequest, _inference_ModelInferRequest__Output>
    ModelInferResponse: MessageTypeDefinition<_inference_ModelInferResponse, _inference_ModelInferResponse__Output>
    ModelMetadataRequest: MessageTypeDefinition<_inference_ModelMetadataRequest, _inference_ModelMetadataRequest__Output>
    ModelMetadataResponse: MessageTypeDefinition<_inference_ModelMetadataResponse, _inference_ModelMetadataResponse__Output>
    ModelReadyRequest: MessageTypeDefinition<_inference_ModelReadyRequest, _inference_ModelReadyRequest__Output>
    ModelReadyResponse: MessageTypeDefinition<_inference_ModelReadyResponse, _inference_ModelReadyResponse__Output>
    ServerLiveRequest: MessageTypeDefinition<_inference_ServerLiveRequest, _inference_ServerLiveRequest__Output>
    ServerLiveResponse: MessageTypeDefinition<_inference_ServerLiveResponse, _inference_ServerLiveResponse__Output>
    ServerMetadataRequest: MessageTypeDefinition<_inference_ServerMetadataRequest, _inference_ServerMetadataRequest__Output>
    ServerMetadataResponse: MessageTypeDefinition<_inference_ServerMetadataResponse, _inference_ServerMetadataResponse__Output>
    ServerReadyRequest: MessageTypeDefinition<_inference_ServerReadyRequest, _inference_ServerReadyRequest__Output>
    ServerReadyResponse: MessageTypeDefinition<_inference_ServerReadyResponse, _inference_ServerReadyResponse__Output>
  }
  presage: {
    internal: {
      v1: {
        AppendDeploymentEventRequest: MessageTypeDefinition<_presage_internal_v1_AppendDeploymentEventRequest, _presage_internal_v1_AppendDeploymentEventRequest__Output>
        AppendPredictionLogsRequest: MessageTypeDefinition<_presage_internal_v1_AppendPredictionLogsRequest, _presage_internal_v1_AppendPredictionLogsRequest__Output>
        AppendPredictionLogsResponse: MessageTypeDefinition<_presage_internal_v1_AppendPredictionLogsResponse, _presage_internal_v1_AppendPredictionLogsResponse__Output>
        AutoscalerService: SubtypeConstructor<typeof grpc.Client, _presage_internal_v1_AutoscalerServiceClient> & { service: _presage_internal_v1_AutoscalerServiceDefinition }
        BatchShard: MessageTypeDefinition<_presage_internal_v1_BatchShard, _presage_internal_v1_BatchShard__Output>
        BatchWorker: MessageTypeDefinition<_presage_internal_v1_BatchWorker, _presage_internal_v1_BatchWorker__Output>
        BatchWorkerService: SubtypeConstructor<typeof grpc.Client, _presage_internal_v1_BatchWorkerServiceClient> & { service: _presage_internal_v1_BatchWorkerServiceDefinition }
        BatchWorkerSpec: MessageTypeDefinition<_presage_internal_v1_BatchWorkerSpec, _presage_internal_v1_BatchWorkerSpec__Output>
        ClaimShardRequest: MessageTypeDefinition<_presage_internal_v1_ClaimShardRequest, _presage_internal_v1_ClaimShardRequest__Output>
        ClaimShardResponse: MessageTypeDefinition<_presage_internal_v1_ClaimShardResponse, _presage_internal_v1_ClaimShardResponse__Output>
        CompleteShardRequest: MessageTypeDefinition<_presage_internal_v1_CompleteShardRequest, _presage_internal_v1_CompleteShardRequest__Output>
        CompleteShardResponse: MessageTypeDefinition<_presage_internal_v1_CompleteShardResponse, _presage_internal_v1_CompleteShardResponse__Output>
        CredentialService: SubtypeConstructor<typeof grpc.Client, _presage_internal_v1_CredentialServiceClient> & { service: _presage_internal_v1_CredentialServiceDefinition }
        DeployerService: SubtypeConstructor<typeof grpc.Client, _presage_internal_v1_DeployerServiceClient> & { service: _presage_internal_v1_DeployerServiceDefinition }
        DeploymentTarget: MessageTypeDefinition<_presage_internal_v1_DeploymentTarget, _presage_internal_v1_DeploymentTarget__Output>
        EnsureBatchWorkersRequest: MessageTypeDefinition<_presage_internal_v1_EnsureBatchWorkersRequest, _presage_internal_v1_EnsureBatchWorkersRequest__Output>
        EnsureBatchWorkersResponse: MessageTypeDefinition<_presage_internal_v1_EnsureBatchWorkersResponse, _presage_internal_v1_EnsureBatchWorkersResponse__Output>
        FailShardRequest: MessageTypeDefinition<_presage_internal_v1_FailShardRequest, _presage_internal_v1_FailShardRequest__Output>
        FailShardResponse: MessageTypeDefinition<_presage_internal_v1_FailShardResponse, _presage_internal_v1_FailShardResponse__Output>
        GetModelInfoRequest: MessageTypeDefinition<_presage_internal_v1_GetModelInfoRequest, _presage_internal_v1_GetModelInfoRequest__Output>
        JobFinished: MessageTypeDefinition<_presage_internal_v1_JobFinished, _presage_internal_v1_JobFinished__Output>
        ListDeploymentTargetsRequest: MessageTypeDefinition<_presage_internal_v1_ListDeploymentTargetsRequest, _presage_internal_v1_ListDeploymentTargetsRequest__Output>
        ListDeploymentTargetsResponse: MessageTypeDefinition<_presage_internal_v1_ListDeploymentTargetsResponse, _presage_internal_v1_ListDeploymentTargetsResponse__Output>
        ListReplicasRequest: MessageTypeDefinition<_presage_internal_v1_ListReplicasRequest, _presage_internal_v1_ListReplicasRequest__Output>
        ListReplicasResponse: MessageTypeDefinition<_presage_internal_v1_ListReplicasResponse, _presage_internal_v1_ListReplicasResponse__Output>
        ListScaleTargetsRequest: MessageTypeDefinition<_presage_internal_v1_ListScaleTargetsRequest, _presage_internal_v1_ListScaleTargetsRequest__Output>
        ListScaleTargetsResponse: MessageTypeDefinition<_presage_internal_v1_ListScaleTargetsResponse, _presage_internal_v1_ListScaleTargetsResponse__Output>
        LookupApiKeyRequest: MessageTypeDefinition<_presage_internal_v1_LookupApiKeyRequest, _presage_internal_v1_LookupApiKeyRequest__Output>
        LookupApiKeyResponse: MessageTypeDefinition<_presage_internal_v1_LookupApiKeyResponse, _presage_internal_v1_LookupApiKeyResponse__Output>
        ModelInfo: MessageTypeDefinition<_presage_internal_v1_ModelInfo, _presage_internal_v1_ModelInfo__Output>
        NudgeRequest: MessageTypeDefinition<_presage_internal_v1_NudgeRequest, _presage_internal_v1_NudgeRequest__Output>
        NudgeResponse: MessageTypeDefinition<_presage_internal_v1_NudgeResponse, _presage_internal_v1_NudgeResponse__Output>
        PredictRequest: MessageTypeDefinition<_presage_internal_v1_PredictRequest, _presage_internal_v1_PredictRequest__Output>
        PredictResponse: MessageTypeDefinition<_presage_internal_v1_PredictResponse, _presage_internal_v1_PredictResponse__Output>
        PredictStreamRequest: MessageTypeDefinition<_presage_internal_v1_PredictStreamRequest, _presage_internal_v1_PredictStreamRequest__Output>
        PredictStreamResponse: MessageTypeDefinition<_presage_internal_v1_PredictStreamResponse, _presage_internal_v1_PredictStreamResponse__Output>
        PredictionLogRow: MessageTypeDefinition<_presage_internal_v1_PredictionLogRow, _presage_internal_v1_PredictionLogRow__Output>
        PredictionLogService: SubtypeConstructor<typeof grpc.Client, _presage_internal_v1_PredictionLogServiceClient> & { service: _presage_internal_v1_PredictionLogServiceDefinition }
        PredictorService: SubtypeConstructor<typeof grpc.Client, _presage_internal_v1_PredictorServiceClient> & { service: _presage_internal_v1_PredictorServiceDefinition }
        RegistryDeploymentService: SubtypeConstructor<typeof grpc.Client, _presage_internal_v1_RegistryDeploymentServiceClient> & { service: _presage_internal_v1_RegistryDeploymentServiceDefinition }
        RenewLeaseRequest: MessageTypeDefinition<_presage_internal_v1_RenewLeaseRequest, _presage_internal_v1_RenewLeaseRequest__Output>
        RenewLeaseResponse: MessageTypeDefinition<_presage_internal_v1_RenewLeaseResponse, _presage_internal_v1_RenewLeaseResponse__Output>
        Replica: MessageTypeDefinition<_presage_internal_v1_Replica, _presage_internal_v1_Replica__Output>
        ReportDemandRequest: MessageTypeDefinition<_presage_internal_v1_ReportDemandRequest, _presage_internal_v1_ReportDemandRequest__Output>
        ReportDemandResponse: MessageTypeDefinition<_presage_internal_v1_ReportDemandResponse, _presage_internal_v1_ReportDemandResponse__Output>
        ReportVersionRequest: MessageTypeDefinition<_presage_internal_v1_ReportVersionRequest, _presage_internal_v1_ReportVersionRequest__Output>
        ScaleTarget: MessageTypeDefinition<_presage_internal_v1_ScaleTarget, _presage_internal_v1_ScaleTarget__Output>
        ScaleVersionRequest: MessageTypeDefinition<_presage_internal_v1_ScaleVersionRequest, _presage_internal_v1_ScaleVersionRequest__Output>
        ScaleVersionResponse: MessageTypeDefinition<_presage_internal_v1_ScaleVersionResponse, _presage_internal_v1_ScaleVersionResponse__Output>
        StopBatchWorkersRequest: MessageTypeDefinition<_presage_internal_v1_StopBatchWorkersRequest, _presage_internal_v1_StopBatchWorkersRequest__Output>
        StopBatchWorkersResponse: MessageTypeDefinition<_presage_internal_v1_StopBatchWorkersResponse, _presage_internal_v1_StopBatchWorkersResponse__Output>
        StreamedAnswer: MessageTypeDefinition<_presage_internal_v1_StreamedAnswer, _presage_internal_v1_StreamedAnswer__Output>
        StreamedPredict: MessageTypeDefinition<_presage_internal_v1_StreamedPredict, _presage_internal_v1_StreamedPredict__Output>
        WatchDeploymentTargetsRequest: MessageTypeDefinition<_presage_internal_v1_WatchDeploymentTargetsRequest, _presage_internal_v1_WatchDeploymentTargetsRequest__Output>
        WatchDeploymentTargetsResponse: MessageTypeDefinition<_presage_internal_v1_WatchDeploymentTargetsResponse, _presage_internal_v1_WatchDeploymentTargetsResponse__Output>
        WatchReplicasRequest: MessageTypeDefinition<_presage_internal_v1_WatchReplicasRequest, _presage_internal_v1_WatchReplicasRequest__Output>
        WatchReplicasResponse: MessageTypeDefinition<_presage_internal_v1_WatchReplicasResponse, _presage_internal_v1_WatchReplicasResponse__Output>
        WatchScaleTargetsRequest: MessageTypeDefinition<_presage_internal_v1_WatchScaleTargetsRequest, _presage_internal_v1_WatchScaleTargetsRequest__Output>
        WatchScaleTargetsResponse: MessageTypeDefinition<_presage_internal_v1_WatchScaleTargetsResponse, _presage_internal_v1_WatchScaleTargetsResponse__Output>
      }
    }
    v1: {
      AcceleratorConfig: MessageTypeDefinition<_presage_v1_AcceleratorConfig, _presage_v1_AcceleratorConfig__Output>
      AccessService: SubtypeConstructor<typeof grpc.Client, _presage_v1_AccessServiceClient> & { service: _presage_v1_AccessServiceDefinition }
      ApiKey: MessageTypeDefinition<_presage_v1_ApiKey, _presage_v1_ApiKey__Output>
      AutoScaling: MessageTypeDefinition<_presage_v1_AutoScaling, _presage_v1_AutoScaling__Output>
      AutoscalingService: SubtypeConstructor<typeof grpc.Client, _presage_v1_AutoscalingServiceClient> & { service: _presage_v1_AutoscalingServiceDefinition }
      Batching: MessageTypeDefinition<_presage_v1_Batching, _presage_v1_Batching__Output>
      CancelJobRequest: MessageTypeDefinition<_presage_v1_CancelJobRequest, _presage_v1_CancelJobRequest__Output>
      ContainerPort: MessageTypeDefinition<_presage_v1_ContainerPort, _presage_v1_ContainerPort__Output>
      ContainerSpec: MessageTypeDefinition<_presage_v1_ContainerSpec, _presage_v1_ContainerSpec__Output>
      CreateApiKeyRequest: MessageTypeDefinition<_presage_v1_CreateApiKeyRequest, _presage_v1_CreateApiKeyRequest__Output>
      CreateJobRequest: MessageTypeDefinition<_presage_v1_CreateJobRequest, _presage_v1_CreateJobRequest__Output>
      CreateModelRequest: MessageTypeDefinition<_presage_v1_CreateModelRequest, _presage_v1_CreateModelRequest__Output>
      CreateVersionRequest: MessageTypeDefinition<_presage_v1_CreateVersionRequest, _presage_v1_CreateVersionRequest__Output>
      Dataset: MessageTypeDefinition<_presage_v1_Dataset, _presage_v1_Dataset__Output>
      DeleteApiKeyRequest: MessageTypeDefinition<_presage_v1_DeleteApiKeyRequest, _presage_v1_DeleteApiKeyRequest__Output>
      DeleteModelRequest: MessageTypeDefinition<_presage_v1_DeleteModelRequest, _presage_v1_DeleteModelRequest__Output>
      DeleteVersionRequest: MessageTypeDefinition<_presage_v1_DeleteVersionRequest, _presage_v1_DeleteVersionRequest__Output>
      DeploymentEvent: MessageTypeDefinition<_presage_v1_DeploymentEvent, _presage_v1_DeploymentEvent__Output>
      EnvVar: MessageTypeDefinition<_presage_v1_EnvVar, _presage_v1_EnvVar__Output>
      FeatureStatistics: MessageTypeDefinition<_presage_v1_FeatureStatistics, _presage_v1_FeatureStatistics__Output>
      FeatureWindow: MessageTypeDefinition<_presage_v1_FeatureWindow, _presage_v1_FeatureWindow__Output>
      GetApiKeyRequest: MessageTypeDefinition<_presage_v1_GetApiKeyRequest, _presage_v1_GetApiKeyRequest__Output>
      GetJobRequest: MessageTypeDefinition<_presage_v1_GetJobRequest, _presage_v1_GetJobRequest__Output>
      GetModelRequest: MessageTypeDefinition<_presage_v1_GetModelRequest, _presage_v1_GetModelRequest__Output>
      GetMonitoringStatsRequest: MessageTypeDefinition<_presage_v1_GetMonitoringStatsRequest, _presage_v1_GetMonitoringStatsRequest__Output>
      GetQuotaSettingsRequest: MessageTypeDefinition<_presage_v1_GetQuotaSettingsRequest, _presage_v1_GetQuotaSettingsRequest__Output>
      GetVersionRequest: MessageTypeDefinition<_presage_v1_GetVersionRequest, _presage_v1_GetVersionRequest__Output>
      Job: MessageTypeDefinition<_presage_v1_Job, _presage_v1_Job__Output>
      JobService: SubtypeConstructor<typeof grpc.Client, _presage_v1_JobServiceClient> & { service: _presage_v1_JobServiceDefinition }
      Lineage: MessageTypeDefinition<_presage_v1_Lineage, _presage_v1_Lineage__Output>
      ListApiKeysRequest: MessageTypeDefinition<_presage_v1_ListApiKeysRequest, _presage_v1_ListApiKeysRequest__Output>
      ListApiKeysResponse: MessageTypeDefinition<_presage_v1_ListApiKeysResponse, _presage_v1_ListApiKeysResponse__Output>
      ListDeploymentEventsRequest: MessageTypeDefinition<_presage_v1_ListDeploymentEventsRequest, _presage_v1_ListDeploymentEventsRequest__Output>
      ListDeploymentEventsResponse: MessageTypeDefinition<_presage_v1_ListDeploymentEventsResponse, _presage_v1_ListDeploymentEventsResponse__Output>
      ListJobsRequest: MessageTypeDefinition<_presage_v1_ListJobsRequest, _presage_v1_ListJobsRequest__Output>
      ListJobsResponse: MessageTypeDefinition<_presage_v1_ListJobsResponse, _presage_v1_ListJobsResponse__Output>
      ListModelsRequest: MessageTypeDefinition<_presage_v1_ListModelsRequest, _presage_v1_ListModelsRequest__Output>
      ListModelsResponse: MessageTypeDefinition<_presage_v1_ListModelsResponse, _presage_v1_ListModelsResponse__Output>
      ListScalingDecisionsRequest: MessageTypeDefinition<_presage_v1_ListScalingDecisionsRequest, _presage_v1_ListScalingDecisionsRequest__Output>
      ListScalingDecisionsResponse: MessageTypeDefinition<_presage_v1_ListScalingDecisionsResponse, _presage_v1_ListScalingDecisionsResponse__Output>
      ListVersionsRequest: MessageTypeDefinition<_presage_v1_ListVersionsRequest, _presage_v1_ListVersionsRequest__Output>
      ListVersionsResponse: MessageTypeDefinition<_presage_v1_ListVersionsResponse, _presage_v1_ListVersionsResponse__Output>
      ManualScaling: MessageTypeDefinition<_presage_v1_ManualScaling, _presage_v1_ManualScaling__Output>
      MetricSpec: MessageTypeDefinition<_presage_v1_MetricSpec, _presage_v1_MetricSpec__Output>
      Model: MessageTypeDefinition<_presage_v1_Model, _presage_v1_Model__Output>
      ModelService: SubtypeConstructor<typeof grpc.Client, _presage_v1_ModelServiceClient> & { service: _presage_v1_ModelServiceDefinition }
      ModelSignature: MessageTypeDefinition<_presage_v1_ModelSignature, _presage_v1_ModelSignature__Output>
      MonitoringConfig: MessageTypeDefinition<_presage_v1_MonitoringConfig, _presage_v1_MonitoringConfig__Output>
      MonitoringStats: MessageTypeDefinition<_presage_v1_MonitoringStats, _presage_v1_MonitoringStats__Output>
      MonitoringWindow: MessageTypeDefinition<_presage_v1_MonitoringWindow, _presage_v1_MonitoringWindow__Output>
      OnlinePredictionService: SubtypeConstructor<typeof grpc.Client, _presage_v1_OnlinePredictionServiceClient> & { service: _presage_v1_OnlinePredictionServiceDefinition }
      OperationMetadata: MessageTypeDefinition<_presage_v1_OperationMetadata, _presage_v1_OperationMetadata__Output>
      Operations: SubtypeConstructor<typeof grpc.Client, _presage_v1_OperationsClient> & { service: _presage_v1_OperationsDefinition }
      PredictRequest: MessageTypeDefinition<_presage_v1_PredictRequest, _presage_v1_PredictRequest__Output>
      PredictionInput: MessageTypeDefinition<_presage_v1_PredictionInput, _presage_v1_PredictionInput__Output>
      PredictionOutput: MessageTypeDefinition<_presage_v1_PredictionOutput, _presage_v1_PredictionOutput__Output>
      QuotaSettings: MessageTypeDefinition<_presage_v1_QuotaSettings, _presage_v1_QuotaSettings__Output>
      RequestLoggingConfig: MessageTypeDefinition<_presage_v1_RequestLoggingConfig, _presage_v1_RequestLoggingConfig__Output>
      RouteMap: MessageTypeDefinition<_presage_v1_RouteMap, _presage_v1_RouteMap__Output>
      ScalingDecision: MessageTypeDefinition<_presage_v1_ScalingDecision, _presage_v1_ScalingDecision__Output>
      SetDefaultVersionRequest: MessageTypeDefinition<_presage_v1_SetDefaultVersionRequest, _presage_v1_SetDefaultVersionRequest__Output>
      ShadowTraffic: MessageTypeDefinition<_presage_v1_ShadowTraffic, _presage_v1_ShadowTraffic__Output>
      Source: MessageTypeDefinition<_presage_v1_Source, _presage_v1_Source__Output>
      TensorSpec: MessageTypeDefinition<_presage_v1_TensorSpec, _presage_v1_TensorSpec__Output>
      TrainingInput: MessageTypeDefinition<_presage_v1_TrainingInput, _presage_v1_TrainingInput__Output>
      TrainingOutput: MessageTypeDefinition<_presage_v1_TrainingOutput, _presage_v1_TrainingOutput__Output>
      UpdateJobRequest: MessageTypeDefinition<_presage_v1_UpdateJobRequest, _presage_v1_UpdateJobRequest__Output>
      UpdateModelRequest: MessageTypeDefinition<_presage_v1_UpdateModelRequest, _presage_v1_UpdateModelRequest__Output>
      UpdateQuotaSettingsRequest: MessageTypeDefinition<_presage_v1_UpdateQuotaSettingsRequest, _presage_v1_UpdateQuotaSettingsRequest__Output>
      UpdateVersionRequest: MessageTypeDefinition<_presage_v1_UpdateVersionRequest, _presage_v1_UpdateVersionRequest__Output>
      Version: MessageTypeDefinition<_presage_v1_Version, _presage_v1_Version__Output>
    }
  }
}

