// Original file: protos/presage/v1/model_service.proto

import type { Model as _presage_v1_Model, Model__Output as _presage_v1_Model__Output } from '../../presage/v1/Model';

export interface ListModelsResponse {
  'models'?: (_presage_v1_Model)[];
  'nextPageToken'?: (string);
}

export interface ListModelsResponse__Output {
  'models': (_presage_v1_Model__Output)[];
  'nextPageToken': (string);
}
