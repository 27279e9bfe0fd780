import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InternalCredential } from '@presage/env';
import { CliConfigError } from './config';
import { ensureCredentialFile, platformCredential } from './platform-credential';

describe('the platform credential of presage up', () => {
  let home: string;
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-home-'))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('is made at the first start as 64 hex characters readable by this user only, and kept', () => {
    const first = platformCredential(undefined, home);
    const file = path.join(home, 'internal-credential');
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.environment).toEqual({ PRESAGE_INTERNAL_CREDENTIAL_FILE: file });
    expect(platformCredential(undefined, home).secret).toBe(first.secret);
  });

  it('makes a loosened file private again', () => {
    const file = ensureCredentialFile(home);
    fs.chmodSync(file, 0o644);
    ensureCredentialFile(home);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is the configured one when there is one (no file is made)', () => {
    const configured = new InternalCredential('c'.repeat(40), {
      PRESAGE_INTERNAL_CREDENTIAL: 'c'.repeat(40),
    });
    expect(platformCredential(configured, home)).toBe(configured);
    expect(fs.existsSync(path.join(home, 'internal-credential'))).toBe(false);
  });

  it('says how to recover from a file that holds no valid credential', () => {
    fs.writeFileSync(path.join(home, 'internal-credential'), 'short\n', { mode: 0o600 });
    expect(() => platformCredential(undefined, home)).toThrow(CliConfigError);
    expect(() => platformCredential(undefined, home)).toThrow(
      /5 characters long.*\n.*delete .*internal-credential/s,
    );
  });
});
