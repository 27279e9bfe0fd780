// Original file: protos/presage/v1/model_service.proto

import type { Long } from '@grpc/proto-loader';

// Original file: protos/presage/v1/model_service.proto

export const _presage_v1_FeatureStatistics_Kind = {
  KIND_UNSPECIFIED: 'KIND_UNSPECIFIED',
  NUMERIC: 'NUMERIC',
  CATEGORICAL: 'CATEGORICAL',
} as const;

export type _presage_v1_FeatureStatistics_Kind =
  | 'KIND_UNSPECIFIED'
  | 0
  | 'NUMERIC'
  | 1
  | 'CATEGORICAL'
  | 2

export type _presage_v1_FeatureStatistics_Kind__Output = typeof _presage_v1_FeatureStatistics_Kind[keyof typeof _presage_v1_FeatureStatistics_Kind]

export interface FeatureStatistics {
  'name'?: (string);
  'kind'?: (_presage_v1_FeatureStatistics_Kind);
  'bounds'?: (number | string)[];
  'counts'?: (number | string | Long)[];
  'categories'?: ({[key: string]: number | string | Long});
  'missing'?: (number | string | Long);
}

export interface FeatureStatistics__Output {
  'name': (string);
  'kind': (_presage_v1_FeatureStatistics_Kind__Output);
  'bounds': (number)[];
  'counts': (string)[];
  'categories': ({[key: string]: string});
  'missing': (string);
}
