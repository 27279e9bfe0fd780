// Original file: protos/presage/internal/v1/batch.proto

import type { Long } from '@grpc/proto-loader';

export interface CompleteShardRequest {
  'job'?: (string);
  'claim'?: (string);
  'predictionCount'?: (number | string | Long);
  'errorCount'?: (number | string | Long);
  'errors'?: ({[key: string]: number | string | Long});
}

export interface CompleteShardRequest__Output {
  'job': (string);
  'claim': (string);
  'predictionCount': (string);
  'errorCount': (string);
  'errors': ({[key: string]: string});
}
