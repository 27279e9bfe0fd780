import { errorMessage } from '@presage/errors';
import { StagingError } from './staging-error';

/** errno codes that say the deployer is short of something for now: the attempt is retried. */
const TRANSIENT_FS: Record<string, string> = {
  EMFILE: 'the deployer has too many files open (EMFILE)',
  ENFILE: 'the machine has too many files open (ENFILE)',
  EAGAIN: 'the file system asked to try again (EAGAIN)',
  EBUSY: 'the file is busy (EBUSY)',
  EINTR: 'reading was interrupted (EINTR)',
  ENOMEM: 'the deployer is out of memory (ENOMEM)',
  EIO: 'the disk reported an I/O error (EIO)',
  ESTALE: 'the network file system lost the file handle (ESTALE)',
  ETIMEDOUT: 'the file system timed out (ETIMEDOUT)',
};

/** errno codes that come from the deployer's own disk, where the staged copy is written. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/**
 * A file system error while reading `where` (a path the user gave, or a file inside it) as a
 * StagingError whose message says what to do; `verb` names the operation ("read", "copy").
 */
export function fileFailure(error: unknown, where: string, verb = 'read'): StagingError {
  if (error instanceof StagingError) return error;
  const code = errorCode(error);
  const permanent = (message: string) => new StagingError(message, { cause: error });
  switch (code) {
    case 'ENOENT':
      return permanent(`${where} does not exist (it disappeared while the deployer read it).`);
    case 'EACCES':
    case 'EPERM':
      return permanent(
        `The deployer cannot ${verb} ${where}: permission denied. Make it readable by the user the deployer runs as.`,
      );
    case 'ELOOP':
      return permanent(`${where} is a loop of symbolic links: point the links at real files.`);
    case 'ENAMETOOLONG':
      return permanent(`${where} has a path too long for the file system.`);
    case 'ENOTDIR':
      return permanent(`${where} is not a directory where one was expected.`);
  }
  if (code && DISK_FULL.has(code)) {
    return new StagingError(
      `The deployer's disk is full (${code}) while copying ${where}: free space where PRESAGE_HOME is.`,
      { transient: true, cause: error },
    );
  }
  const reason = (code && TRANSIENT_FS[code]) ?? `${code ?? 'error'}: ${firstLine(error)}`;
  return new StagingError(`The deployer could not ${verb} ${where}: ${reason}.`, {
    transient: true,
    cause: error,
  });
}

/** Connection errors that may go away: the attempt is retried. */
const TRANSIENT_NET: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'connecting timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EHOSTDOWN: 'the host is down',
  EAI_AGAIN: 'the DNS lookup failed for now',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server sent no answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending',
};

/** A failure of `fetch` (before or while reading the body) as a StagingError. */
export function fetchFailure(error: unknown, url: URL): StagingError {
  if (error instanceof StagingError) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const code = errorCode(cause) ?? errorCode(error);
  if (code === 'ENOTFOUND') {
    return new StagingError(
      `Cannot download ${url.href}: the host ${url.hostname} does not resolve. Check the host name.`,
      { cause: error },
    );
  }
  if (code?.startsWith('CERT_') || code?.includes('CERT') || code?.startsWith('ERR_TLS')) {
    return new StagingError(
      `Cannot download ${url.href}: the TLS certificate of ${url.host} is not trusted (${code}).`,
      { cause: error },
    );
  }
  if (firstLine(cause) === 'bad port') {
    return new StagingError(
      `Cannot download ${url.href}: port ${url.port} is one HTTP clients refuse to use; serve the files on another port.`,
      { cause: error },
    );
  }
  const reason = (code && TRANSIENT_NET[code]) ?? firstLine(cause ?? error);
  return new StagingError(`Cannot download ${url.href}: ${reason}.`, { transient: true, cause: error });
}

/** Statuses worth asking again for: the server is busy or failing for now. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

/** An unparseable URI as a StagingError naming the field. */
export function badUri(field: string, uri: string, hint: string): StagingError {
  return new StagingError(`${field} "${uri}" is not a valid URI: ${hint}`);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The first line of an error's message: no stack trace, no multi-line dumps. */
export function firstLine(error: unknown): string {
  const message = errorMessage(error);
  const line = message.split('\n')[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
