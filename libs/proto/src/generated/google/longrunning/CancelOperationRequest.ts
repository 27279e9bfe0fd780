// Original file: node_modules/google-gax/build/protos/google/longrunning/operations.proto


export interface CancelOperationRequest {
  'name'?: (string);
}

export interface CancelOperationRequest__Output {
  'name': (string);
}
