import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeTfRecord } from '@presage/tfrecord';
import { planRecordFile } from './plan-ranges';
import { readRecordRange } from './read-range';
import type { RecordFormat, RecordRange } from './record-range';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-files-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function readAll(ranges: RecordRange[]): Promise<string[]> {
  const out: string[] = [];
  for (const range of ranges) {
    for await (const entry of readRecordRange(range))
      out.push(entry.data ? entry.data.toString() : `ERR ${entry.error}`);
  }
  return out;
}

const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ key: i, x: 'y'.repeat(i % 17) }));

describe('JSON lines split on byte offsets', () => {
  it('yields every non-blank line exactly once whatever the cut points', async () => {
    // Every range costs a file open: the finest cuts (a range per byte) run over the first lines only,
    // which hold every kind of line ending; coarser cuts over the whole file.
    for (const [rangeBytes, count] of [
      [1, 21],
      [7, 60],
      [64, lines.length],
      [1000, lines.length],
      [1e9, lines.length],
    ] as const) {
      const some = lines.slice(0, count);
      const text =
        some.map((l, i) => (i % 10 === 0 ? `${l}\r\n\n   \n` : `${l}\n`)).join('') + 'last-no-newline';
      const file = write(`lines-${count}.jsonl`, text);
      const plan = await planRecordFile(file, 'JSON', { rangeBytes, maxGzipRanges: 4 });
      expect(plan.problems).toEqual([]);
      expect(await readAll(plan.ranges)).toEqual([...some, 'last-no-newline']);
    }
  });

  it('has no ranges for an empty file', async () => {
    expect(
      (await planRecordFile(write('empty.jsonl', ''), 'JSON', { rangeBytes: 10, maxGzipRanges: 2 })).ranges,
    ).toEqual([]);
  });

  it('splits gzip-compressed lines on line numbers, at most maxGzipRanges', async () => {
    const file = write('lines.jsonl.gz', gzipSync(lines.join('\n') + '\n'));
    const plan = await planRecordFile(file, 'TEXT', { rangeBytes: 100, maxGzipRanges: 3 });
    expect(plan.ranges).toHaveLength(3);
    expect(plan.ranges.every((r) => r.gzip)).toBe(true);
    expect(await readAll(plan.ranges)).toEqual(lines);
  });

  it('counts a truncated gzip file up to where it breaks and reports the rest as a problem', async () => {
    const full = gzipSync(lines.join('\n'));
    const file = write('cut.jsonl.gz', full.subarray(0, full.length - 20));
    const plan = await planRecordFile(file, 'JSON', { rangeBytes: 1e6, maxGzipRanges: 2 });
    expect(plan.problems).toEqual([
      expect.stringMatching(/^cut.jsonl.gz: cannot decompress .*the rest of the file was not read$/),
    ]);
  });
});

describe('TFRecord files split on records', () => {
  const records = lines.map((l) => Buffer.from(l));
  const bytes = Buffer.concat(records.map(encodeTfRecord));

  it.each([false, true])('yields every record once (gzip: %s)', async (gzip) => {
    const file = write(`r${gzip}.tfrecord`, gzip ? gzipSync(bytes) : bytes);
    const plan = await planRecordFile(file, 'TF_RECORD', { rangeBytes: 500, maxGzipRanges: 5 });
    expect(plan.ranges.length).toBeGreaterThan(gzip ? 4 : 10);
    expect(await readAll(plan.ranges)).toEqual(lines);
  });

  it('reports a record with a bad data CRC as one error and reads on', async () => {
    const corrupt = Buffer.from(bytes);
    const third = encodeTfRecord(records[0]!).length + encodeTfRecord(records[1]!).length;
    corrupt[third + 12]! ^= 0xff;
    const file = write('corrupt.tfrecord', corrupt);
    const plan = await planRecordFile(file, 'TF_RECORD', { rangeBytes: 300, maxGzipRanges: 1 });
    const read = await readAll(plan.ranges);
    expect(read).toHaveLength(lines.length);
    expect(read[2]).toBe("ERR corrupt.tfrecord: a record's data CRC does not match (corrupt record skipped)");
    expect(read.filter((r) => !r.startsWith('ERR'))).toEqual(lines.filter((_, i) => i !== 2));
  });

  it('plans the records before a broken framing and reports the rest as one problem', async () => {
    const broken = Buffer.from(bytes);
    const fifth = records.slice(0, 4).reduce((n, r) => n + encodeTfRecord(r).length, 0);
    broken[fifth + 1]! ^= 0x01; // the fifth record's length
    const plan = await planRecordFile(write('broken.tfrecord', broken), 'TF_RECORD', {
      rangeBytes: 1e6,
      maxGzipRanges: 1,
    });
    expect(plan.problems).toEqual([
      "broken.tfrecord: the length's CRC does not match (corrupt file); the rest of the file was not read",
    ]);
    expect(await readAll(plan.ranges)).toEqual(lines.slice(0, 4));
  });
});

it('reads TEXT and JSON the same way: the format only matters to whoever parses the records', async () => {
  const file = write('text.txt', '1,2,3\n4,5,6\n');
  for (const format of ['TEXT', 'JSON'] as RecordFormat[]) {
    const plan = await planRecordFile(file, format, { rangeBytes: 4, maxGzipRanges: 1 });
    expect(await readAll(plan.ranges)).toEqual(['1,2,3', '4,5,6']);
  }
});
