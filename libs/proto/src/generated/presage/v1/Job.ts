// Original file: protos/presage/v1/job_service.proto

import type { TrainingInput as _presage_v1_TrainingInput, TrainingInput__Output as _presage_v1_TrainingInput__Output } from '../../presage/v1/TrainingInput';
import type { PredictionInput as _presage_v1_PredictionInput, PredictionInput__Output as _presage_v1_PredictionInput__Output } from '../../presage/v1/PredictionInput';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { TrainingOutput as _presage_v1_TrainingOutput, TrainingOutput__Output as _presage_v1_TrainingOutput__Output } from '../../presage/v1/TrainingOutput';
import type { PredictionOutput as _presage_v1_PredictionOutput, PredictionOutput__Output as _presage_v1_PredictionOutput__Output } from '../../presage/v1/PredictionOutput';
import type { Long } from '@grpc/proto-loader';

// Original file: protos/presage/v1/job_service.proto

export const _presage_v1_Job_State = {
  STATE_UNSPECIFIED: 'STATE_UNSPECIFIED',
  QUEUED: 'QUEUED',
  PREPARING: 'PREPARING',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELLING: 'CANCELLING',
  CANCELLED: 'CANCELLED',
} as const;

export type _presage_v1_Job_State =
  | 'STATE_UNSPECIFIED'
  | 0
  | 'QUEUED'
  | 1
  | 'PREPARING'
  | 2
  | 'RUNNING'
  | 3
  | 'SUCCEEDED'
  | 4
  | 'FAILED'
  | 5
  | 'CANCELLING'
  | 6
  | 'CANCELLED'
  | 7

export type _presage_v1_Job_State__Output = typeof _presage_v1_Job_State[keyof typeof _presage_v1_Job_State]

export interface Job {
  'jobId'?: (string);
  'trainingInput'?: (_presage_v1_TrainingInput | null);
  'predictionInput'?: (_presage_v1_PredictionInput | null);
  'createTime'?: (_google_protobuf_Timestamp | null);
  'startTime'?: (_google_protobuf_Timestamp | null);
  'endTime'?: (_google_protobuf_Timestamp | null);
  'state'?: (_presage_v1_Job_State);
  'errorMessage'?: (string);
  'trainingOutput'?: (_presage_v1_TrainingOutput | null);
  'predictionOutput'?: (_presage_v1_PredictionOutput | null);
  'labels'?: ({[key: string]: string});
  'etag'?: (Buffer | Uint8Array | string);
  'jobPosition'?: (number | string | Long);
  'input'?: "trainingInput"|"predictionInput";
  'output'?: "trainingOutput"|"predictionOutput";
}

export interface Job__Output {
  'jobId': (string);
  'trainingInput'?: (_presage_v1_TrainingInput__Output | null);
  'predictionInput'?: (_presage_v1_PredictionInput__Output | null);
  'createTime': (_google_protobuf_Timestamp__Output | null);
  'startTime': (_google_protobuf_Timestamp__Output | null);
  'endTime': (_google_protobuf_Timestamp__Output | null);
  'state': (_presage_v1_Job_State__Output);
  'errorMessage': (string);
  'trainingOutput'?: (_presage_v1_TrainingOutput__Output | null);
  'predictionOutput'?: (_presage_v1_PredictionOutput__Output | null);
  'labels': ({[key: string]: string});
  'etag': (Buffer);
  'jobPosition': (string);
  'input'?: "trainingInput"|"predictionInput";
  'output'?: "trainingOutput"|"predictionOutput";
}
