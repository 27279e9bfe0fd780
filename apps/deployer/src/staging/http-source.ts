import fs from 'node:fs/promises';
import path from 'node:path';
import { StagingError } from './staging-error';

/** Files Presage looks for under an http(s) directory, which cannot be listed. */
export const HTTP_ARTIFACT_NAMES = ['model.onnx'];
const TIMEOUT_MS = 60_000;

/**
 * Downloads a version's files from http(s): a URL naming a file is fetched as that file; a directory
 * URL is probed for the known artifact names.
 */
export async function downloadModelFiles(uri: string, target: string, maxBytes: number): Promise<void> {
  const url = new URL(uri);
  const last = url.pathname.split('/').pop() ?? '';
  if (last.includes('.')) {
    await download(url, path.join(target, last), maxBytes, true);
    return;
  }
  const base = uri.endsWith('/') ? uri : `${uri}/`;
  let found = 0;
  for (const name of HTTP_ARTIFACT_NAMES) {
    if (await download(new URL(name, base), path.join(target, name), maxBytes, false)) found++;
  }
  if (found === 0) {
    throw new StagingError(
      `No model files at ${uri}: Presage fetches ${HTTP_ARTIFACT_NAMES.join(', ')} from an http(s) directory.`,
    );
  }
}

async function download(url: URL, file: string, maxBytes: number, required: boolean): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new StagingError(`Cannot download ${url.href}: ${(error as Error).message}.`);
  }
  if (response.status === 404 && !required) return false;
  if (!response.ok || !response.body)
    throw new StagingError(`Downloading ${url.href} failed with HTTP ${response.status}.`);
  const handle = await fs.open(file, 'w');
  let size = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes)
        throw new StagingError(`${url.href} exceeds the ${maxBytes}-byte limit of one version.`);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return true;
}
