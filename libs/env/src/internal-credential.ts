import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { inspect } from 'node:util';
import type { EnvReader } from './env-reader';
import { isLoopbackAddress } from './host-port';

/** The variable naming a file that holds the internal credential (a mounted Kubernetes Secret, `presage up`'s). */
export const INTERNAL_CREDENTIAL_FILE_ENV = 'PRESAGE_INTERNAL_CREDENTIAL_FILE';
/** The variable holding the internal credential itself (a Secret through secretKeyRef). */
export const INTERNAL_CREDENTIAL_ENV = 'PRESAGE_INTERNAL_CREDENTIAL';
/** The gRPC metadata key a caller presents the credential in (grpc-kit's clients, telemetry's OTLP push). */
export const INTERNAL_CREDENTIAL_METADATA = 'x-presage-internal-credential';
/** PEM files for mutual TLS on internal ports: the CA that signs every service's certificate, and this one's. */
export const TLS_CA_FILE_ENV = 'PRESAGE_TLS_CA_FILE';
export const TLS_CERT_FILE_ENV = 'PRESAGE_TLS_CERT_FILE';
export const TLS_KEY_FILE_ENV = 'PRESAGE_TLS_KEY_FILE';
const TLS_FILE_ENVS = [TLS_CA_FILE_ENV, TLS_CERT_FILE_ENV, TLS_KEY_FILE_ENV] as const;

/**
 * Mutual TLS between services: each internal server asks for a client certificate signed by `ca` and
 * presents `cert`; each client checks the server's against `ca` and presents its own.
 */
export interface InternalTls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** The shortest credential accepted, in characters after trimming (`openssl rand -hex 32` gives 64). */
export const MIN_INTERNAL_CREDENTIAL_LENGTH = 32;

/** How to give a service a credential, for the problems that ask for one. */
const HOW_TO_SET = `set ${INTERNAL_CREDENTIAL_FILE_ENV} to a file holding a secret of ${MIN_INTERNAL_CREDENTIAL_LENGTH} or more characters (e.g. \`openssl rand -hex 32 > credential\`), or ${INTERNAL_CREDENTIAL_ENV} to the secret, the same for every service of the platform`;

/**
 * The platform's internal credential: the secret every Presage service presents to the others and
 * requires of its callers on internal ports. The secret never appears in logs or JSON (it prints as
 * `[internal credential]`); `matches` compares digests in constant time.
 */
export class InternalCredential {
  private readonly digest: Buffer;

  constructor(
    /** The secret, as sent in INTERNAL_CREDENTIAL_METADATA. */
    readonly secret: string,
    /** The variables that give a child process the same credential (the deployer's predictors). */
    readonly environment: Readonly<Record<string, string>>,
    /** Mutual TLS on internal connections, when certificates are configured. */
    readonly tls?: InternalTls,
  ) {
    this.digest = sha256(secret);
  }

  /** Whether `presented` is the secret; the time taken does not depend on where they differ. */
  matches(presented: string | undefined): boolean {
    return presented !== undefined && timingSafeEqual(sha256(presented), this.digest);
  }

  toJSON(): string {
    return '[internal credential]';
  }

  [inspect.custom](): string {
    return '[internal credential]';
  }
}

/**
 * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL (not both), trimmed; undefined when
 * neither is set (the service neither sends nor requires one, as before there was one). With
 * PRESAGE_TLS_CA_FILE, PRESAGE_TLS_CERT_FILE and PRESAGE_TLS_KEY_FILE (all three, PEM), the credential
 * also carries their contents for mutual TLS, and its `environment` passes them on.
 */
