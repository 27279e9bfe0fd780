#!/usr/bin/env node
// Compiles every runnable of Presage (each service's main module, and every other module spawned as a
// process) into one JavaScript file beside its src/: apps/gateway/src/main.ts → apps/gateway/dist/main.js
// (+ .js.map). The workspace's own code (@presage/*) is bundled; third-party packages stay in
// node_modules. Only stale outputs are rebuilt: an output is current when the build settings, the
// content of every file it was built from and the configuration esbuild reads (the workspaces'
// package.json, whose `sideEffects: false` lets it drop unused modules, and tsconfig) are unchanged
// (recorded in dist/<name>.inputs.json). Then the protos parsed once, libs/proto/dist/protos.json
// (libs/proto/src/compiled-protos.ts), when a .proto changed or its generator was rebuilt.
//
//   node tools/scripts/build.mjs            build what is stale
//   node tools/scripts/build.mjs --force    rebuild everything
//   node tools/scripts/build.mjs --check    exit 1 listing what is stale, build nothing
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Modules run as processes besides the services' main modules (the build runs the protos' compiler). */
const PROTOS_COMPILER = 'libs/proto/src/compile-protos-main.ts';
const OTHER_RUNNABLES = ['libs/db/src/embedded-postgres-main.ts', PROTOS_COMPILER];
const COMPILED_PROTOS = 'libs/proto/dist/protos.json';

/** One settings object for every runnable; its hash is part of each output's record. */
const SETTINGS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  sourcesContent: false,
  // Node's require() runs ES-module packages such as @kubernetes/client-node (Node ≥ 20.19); a bundled
  // `import()` of a package must stay an import() so that ESM-only packages with top-level await load too.
  supported: { 'dynamic-import': true },
  logLevel: 'warning',
  legalComments: 'none',
};

/** Every bare import stays a `require` of node_modules except the workspace's own packages. */
const thirdPartyExternal = {
  name: 'third-party-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@presage/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Every runnable, relative to the root: apps/<service>/src/main.ts, then OTHER_RUNNABLES. */
export function runnables() {
  const apps = fs
    .readdirSync(path.join(ROOT, 'apps'))
    .map((app) => `apps/${app}/src/main.ts`)
    .filter((entry) => fs.existsSync(path.join(ROOT, entry)));
  return [...apps.sort(), ...OTHER_RUNNABLES];
}

/** apps/gateway/src/main.ts → apps/gateway/dist/main.js */
export function outputOf(entry) {
  return entry.replace(/\/src\/([^/]+)\.ts$/, '/dist/$1.js');
}

const recordOf = (output) => output.replace(/\.js$/, '.inputs.json');

/** What esbuild reads besides the sources it bundles (its metafile lists only those). */
function configInputs() {
  const workspaces = ['apps', 'libs'].flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir)).map((name) => `${dir}/${name}/package.json`),
  );
  return ['tsconfig.json', 'tsconfig.base.json', ...workspaces.sort()];
}

function digest(text) {
  return createHash('sha256').update(text).digest('hex');
}

const SETTINGS_DIGEST = digest(
  JSON.stringify(SETTINGS) + esbuild.version + fs.readFileSync(fileURLToPath(import.meta.url), 'utf8'),
);

function fileDigest(file) {
  try {
    return digest(fs.readFileSync(path.resolve(ROOT, file)));
  } catch {
    return 'missing';
  }
}

/** Whether `entry`'s output is missing or was built from other settings or other file contents. */
function isStale(entry) {
  const output = path.join(ROOT, outputOf(entry));
  let record;
  try {
    record = JSON.parse(fs.readFileSync(path.join(ROOT, recordOf(outputOf(entry))), 'utf8'));
  } catch {
    return true;
  }
  if (!fs.existsSync(output) || record.settings !== SETTINGS_DIGEST) return true;
  return Object.entries(record.inputs).some(([file, hash]) => fileDigest(file) !== hash);
}

/** Writes through a temporary file and a rename: a process starting meanwhile never reads half a file. */
function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

async function buildOne(entry) {
  const outfile = path.join(ROOT, outputOf(entry));
  const result = await esbuild.build({
    ...SETTINGS,
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    write: false,
    metafile: true,
    plugins: [thirdPartyExternal],
  });
  const inputs = Object.fromEntries(
    [...Object.keys(result.metafile.inputs).sort(), ...configInputs()].map((file) => [
      file,
      fileDigest(file),
    ]),
  );
  // The map first, then the code it maps, then the record that says both are current.
  for (const file of [...result.outputFiles].sort((a, b) => b.path.length - a.path.length))
    writeAtomically(file.path, file.contents);
  writeAtomically(
    path.join(ROOT, recordOf(outputOf(entry))),
    `${JSON.stringify({ settings: SETTINGS_DIGEST, inputs }, null, 1)}\n`,
  );
}

/** Whether COMPILED_PROTOS is missing or any .proto it was made from changed since. */
function compiledProtosStale() {
  try {
    const { sources } = JSON.parse(fs.readFileSync(path.join(ROOT, COMPILED_PROTOS), 'utf8'));
    return Object.entries(sources).some(([file, hash]) => fileDigest(file) !== hash);
  } catch {
    return true;
  }
}

function compileProtos() {
  const result = spawnSync(process.execPath, [path.join(ROOT, outputOf(PROTOS_COMPILER))], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    throw new Error(`${outputOf(PROTOS_COMPILER)} failed (${result.status ?? result.signal})`);
}

/** Builds the stale runnables (all with `force`), then the protos; resolves with what it built. */
export async function build({ force = false } = {}) {
  const stale = runnables().filter((entry) => force || isStale(entry));
  await Promise.all(stale.map(buildOne));
  if (force || stale.includes(PROTOS_COMPILER) || compiledProtosStale()) {
    compileProtos();
    return [...stale, COMPILED_PROTOS];
  }
  return stale;
}

async function main(args) {
  const unknown = args.filter((arg) => arg !== '--force' && arg !== '--check' && arg !== '--quiet');
  if (unknown.length > 0) {
    process.stderr.write(`build: unknown argument ${unknown.join(' ')}; use --force, --check or --quiet\n`);
    return 2;
  }
  if (args.includes('--check')) {
    const stale = runnables().filter(isStale);
    if (compiledProtosStale()) stale.push(COMPILED_PROTOS);
    for (const entry of stale)
      process.stderr.write(`stale: ${entry.endsWith('.ts') ? outputOf(entry) : entry}\n`);
    return stale.length > 0 ? 1 : 0;
  }
  const started = Date.now();
  const built = await build({ force: args.includes('--force') });
  if (!args.includes('--quiet') || built.length > 0) {
    const what =
      built.length > 0
        ? `built ${built.map((entry) => (entry.endsWith('.ts') ? outputOf(entry) : entry)).join(', ')}`
        : 'everything up to date';
    process.stderr.write(`build: ${what} (${Date.now() - started} ms)\n`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
