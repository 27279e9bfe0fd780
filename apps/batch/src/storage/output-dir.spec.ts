import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { missingFiles, writeFileDurably } from './output-dir';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'output-dir-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileDurably', () => {
  it('puts the whole content in place, replacing a previous file, and leaves no temporary file', async () => {
    const file = path.join(dir, 'prediction.errors_stats-00000-of-00001');
    await writeFileDurably(file, "('old', 1)\n");
    await writeFileDurably(file, "('bad json', 2)\n");
    expect(fs.readFileSync(file, 'utf8')).toBe("('bad json', 2)\n");
    expect(fs.readdirSync(dir)).toEqual(['prediction.errors_stats-00000-of-00001']);
  });

  it('fails, leaving nothing behind, when the directory is gone', async () => {
    const gone = path.join(dir, 'gone');
    await expect(writeFileDurably(path.join(gone, 'f'), 'x')).rejects.toThrow(/ENOENT/);
    expect(fs.existsSync(gone)).toBe(false);
  });
});

describe('missingFiles', () => {
  it('lists the names that are not in the directory', async () => {
    fs.writeFileSync(path.join(dir, 'a'), '');
    expect(await missingFiles(dir, ['a', 'b'])).toEqual(['b']);
    expect(await missingFiles(path.join(dir, 'none'), ['a'])).toEqual(['a']);
  });
});
