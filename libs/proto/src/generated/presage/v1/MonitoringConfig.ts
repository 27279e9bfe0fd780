// Original file: protos/presage/v1/model_service.proto

import type { FeatureStatistics as _presage_v1_FeatureStatistics, FeatureStatistics__Output as _presage_v1_FeatureStatistics__Output } from '../../presage/v1/FeatureStatistics';

export interface MonitoringConfig {
  'baselineUri'?: (string);
  'baselineStats'?: (_presage_v1_FeatureStatistics)[];
  'features'?: (string)[];
  'thresholds'?: ({[key: string]: number | string});
  'defaultThreshold'?: (number | string);
  'windowSeconds'?: (number);
  'samplingPercentage'?: (number | string);
  'minInstances'?: (number);
  'webhookUri'?: (string);
  'webhookSecret'?: (string);
}

export interface MonitoringConfig__Output {
  'baselineUri': (string);
  'baselineStats': (_presage_v1_FeatureStatistics__Output)[];
  'features': (string)[];
  'thresholds': ({[key: string]: number});
  'defaultThreshold': (number);
  'windowSeconds': (number);
  'samplingPercentage': (number);
  'minInstances': (number);
  'webhookUri': (string);
  'webhookSecret': (string);
}
