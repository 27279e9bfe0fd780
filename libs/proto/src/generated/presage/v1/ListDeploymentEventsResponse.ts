// Original file: protos/presage/v1/model_service.proto

import type { DeploymentEvent as _presage_v1_DeploymentEvent, DeploymentEvent__Output as _presage_v1_DeploymentEvent__Output } from '../../presage/v1/DeploymentEvent';

export interface ListDeploymentEventsResponse {
  'deploymentEvents'?: (_presage_v1_DeploymentEvent)[];
  'nextPageToken'?: (string);
}

export interface ListDeploymentEventsResponse__Output {
  'deploymentEvents': (_presage_v1_DeploymentEvent__Output)[];
  'nextPageToken': (string);
}
