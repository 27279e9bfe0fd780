// Original file: protos/presage/v1/prediction_service.proto

import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from '../../google/api/HttpBody';

export interface PredictRequest {
  'name'?: (string);
  'httpBody'?: (_google_api_HttpBody | null);
}

export interface PredictRequest__Output {
  'name': (string);
  'httpBody': (_google_api_HttpBody__Output | null);
}
