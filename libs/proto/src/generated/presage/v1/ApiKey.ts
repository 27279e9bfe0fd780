// Original file: protos/presage/v1/access_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface ApiKey {
  'name'?: (string);
  'displayName'?: (string);
  'member'?: (string);
  'createTime'?: (_google_protobuf_Timestamp | null);
  'expireTime'?: (_google_protobuf_Timestamp | null);
  'lastUseTime'?: (_google_protobuf_Timestamp | null);
  'keyString'?: (string);
  'keyPrefix'?: (string);
  'createdBy'?: (string);
}

export interface ApiKey__Output {
  'name': (string);
  'displayName': (string);
  'member': (string);
  'createTime': (_google_protobuf_Timestamp__Output | null);
  'expireTime': (_google_protobuf_Timestamp__Output | null);
  'lastUseTime': (_google_protobuf_Timestamp__Output | null);
  'keyString': (string);
  'keyPrefix': (string);
  'createdBy': (string);
}
