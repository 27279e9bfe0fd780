// Original file: protos/presage/internal/v1/predictor.proto

import type { StreamedPredict as _presage_internal_v1_StreamedPredict, StreamedPredict__Output as _presage_internal_v1_StreamedPredict__Output } from '../../../presage/internal/v1/StreamedPredict';

export interface PredictStreamRequest {
  'predicts'?: (_presage_internal_v1_StreamedPredict)[];
  'cancelledIds'?: (number)[];
}

export interface PredictStreamRequest__Output {
  'predicts': (_presage_internal_v1_StreamedPredict__Output)[];
  'cancelledIds': (number)[];
}
