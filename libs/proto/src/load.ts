import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { readCompiledProtos } from './compiled-protos';
import type { ProtoGrpcType } from './generated/presage';
import {
  decodePredictStreamRequest,
  decodePredictStreamResponse,
  encodePredictStreamRequest,
  encodePredictStreamResponse,
} from './predict-stream-codec';
import type { ServiceDescriptor } from './service-descriptors';
import { GOOGLE_PROTO_FILES, LOADER_OPTIONS, PRESAGE_PROTO_FILES } from './proto-files';

export interface LoadedProtos {
  /** The flat definition (method and message descriptors) keyed by fully qualified name. */
  definition: protoLoader.PackageDefinition;
  /** Service constructors and message types, typed by the generated code. */
  grpcObject: ProtoGrpcType;
}

let cached: LoadedProtos | undefined;

/**
 * Loads every Presage proto and the Google protos it uses, once per process: from the build's compiled
 * protos when they are current, else from the .proto files (the same definition either way).
 */
export function loadProtos(): LoadedProtos {
  if (!cached) {
    const compiled = readCompiledProtos();
    const definition = compiled
      ? protoLoader.fromJSON(compiled, LOADER_OPTIONS)
      : protoLoader.loadSync([...PRESAGE_PROTO_FILES, ...GOOGLE_PROTO_FILES], LOADER_OPTIONS);
    useHandWrittenCodecs(definition);
    const grpcObject = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
    cached = { definition, grpcObject };
  }
  return cached;
}

/** The method descriptors of a service: its descriptor, or its full name (`presage.v1.ModelService`). */
export function serviceDefinition(
  serviceOrName: string | ServiceDescriptor<unknown>,
): grpc.ServiceDefinition {
  const fullName = typeof serviceOrName === 'string' ? serviceOrName : serviceOrName.fullName;
  const { definition } = loadProtos();
  const service = definition[fullName];
  if (!service || !isServiceDefinition(service)) {
    throw new Error(`unknown service ${fullName}`);
  }
  return service;
}

/** PredictStream carries every online prediction: its messages use the codec written for them. */
function useHandWrittenCodecs(definition: protoLoader.PackageDefinition): void {
  const predictor = definition['presage.internal.v1.PredictorService'] as grpc.ServiceDefinition | undefined;
  const method = predictor?.['PredictStream'];
  if (!predictor || !method) return;
  (predictor as Record<string, grpc.MethodDefinition<unknown, unknown>>)['PredictStream'] = {
    ...method,
    requestSerialize: encodePredictStreamRequest as grpc.serialize<unknown>,
    requestDeserialize: decodePredictStreamRequest,
    responseSerialize: encodePredictStreamResponse as grpc.serialize<unknown>,
    responseDeserialize: decodePredictStreamResponse,
  };
}

function isServiceDefinition(value: unknown): value is grpc.ServiceDefinition {
  return typeof value === 'object' && value !== null && !('format' in value);
}
