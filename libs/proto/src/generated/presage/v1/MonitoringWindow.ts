// Original file: protos/presage/v1/model_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { FeatureWindow as _presage_v1_FeatureWindow, FeatureWindow__Output as _presage_v1_FeatureWindow__Output } from '../../presage/v1/FeatureWindow';
import type { Long } from '@grpc/proto-loader';

export interface MonitoringWindow {
  'startTime'?: (_google_protobuf_Timestamp | null);
  'endTime'?: (_google_protobuf_Timestamp | null);
  'loggedPredictions'?: (number | string | Long);
  'analyzedPredictions'?: (number | string | Long);
  'instances'?: (number | string | Long);
  'unreadablePredictions'?: (number | string | Long);
  'features'?: (_presage_v1_FeatureWindow)[];
}

export interface MonitoringWindow__Output {
  'startTime': (_google_protobuf_Timestamp__Output | null);
  'endTime': (_google_protobuf_Timestamp__Output | null);
  'loggedPredictions': (string);
  'analyzedPredictions': (string);
  'instances': (string);
  'unreadablePredictions': (string);
  'features': (_presage_v1_FeatureWindow__Output)[];
}
