export {
  GEN_TYPES_FLAGS,
  GOOGLE_PROTO_FILES,
  GOOGLE_PROTO_ROOT,
  LOADER_OPTIONS,
  PRESAGE_PROTO_FILES,
  PROTO_ROOT,
} from './proto-files';
export { loadProtos, serviceDefinition } from './load';
export type { LoadedProtos } from './load';
export {
  AccessService,
  AutoscalerService,
  AutoscalingService,
  BatchWorkerService,
  CredentialService,
  DeployerService,
  GRPCInferenceService,
  JobService,
  LongrunningOperations,
  ModelService,
  OnlinePredictionService,
  Operations,
  PredictionLogService,
  PredictorService,
  RegistryDeploymentService,
} from './service-descriptors';
export type { HandlersOf, ServiceDescriptor } from './service-descriptors';
// The generated types apps use: import them from here, never from ./generated (lint refuses it).
export type { OperationsHandlers as LongrunningOperationsHandlers } from './generated/google/longrunning/Operations';
export type { AutoscalerServiceHandlers } from './generated/presage/internal/v1/AutoscalerService';
export type { BatchWorkerServiceHandlers } from './generated/presage/internal/v1/BatchWorkerService';
export type { DeployerServiceHandlers } from './generated/presage/internal/v1/DeployerService';
export type { PredictorServiceHandlers } from './generated/presage/internal/v1/PredictorService';
export type { RegistryDeploymentServiceHandlers } from './generated/presage/internal/v1/RegistryDeploymentService';
export type { AutoscalingServiceHandlers } from './generated/presage/v1/AutoscalingService';
export type { AccessServiceHandlers } from './generated/presage/v1/AccessService';
export type { ApiKey, ApiKey__Output } from './generated/presage/v1/ApiKey';
export type { QuotaSettings, QuotaSettings__Output } from './generated/presage/v1/QuotaSettings';
export type { PredictionLogServiceHandlers } from './generated/presage/internal/v1/PredictionLogService';
export type {
  PredictionLogRow,
  PredictionLogRow__Output,
} from './generated/presage/internal/v1/PredictionLogRow';
export type { CredentialServiceHandlers } from './generated/presage/internal/v1/CredentialService';
export type { Policy, Policy__Output } from './generated/google/iam/v1/Policy';
export type { Binding, Binding__Output } from './generated/google/iam/v1/Binding';
export type { JobServiceHandlers } from './generated/presage/v1/JobService';
export type { ModelServiceHandlers } from './generated/presage/v1/ModelService';
export type { FeatureStatistics, FeatureStatistics__Output } from './generated/presage/v1/FeatureStatistics';
export type { FeatureWindow } from './generated/presage/v1/FeatureWindow';
export type { MonitoringConfig__Output } from './generated/presage/v1/MonitoringConfig';
export type { MonitoringStats } from './generated/presage/v1/MonitoringStats';
export type { MonitoringWindow } from './generated/presage/v1/MonitoringWindow';
export type { OnlinePredictionServiceHandlers } from './generated/presage/v1/OnlinePredictionService';
export type { OperationsHandlers } from './generated/presage/v1/Operations';
export type { GRPCInferenceServiceHandlers } from './generated/inference/GRPCInferenceService';
export type { ModelInferRequest, ModelInferRequest__Output } from './generated/inference/ModelInferRequest';
export type {
  ModelInferResponse,
  ModelInferResponse__Output,
} from './generated/inference/ModelInferResponse';
export type {
  ModelMetadataResponse,
  ModelMetadataResponse__Output,
} from './generated/inference/ModelMetadataResponse';
export type {
  InferTensorContents,
  InferTensorContents__Output,
} from './generated/inference/InferTensorContents';
export type { Operation, Operation__Output } from './generated/google/longrunning/Operation';
export type { DeploymentEvent, DeploymentEvent__Output } from './generated/presage/v1/DeploymentEvent';
export type { Job, Job__Output } from './generated/presage/v1/Job';
export type { Lineage, Lineage__Output } from './generated/presage/v1/Lineage';
export type { Model, Model__Output } from './generated/presage/v1/Model';
export type { OperationMetadata, OperationMetadata__Output } from './generated/presage/v1/OperationMetadata';
export type { PredictionInput, PredictionInput__Output } from './generated/presage/v1/PredictionInput';
export type { ScalingDecision, ScalingDecision__Output } from './generated/presage/v1/ScalingDecision';
export type { Version, Version__Output } from './generated/presage/v1/Version';
export type {
  DeploymentTarget,
  DeploymentTarget__Output,
} from './generated/presage/internal/v1/DeploymentTarget';
export type {
  ReportVersionRequest,
  ReportVersionRequest__Output,
} from './generated/presage/internal/v1/ReportVersionRequest';
export type { ModelSignature, ModelSignature__Output } from './generated/presage/v1/ModelSignature';
export type { BatchShard, BatchShard__Output } from './generated/presage/internal/v1/BatchShard';
export type {
  EnsureBatchWorkersRequest,
  EnsureBatchWorkersRequest__Output,
} from './generated/presage/internal/v1/EnsureBatchWorkersRequest';
export type {
  EnsureBatchWorkersResponse,
  EnsureBatchWorkersResponse__Output,
} from './generated/presage/internal/v1/EnsureBatchWorkersResponse';
export type {
  PredictStreamRequest,
  PredictStreamRequest__Output,
} from './generated/presage/internal/v1/PredictStreamRequest';
export type {
  PredictStreamResponse,
  PredictStreamResponse__Output,
} from './generated/presage/internal/v1/PredictStreamResponse';
export type { Replica, Replica__Output } from './generated/presage/internal/v1/Replica';
export type {
  WatchDeploymentTargetsRequest,
  WatchDeploymentTargetsRequest__Output,
} from './generated/presage/internal/v1/WatchDeploymentTargetsRequest';
export type {
  WatchDeploymentTargetsResponse,
  WatchDeploymentTargetsResponse__Output,
} from './generated/presage/internal/v1/WatchDeploymentTargetsResponse';
export type {
  WatchReplicasRequest,
  WatchReplicasRequest__Output,
} from './generated/presage/internal/v1/WatchReplicasRequest';
export type {
  WatchReplicasResponse,
  WatchReplicasResponse__Output,
} from './generated/presage/internal/v1/WatchReplicasResponse';
export type {
  WatchScaleTargetsRequest,
  WatchScaleTargetsRequest__Output,
} from './generated/presage/internal/v1/WatchScaleTargetsRequest';
export type {
  WatchScaleTargetsResponse,
  WatchScaleTargetsResponse__Output,
} from './generated/presage/internal/v1/WatchScaleTargetsResponse';
export type { ScaleTarget, ScaleTarget__Output } from './generated/presage/internal/v1/ScaleTarget';
export type { StreamedAnswer, StreamedAnswer__Output } from './generated/presage/internal/v1/StreamedAnswer';
export type {
  StreamedPredict,
  StreamedPredict__Output,
} from './generated/presage/internal/v1/StreamedPredict';
export {
  TYPE_URL_PREFIX,
  anyTypeName,
  decodeMessage,
  encodeMessage,
  encodedLength,
  lookupMessageType,
  packAny,
  protoRoot,
  unpackAny,
} from './codec';
export type { AnyMessage } from './codec';
export { timestampToDate, toTimestamp } from './timestamp';
export {
  decodePredictStreamRequest,
  decodePredictStreamResponse,
  encodePredictStreamRequest,
  encodePredictStreamResponse,
} from './predict-stream-codec';
