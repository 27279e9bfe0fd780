import * as protobuf from 'protobufjs';
import { parseProtoFiles, readCompiledProtos } from './compiled-protos';

/** Decoding options equal to LOADER_OPTIONS, so decoded objects look like what gRPC hands a handler. */
const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

export const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** A google.protobuf.Any as @grpc/proto-loader represents it (protobufjs keeps `type_url` in snake case). */
export interface AnyMessage {
  type_url: string;
  value: Buffer;
}

let root: protobuf.Root | undefined;

/** One protobufjs root over the same files as the gRPC loader, for Any and status details. */
export function protoRoot(): protobuf.Root {
  if (!root) {
    const compiled = readCompiledProtos();
    if (!compiled) root = parseProtoFiles().root;
    else {
      root = protobuf.Root.fromJSON(compiled);
      root.resolveAll();
    }
  }
  return root;
}

export function lookupMessageType(typeName: string): protobuf.Type {
  return protoRoot().lookupType(typeName);
}

/** Encodes a plain object (camelCase fields) as the message `typeName`. */
export function encodeMessage(typeName: string, value: object): Buffer {
  const type = lookupMessageType(typeName);
  return Buffer.from(type.encode(type.fromObject(value)).finish());
}

/** How many bytes `value` takes encoded as the message `typeName`. */
export function encodedLength(typeName: string, value: object): number {
  const type = lookupMessageType(typeName);
  return type.encode(type.fromObject(value)).len;
}

/** Decodes bytes of the message `typeName` into a plain object shaped like the loader's. */
export function decodeMessage<T>(typeName: string, bytes: Uint8Array): T {
  const type = lookupMessageType(typeName);
  return type.toObject(type.decode(bytes), TO_OBJECT) as T;
}

export function packAny(typeName: string, value: object): AnyMessage {
  return { type_url: TYPE_URL_PREFIX + typeName, value: encodeMessage(typeName, value) };
}

/** The full message name of an Any, e.g. `presage.v1.Version`. */
export function anyTypeName(any: Pick<AnyMessage, 'type_url'>): string {
  return any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
}

export function unpackAny<T>(any: AnyMessage): T {
  return decodeMessage<T>(anyTypeName(any), any.value);
}
