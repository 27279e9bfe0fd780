// Original file: protos/presage/internal/v1/predictor.proto


export interface StreamedPredict {
  'id'?: (number);
  'body'?: (Buffer | Uint8Array | string);
  'timeoutMs'?: (number);
  'traceparent'?: (string);
}

export interface StreamedPredict__Output {
  'id': (number);
  'body': (Buffer);
  'timeoutMs': (number);
  'traceparent': (string);
}
