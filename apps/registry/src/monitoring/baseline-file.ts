import fs from 'node:fs';
import readline from 'node:readline';
import type { AllowedPaths } from '@presage/env';
import { localPathOf } from '../domain/local-path';
import { featureValues } from './feature-values';
import type { FeatureValue } from './feature-values';

/** Baseline instances kept; a larger file is sampled down to this many (reservoir sampling). */
export const MAX_BASELINE_INSTANCES = 100_000;
/** The largest baseline file read. */
export const MAX_BASELINE_BYTES = 512 * 1024 * 1024;

/** Why a baseline file cannot be used, in words for a field violation. */
export class BaselineFileError extends Error {}

/**
 * The features of each instance of a baseline file: JSON lines (one instance per line) or, for a `.csv`
 * file, comma-separated rows under a header naming the features (numbers read as numbers, empty cells as
 * missing). Throws BaselineFileError for a path outside `allowed`, a missing or oversized file, or a line
 * that does not parse.
 */
export async function readBaselineFile(
  uri: string,
  allowed: AllowedPaths | undefined,
): Promise<Map<string, FeatureValue>[]> {
  const file = localPathOf(uri);
  if (file === undefined) {
    throw new BaselineFileError(`Use an absolute path or a file:// URI; got "${uri.slice(0, 200)}".`);
  }
  if (allowed && !(await allowed.containsReal(file))) {
    throw new BaselineFileError(allowed.refusal(`"${uri.slice(0, 200)}"`));
  }
  const stat = await fs.promises.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new BaselineFileError(`No file at "${uri.slice(0, 200)}".`);
  if (stat.size > MAX_BASELINE_BYTES) {
    throw new BaselineFileError(
      `The file has ${stat.size} bytes; a baseline may have at most ${MAX_BASELINE_BYTES}. Give baseline_stats instead.`,
    );
  }
  const csv = file.toLowerCase().endsWith('.csv');
  const kept: Map<string, FeatureValue>[] = [];
  let seen = 0;
  let header: string[] | undefined;
  let lineNumber = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let instance: Map<string, FeatureValue>;
    if (csv) {
      const cells = splitCsvLine(line, lineNumber);
      if (!header) {
        header = cells.map((cell) => cell.trim());
        continue;
      }
      instance = csvInstance(header, cells, lineNumber);
    } else {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new BaselineFileError(`Line ${lineNumber} is not JSON: "${line.slice(0, 80)}".`);
      }
      instance = featureValues(value);
    }
    seen++;
    if (kept.length < MAX_BASELINE_INSTANCES) kept.push(instance);
    else {
      const slot = Math.floor(Math.random() * seen);
      if (slot < MAX_BASELINE_INSTANCES) kept[slot] = instance;
    }
  }
  if (kept.length === 0) throw new BaselineFileError(`"${uri.slice(0, 200)}" holds no instances.`);
  return kept;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function csvInstance(header: readonly string[], cells: readonly string[], lineNumber: number) {
  if (cells.length !== header.length) {
    throw new BaselineFileError(
      `Line ${lineNumber} has ${cells.length} cells; the header names ${header.length} features.`,
    );
  }
  const instance = new Map<string, FeatureValue>();
  header.forEach((name, i) => {
    const cell = cells[i]!.trim();
    if (cell === '') return;
    instance.set(name, NUMBER.test(cell) ? Number(cell) : cell);
  });
  return instance;
}

/** One CSV line's cells (RFC 4180 quoting within a line: `"a, b"`, `""` for a quote). */
export function splitCsvLine(line: string, lineNumber: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  if (quoted) throw new BaselineFileError(`Line ${lineNumber} has an unclosed quote.`);
  cells.push(cell);
  return cells;
}
