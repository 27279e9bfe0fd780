// Original file: protos/presage/v1/model_service.proto

import type { FeatureStatistics as _presage_v1_FeatureStatistics, FeatureStatistics__Output as _presage_v1_FeatureStatistics__Output } from '../../presage/v1/FeatureStatistics';

export interface FeatureWindow {
  'name'?: (string);
  'statistics'?: (_presage_v1_FeatureStatistics | null);
  'skew'?: (number | string);
  'drift'?: (number | string);
  'threshold'?: (number | string);
  'skewAlert'?: (boolean);
  'driftAlert'?: (boolean);
  'skewMeasured'?: "skew";
  'driftMeasured'?: "drift";
}

export interface FeatureWindow__Output {
  'name': (string);
  'statistics': (_presage_v1_FeatureStatistics__Output | null);
  'skew'?: (number);
  'drift'?: (number);
  'threshold': (number);
  'skewAlert': (boolean);
  'driftAlert': (boolean);
  'skewMeasured'?: "skew";
  'driftMeasured'?: "drift";
}
