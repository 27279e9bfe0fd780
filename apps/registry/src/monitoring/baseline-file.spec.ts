import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AllowedPaths } from '@presage/env';
import { BaselineFileError, readBaselineFile, splitCsvLine } from './baseline-file';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-baseline-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('readBaselineFile', () => {
  it('reads JSON lines as instances, skipping blank lines', async () => {
    const file = write('a.jsonl', '[1, 2]\n\n{"x": "a"}\n');
    const read = await readBaselineFile(`file://${file}`, undefined);
    expect(read.map((i) => Object.fromEntries(i))).toEqual([{ '[0]': 1, '[1]': 2 }, { x: 'a' }]);
  });

  it('reads CSV rows under their header: numbers as numbers, quoted text, empty cells missing', async () => {
    const file = write('b.csv', 'age,city,note\n31,"Oslo, Norway",\n-2.5e1,Bergen,"say ""hi"""\n');
    const read = await readBaselineFile(file, undefined);
    expect(read.map((i) => Object.fromEntries(i))).toEqual([
      { age: 31, city: 'Oslo, Norway' },
      { age: -25, city: 'Bergen', note: 'say "hi"' },
    ]);
  });

  it('refuses what it cannot use, saying why', async () => {
    const bad = async (uri: string, allowed?: AllowedPaths) =>
      readBaselineFile(uri, allowed).then(
        () => 'read',
        (error: unknown) => (error instanceof BaselineFileError ? error.message : `threw ${String(error)}`),
      );
    expect(await bad('gs://bucket/train.jsonl')).toContain('absolute path or a file://');
    expect(await bad(path.join(dir, 'missing.jsonl'))).toContain('No file');
    expect(await bad(write('c.jsonl', '[1]\n{nope\n'))).toContain('Line 2 is not JSON');
    expect(await bad(write('d.csv', 'a,b\n1\n'))).toContain('Line 2 has 1 cells');
    expect(await bad(write('e.jsonl', '\n'))).toContain('holds no instances');
    expect(await bad(write('f.jsonl', '[1]'), new AllowedPaths(['/somewhere/else']))).toContain(
      'outside the directories',
    );
  });
});

describe('splitCsvLine', () => {
  it('splits on commas outside quotes and refuses an unclosed quote', () => {
    expect(splitCsvLine('a,"b,c",,d', 1)).toEqual(['a', 'b,c', '', 'd']);
    expect(() => splitCsvLine('a,"b', 7)).toThrow('Line 7 has an unclosed quote');
  });
});
