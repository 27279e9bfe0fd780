// Original file: protos/presage/v1/model_service.proto

import type { EnvVar as _presage_v1_EnvVar, EnvVar__Output as _presage_v1_EnvVar__Output } from '../../presage/v1/EnvVar';
import type { ContainerPort as _presage_v1_ContainerPort, ContainerPort__Output as _presage_v1_ContainerPort__Output } from '../../presage/v1/ContainerPort';

export interface ContainerSpec {
  'image'?: (string);
  'command'?: (string)[];
  'args'?: (string)[];
  'env'?: (_presage_v1_EnvVar)[];
  'ports'?: (_presage_v1_ContainerPort)[];
}

export interface ContainerSpec__Output {
  'image': (string);
  'command': (string)[];
  'args': (string)[];
  'env': (_presage_v1_EnvVar__Output)[];
  'ports': (_presage_v1_ContainerPort__Output)[];
}
