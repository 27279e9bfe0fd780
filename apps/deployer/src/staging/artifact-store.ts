import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadModelFiles } from './http-source';
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

export interface ArtifactStore {
  /**
   * Copies the artifacts at `uri` (a directory: a path, file:// or http(s)) into the store, or finds the
   * identical copy already there.
   */
  stage(uri: string, label?: StageLabel): Promise<StagedArtifacts>;
  /** Removes a staged copy (the caller knows no version uses it any more). */
  remove(digest: string): Promise<void>;
  /** The digests of every staged copy. */
  list(): Promise<string[]>;
}

/**
 * A content-addressed store under `root`: each staged copy is a directory named by its digest, written
 * to a temporary directory first and renamed into place, so a crash never leaves a half copy behind.
 */
export function createArtifactStore(root: string, maxBytes: number): ArtifactStore {
  const dirOf = (digest: string) => path.join(root, digest.replace(':', '-'));

  return {
    async stage(uri, label = MODEL_FILES) {
      await fs.mkdir(root, { recursive: true });
      const tmp = path.join(root, `.staging-${randomBytes(6).toString('hex')}`);
      try {
        await fs.mkdir(tmp);
        if (/^https?:\/\//i.test(uri)) await downloadModelFiles(uri, tmp, maxBytes);
        else await copyTree(localPath(uri, label), tmp, maxBytes, label);
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
        await fs.rm(tmp, { recursive: true, force: true });
        throw error;
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

/** The local path of a path or file:// URI; a StagingError saying what to use for any other scheme. */
export function localPath(uri: string, label: StageLabel = MODEL_FILES): string {
  if (uri.startsWith('file://')) return fileURLToPath(uri);
  if (uri.startsWith('/')) return uri;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
  if (scheme === 's3' || scheme === 'gs') {
    throw new StagingError(
      `${scheme}:// URIs in ${label.field} need an object store, and none is configured: copy the ${label.contents} to a local path or serve them over https.`,
    );
  }
  throw new StagingError(`Cannot read ${label.field} "${uri}": use an absolute path, file:// or http(s)://.`);
}

async function copyTree(source: string, target: string, maxBytes: number, label: StageLabel): Promise<void> {
  const { field, contents } = label;
  const stat = await fs.stat(source).catch(() => undefined);
  if (!stat)
    throw new StagingError(
      `${field} ${source} does not exist: check the path, or copy the ${contents} there.`,
    );
  if (!stat.isDirectory()) {
    throw new StagingError(
      `${field} ${source} is a file: point it at the directory that holds the ${contents}.`,
    );
  }
  const files = await listFiles(source);
  if (files.length === 0) throw new StagingError(`${field} ${source} is empty: put the ${contents} there.`);
  if (files.length > MAX_FILES) {
    throw new StagingError(
      `${field} ${source} holds ${files.length} files; a version may have at most ${MAX_FILES}.`,
    );
  }
  let total = 0;
  for (const file of files) {
    total += (await fs.stat(path.join(source, file))).size;
    if (total > maxBytes)
      throw new StagingError(`The files in ${source} exceed the ${maxBytes}-byte limit of one version.`);
    await fs.mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await fs.copyFile(path.join(source, file), path.join(target, file));
  }
}

/** Regular files under `dir`, relative, sorted; symbolic links are followed once, hidden files skipped. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const relative = path.join(prefix, entry.name);
    const stat = await fs.stat(path.join(dir, relative));
    if (stat.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (stat.isFile()) files.push(relative);
  }
  return files;
}

/** The digest of a staged tree: sha256 over `path NUL sha256(content) LF` of every file, in order. */
export async function digestTree(dir: string): Promise<string> {
  const tree = createHash('sha256');
  for (const file of await listFiles(dir)) {
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
