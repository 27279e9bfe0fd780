import type { RecordRange } from '@presage/record-files';

/** A shard as the planner made it: a range of one file's records and the input bytes it counts for. */
export interface PlannedShard {
  range: RecordRange;
  inputBytes: number;
}

/**
 * The input bytes each range of one file counts for the job's progress, summing to the file's size. A
 * plain file is divided where its ranges start (the first from 0, the last to the file's end); a gzip
 * file, whose ranges are record numbers, is shared in proportion to their records.
 */
export function rangeInputBytes(ranges: readonly RecordRange[], fileSize: number): number[] {
  if (ranges.length === 0) return [];
  const gzip = ranges[0]!.gzip;
  const total = gzip ? ranges[ranges.length - 1]!.recordEnd : fileSize;
  const ends = ranges.map((range, i) => {
    if (i === ranges.length - 1) return total;
    return gzip ? range.recordEnd : ranges[i + 1]!.byteStart;
  });
  let previous = 0;
  return ends.map((end) => {
    const at = total > 0 ? Math.floor((fileSize * end) / total) : 0;
    const bytes = at - previous;
    previous = at;
    return bytes;
  });
}
