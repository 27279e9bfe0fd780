import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { badUri, fetchFailure, fileFailure, isTransientStatus } from './io-failures';
import { StagingError } from './staging-error';

/** Files Presage looks for under an http(s) directory, which cannot be listed. */
export const HTTP_ARTIFACT_NAMES = ['model.onnx'];

export interface DownloadLimits {
  /** The most one downloaded file may weigh. */
  maxBytes: number;
  /** The longest a server may stay silent, before it answers and between two chunks of the body. */
  idleTimeoutMs: number;
  /** The Version field the URI came from, for messages. @default 'deploymentUri' */
  field?: string;
}

/** An http(s) URI as a URL, or a StagingError that says how to write it. */
export function parseHttpUri(uri: string, field = 'deploymentUri'): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badUri(
      field,
      uri,
      'check the host and port (an IPv6 address goes in brackets, as in http://[::1]:8000/models/m/).',
    );
  }
  if (!url.hostname) throw badUri(field, uri, 'it names no host.');
  return url;
}

/**
 * Downloads a version's files from http(s): a URL naming a file is fetched as that file; a directory
 * URL is probed for the known artifact names. Every failure is a StagingError; connection failures,
 * timeouts and HTTP 5xx are transient.
 */
export async function downloadModelFiles(uri: string, target: string, limits: DownloadLimits): Promise<void> {
  const url = parseHttpUri(uri, limits.field);
  const last = url.pathname.split('/').pop() ?? '';
  if (last.includes('.')) {
    await download(url, path.join(target, last), limits, true);
    return;
  }
  const base = new URL(url.href.endsWith('/') ? url.href : `${url.href}/`);
  let found = 0;
  for (const name of HTTP_ARTIFACT_NAMES) {
    if (await download(new URL(name, base), path.join(target, name), limits, false)) found++;
  }
  if (found === 0) {
    throw new StagingError(
      `No model files at ${uri}: Presage fetches ${HTTP_ARTIFACT_NAMES.join(', ')} from an http(s) directory.`,
    );
  }
}

/** Fetches `url` into `file`; false when it is absent (404) and not `required`. */
async function download(url: URL, file: string, limits: DownloadLimits, required: boolean): Promise<boolean> {
  const silence = new StagingError(
    `Cannot download ${url.href}: the server sent nothing for ${limits.idleTimeoutMs / 1000} s.`,
    { transient: true },
  );
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(silence), limits.idleTimeoutMs);
  const stillAlive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(silence), limits.idleTimeoutMs);
  };
  const failure = (error: unknown) => (controller.signal.aborted ? silence : fetchFailure(error, url));
  try {
    const response = await fetch(url, { signal: controller.signal }).catch((error: unknown) => {
      throw failure(error);
    });
    if (response.status === 404 && !required) {
      await response.body?.cancel().catch(() => undefined);
      return false;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw statusFailure(url, response.status);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > limits.maxBytes) throw tooLarge(url, limits.maxBytes);
    const handle = await fs.open(file, 'w').catch((error: unknown) => {
      throw fileFailure(error, 'the staging directory', 'write to');
    });
    try {
      await copyBody(response.body, handle, url, limits, stillAlive, failure);
    } finally {
      await handle.close();
    }
    return true;
  } finally {
    clearTimeout(timer);
  }
}

async function copyBody(
  body: ReadableStream<Uint8Array>,
  handle: FileHandle,
  url: URL,
  limits: DownloadLimits,
  stillAlive: () => void,
  failure: (error: unknown) => StagingError,
): Promise<void> {
  let size = 0;
  const chunks = (body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  for (;;) {
    const next = await chunks.next().catch((error: unknown) => {
      throw failure(error);
    });
    if (next.done) return;
    stillAlive();
    size += next.value.length;
    if (size > limits.maxBytes) {
      await chunks.return?.();
      throw tooLarge(url, limits.maxBytes);
    }
    await handle.write(next.value).catch((error: unknown) => {
      throw fileFailure(error, 'the staging directory', 'write to');
    });
  }
}

function statusFailure(url: URL, status: number): StagingError {
  if (isTransientStatus(status)) {
    return new StagingError(`Downloading ${url.href} failed with HTTP ${status}.`, { transient: true });
  }
  if (status === 401 || status === 403) {
    return new StagingError(
      `Downloading ${url.href} failed with HTTP ${status}: the deployer sends no credentials, so the server must serve the files without them.`,
    );
  }
  if (status === 404) {
    return new StagingError(`Downloading ${url.href} failed with HTTP 404: nothing is there; check the URL.`);
  }
  return new StagingError(`Downloading ${url.href} failed with HTTP ${status}.`);
}

function tooLarge(url: URL, maxBytes: number): StagingError {
  return new StagingError(`${url.href} exceeds the ${maxBytes}-byte limit of one version.`);
}
