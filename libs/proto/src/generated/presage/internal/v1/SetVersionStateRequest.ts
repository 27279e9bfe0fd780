// Original file: protos/presage/internal/v1/deployment.proto

import type { _presage_v1_Version_State, _presage_v1_Version_State__Output } from '../../../presage/v1/Version';
import type { ModelSignature as _presage_v1_ModelSignature, ModelSignature__Output as _presage_v1_ModelSignature__Output } from '../../../presage/v1/ModelSignature';

export interface SetVersionStateRequest {
  'name'?: (string);
  'state'?: (_presage_v1_Version_State);
  'errorMessage'?: (string);
  'signature'?: (_presage_v1_ModelSignature | null);
}

export interface SetVersionStateRequest__Output {
  'name': (string);
  'state': (_presage_v1_Version_State__Output);
  'errorMessage': (string);
  'signature': (_presage_v1_ModelSignature__Output | null);
}
