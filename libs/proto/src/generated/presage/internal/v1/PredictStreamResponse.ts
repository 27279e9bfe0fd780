// Original file: protos/presage/internal/v1/predictor.proto

import type { StreamedAnswer as _presage_internal_v1_StreamedAnswer, StreamedAnswer__Output as _presage_internal_v1_StreamedAnswer__Output } from '../../../presage/internal/v1/StreamedAnswer';

export interface PredictStreamResponse {
  'answers'?: (_presage_internal_v1_StreamedAnswer)[];
}

export interface PredictStreamResponse__Output {
  'answers': (_presage_internal_v1_StreamedAnswer__Output)[];
}
