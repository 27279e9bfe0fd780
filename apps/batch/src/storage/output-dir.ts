import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '@presage/errors';

/** The output directory cannot take the job's results; the message says why. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/**
 * Makes sure the job can write its results: creates the directory, refuses one that already holds
 * prediction results (a job never overwrites another's), and writes and removes a probe file.
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const existing = (await readdir(dir)).filter(
      (n) => n.startsWith('prediction.results-') || n.startsWith('prediction.errors_stats-'),
    );
    if (existing.length > 0) {
      throw new OutputError(
        `The output path ${dir} already holds prediction results (${existing[0]}, …): give each job an output path of its own.`,
      );
    }
    const probe = path.join(dir, `.presage-write-check-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`The output path ${dir} cannot be written: ${errorMessage(error)}.`);
  }
}

/**
 * Writes a file atomically and durably: a temporary file written and synced to disk, renamed into place,
 * then the directory synced, so that once this resolves the file is complete even after a power loss
 * (and readers never see it partly written). The directory sync also makes earlier renames into it
 * durable.
 */
export async function writeFileDurably(file: string, content: string): Promise<void> {
  const temp = `${path.join(path.dirname(file), `.${path.basename(file)}`)}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** Makes the entries of `dir` (files renamed into it) durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The names among `names` that are not files in `dir`. */
export async function missingFiles(dir: string, names: readonly string[]): Promise<string[]> {
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  return names.filter((name) => !present.has(name));
}

/** Removes the temporary results files workers left in the output directory (killed mid-shard). */
export async function removeTemporaryResults(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stray = names.filter((n) => n.startsWith('.prediction.results-') && n.endsWith('.tmp'));
  await Promise.all(stray.map((n) => rm(path.join(dir, n), { force: true })));
  return stray.length;
}
