import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { maskedCrc32c } from './crc32c';

/**
 * TFRecord framing: uint64 length (LE), uint32 masked CRC-32C of the length bytes, the data, uint32 masked
 * CRC-32C of the data.
 */
const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;

/** A record whose framing is broken: the reader reports it with its position and cannot go on in that file. */
export class TfRecordError extends Error {
  override readonly name = 'TfRecordError';
  constructor(
    message: string,
    /** Index of the record in the file, from 0. */
    readonly recordIndex: number,
    /** Byte offset of the record's header in the (uncompressed) stream. */
    readonly offset: number,
  ) {
    super(message);
  }
}

export function encodeTfRecord(data: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeBigUInt64LE(BigInt(data.length), 0);
  header.writeUInt32LE(maskedCrc32c(header.subarray(0, 8)), 8);
  const footer = Buffer.alloc(FOOTER_BYTES);
  footer.writeUInt32LE(maskedCrc32c(data), 0);
  return Buffer.concat([header, data, footer]);
}

export interface ReadOptions {
  /** Decompress with gzip first (TF_RECORD_GZIP). @default false */
  gzip?: boolean;
  /** Refuse records longer than this (a corrupt length would otherwise ask for gigabytes). @default 256 MiB */
  maxRecordBytes?: number;
  /** Check each record's data CRC (reading offsets only needs the lengths). @default true */
  verifyData?: boolean;
}

/**
 * One record of a TFRecord stream: its data, or `corrupt` when its data CRC does not match. The framing
 * around a corrupt record is intact (its length was verified), so the records after it can be read.
 */
export type TfRecordEntry =
  | { index: number; offset: number; data: Buffer; corrupt?: undefined }
  | { index: number; offset: number; data?: undefined; corrupt: string };

/**
 * The records of a TFRecord stream, verified against their CRCs. A length or data CRC mismatch or a
 * truncated record throws a TfRecordError naming the record; the records before it were yielded.
 */
export async function* readTfRecords(input: Readable, options: ReadOptions = {}): AsyncGenerator<Buffer> {
  for await (const entry of readTfRecordEntries(input, options)) {
    if (entry.corrupt !== undefined) throw new TfRecordError(entry.corrupt, entry.index, entry.offset);
    yield entry.data;
  }
}

/**
 * Every record of a TFRecord stream with its index and byte offset (in the uncompressed stream). A
 * record whose data CRC is wrong is yielded as `corrupt` and reading goes on; a broken framing (length
 * CRC, an impossible length, a truncated record) throws a TfRecordError: nothing after it can be found.
 */
export async function* readTfRecordEntries(
  input: Readable,
  options: ReadOptions = {},
): AsyncGenerator<TfRecordEntry> {
  const source: AsyncIterable<Buffer> = options.gzip ? input.pipe(createGunzip()) : input;
  const max = options.maxRecordBytes ?? 256 * 1024 * 1024;
  const verifyData = options.verifyData ?? true;
  let pending: Buffer = Buffer.alloc(0);
  let offset = 0;
  let index = 0;
  for await (const chunk of source) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < HEADER_BYTES) break;
      const length = pending.readBigUInt64LE(0);
      if (pending.readUInt32LE(8) !== maskedCrc32c(pending.subarray(0, 8))) {
        throw new TfRecordError(
          `record ${index} at byte ${offset}: the length's CRC does not match (corrupt file)`,
          index,
          offset,
        );
      }
      if (length > BigInt(max)) {
        throw new TfRecordError(
          `record ${index} at byte ${offset}: ${length} bytes is over the ${max}-byte limit`,
          index,
          offset,
        );
      }
      const total = HEADER_BYTES + Number(length) + FOOTER_BYTES;
      if (pending.length < total) break;
      const data = pending.subarray(HEADER_BYTES, HEADER_BYTES + Number(length));
      if (verifyData && pending.readUInt32LE(HEADER_BYTES + Number(length)) !== maskedCrc32c(data)) {
        yield {
          index,
          offset,
          corrupt: `record ${index} at byte ${offset}: the data's CRC does not match (corrupt record)`,
        };
      } else {
        yield { index, offset, data: Buffer.from(data) };
      }
      pending = pending.subarray(total);
      offset += total;
      index++;
    }
  }
  if (pending.length > 0) {
    throw new TfRecordError(
      `record ${index} at byte ${offset}: the file ends inside the record (truncated)`,
      index,
      offset,
    );
  }
}
