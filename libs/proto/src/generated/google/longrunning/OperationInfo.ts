// Original file: node_modules/google-gax/build/protos/google/longrunning/operations.proto


export interface OperationInfo {
  'responseType'?: (string);
  'metadataType'?: (string);
}

export interface OperationInfo__Output {
  'responseType': (string);
  'metadataType': (string);
}
