// Original file: protos/presage/internal/v1/predictor.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetModelInfoRequest as _presage_internal_v1_GetModelInfoRequest, GetModelInfoRequest__Output as _presage_internal_v1_GetModelInfoRequest__Output } from '../../../presage/internal/v1/GetModelInfoRequest';
import type { ModelInfo as _presage_internal_v1_ModelInfo, ModelInfo__Output as _presage_internal_v1_ModelInfo__Output } from '../../../presage/internal/v1/ModelInfo';
import type { PredictRequest as _presage_internal_v1_PredictRequest, PredictRequest__Output as _presage_internal_v1_PredictRequest__Output } from '../../../presage/internal/v1/PredictRequest';
import type { PredictResponse as _presage_internal_v1_PredictResponse, PredictResponse__Output as _presage_internal_v1_PredictResponse__Output } from '../../../presage/internal/v1/PredictResponse';
import type { PredictStreamRequest as _presage_internal_v1_PredictStreamRequest, PredictStreamRequest__Output as _presage_internal_v1_PredictStreamRequest__Output } from '../../../presage/internal/v1/PredictStreamRequest';
import type { PredictStreamResponse as _presage_internal_v1_PredictStreamResponse, PredictStreamResponse__Output as _presage_internal_v1_PredictStreamResponse__Output } from '../../../presage/internal/v1/PredictStreamResponse';

export interface PredictorServiceClient extends grpc.Client {
  GetModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  GetModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  GetModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  GetModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  getModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  getModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  getModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  getModelInfo(argument: _presage_internal_v1_GetModelInfoRequest, callback: grpc.requestCallback<_presage_internal_v1_ModelInfo__Output>): grpc.ClientUnaryCall;
  
  Predict(argument: _presage_internal_v1_PredictRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  Predict(argument: _presage_internal_v1_PredictRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  Predict(argument: _presage_internal_v1_PredictRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  Predict(argument: _presage_internal_v1_PredictRequest, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_internal_v1_PredictRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_internal_v1_PredictRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_internal_v1_PredictRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_internal_v1_PredictRequest, callback: grpc.requestCallback<_presage_internal_v1_PredictResponse__Output>): grpc.ClientUnaryCall;
  
  PredictStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_presage_internal_v1_PredictStreamRequest, _presage_internal_v1_PredictStreamResponse__Output>;
  PredictStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_presage_internal_v1_PredictStreamRequest, _presage_internal_v1_PredictStreamResponse__Output>;
  predictStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_presage_internal_v1_PredictStreamRequest, _presage_internal_v1_PredictStreamResponse__Output>;
  predictStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_presage_internal_v1_PredictStreamRequest, _presage_internal_v1_PredictStreamResponse__Output>;
  
}

export interface PredictorServiceHandlers extends grpc.UntypedServiceImplementation {
  GetModelInfo: grpc.handleUnaryCall<_presage_internal_v1_GetModelInfoRequest__Output, _presage_internal_v1_ModelInfo>;
  
  Predict: grpc.handleUnaryCall<_presage_internal_v1_PredictRequest__Output, _presage_internal_v1_PredictResponse>;
  
  PredictStream: grpc.handleBidiStreamingCall<_presage_internal_v1_PredictStreamRequest__Output, _presage_internal_v1_PredictStreamResponse>;
  
}

export interface PredictorServiceDefinition extends grpc.ServiceDefinition {
  GetModelInfo: MethodDefinition<_presage_internal_v1_GetModelInfoRequest, _presage_internal_v1_ModelInfo, _presage_internal_v1_GetModelInfoRequest__Output, _presage_internal_v1_ModelInfo__Output>
  Predict: MethodDefinition<_presage_internal_v1_PredictRequest, _presage_internal_v1_PredictResponse, _presage_internal_v1_PredictRequest__Output, _presage_internal_v1_PredictResponse__Output>
  PredictStream: MethodDefinition<_presage_internal_v1_PredictStreamRequest, _presage_internal_v1_PredictStreamResponse, _presage_internal_v1_PredictStreamRequest__Output, _presage_internal_v1_PredictStreamResponse__Output>
}
