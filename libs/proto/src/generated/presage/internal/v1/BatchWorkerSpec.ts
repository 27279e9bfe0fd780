// Original file: protos/presage/internal/v1/deployment.proto


export interface BatchWorkerSpec {
  'version'?: (string);
  'modelUri'?: (string);
  'framework'?: (string);
  'predictionClass'?: (string);
  'packageUris'?: (string)[];
  'signatureName'?: (string);
}

export interface BatchWorkerSpec__Output {
  'version': (string);
  'modelUri': (string);
  'framework': (string);
  'predictionClass': (string);
  'packageUris': (string)[];
  'signatureName': (string);
}
