// Original file: node_modules/google-gax/build/protos/google/longrunning/operations.proto


export interface GetOperationRequest {
  'name'?: (string);
}

export interface GetOperationRequest__Output {
  'name': (string);
}
