import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AllowedPaths } from '@presage/env';
import { downloadModelFiles } from './http-source';
import type { DownloadLimits } from './http-source';
import { badUri, fileFailure, firstLine } from './io-failures';
import { StagingError } from './staging-error';

/** AI Platform's limit on the files of one version. */
const MAX_FILES = 1000;

export interface StagedArtifacts {
  /** `sha256:<hex>` over every file's relative path and content. */
  digest: string;
  /** Where the staged copy lives; never changes once written. */
  dir: string;
}

/** How staging messages name what is staged. */
export interface StageLabel {
  /** The Version field the URI came from. @default 'deploymentUri' */
  field: string;
  /** What the files are. @default 'model files' */
  contents: string;
}

const MODEL_FILES: StageLabel = { field: 'deploymentUri', contents: 'model files' };

export interface ArtifactStoreOptions {
  /** The directory staged copies live in. */
  root: string;
  /** The most the files of one version (or one package) may weigh. */
  maxBytes: number;
  /** The longest an http(s) source may stay silent before an attempt fails (transient). @default 60_000 */
  idleTimeoutMs?: number;
  /** Where local sources may lie, links followed (PRESAGE_ALLOWED_PATHS). @default anywhere */
  allowed?: AllowedPaths;
}

export interface ArtifactStore {
  /**
   * Copies the artifacts at `uri` (a directory: a path, file:// or http(s)) into the store, or finds the
   * identical copy already there. Every failure is a StagingError (transient or not). A local source, and
   * every file it holds once links are followed, must lie under `allowed` (@default the store's own).
   */
  stage(uri: string, label?: StageLabel, allowed?: AllowedPaths): Promise<StagedArtifacts>;
  /** Removes a staged copy (the caller knows no version uses it any more). */
  remove(digest: string): Promise<void>;
  /** The digests of every staged copy. */
  list(): Promise<string[]>;
  /** The limits of a download into the store, for sources staged through it (packages). */
  readonly limits: DownloadLimits;
  /** Where local sources may lie. */
  readonly allowed: AllowedPaths;
}

/**
 * A content-addressed store under `root`: each staged copy is a directory named by its digest, written
 * to a temporary directory first and renamed into place, so a crash never leaves a half copy behind.
 */
export function createArtifactStore(options: ArtifactStoreOptions): ArtifactStore {
  const { root, maxBytes } = options;
  const limits: DownloadLimits = { maxBytes, idleTimeoutMs: options.idleTimeoutMs ?? 60_000 };
  const storeAllowed = options.allowed ?? new AllowedPaths([]);
  const dirOf = (digest: string) => path.join(root, digest.replace(':', '-'));

  return {
    limits,
    allowed: storeAllowed,
    async stage(uri, label = MODEL_FILES, allowed = storeAllowed) {
      let tmp: string | undefined;
      try {
        await fs.mkdir(root, { recursive: true });
        tmp = path.join(root, `.staging-${randomBytes(6).toString('hex')}`);
        await fs.mkdir(tmp);
        if (/^https?:/i.test(uri)) await downloadModelFiles(uri, tmp, { ...limits, field: label.field });
        else
          await copyTree(
            await confined(localPath(uri, label), label, allowed),
            tmp,
            maxBytes,
            label,
            allowed,
          );
        const digest = await digestTree(tmp);
        const dir = dirOf(digest);
        try {
          await fs.rename(tmp, dir);
        } catch (error) {
          // Another version staged the same bytes first: keep that copy.
          if (!isCode(error, 'ENOTEMPTY') && !isCode(error, 'EEXIST')) throw error;
          await fs.rm(tmp, { recursive: true, force: true });
        }
        return { digest, dir };
      } catch (error) {
        if (tmp) await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
        throw fileFailure(error, 'the artifact store under PRESAGE_HOME', 'write to');
      }
    },
    async remove(digest) {
      await fs.rm(dirOf(digest), { recursive: true, force: true });
    },
    async list() {
      const entries = await fs.readdir(root).catch(() => [] as string[]);
      return entries.filter((e) => e.startsWith('sha256-')).map((e) => e.replace('-', ':'));
    },
  };
}

/** The local path of a path or file:// URI; a StagingError saying what to use for any other URI. */
export function localPath(uri: string, label: StageLabel = MODEL_FILES): string {
  const { field } = label;
  if (uri.includes('\0')) throw new StagingError(`${field} holds a NUL character: remove it.`);
  if (/^file:/i.test(uri)) return fileUrlPath(uri, label);
  if (uri.startsWith('/')) return uri;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 's3' || scheme === 'gs') {
    throw new StagingError(
      `${scheme}:// URIs in ${field} need an object store, and none is configured: copy the ${label.contents} to a local path or serve them over https.`,
    );
  }
  throw new StagingError(`Cannot read ${field} "${uri}": use an absolute path, file:// or http(s)://.`);
}

function fileUrlPath(uri: string, { field }: StageLabel): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badUri(field, uri, 'write a local directory as file:///absolute/path.');
  }
  if (url.hostname && url.hostname !== 'localhost') {
    throw new StagingError(
      `${field} ${uri} names the host ${url.hostname}: a file:// URI must name a directory on the deployer's machine (file:///path or file://localhost/path). Serve files on another machine over http(s).`,
    );
  }
  try {
    return fileURLToPath(url);
  } catch (error) {
    throw badUri(field, uri, `${firstLine(error)}.`);
  }
}

