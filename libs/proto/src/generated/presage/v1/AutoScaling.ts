// Original file: protos/presage/v1/model_service.proto

import type { MetricSpec as _presage_v1_MetricSpec, MetricSpec__Output as _presage_v1_MetricSpec__Output } from '../../presage/v1/MetricSpec';

export interface AutoScaling {
  'minNodes'?: (number);
  'maxNodes'?: (number);
  'metrics'?: (_presage_v1_MetricSpec)[];
  'targetConcurrency'?: (number);
}

export interface AutoScaling__Output {
  'minNodes': (number);
  'maxNodes': (number);
  'metrics': (_presage_v1_MetricSpec__Output)[];
  'targetConcurrency': (number);
}
