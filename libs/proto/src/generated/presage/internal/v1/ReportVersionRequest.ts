// Original file: protos/presage/internal/v1/deployment.proto

import type { ModelSignature as _presage_v1_ModelSignature, ModelSignature__Output as _presage_v1_ModelSignature__Output } from '../../../presage/v1/ModelSignature';

// Original file: protos/presage/internal/v1/deployment.proto

export const _presage_internal_v1_ReportVersionRequest_Outcome = {
  OUTCOME_UNSPECIFIED: 'OUTCOME_UNSPECIFIED',
  DEPLOYED: 'DEPLOYED',
  FAILED: 'FAILED',
  UNDEPLOYED: 'UNDEPLOYED',
} as const;

export type _presage_internal_v1_ReportVersionRequest_Outcome =
  | 'OUTCOME_UNSPECIFIED'
  | 0
  | 'DEPLOYED'
  | 1
  | 'FAILED'
  | 2
  | 'UNDEPLOYED'
  | 3

export type _presage_internal_v1_ReportVersionRequest_Outcome__Output = typeof _presage_internal_v1_ReportVersionRequest_Outcome[keyof typeof _presage_internal_v1_ReportVersionRequest_Outcome]

export interface ReportVersionRequest {
  'name'?: (string);
  'operation'?: (string);
  'outcome'?: (_presage_internal_v1_ReportVersionRequest_Outcome);
  'errorMessage'?: (string);
  'signature'?: (_presage_v1_ModelSignature | null);
}

export interface ReportVersionRequest__Output {
  'name': (string);
  'operation': (string);
  'outcome': (_presage_internal_v1_ReportVersionRequest_Outcome__Output);
  'errorMessage': (string);
  'signature': (_presage_v1_ModelSignature__Output | null);
}
