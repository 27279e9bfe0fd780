import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ArtifactStore, StageLabel, StagedArtifacts } from './artifact-store';
import { localPath } from './artifact-store';
import { downloadModelFiles } from './http-source';
import { StagingError } from './staging-error';

const PACKAGE: StageLabel = { field: 'packageUris', contents: "prediction routine's JavaScript files" };
const TARBALL = /\.(tar\.gz|tgz)$/i;
const HTTP = /^https?:\/\//i;
const run = promisify(execFile);

/**
 * Stages one of a version's packageUris into `store`: a directory (path or file://) is copied as it is;
 * a .tar.gz or .tgz (path, file:// or http(s)) is extracted with the system `tar` and staged as it is
 * (module paths in predictionClass are relative to the tarball's root, so `npm pack`'s are `package/…`).
 */
export async function stagePackage(
  store: ArtifactStore,
  uri: string,
  maxBytes: number,
): Promise<StagedArtifacts> {
  const isHttp = HTTP.test(uri);
  if (!TARBALL.test(isHttp ? new URL(uri).pathname : uri)) {
    if (isHttp) {
      throw new StagingError(
        `packageUris ${uri} is not a tarball: over http(s) a package must be a .tar.gz or .tgz file.`,
      );
    }
    return store.stage(uri, PACKAGE);
  }
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'presage-package-'));
  try {
    const tarball = isHttp ? await download(uri, work, maxBytes) : localPath(uri, PACKAGE);
    if (!(await fs.stat(tarball).catch(() => undefined))?.isFile()) {
      throw new StagingError(`packageUris ${uri} does not exist: check the path of the tarball.`);
    }
    const extracted = path.join(work, 'extracted');
    await fs.mkdir(extracted);
    await extract(tarball, extracted, uri);
    try {
      return await store.stage(extracted, PACKAGE);
    } catch (error) {
      // Name the tarball the user gave, not the temporary directory it was extracted to.
      if (error instanceof StagingError) throw new StagingError(error.message.replaceAll(extracted, uri));
      throw error;
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function download(uri: string, work: string, maxBytes: number): Promise<string> {
  const target = path.join(work, 'download');
  await fs.mkdir(target);
  await downloadModelFiles(uri, target, maxBytes);
  return path.join(target, path.posix.basename(new URL(uri).pathname));
}

async function extract(tarball: string, target: string, uri: string): Promise<void> {
  try {
    await run('tar', ['-xzf', tarball, '-C', target, '--no-same-owner'], { timeout: 120_000 });
  } catch (error) {
    const { code, stderr } = error as { code?: unknown; stderr?: string };
    if (code === 'ENOENT') {
      throw new StagingError(
        `Cannot extract packageUris ${uri}: the deployer needs the system tar command; install it, or give a directory instead.`,
      );
    }
    const reason = (stderr ?? '').trim().split('\n')[0] || (error as Error).message;
    throw new StagingError(
      `packageUris ${uri} is not a readable .tar.gz (${reason}): create it with "tar -czf package.tar.gz -C <dir> ." or give the directory.`,
    );
  }
}
