// Original file: protos/presage/internal/v1/predictor.proto


export interface PredictResponse {
  'body'?: (Buffer | Uint8Array | string);
  'httpStatus'?: (number);
}

export interface PredictResponse__Output {
  'body': (Buffer);
  'httpStatus': (number);
}
