// Original file: protos/presage/v1/access_service.proto

import type { QuotaSettings as _presage_v1_QuotaSettings, QuotaSettings__Output as _presage_v1_QuotaSettings__Output } from '../../presage/v1/QuotaSettings';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../google/protobuf/FieldMask';

export interface UpdateQuotaSettingsRequest {
  'name'?: (string);
  'quotaSettings'?: (_presage_v1_QuotaSettings | null);
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateQuotaSettingsRequest__Output {
  'name': (string);
  'quotaSettings': (_presage_v1_QuotaSettings__Output | null);
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
