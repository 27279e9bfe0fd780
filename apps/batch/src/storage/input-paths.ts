import { access, constants, lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '@presage/errors';

/** A job's input problem, told to the user as the job's errorMessage. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * The files `inputPaths` name, sorted and without duplicates. A `*` matches any run of characters
 * but `/` (and no leading dot) in its path segment, in any segment. Every pattern must match at least
 * one readable file.
 */
export async function expandInputPaths(patterns: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const [index, pattern] of patterns.entries()) {
    const matched = pattern.includes('*') ? await expandPattern(pattern) : await plainFile(pattern, index);
    if (matched.length === 0) {
      throw new InputError(`No file matches inputPaths[${index}] "${pattern}".`);
    }
    for (const file of matched) files.add(file);
  }
  const sorted = [...files].sort();
  for (const file of sorted) {
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      throw new InputError(`The input file ${file} cannot be read: ${errorMessage(error)}.`);
    }
  }
  return sorted;
}

async function plainFile(file: string, index: number): Promise<string[]> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new InputError(
        `inputPaths[${index}] "${file}" is a directory: name its files, e.g. "${path.join(file, '*')}".`,
      );
    }
    return [file];
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (isCode(error, 'ENOENT')) return [];
    throw new InputError(`The input file ${file} cannot be read: ${errorMessage(error)}.`);
  }
}

async function expandPattern(pattern: string): Promise<string[]> {
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let candidates = ['/'];
  for (const [i, segment] of segments.slice(1).entries()) {
    const last = i === segments.length - 2;
    const next: string[] = [];
    for (const dir of candidates) {
      if (!segment.includes('*')) {
        next.push(path.join(dir, segment));
        continue;
      }
      const matcher = globSegment(segment);
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) continue;
        throw new InputError(`The directory ${dir} cannot be read: ${errorMessage(error)}.`);
      }
      for (const entry of entries) {
        if (!matcher.test(entry.name)) continue;
        if (last ? entry.isDirectory() : !entry.isDirectory() && !entry.isSymbolicLink()) continue;
        next.push(path.join(dir, entry.name));
      }
    }
    candidates = next;
  }
  const files: string[] = [];
  for (const candidate of candidates) {
    if (!(await lstat(candidate).catch(() => undefined))) continue;
    const info = await stat(candidate).catch(() => undefined);
    // A dangling link still matched: it is reported as unreadable rather than skipped silently.
    if (!info || info.isFile()) files.push(candidate);
  }
  return files;
}

function globSegment(segment: string): RegExp {
  const body = segment
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^(?!\\.)${body}$`);
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