export function readInternalCredential(
  reader: EnvReader,
  options: {
    /** `presage up` makes the secret itself: certificates without one are not a problem for it. */
    secretComesLater?: boolean;
  } = {},
): InternalCredential | undefined {
  const credential = readSecret(reader);
  const tlsFiles = TLS_FILE_ENVS.map((name) => reader.optionalText(name));
  if (tlsFiles.every((file) => file === undefined)) return credential;
  if (tlsFiles.some((file) => file === undefined)) {
    reader.problem(`mutual TLS needs all of ${TLS_FILE_ENVS.join(', ')}; only some are set`);
    return credential;
  }
  if (!credential) {
    if (options.secretComesLater) return undefined;
    reader.problem(
      `${TLS_FILE_ENVS.join(', ')} are set without an internal credential: mutual TLS comes on top of it; ${HOW_TO_SET}`,
    );
    return undefined;
  }
  const [ca, cert, key] = TLS_FILE_ENVS.map((name, i) => readPem(reader, name, tlsFiles[i]!));
  if (!ca || !cert || !key) return credential;
  const environment = Object.fromEntries(TLS_FILE_ENVS.map((name, i) => [name, tlsFiles[i]!]));
  return new InternalCredential(
    credential.secret,
    { ...credential.environment, ...environment },
    {
      ca,
      cert,
      key,
    },
  );
}

function readPem(reader: EnvReader, variable: string, file: string): Buffer | undefined {
  try {
    const pem = fs.readFileSync(file);
    if (pem.includes('-----BEGIN ')) return pem;
    reader.problem(`${variable} names ${file}, which holds no PEM block (-----BEGIN …)`);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    reader.problem(`${variable} names a file that cannot be read (${file}: ${reason})`);
  }
  return undefined;
}

function readSecret(reader: EnvReader): InternalCredential | undefined {
  const file = reader.optionalText(INTERNAL_CREDENTIAL_FILE_ENV);
  const value = reader.optionalText(INTERNAL_CREDENTIAL_ENV);
  if (file !== undefined && value !== undefined) {
    reader.problem(
      `${INTERNAL_CREDENTIAL_FILE_ENV} and ${INTERNAL_CREDENTIAL_ENV} are both set: set one of them`,
    );
    return undefined;
  }
  if (file !== undefined) {
    const secret = readCredentialFile(reader, file);
    return secret === undefined
      ? undefined
      : checkedCredential(reader, secret, `the file ${INTERNAL_CREDENTIAL_FILE_ENV} names (${file})`, {
          [INTERNAL_CREDENTIAL_FILE_ENV]: file,
        });
  }
  if (value === undefined) return undefined;
  return checkedCredential(reader, value.trim(), INTERNAL_CREDENTIAL_ENV, {
    [INTERNAL_CREDENTIAL_ENV]: value,
  });
}

/**
 * Records a problem when an internal service would listen on a network address (`variable`'s value
 * `address` is not loopback) with no credential: anyone who reached the port would own the platform.
 */
export function checkInternalListener(
  reader: EnvReader,
  variable: string,
  address: string,
  credential: InternalCredential | undefined,
): void {
  if (credential !== undefined || isLoopbackAddress(address)) return;
  reader.problem(
    `${variable} (${address}) is reachable from other machines, and no internal credential is set: anyone reaching it could control the platform. To require one, ${HOW_TO_SET}; or listen on 127.0.0.1`,
  );
}

function readCredentialFile(reader: EnvReader, file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    reader.problem(`${INTERNAL_CREDENTIAL_FILE_ENV} names a file that cannot be read (${file}: ${reason})`);
    return undefined;
  }
}

function checkedCredential(
  reader: EnvReader,
  secret: string,
  where: string,
  environment: Record<string, string>,
): InternalCredential | undefined {
  if (secret.length >= MIN_INTERNAL_CREDENTIAL_LENGTH) return new InternalCredential(secret, environment);
  reader.problem(
    `the internal credential in ${where} is ${secret.length} characters long: it must have at least ${MIN_INTERNAL_CREDENTIAL_LENGTH} (e.g. \`openssl rand -hex 32\`)`,
  );
  return undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
