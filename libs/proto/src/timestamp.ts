import type { Timestamp } from './generated/google/protobuf/Timestamp';

/** A Date as a google.protobuf.Timestamp in the shape @grpc/proto-loader serialises (ms precision). */
export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** A decoded google.protobuf.Timestamp as a Date; null stays null. */
export function timestampToDate(timestamp: { seconds: string | number; nanos: number } | null): Date | null {
  if (!timestamp) return null;
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000));
}
