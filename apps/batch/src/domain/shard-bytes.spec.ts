import type { RecordRange } from '@presage/record-files';
import { rangeInputBytes } from './shard-bytes';

const range = (fields: Partial<RecordRange>): RecordRange => ({
  path: '/in/a',
  format: 'JSON',
  gzip: false,
  byteStart: 0,
  byteEnd: 0,
  recordStart: 0,
  recordEnd: 0,
  ...fields,
});

describe('rangeInputBytes', () => {
  it('gives the ranges of a plain JSON file their byte ranges', () => {
    const ranges = [
      range({ byteEnd: 333 }),
      range({ byteStart: 333, byteEnd: 666 }),
      range({ byteStart: 666, byteEnd: 1000 }),
    ];
    expect(rangeInputBytes(ranges, 1000)).toEqual([333, 333, 334]);
  });

  it('divides a plain TFRecord file where each range starts, the last to the end of the file', () => {
    const ranges = [
      range({ format: 'TF_RECORD', byteStart: 0, recordStart: 0, recordEnd: 10 }),
      range({ format: 'TF_RECORD', byteStart: 420, recordStart: 10, recordEnd: 25 }),
    ];
    expect(rangeInputBytes(ranges, 1000)).toEqual([420, 580]);
  });

  it('shares a gzip file in proportion to the records of its ranges, summing to its size', () => {
    const ranges = [
      range({ gzip: true, recordStart: 0, recordEnd: 1 }),
      range({ gzip: true, recordStart: 1, recordEnd: 2 }),
      range({ gzip: true, recordStart: 2, recordEnd: 3 }),
    ];
    const bytes = rangeInputBytes(ranges, 100);
    expect(bytes).toEqual([33, 33, 34]);
    expect(bytes.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('has nothing for a file without ranges', () => {
    expect(rangeInputBytes([], 0)).toEqual([]);
  });
});
