// Original file: protos/presage/v1/model_service.proto

import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../presage/v1/Version';
import type { ShadowTraffic as _presage_v1_ShadowTraffic, ShadowTraffic__Output as _presage_v1_ShadowTraffic__Output } from '../../presage/v1/ShadowTraffic';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface Model {
  'name'?: (string);
  'description'?: (string);
  'defaultVersion'?: (_presage_v1_Version | null);
  'regions'?: (string)[];
  'onlinePredictionLogging'?: (boolean);
  'onlinePredictionConsoleLogging'?: (boolean);
  'labels'?: ({[key: string]: string});
  'etag'?: (Buffer | Uint8Array | string);
  'aliases'?: ({[key: string]: string});
  'trafficSplit'?: ({[key: string]: number});
  'shadow'?: (_presage_v1_ShadowTraffic | null);
  'createTime'?: (_google_protobuf_Timestamp | null);
  'updateTime'?: (_google_protobuf_Timestamp | null);
}

export interface Model__Output {
  'name': (string);
  'description': (string);
  'defaultVersion': (_presage_v1_Version__Output | null);
  'regions': (string)[];
  'onlinePredictionLogging': (boolean);
  'onlinePredictionConsoleLogging': (boolean);
  'labels': ({[key: string]: string});
  'etag': (Buffer);
  'aliases': ({[key: string]: string});
  'trafficSplit': ({[key: string]: number});
  'shadow': (_presage_v1_ShadowTraffic__Output | null);
  'createTime': (_google_protobuf_Timestamp__Output | null);
  'updateTime': (_google_protobuf_Timestamp__Output | null);
}
