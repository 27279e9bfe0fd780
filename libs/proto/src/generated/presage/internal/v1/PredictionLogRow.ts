// Original file: protos/presage/internal/v1/prediction_log.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

export interface PredictionLogRow {
  'table'?: (string);
  'model'?: (string);
  'modelVersion'?: (string);
  'time'?: (_google_protobuf_Timestamp | null);
  'rawData'?: (string);
  'rawPrediction'?: (string);
}

export interface PredictionLogRow__Output {
  'table': (string);
  'model': (string);
  'modelVersion': (string);
  'time': (_google_protobuf_Timestamp__Output | null);
  'rawData': (string);
  'rawPrediction': (string);
}
