// Original file: protos/presage/internal/v1/batch.proto

import type { Long } from '@grpc/proto-loader';

export interface BatchShard {
  'claim'?: (string);
  'index'?: (number);
  'shardCount'?: (number);
  'inputPath'?: (string);
  'recordFormat'?: (string);
  'gzip'?: (boolean);
  'byteStart'?: (number | string | Long);
  'byteEnd'?: (number | string | Long);
  'recordStart'?: (number | string | Long);
  'recordEnd'?: (number | string | Long);
  'tempPath'?: (string);
  'batchSize'?: (number);
  'signatureName'?: (string);
  'leaseMs'?: (number | string | Long);
}

export interface BatchShard__Output {
  'claim': (string);
  'index': (number);
  'shardCount': (number);
  'inputPath': (string);
  'recordFormat': (string);
  'gzip': (boolean);
  'byteStart': (string);
  'byteEnd': (string);
  'recordStart': (string);
  'recordEnd': (string);
  'tempPath': (string);
  'batchSize': (number);
  'signatureName': (string);
  'leaseMs': (string);
}
