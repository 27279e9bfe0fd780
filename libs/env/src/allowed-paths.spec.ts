import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AllowedPaths, readAllowedPaths } from './allowed-paths';
import { EnvReader } from './env-reader';

describe('AllowedPaths', () => {
  it('allows any path when no directory is configured', async () => {
    const any = new AllowedPaths([]);
    expect(any.unrestricted).toBe(true);
    expect(any.contains('/etc/passwd')).toBe(true);
    expect(await any.containsReal('/proc/self/cwd')).toBe(true);
  });

  it('contains a root and what lies under it, after resolving .., but not a sibling with the same prefix', () => {
    const paths = new AllowedPaths(['/data', '/srv/models/']);
    expect(paths.contains('/data')).toBe(true);
    expect(paths.contains('/data/in/a.jsonl')).toBe(true);
    expect(paths.contains('/srv/models/m/1')).toBe(true);
    expect(paths.contains('/data/../etc/passwd')).toBe(false);
    expect(paths.contains('/database')).toBe(false);
    expect(paths.contains('/srv/models-old')).toBe(false);
  });

  it('follows symbolic links before judging, and judges a missing path as written', async () => {
    const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'presage-allowed-')));
    try {
      const root = path.join(work, 'root');
      fs.mkdirSync(root);
      fs.mkdirSync(path.join(work, 'elsewhere'));
      fs.symlinkSync(path.join(work, 'elsewhere'), path.join(root, 'out'));
      fs.mkdirSync(path.join(root, 'real'));
      fs.symlinkSync(path.join(root, 'real'), path.join(root, 'in'));
      const paths = new AllowedPaths([root]);
      expect(paths.contains(path.join(root, 'out'))).toBe(true);
      expect(await paths.containsReal(path.join(root, 'out'))).toBe(false);
      expect(await paths.containsReal(path.join(root, 'in'))).toBe(true);
      expect(await paths.containsReal(path.join(root, 'missing'))).toBe(true);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('says why a path is refused, naming only the allowed directories', () => {
    expect(new AllowedPaths(['/data', '/models']).refusal('deploymentUri /etc')).toBe(
      'deploymentUri /etc is outside the directories this platform may read and write (PRESAGE_ALLOWED_PATHS: /data:/models). Move the files under one of them, or ask the operator to add a directory.',
    );
  });
});

describe('readAllowedPaths', () => {
  const read = (env: NodeJS.ProcessEnv) => {
    const reader = new EnvReader(env);
    return { paths: readAllowedPaths(reader), problems: reader.problems };
  };

  it('allows only PRESAGE_HOME with auth required and no directory configured', () => {
    expect(read({ PRESAGE_AUTH: 'required', PRESAGE_HOME: '/srv/presage' }).paths).toEqual(
      new AllowedPaths(['/srv/presage']),
    );
    expect(read({ PRESAGE_AUTH: 'required', PRESAGE_ALLOWED_PATHS: '/data' }).paths).toEqual(
      new AllowedPaths(['/data']),
    );
    expect(read({ PRESAGE_AUTH: 'off' }).paths.unrestricted).toBe(true);
  });

  it('reads absolute directories separated by colons', () => {
    expect(read({ PRESAGE_ALLOWED_PATHS: '/data::/models/' })).toEqual({
      paths: new AllowedPaths(['/data', '/models']),
      problems: [],
    });
  });

  it('refuses a relative directory and the variable it replaced, saying what to do', () => {
    expect(read({ PRESAGE_ALLOWED_PATHS: 'data', PRESAGE_BATCH_ALLOWED_PATHS: '/data' }).problems).toEqual([
      'PRESAGE_BATCH_ALLOWED_PATHS was replaced by PRESAGE_ALLOWED_PATHS, which covers versions too: rename it',
      'PRESAGE_ALLOWED_PATHS must list absolute directories, got "data"',
    ]);
  });
});
