// Original file: protos/presage/v1/job_service.proto

import type { Long } from '@grpc/proto-loader';

export interface PredictionOutput {
  'outputPath'?: (string);
  'predictionCount'?: (number | string | Long);
  'errorCount'?: (number | string | Long);
  'nodeHours'?: (number | string);
  'inputBytes'?: (number | string | Long);
  'processedInputBytes'?: (number | string | Long);
  'shardCount'?: (number);
  'shardsDone'?: (number);
}

export interface PredictionOutput__Output {
  'outputPath': (string);
  'predictionCount': (string);
  'errorCount': (string);
  'nodeHours': (number);
  'inputBytes': (string);
  'processedInputBytes': (string);
  'shardCount': (number);
  'shardsDone': (number);
}
