// Original file: protos/presage/v1/model_service.proto

import type { FeatureStatistics as _presage_v1_FeatureStatistics, FeatureStatistics__Output as _presage_v1_FeatureStatistics__Output } from '../../presage/v1/FeatureStatistics';
import type { MonitoringWindow as _presage_v1_MonitoringWindow, MonitoringWindow__Output as _presage_v1_MonitoringWindow__Output } from '../../presage/v1/MonitoringWindow';

export interface MonitoringStats {
  'baseline'?: (_presage_v1_FeatureStatistics)[];
  'windows'?: (_presage_v1_MonitoringWindow)[];
  'nextPageToken'?: (string);
}

export interface MonitoringStats__Output {
  'baseline': (_presage_v1_FeatureStatistics__Output)[];
  'windows': (_presage_v1_MonitoringWindow__Output)[];
  'nextPageToken': (string);
}
