// Original file: protos/presage/v1/autoscaling_service.proto

import type { ScalingDecision as _presage_v1_ScalingDecision, ScalingDecision__Output as _presage_v1_ScalingDecision__Output } from '../../presage/v1/ScalingDecision';

export interface ListScalingDecisionsResponse {
  'scalingDecisions'?: (_presage_v1_ScalingDecision)[];
  'nextPageToken'?: (string);
}

export interface ListScalingDecisionsResponse__Output {
  'scalingDecisions': (_presage_v1_ScalingDecision__Output)[];
  'nextPageToken': (string);
}
