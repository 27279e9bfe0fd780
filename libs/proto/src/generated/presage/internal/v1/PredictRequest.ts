// Original file: protos/presage/internal/v1/predictor.proto


export interface PredictRequest {
  'body'?: (Buffer | Uint8Array | string);
}

export interface PredictRequest__Output {
  'body': (Buffer);
}
