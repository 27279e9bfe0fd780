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

  describe('with certificates for mutual TLS', () => {
    const pemFiles = () => {
      const files = {
        ca: path.join(dir, 'ca.pem'),
        cert: path.join(dir, 'c.pem'),
        key: path.join(dir, 'k.pem'),
      };
      for (const [name, file] of Object.entries(files)) {
        fs.writeFileSync(file, `-----BEGIN ${name}-----\nAAAA\n-----END ${name}-----\n`);
      }
      return {
        PRESAGE_TLS_CA_FILE: files.ca,
        PRESAGE_TLS_CERT_FILE: files.cert,
        PRESAGE_TLS_KEY_FILE: files.key,
      };
    };

    it('carries the three PEM files and passes their variables on to child processes', () => {
      const tls = pemFiles();
      const { credential, problems } = read({ PRESAGE_INTERNAL_CREDENTIAL: SECRET, ...tls });
      expect(problems).toEqual([]);
      expect(credential?.tls?.ca.toString()).toContain('BEGIN ca');
      expect(credential?.tls?.key.toString()).toContain('BEGIN key');
      expect(credential?.environment).toEqual({ PRESAGE_INTERNAL_CREDENTIAL: SECRET, ...tls });
    });

    it('refuses some of the three, certificates without a credential, and a file that is not PEM', () => {
      const tls = pemFiles();
      expect(
        read({ PRESAGE_INTERNAL_CREDENTIAL: SECRET, PRESAGE_TLS_CA_FILE: tls.PRESAGE_TLS_CA_FILE }).problems,
      ).toEqual([
        'mutual TLS needs all of PRESAGE_TLS_CA_FILE, PRESAGE_TLS_CERT_FILE, PRESAGE_TLS_KEY_FILE; only some are set',
      ]);
      expect(read(tls).problems[0]).toContain('are set without an internal credential');
      const reader = new EnvReader(tls);
      expect(readInternalCredential(reader, { secretComesLater: true })).toBeUndefined();
      expect(reader.problems).toEqual([]);
      fs.writeFileSync(tls.PRESAGE_TLS_KEY_FILE, 'not a key');
      expect(read({ PRESAGE_INTERNAL_CREDENTIAL: SECRET, ...tls }).problems).toEqual([
        `PRESAGE_TLS_KEY_FILE names ${tls.PRESAGE_TLS_KEY_FILE}, which holds no PEM block (-----BEGIN …)`,
      ]);
      const missing = { ...tls, PRESAGE_TLS_CA_FILE: path.join(dir, 'absent.pem') };
      expect(read({ PRESAGE_INTERNAL_CREDENTIAL: SECRET, ...missing }).problems[0]).toContain(
        'PRESAGE_TLS_CA_FILE names a file that cannot be read',
      );
    });
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
