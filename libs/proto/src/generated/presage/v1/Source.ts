// Original file: protos/presage/v1/model_service.proto


export interface Source {
  'codeCommit'?: (string);
  'codeRepository'?: (string);
  'trainingRunId'?: (string);
}

export interface Source__Output {
  'codeCommit': (string);
  'codeRepository': (string);
  'trainingRunId': (string);
}
