// Original file: protos/presage/v1/access_service.proto


export interface GetQuotaSettingsRequest {
  'name'?: (string);
}

export interface GetQuotaSettingsRequest__Output {
  'name': (string);
}
