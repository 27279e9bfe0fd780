export {
  GEN_TYPES_FLAGS,
  GOOGLE_PROTO_FILES,
  GOOGLE_PROTO_ROOT,
  LOADER_OPTIONS,
  PRESAGE_PROTO_FILES,
  PROTO_ROOT,
} from './proto-files';
export { loadProtos, serviceDefinition } from './load';
export type { LoadedProtos } from './load';
export {
  TYPE_URL_PREFIX,
  anyTypeName,
  decodeMessage,
  encodeMessage,
  encodedLength,
  lookupMessageType,
  packAny,
  protoRoot,
  unpackAny,
} from './codec';
export type { AnyMessage } from './codec';
export { timestampToDate, toTimestamp } from './timestamp';
export {
  decodePredictStreamRequest,
  decodePredictStreamResponse,
  encodePredictStreamRequest,
  encodePredictStreamResponse,
} from './predict-stream-codec';
