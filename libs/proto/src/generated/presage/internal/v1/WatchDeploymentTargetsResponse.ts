// Original file: protos/presage/internal/v1/deployment.proto

import type { DeploymentTarget as _presage_internal_v1_DeploymentTarget, DeploymentTarget__Output as _presage_internal_v1_DeploymentTarget__Output } from '../../../presage/internal/v1/DeploymentTarget';

export interface WatchDeploymentTargetsResponse {
  'snapshot'?: (boolean);
  'more'?: (boolean);
  'targets'?: (_presage_internal_v1_DeploymentTarget)[];
  'removedVersions'?: (string)[];
}

export interface WatchDeploymentTargetsResponse__Output {
  'snapshot': (boolean);
  'more': (boolean);
  'targets': (_presage_internal_v1_DeploymentTarget__Output)[];
  'removedVersions': (string)[];
}
