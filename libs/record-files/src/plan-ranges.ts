import { stat } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '@presage/errors';
import { isGzipFile } from './gzip-sniff';
import { readGzipLines } from './json-lines';
import type { RecordFormat, RecordRange } from './record-range';
import { indexTfRecordFile } from './tfrecord-files';

export interface PlanOptions {
  /** About this many (uncompressed) bytes per range. */
  rangeBytes: number;
  /** At most this many ranges per gzip file: each range decompresses the file from its start. */
  maxGzipRanges: number;
}

export interface FilePlan {
  ranges: RecordRange[];
  /** Records the plan could not include (a broken framing, a truncated file), each one error. */
  problems: string[];
}

/** Splits one input file into ranges of records; an empty file has none. */
export async function planRecordFile(
  file: string,
  format: RecordFormat,
  options: PlanOptions,
): Promise<FilePlan> {
  const gzip = await isGzipFile(file);
  if (format === 'TF_RECORD') {
    const index = await indexTfRecordFile(file, gzip);
    const groups = gzip
      ? evenGroups(index.offsets.length, Math.min(options.maxGzipRanges, rangeCount(index.bytes, options)))
      : byteGroups(index.offsets, index.bytes, options.rangeBytes);
    return {
      ranges: groups.map(([start, end]) => tfRecordRange(file, gzip, index.offsets[start] ?? 0, start, end)),
      problems: index.problem ? [index.problem] : [],
    };
  }
  if (gzip) return planGzipLines(file, format, options);
  const { size } = await stat(file);
  const count = rangeCount(size, options);
  const ranges: RecordRange[] = [];
  for (let i = 0; i < count; i++) {
    const byteStart = Math.floor((size * i) / count);
    const byteEnd = Math.floor((size * (i + 1)) / count);
    ranges.push({ path: file, format, gzip: false, byteStart, byteEnd, recordStart: 0, recordEnd: 0 });
  }
  return { ranges, problems: [] };
}

async function planGzipLines(file: string, format: RecordFormat, options: PlanOptions): Promise<FilePlan> {
  let records = 0;
  let bytes = 0;
  const problems: string[] = [];
  try {
    for await (const { line } of readGzipLines(file)) {
      records++;
      bytes += line.length + 1;
    }
  } catch (error) {
    const message = errorMessage(error);
    problems.push(
      `${path.basename(file)}: cannot decompress (${message}); the rest of the file was not read`,
    );
  }
  const groups = evenGroups(records, Math.min(options.maxGzipRanges, rangeCount(bytes, options)));
  return {
    ranges: groups.map(([recordStart, recordEnd]) => ({
      path: file,
      format,
      gzip: true,
      byteStart: 0,
      byteEnd: 0,
      recordStart,
      recordEnd,
    })),
    problems,
  };
}

function tfRecordRange(
  file: string,
  gzip: boolean,
  byteStart: number,
  recordStart: number,
  recordEnd: number,
): RecordRange {
  return { path: file, format: 'TF_RECORD', gzip, byteStart, byteEnd: 0, recordStart, recordEnd };
}

function rangeCount(bytes: number, options: PlanOptions): number {
  return bytes === 0 ? 0 : Math.max(1, Math.ceil(bytes / options.rangeBytes));
}

/** `records` split into `count` groups of nearly equal size, as [start, end) pairs. */
function evenGroups(records: number, count: number): [number, number][] {
  const groups: [number, number][] = [];
  const n = Math.min(count, records);
  for (let i = 0; i < n; i++) {
    groups.push([Math.floor((records * i) / n), Math.floor((records * (i + 1)) / n)]);
  }
  return groups;
}

/** Records grouped so each group spans about `rangeBytes`, as [start, end) pairs of record numbers. */
function byteGroups(offsets: number[], totalBytes: number, rangeBytes: number): [number, number][] {
  const groups: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= offsets.length; i++) {
    const end = i === offsets.length ? totalBytes : offsets[i]!;
    if (end - offsets[start]! >= rangeBytes || i === offsets.length) {
      groups.push([start, i]);
      start = i;
    }
  }
  return groups;
}
