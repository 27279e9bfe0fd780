import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AllowedPaths } from '@presage/env';
import type { ArtifactStore, StageLabel, StagedArtifacts } from './artifact-store';
import { confined, localPath } from './artifact-store';
import { downloadModelFiles, parseHttpUri } from './http-source';
import type { DownloadLimits } from './http-source';
import { fileFailure, firstLine } from './io-failures';
import { StagingError } from './staging-error';

const PACKAGE: StageLabel = { field: 'packageUris', contents: "prediction routine's JavaScript files" };
const TARBALL = /\.(tar\.gz|tgz)$/i;
const HTTP = /^https?:/i;
const run = promisify(execFile);
const EXTRACT_TIMEOUT_MS = 120_000;

/**
 * Stages one of a version's packageUris into `store`: a directory (path or file://) is copied as it is;
 * a .tar.gz or .tgz (path, file:// or http(s)) is extracted with the system `tar` and staged as it is
 * (module paths in predictionClass are relative to the tarball's root, so `npm pack`'s are `package/…`).
 */
export async function stagePackage(store: ArtifactStore, uri: string): Promise<StagedArtifacts> {
  const url = HTTP.test(uri) ? parseHttpUri(uri, PACKAGE.field) : undefined;
  if (!TARBALL.test(url ? url.pathname : uri)) {
    if (url) {
      throw new StagingError(
        `packageUris ${uri} is not a tarball: over http(s) a package must be a .tar.gz or .tgz file.`,
      );
    }
    return store.stage(uri, PACKAGE);
  }
  const tarball = url ? undefined : await confined(localPath(uri, PACKAGE), PACKAGE, store.allowed);
  let work: string | undefined;
  try {
    work = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'presage-package-')));
    const file = url ? await download(url, work, store.limits) : tarball!;
    const stat = await fs.stat(file).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw fileFailure(error, `packageUris ${uri}`);
    });
    if (!stat?.isFile()) {
      throw new StagingError(`packageUris ${uri} does not exist: check the path of the tarball.`);
    }
    const extracted = path.join(work, 'extracted');
    await fs.mkdir(extracted);
    await extract(file, extracted, uri);
    // Where the platform is confined, a link in the package may lead only within the package.
    const within = store.allowed.unrestricted ? store.allowed : new AllowedPaths([extracted]);
    try {
      return await store.stage(extracted, PACKAGE, within);
    } catch (error) {
      // Name the tarball the user gave, not the temporary directory it was extracted to.
      if (!(error instanceof StagingError)) throw error;
      throw new StagingError(error.message.replaceAll(extracted, uri), {
        transient: error.transient,
        cause: error,
      });
    }
  } catch (error) {
    throw fileFailure(error, 'a temporary directory of the deployer', 'write to');
  } finally {
    if (work) await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function download(url: URL, work: string, limits: DownloadLimits): Promise<string> {
  const target = path.join(work, 'download');
  await fs.mkdir(target);
  await downloadModelFiles(url.href, target, { ...limits, field: PACKAGE.field });
  return path.join(target, path.posix.basename(url.pathname));
}

async function extract(tarball: string, target: string, uri: string): Promise<void> {
  try {
    await run('tar', ['-xzf', tarball, '-C', target, '--no-same-owner'], { timeout: EXTRACT_TIMEOUT_MS });
  } catch (error) {
    const { code, stderr, killed } = error as { code?: unknown; stderr?: string; killed?: boolean };
    if (code === 'ENOENT') {
      throw new StagingError(
        `Cannot extract packageUris ${uri}: the deployer needs the system tar command; install it, or give a directory instead.`,
      );
    }
    if (killed) {
      throw new StagingError(
        `Extracting packageUris ${uri} took longer than ${EXTRACT_TIMEOUT_MS / 1000} s: make the package smaller, or give a directory instead.`,
      );
    }
    const reason = (stderr ?? '').trim().split('\n')[0] || firstLine(error);
    throw new StagingError(
      `packageUris ${uri} is not a readable .tar.gz (${reason}): create it with "tar -czf package.tar.gz -C <dir> ." or give the directory.`,
    );
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
