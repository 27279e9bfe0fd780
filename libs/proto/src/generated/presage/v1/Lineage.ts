// Original file: protos/presage/v1/model_service.proto

import type { Dataset as _presage_v1_Dataset, Dataset__Output as _presage_v1_Dataset__Output } from '../../presage/v1/Dataset';
import type { Source as _presage_v1_Source, Source__Output as _presage_v1_Source__Output } from '../../presage/v1/Source';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface Lineage {
  'trainedBy'?: (string);
  'publishedBy'?: (string);
  'trainingDatasets'?: (_presage_v1_Dataset)[];
  'evaluationMetrics'?: ({[key: string]: number | string});
  'source'?: (_presage_v1_Source | null);
  'trainTime'?: (_google_protobuf_Timestamp | null);
}

export interface Lineage__Output {
  'trainedBy': (string);
  'publishedBy': (string);
  'trainingDatasets': (_presage_v1_Dataset__Output)[];
  'evaluationMetrics': ({[key: string]: number});
  'source': (_presage_v1_Source__Output | null);
  'trainTime': (_google_protobuf_Timestamp__Output | null);
}
