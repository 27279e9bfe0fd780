// Original file: protos/presage/internal/v1/prediction_log.proto


export interface AppendPredictionLogsResponse {
  'written'?: (number);
}

export interface AppendPredictionLogsResponse__Output {
  'written': (number);
}
