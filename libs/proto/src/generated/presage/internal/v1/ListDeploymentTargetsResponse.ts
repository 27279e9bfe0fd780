// Original file: protos/presage/internal/v1/deployment.proto

import type { DeploymentTarget as _presage_internal_v1_DeploymentTarget, DeploymentTarget__Output as _presage_internal_v1_DeploymentTarget__Output } from '../../../presage/internal/v1/DeploymentTarget';

export interface ListDeploymentTargetsResponse {
  'targets'?: (_presage_internal_v1_DeploymentTarget)[];
  'nextPageToken'?: (string);
}

export interface ListDeploymentTargetsResponse__Output {
  'targets': (_presage_internal_v1_DeploymentTarget__Output)[];
  'nextPageToken': (string);
}
