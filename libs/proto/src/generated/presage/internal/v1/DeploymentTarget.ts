// Original file: protos/presage/internal/v1/deployment.proto

import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../../presage/v1/Version';
import type { Operation as _google_longrunning_Operation, Operation__Output as _google_longrunning_Operation__Output } from '../../../google/longrunning/Operation';

export interface DeploymentTarget {
  'version'?: (_presage_v1_Version | null);
  'pendingOperation'?: (_google_longrunning_Operation | null);
}

export interface DeploymentTarget__Output {
  'version': (_presage_v1_Version__Output | null);
  'pendingOperation': (_google_longrunning_Operation__Output | null);
}
