// Original file: protos/presage/v1/job_service.proto

import type { Long } from '@grpc/proto-loader';

export interface TrainingOutput {
  'completedTrialCount'?: (number | string | Long);
  'consumedMlUnits'?: (number | string);
  'isHyperparameterTuningJob'?: (boolean);
}

export interface TrainingOutput__Output {
  'completedTrialCount': (string);
  'consumedMlUnits': (number);
  'isHyperparameterTuningJob': (boolean);
}
