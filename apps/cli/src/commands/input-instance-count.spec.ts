import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { countInputInstances, expandWildcards } from './input-instance-count';

describe('countInputInstances', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-count-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts the non-blank lines of every file the wildcards match, gzip included', () => {
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, 'a', 'part-0'), '[1]\n\n[2]\n');
    fs.writeFileSync(path.join(dir, 'a', 'part-1'), gzipSync('[3]\n[4]\n[5]'));
    fs.writeFileSync(path.join(dir, 'a', 'other'), '[9]\n');
    expect(expandWildcards(`${dir}/*/part-*`)).toEqual([
      path.join(dir, 'a', 'part-0'),
      path.join(dir, 'a', 'part-1'),
    ]);
    expect(countInputInstances([`file://${dir}/*/part-*`], 'JSON')).toBe(5);
  });

  it('counts TFRecord records by their framing', () => {
    const record = (bytes: number) => {
      const header = Buffer.alloc(12);
      header.writeBigUInt64LE(BigInt(bytes));
      return Buffer.concat([header, Buffer.alloc(bytes + 4)]);
    };
    fs.writeFileSync(path.join(dir, 'r.tfrecord'), Buffer.concat([record(3), record(0), record(10)]));
    expect(countInputInstances([path.join(dir, 'r.tfrecord')], 'TF_RECORD')).toBe(3);
  });

  it('gives no total when nothing matches or the format is not counted', () => {
    expect(countInputInstances([`${dir}/none-*`], 'JSON')).toBeUndefined();
    expect(countInputInstances(['gs://bucket/x'], 'JSON')).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'x.csv'), 'a\n');
    expect(countInputInstances([path.join(dir, 'x.csv')], 'CSV')).toBeUndefined();
  });
});
