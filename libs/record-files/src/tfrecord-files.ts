import { createReadStream } from 'node:fs';
import path from 'node:path';
import { readTfRecordEntries } from '@presage/tfrecord';
import type { TfRecordEntry } from '@presage/tfrecord';
import { errorMessage } from '@presage/errors';

export interface TfRecordIndex {
  /** Byte offset of every record whose framing is intact (in the uncompressed stream). */
  offsets: number[];
  /** The uncompressed length read. */
  bytes: number;
  /** Why reading stopped before the end: a broken framing, a truncated file or bad gzip data. */
  problem?: string;
}

/** Reads the framing of a TFRecord file (not the data CRCs: workers check those as they read). */
export async function indexTfRecordFile(file: string, gzip: boolean): Promise<TfRecordIndex> {
  const offsets: number[] = [];
  let bytes = 0;
  try {
    for await (const entry of entriesOf(file, gzip, 0, false)) {
      offsets.push(entry.offset);
      bytes = entry.offset + 16 + (entry.data?.length ?? 0);
    }
  } catch (error) {
    return {
      offsets,
      bytes,
      problem: `${path.basename(file)}: ${describe(error)}; the rest of the file was not read`,
    };
  }
  return { offsets, bytes };
}

/**
 * Records [recordStart, recordEnd) of a TFRecord file. Plain files are read from `byteStart` (the offset
 * of recordStart); gzip files are decompressed from their start. A record with a wrong data CRC is an
 * error entry; a broken framing ends the range with one error entry.
 */
export async function* readTfRecordRange(
  file: string,
  gzip: boolean,
  byteStart: number,
  recordStart: number,
  recordEnd: number,
): AsyncGenerator<{ data: Buffer } | { error: string }> {
  const skip = gzip ? recordStart : 0;
  const count = recordEnd - recordStart;
  let seen = 0;
  try {
    for await (const entry of entriesOf(file, gzip, gzip ? 0 : byteStart, true)) {
      if (entry.index < skip) continue;
      if (seen++ >= count) return;
      yield entry.corrupt === undefined
        ? { data: entry.data }
        : { error: `${path.basename(file)}: a record's data CRC does not match (corrupt record skipped)` };
      if (seen >= count) return;
    }
  } catch (error) {
    yield { error: `${path.basename(file)}: ${describe(error)}; the rest of the range was not read` };
  }
}

function entriesOf(
  file: string,
  gzip: boolean,
  start: number,
  verifyData: boolean,
): AsyncGenerator<TfRecordEntry> {
  return readTfRecordEntries(createReadStream(file, { start, highWaterMark: 1 << 20 }), { gzip, verifyData });
}

/** A reader error without the record position (so equal problems count together in error statistics). */
function describe(error: unknown): string {
  const message = errorMessage(error);
  return message.replace(/^record \d+ at byte \d+: /, '');
}
