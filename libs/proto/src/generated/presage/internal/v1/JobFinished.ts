// Original file: protos/presage/internal/v1/batch.proto


export interface JobFinished {
  'reason'?: (string);
}

export interface JobFinished__Output {
  'reason': (string);
}
