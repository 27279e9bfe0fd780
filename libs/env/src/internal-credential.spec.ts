import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { EnvReader } from './env-reader';
import { checkInternalListener, readInternalCredential } from './internal-credential';

const SECRET = 'a'.repeat(64);

function read(env: NodeJS.ProcessEnv) {
  const reader = new EnvReader(env);
  return { credential: readInternalCredential(reader), problems: reader.problems };
}

describe('readInternalCredential', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-credential-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is undefined when neither variable is set', () => {
    expect(read({})).toEqual({ credential: undefined, problems: [] });
  });

  it('reads the file PRESAGE_INTERNAL_CREDENTIAL_FILE names, trimmed, and passes the file on', () => {
    const file = path.join(dir, 'credential');
    fs.writeFileSync(file, `${SECRET}\n`);
    const { credential, problems } = read({ PRESAGE_INTERNAL_CREDENTIAL_FILE: file });
    expect(problems).toEqual([]);
    expect(credential?.secret).toBe(SECRET);
    expect(credential?.environment).toEqual({ PRESAGE_INTERNAL_CREDENTIAL_FILE: file });
  });

  it('reads PRESAGE_INTERNAL_CREDENTIAL', () => {
    const { credential } = read({ PRESAGE_INTERNAL_CREDENTIAL: ` ${SECRET} ` });
    expect(credential?.secret).toBe(SECRET);
    expect(credential?.environment).toEqual({ PRESAGE_INTERNAL_CREDENTIAL: ` ${SECRET} ` });
  });

  it('refuses both variables, a short secret and a missing file', () => {
    const file = path.join(dir, 'credential');
    fs.writeFileSync(file, SECRET);
    expect(
      read({ PRESAGE_INTERNAL_CREDENTIAL_FILE: file, PRESAGE_INTERNAL_CREDENTIAL: SECRET }).problems,
    ).toEqual([
      'PRESAGE_INTERNAL_CREDENTIAL_FILE and PRESAGE_INTERNAL_CREDENTIAL are both set: set one of them',
    ]);
    expect(read({ PRESAGE_INTERNAL_CREDENTIAL: ` ${'x'.repeat(31)}\n` }).problems).toEqual([
      'the internal credential in PRESAGE_INTERNAL_CREDENTIAL is 31 characters long: it must have at least 32 (e.g. `openssl rand -hex 32`)',
    ]);
    const missing = path.join(dir, 'missing');
    expect(read({ PRESAGE_INTERNAL_CREDENTIAL_FILE: missing }).problems).toEqual([
      `PRESAGE_INTERNAL_CREDENTIAL_FILE names a file that cannot be read (${missing}: ENOENT)`,
    ]);
  });

  it('matches the secret only, and never prints it', () => {
    const { credential } = read({ PRESAGE_INTERNAL_CREDENTIAL: SECRET });
    expect(credential?.matches(SECRET)).toBe(true);
    expect(credential?.matches(`${SECRET}b`)).toBe(false);
    expect(credential?.matches('')).toBe(false);
    expect(credential?.matches(undefined)).toBe(false);
    expect(JSON.stringify({ credential })).not.toContain(SECRET);
    expect(inspect({ credential })).not.toContain(SECRET);
  });
});

describe('checkInternalListener', () => {
  const problemsOf = (address: string, withCredential: boolean): string[] => {
    const reader = new EnvReader({ PRESAGE_INTERNAL_CREDENTIAL: SECRET });
    const credential = withCredential ? readInternalCredential(reader) : undefined;
    checkInternalListener(reader, 'PRESAGE_REGISTRY_ADDRESS', address, credential);
    return reader.problems;
  };

  it('lets a loopback address go without a credential', () => {
    for (const address of ['127.0.0.1:8091', 'localhost:0', '[::1]:8091'])
      expect(problemsOf(address, false)).toEqual([]);
  });

  it('refuses a network address without a credential, saying how to set one', () => {
    const [problem] = problemsOf('0.0.0.0:8091', false);
    expect(problem).toMatch(/^PRESAGE_REGISTRY_ADDRESS \(0\.0\.0\.0:8091\) is reachable from other machines/);
    expect(problem).toContain('PRESAGE_INTERNAL_CREDENTIAL_FILE');
    expect(problemsOf('[::]:8091', false)).toHaveLength(1);
  });

  it('lets a network address go with a credential', () => {
    expect(problemsOf('0.0.0.0:8091', true)).toEqual([]);
  });
});
