// Original file: protos/presage/internal/v1/deployment.proto

import type { ScaleTarget as _presage_internal_v1_ScaleTarget, ScaleTarget__Output as _presage_internal_v1_ScaleTarget__Output } from '../../../presage/internal/v1/ScaleTarget';

export interface ListScaleTargetsResponse {
  'targets'?: (_presage_internal_v1_ScaleTarget)[];
}

export interface ListScaleTargetsResponse__Output {
  'targets': (_presage_internal_v1_ScaleTarget__Output)[];
}
