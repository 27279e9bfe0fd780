// Original file: protos/presage/v1/prediction_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../google/api/HttpBody';
import type { PredictRequest as _presage_v1_PredictRequest, PredictRequest__Output as _presage_v1_PredictRequest__Output } from '../../presage/v1/PredictRequest';

export interface OnlinePredictionServiceClient extends grpc.Client {
  Predict(argument: _presage_v1_PredictRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  Predict(argument: _presage_v1_PredictRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  Predict(argument: _presage_v1_PredictRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  Predict(argument: _presage_v1_PredictRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_v1_PredictRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_v1_PredictRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_v1_PredictRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  predict(argument: _presage_v1_PredictRequest, callback: grpc.requestCallback<_google_api_HttpBody__Output>): grpc.ClientUnaryCall;
  
}

export interface OnlinePredictionServiceHandlers extends grpc.UntypedServiceImplementation {
  Predict: grpc.handleUnaryCall<_presage_v1_PredictRequest__Output, _google_api_HttpBody>;
  
}

export interface OnlinePredictionServiceDefinition extends grpc.ServiceDefinition {
  Predict: MethodDefinition<_presage_v1_PredictRequest, _google_api_HttpBody, _presage_v1_PredictRequest__Output, _google_api_HttpBody__Output>
}
