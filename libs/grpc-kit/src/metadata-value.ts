import * as grpc from '@grpc/grpc-js';

/** The first value of a text metadata key; undefined when absent, empty or binary. */
export function metadataValue(metadata: grpc.Metadata, key: string): string | undefined {
  const [value] = metadata.get(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Call metadata from a Metadata or a plain record of text values. */
export function toMetadata(metadata: grpc.Metadata | Record<string, string> | undefined): grpc.Metadata {
  if (metadata instanceof grpc.Metadata) return metadata;
  const result = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata ?? {})) result.set(key, value);
  return result;
}
