// Original file: protos/presage/internal/v1/prediction_log.proto

import type { PredictionLogRow as _presage_internal_v1_PredictionLogRow, PredictionLogRow__Output as _presage_internal_v1_PredictionLogRow__Output } from '../../../presage/internal/v1/PredictionLogRow';

export interface AppendPredictionLogsRequest {
  'rows'?: (_presage_internal_v1_PredictionLogRow)[];
}

export interface AppendPredictionLogsRequest__Output {
  'rows': (_presage_internal_v1_PredictionLogRow__Output)[];
}
