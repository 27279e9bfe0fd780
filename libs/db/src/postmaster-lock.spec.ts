import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearPostmasterLock, inspectPostmasterLock } from './postmaster-lock';

describe('postmaster.pid left in a data directory', () => {
  let dataDir: string;
  const lockFile = (): string => path.join(dataDir, 'postmaster.pid');

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'presage-lock-spec-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('none: no file', async () => {
    expect(await inspectPostmasterLock(dataDir)).toEqual({ state: 'none' });
  });

  it('stale: its pid is gone; the file is left for PostgreSQL, which clears it', async () => {
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(lockFile(), `${gone.pid}\n${dataDir}\n`);
    expect(await inspectPostmasterLock(dataDir)).toEqual({ state: 'stale', pid: gone.pid });
    await clearPostmasterLock(dataDir);
    expect(existsSync(lockFile())).toBe(true);
  });

  it('reused: its pid is another program now; the file is removed', async () => {
    await writeFile(lockFile(), `${process.pid}\n${dataDir}\n`);
    expect(await inspectPostmasterLock(dataDir)).toEqual({ state: 'reused', pid: process.pid });
    const messages: string[] = [];
    await clearPostmasterLock(dataDir, { log: (message) => messages.push(message) });
    expect(existsSync(lockFile())).toBe(false);
    expect(messages).toEqual([expect.stringContaining(`pid ${process.pid} is not a PostgreSQL`)]);
  });

  it('an unreadable file is removed too', async () => {
    await writeFile(lockFile(), 'garbage\n');
    await clearPostmasterLock(dataDir);
    expect(existsSync(lockFile())).toBe(false);
  });
});
