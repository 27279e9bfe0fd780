import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

const NEWLINE = 0x0a;

/**
 * The non-blank lines of a plain text file that start at a byte offset in [byteStart, byteEnd). Reading
 * begins one byte early: the line running through byteStart-1 belongs to the range before, and a range
 * ends with the line that straddles byteEnd. So ranges cut anywhere split a file into whole lines, each
 * in exactly one range.
 */
export async function* readLineRange(
  path: string,
  byteStart: number,
  byteEnd: number,
): AsyncGenerator<Buffer> {
  const from = Math.max(0, byteStart - 1);
  if (from >= byteEnd) return;
  const stream = createReadStream(path, { start: from, highWaterMark: 1 << 20 });
  let position = from;
  let pending: Buffer = Buffer.alloc(0);
  let skipping = byteStart > 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let cursor = 0;
      for (let end = pending.indexOf(NEWLINE); end >= 0; end = pending.indexOf(NEWLINE, cursor)) {
        if (skipping) skipping = false;
        else if (position + cursor >= byteEnd) return;
        else {
          const line = trimLine(pending.subarray(cursor, end));
          if (line) yield line;
        }
        cursor = end + 1;
      }
      pending = pending.subarray(cursor);
      position += cursor;
      if (!skipping && position >= byteEnd) return;
    }
    if (!skipping && position < byteEnd) {
      const line = trimLine(pending);
      if (line) yield line;
    }
  } finally {
    stream.destroy();
  }
}

/** The non-blank lines of a gzip-compressed text file, numbered from 0, with their numbers. */
export async function* readGzipLines(path: string): AsyncGenerator<{ index: number; line: Buffer }> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const lines = stream.pipe(createGunzip());
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  try {
    for await (const chunk of lines as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let cursor = 0;
      for (let end = pending.indexOf(NEWLINE); end >= 0; end = pending.indexOf(NEWLINE, cursor)) {
        const line = trimLine(pending.subarray(cursor, end));
        if (line) yield { index: index++, line };
        cursor = end + 1;
      }
      pending = pending.subarray(cursor);
    }
    const last = trimLine(pending);
    if (last) yield { index, line: last };
  } finally {
    stream.destroy();
    lines.destroy();
  }
}

/** The line without a trailing CR; undefined when it is blank (AI Platform skips blank lines). */
function trimLine(line: Buffer): Buffer | undefined {
  let end = line.length;
  if (end > 0 && line[end - 1] === 0x0d) end--;
  for (let i = 0; i < end; i++) {
    const byte = line[i]!;
    if (byte !== 0x20 && byte !== 0x09) return Buffer.from(line.subarray(0, end));
  }
  return undefined;
}
