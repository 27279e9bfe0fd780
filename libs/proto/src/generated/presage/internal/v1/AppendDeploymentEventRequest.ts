// Original file: protos/presage/internal/v1/deployment.proto

import type { DeploymentEvent as _presage_v1_DeploymentEvent, DeploymentEvent__Output as _presage_v1_DeploymentEvent__Output } from '../../../presage/v1/DeploymentEvent';

export interface AppendDeploymentEventRequest {
  'parent'?: (string);
  'event'?: (_presage_v1_DeploymentEvent | null);
}

export interface AppendDeploymentEventRequest__Output {
  'parent': (string);
  'event': (_presage_v1_DeploymentEvent__Output | null);
}
