import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Inputs larger than this in all are not counted (the bar shows instances done without a total). */
const MAX_COUNTED_BYTES = 1024 ** 3;

/**
 * How many instances a batch job's inputs hold, counted here as the batch service will split them:
 * non-blank lines of JSON and TEXT files, records of TF_RECORD files, gzip recognised by its content.
 * Undefined when the paths are not readable from this machine (a remote platform), the format is
 * another, or the files are too large to count quickly: the job's message has no total of its own.
 */
export function countInputInstances(inputPaths: readonly string[], dataFormat: string): number | undefined {
  if (!['JSON', 'TEXT', 'TF_RECORD', 'TF_RECORD_GZIP'].includes(dataFormat)) return undefined;
  try {
    const files = inputPaths.flatMap((input) => expandWildcards(input.replace(/^file:\/\//, '')));
    if (files.length === 0) return undefined;
    const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
    if (bytes > MAX_COUNTED_BYTES) return undefined;
    let total = 0;
    for (const file of files) {
      let data = fs.readFileSync(file);
      if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
      total += dataFormat.startsWith('TF_RECORD') ? recordCount(data) : lineCount(data);
    }
    return total;
  } catch {
    return undefined;
  }
}

/** The files an absolute path with `*` wildcards (in any segment) names, in order. */
export function expandWildcards(pattern: string): string[] {
  if (!path.isAbsolute(pattern)) return [];
  let matches = ['/'];
  for (const segment of pattern.split('/').filter(Boolean)) {
    if (!segment.includes('*')) {
      matches = matches.map((dir) => path.join(dir, segment)).filter((p) => fs.existsSync(p));
      continue;
    }
    const regex = new RegExp(`^${segment.split('*').map(escapeRegex).join('.*')}$`);
    matches = matches.flatMap((dir) =>
      isDirectory(dir)
        ? fs
            .readdirSync(dir)
            .filter((name) => regex.test(name))
            .sort()
            .map((name) => path.join(dir, name))
        : [],
    );
  }
  return matches.filter((file) => fs.statSync(file).isFile());
}

function isDirectory(dir: string): boolean {
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function lineCount(data: Buffer): number {
  return data
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '').length;
}

/** TFRecord framing: uint64 length, uint32 CRC, data, uint32 CRC. */
function recordCount(data: Buffer): number {
  let count = 0;
  for (let offset = 0; offset + 12 <= data.length; count++)
    offset += 16 + Number(data.readBigUInt64LE(offset));
  return count;
}
