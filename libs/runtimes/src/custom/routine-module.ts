import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '@presage/errors';
import { ModelLoadError } from '../model-runtime';

/** `predictionClass` split: the module path (relative to a package dir) and the exported class name. */
export interface RoutineReference {
  modulePath: string;
  className: string;
}

/** The files listed in a "module not found" message, at most. */
const LISTED_FILES = 20;
const CODE_FILE = /\.(c|m)?js$/;

/** Parses `module#ClassName`, e.g. `predictor.js#Predictor` or `lib/routine.cjs#Routine`. */
export function parsePredictionClass(predictionClass: string): RoutineReference {
  const [modulePath, className, ...rest] = predictionClass.split('#');
  if (!modulePath || !className || rest.length > 0 || !/^[A-Za-z_$][\w$]*$/.test(className)) {
    throw new ModelLoadError(
      `predictionClass "${predictionClass}" is not "module#ClassName": name a JavaScript file of your ` +
        'package and the class it exports, e.g. "predictor.js#Predictor".',
    );
  }
  return { modulePath, className };
}

/** The first package dir holding the module, as an absolute file path; lists what the packages hold when none does. */
export async function findRoutineModule(reference: RoutineReference, packageDirs: string[]): Promise<string> {
  if (packageDirs.length === 0) {
    throw new ModelLoadError(
      `No package holds ${reference.modulePath}: the version has no packageUris. Set packageUris to the ` +
        'directory or .tar.gz of your prediction routine.',
    );
  }
  for (const dir of packageDirs) {
    const file = path.resolve(dir, reference.modulePath);
    if (!file.startsWith(path.resolve(dir) + path.sep)) continue;
    if ((await stat(file).catch(() => undefined))?.isFile()) return file;
  }
  const files = (await Promise.all(packageDirs.map((dir) => listCode(dir)))).flat();
  const held =
    files.length === 0
      ? 'the packages hold no .js, .cjs or .mjs file'
      : `the packages hold ${files.slice(0, LISTED_FILES).join(', ')}${files.length > LISTED_FILES ? `, … (${files.length} files)` : ''}`;
  throw new ModelLoadError(
    `Module ${reference.modulePath} of predictionClass "${reference.modulePath}#${reference.className}" ` +
      `is not in the packages: ${held}. Set predictionClass to "<file>#${reference.className}" with a ` +
      'file of your package, relative to its root.',
  );
}

/** Loads a CommonJS or ES module (require first; ES modules with top-level await through import()). */
export async function importRoutineModule(file: string): Promise<Record<string, unknown>> {
  let loaded: unknown;
  try {
    loaded = createRequire(file)(file);
  } catch (error) {
    if (!isCode(error, 'ERR_REQUIRE_ESM') && !isCode(error, 'ERR_REQUIRE_ASYNC_MODULE')) {
      throw new ModelLoadError(`Cannot load ${file}: ${errorMessage(error)}`, { cause: error });
    }
    try {
      loaded = await import(pathToFileURL(file).href);
    } catch (importError) {
      throw new ModelLoadError(`Cannot load ${file}: ${errorMessage(importError)}`, { cause: importError });
    }
  }
  return (loaded ?? {}) as Record<string, unknown>;
}

/** The exported class: a named export, a named export of the default export, or the module itself. */
export function exportedClass(
  exports: Record<string, unknown>,
  reference: RoutineReference,
): (new (...args: never[]) => unknown) & Record<string, unknown> {
  const fallback = exports['default'] as Record<string, unknown> | undefined;
  const candidates = [
    exports[reference.className],
    typeof fallback === 'object' || typeof fallback === 'function'
      ? fallback?.[reference.className]
      : undefined,
    typeof exports === 'function' && (exports as { name?: string }).name === reference.className
      ? exports
      : undefined,
  ];
  const found = candidates.find((candidate) => typeof candidate === 'function');
  if (found) return found as (new (...args: never[]) => unknown) & Record<string, unknown>;
  const names = Object.keys(exports).filter((name) => name !== '__esModule');
  const listed = names.length > 0 ? `its exports are ${names.join(', ')}` : 'it exports nothing';
  throw new ModelLoadError(
    `${reference.modulePath} does not export a class ${reference.className}: ${listed}. Export it ` +
      `(module.exports = { ${reference.className} } or export class ${reference.className}), or set ` +
      'predictionClass to the class it does export.',
  );
}

/** JavaScript files under `dir`, relative, sorted; node_modules and hidden entries skipped. */
async function listCode(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listCode(dir, relative)));
    else if (CODE_FILE.test(entry.name)) files.push(relative);
  }
  return files;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
