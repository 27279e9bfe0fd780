// Original file: protos/presage/internal/v1/deployment.proto


export interface ScaleTarget {
  'version'?: (string);
  'minNodes'?: (number);
  'maxNodes'?: (number);
  'manual'?: (boolean);
  'desired'?: (number);
  'ready'?: (number);
  'targetConcurrency'?: (number);
}

export interface ScaleTarget__Output {
  'version': (string);
  'minNodes': (number);
  'maxNodes': (number);
  'manual': (boolean);
  'desired': (number);
  'ready': (number);
  'targetConcurrency': (number);
}
