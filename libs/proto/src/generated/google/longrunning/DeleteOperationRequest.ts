// Original file: node_modules/google-gax/build/protos/google/longrunning/operations.proto


export interface DeleteOperationRequest {
  'name'?: (string);
}

export interface DeleteOperationRequest__Output {
  'name': (string);
}
