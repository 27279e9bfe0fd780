// Original file: protos/presage/v1/autoscaling_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface ScalingDecision {
  'name'?: (string);
  'time'?: (_google_protobuf_Timestamp | null);
  'readyReplicas'?: (number);
  'previousReplicas'?: (number);
  'desiredReplicas'?: (number);
  'mode'?: (string);
  'stableConcurrency'?: (number | string);
  'panicConcurrency'?: (number | string);
  'targetConcurrency'?: (number | string);
  'minNodes'?: (number);
  'maxNodes'?: (number);
  'reason'?: (string);
}

export interface ScalingDecision__Output {
  'name': (string);
  'time': (_google_protobuf_Timestamp__Output | null);
  'readyReplicas': (number);
  'previousReplicas': (number);
  'desiredReplicas': (number);
  'mode': (string);
  'stableConcurrency': (number);
  'panicConcurrency': (number);
  'targetConcurrency': (number);
  'minNodes': (number);
  'maxNodes': (number);
  'reason': (string);
}
