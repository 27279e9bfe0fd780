// Original file: protos/presage/internal/v1/predictor.proto


export interface StreamedAnswer {
  'id'?: (number);
  'code'?: (number);
  'body'?: (Buffer | Uint8Array | string);
  'httpStatus'?: (number);
  'message'?: (string);
}

export interface StreamedAnswer__Output {
  'id': (number);
  'code': (number);
  'body': (Buffer);
  'httpStatus': (number);
  'message': (string);
}
