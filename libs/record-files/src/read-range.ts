import { readGzipLines, readLineRange } from './json-lines';
import type { RecordEntry, RecordRange } from './record-range';
import { readTfRecordRange } from './tfrecord-files';

/** The records of a range, in file order: every record yields exactly one entry. */
export async function* readRecordRange(range: RecordRange): AsyncGenerator<RecordEntry> {
  if (range.format === 'TF_RECORD') {
    yield* readTfRecordRange(range.path, range.gzip, range.byteStart, range.recordStart, range.recordEnd);
  } else if (range.gzip) {
    for await (const { index, line } of readGzipLines(range.path)) {
      if (index < range.recordStart) continue;
      if (index >= range.recordEnd) return;
      yield { data: line };
    }
  } else {
    for await (const line of readLineRange(range.path, range.byteStart, range.byteEnd)) yield { data: line };
  }
}
