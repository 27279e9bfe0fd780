import type * as grpc from '@grpc/grpc-js';

/** The first value of a text metadata key; undefined when absent, empty or binary. */
export function metadataValue(metadata: grpc.Metadata, key: string): string | undefined {
  const [value] = metadata.get(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
