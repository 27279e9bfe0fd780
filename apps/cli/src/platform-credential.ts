import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  EnvReader,
  INTERNAL_CREDENTIAL_FILE_ENV,
  TLS_CA_FILE_ENV,
  TLS_CERT_FILE_ENV,
  TLS_KEY_FILE_ENV,
  readInternalCredential,
} from '@presage/env';
import type { InternalCredential } from '@presage/env';
import { CliConfigError } from './config';

/** The file in PRESAGE_HOME holding the credential `presage up` made. */
export const CREDENTIAL_FILE_NAME = 'internal-credential';

/**
 * The internal credential of the platform `presage up` runs: the one configured
 * (PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL, which the services inherit), else
 * `$PRESAGE_HOME/internal-credential`, made at the first start and kept (replicas a previous deployer
 * left keep serving with it). Throws a CliConfigError when that file no longer holds a valid one.
 */
export function platformCredential(
  configured: InternalCredential | undefined,
  home: string,
  env: NodeJS.ProcessEnv = process.env,
): InternalCredential {
  if (configured) return configured;
  const file = ensureCredentialFile(home);
  // With the certificates the services inherit, for mutual TLS.
  const tls: NodeJS.ProcessEnv = {};
  for (const name of [TLS_CA_FILE_ENV, TLS_CERT_FILE_ENV, TLS_KEY_FILE_ENV]) tls[name] = env[name];
  const reader = new EnvReader({ ...tls, [INTERNAL_CREDENTIAL_FILE_ENV]: file });
  const credential = readInternalCredential(reader);
  if (!credential) throw new CliConfigError([...reader.problems, `delete ${file} to have a new one made`]);
  return credential;
}

/**
 * `$PRESAGE_HOME/internal-credential`: 32 random bytes as hex, readable by this user only. An existing
 * file is kept (and made private again if its mode was loosened).
 */
export function ensureCredentialFile(home: string): string {
  const file = path.join(home, CREDENTIAL_FILE_NAME);
  try {
    // `wx`: never overwrite, even when two `presage up` start at once.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  }
  return file;
}
