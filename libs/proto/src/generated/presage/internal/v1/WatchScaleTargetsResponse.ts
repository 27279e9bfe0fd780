// Original file: protos/presage/internal/v1/deployment.proto

import type { ScaleTarget as _presage_internal_v1_ScaleTarget, ScaleTarget__Output as _presage_internal_v1_ScaleTarget__Output } from '../../../presage/internal/v1/ScaleTarget';

export interface WatchScaleTargetsResponse {
  'snapshot'?: (boolean);
  'more'?: (boolean);
  'targets'?: (_presage_internal_v1_ScaleTarget)[];
  'removedVersions'?: (string)[];
}

export interface WatchScaleTargetsResponse__Output {
  'snapshot': (boolean);
  'more': (boolean);
  'targets': (_presage_internal_v1_ScaleTarget__Output)[];
  'removedVersions': (string)[];
}