/**
 * `local` when it lies under the allowed directories, as written and with its links followed; else a
 * permanent StagingError that names only the allowed directories (nothing is read at a refused path).
 */
export async function confined(local: string, label: StageLabel, allowed: AllowedPaths): Promise<string> {
  const refused = !allowed.contains(local) || !(await allowed.containsReal(local));
  if (refused) throw new StagingError(allowed.refusal(`${label.field} ${local}`));
  return local;
}

async function copyTree(
  source: string,
  target: string,
  maxBytes: number,
  label: StageLabel,
  allowed: AllowedPaths,
): Promise<void> {
  const { field, contents } = label;
  const stat = await fs.stat(source).catch((error: unknown) => {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) {
      throw new StagingError(
        `${field} ${source} does not exist: check the path, or copy the ${contents} there.`,
      );
    }
    throw fileFailure(error, `${field} ${source}`);
  });
  if (!stat.isDirectory()) {
    throw new StagingError(
      `${field} ${source} is a file: point it at the directory that holds the ${contents}.`,
    );
  }
  const files = await listFiles(source, { maxFiles: MAX_FILES, name: `${field} ${source}`, allowed });
  if (files.length === 0) throw new StagingError(`${field} ${source} is empty: put the ${contents} there.`);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > maxBytes)
    throw new StagingError(`The files in ${source} exceed the ${maxBytes}-byte limit of one version.`);
  for (const { file } of files) {
    const where = `${field} ${source}: ${file}`;
    await fs.mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await fs.copyFile(path.join(source, file), path.join(target, file)).catch((error: unknown) => {
      if (!isCode(error, 'ENOENT')) throw fileFailure(error, where, 'copy');
      throw new StagingError(`${where} disappeared while the deployer copied the files.`, {
        transient: true,
        cause: error,
      });
    });
  }
}

interface ListedFile {
  /** Relative to the listed directory. */
  file: string;
  size: number;
}

interface ListOptions {
  /** More files than this fail the listing before it goes on. @default Infinity */
  maxFiles?: number;
  /** How messages name the listed directory. @default the directory */
  name?: string;
  /** Where a symbolic link in the tree may lead. @default anywhere */
  allowed?: AllowedPaths;
}

/**
 * Regular files under `dir`, relative, sorted; symbolic links are followed (a broken one or one back to
 * a directory above it is a StagingError), hidden files skipped.
 */
async function listFiles(dir: string, options: ListOptions = {}): Promise<ListedFile[]> {
  const maxFiles = options.maxFiles ?? Infinity;
  const name = options.name ?? dir;
  const files: ListedFile[] = [];
  const walk = async (prefix: string, ancestors: Set<string>): Promise<void> => {
    const entries = await fs
      .readdir(path.join(dir, prefix), { withFileTypes: true })
      .catch((error: unknown) => {
        throw fileFailure(error, prefix ? `${name}: ${prefix}` : name);
      });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const relative = path.join(prefix, entry.name);
      if (
        entry.isSymbolicLink() &&
        options.allowed &&
        !(await options.allowed.containsReal(path.join(dir, relative)))
      ) {
        throw new StagingError(
          options.allowed.refusal(`${name} holds a symbolic link, ${relative}, that leads somewhere that`),
        );
      }
      const stat = await fs.stat(path.join(dir, relative)).catch((error: unknown) => {
        throw linkFailure(error, entry.isSymbolicLink(), name, relative);
      });
      if (stat.isDirectory()) {
        const id = `${stat.dev}:${stat.ino}`;
        if (ancestors.has(id)) {
          throw new StagingError(
            `${name} holds a symbolic link back to a directory above it, ${relative}: remove the link.`,
          );
        }
        await walk(relative, new Set([...ancestors, id]));
      } else if (stat.isFile()) {
        files.push({ file: relative, size: stat.size });
        if (files.length > maxFiles) {
          throw new StagingError(
            `${name} holds more than ${maxFiles} files; a version may have at most ${maxFiles}.`,
          );
        }
      }
    }
  };
  const top = await fs.stat(dir).catch((error: unknown) => {
    throw fileFailure(error, name);
  });
  await walk('', new Set([`${top.dev}:${top.ino}`]));
  return files;
}

function linkFailure(error: unknown, isLink: boolean, name: string, relative: string): StagingError {
  if (isLink && isCode(error, 'ENOENT')) {
    return new StagingError(
      `${name} holds a broken symbolic link, ${relative}: what it points to does not exist. Remove the link or restore its target.`,
      { cause: error },
    );
  }
  return fileFailure(error, `${name}: ${relative}`);
}

/** The digest of a staged tree: sha256 over `path NUL sha256(content) LF` of every file, in order. */
export async function digestTree(dir: string): Promise<string> {
  const tree = createHash('sha256');
  for (const { file } of await listFiles(dir)) {
    const content = createHash('sha256')
      .update(await fs.readFile(path.join(dir, file)))
      .digest('hex');
    tree.update(`${file.split(path.sep).join('/')}\0${content}\n`);
  }
  return `sha256:${tree.digest('hex')}`;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
