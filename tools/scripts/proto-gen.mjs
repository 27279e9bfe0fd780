#!/usr/bin/env node
// Generates TypeScript types for every proto into libs/proto/src/generated with proto-loader-gen-types,
// using the loader options of libs/proto. `--check` regenerates into a temporary directory and fails
// when the result differs from what is committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
// Include paths relative to the root: the generated comments name files by them, so output is the same in
// every clone.
const googleRoot = path.relative(
  root,
  path.resolve(require.resolve('google-gax', { paths: [root] }), '../../protos'),
);
const committed = path.join(root, 'libs/proto/src/generated');
const check = process.argv.includes('--check');
const outDir = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'presage-proto-')) : committed;

// Keep in step with libs/proto/src/proto-files.ts (the check below fails when they drift).
const files = [
  'presage/v1/model_service.proto',
  'presage/v1/operation_metadata.proto',
  'presage/v1/operations.proto',
  'presage/v1/job_service.proto',
  'presage/v1/prediction_service.proto',
  'presage/v1/autoscaling_service.proto',
  'presage/v1/access_service.proto',
  'presage/internal/v1/deployment.proto',
  'presage/internal/v1/predictor.proto',
  'presage/internal/v1/batch.proto',
  'presage/internal/v1/autoscaler.proto',
  'presage/internal/v1/access.proto',
  'presage/internal/v1/prediction_log.proto',
  'inference/grpc_predict_v2.proto',
  'google/longrunning/operations.proto',
  'google/rpc/status.proto',
  'google/rpc/error_details.proto',
  'google/protobuf/empty.proto',
];
const flags = ['--longs=String', '--enums=String', '--defaults', '--arrays', '--objects', '--oneofs'];

// One entry point that imports every file, so the generator writes a single ProtoGrpcType.
fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
const entryDir = path.relative(root, fs.mkdtempSync(path.join(root, 'tmp', 'proto-entry-')));
fs.writeFileSync(
  path.join(entryDir, 'presage.proto'),
  `syntax = "proto3";\n${files.map((f) => `import "${f}";`).join('\n')}\n`,
);

if (!check) fs.rmSync(committed, { recursive: true, force: true });
execFileSync(
  path.join(root, 'node_modules/.bin/proto-loader-gen-types'),
  [
    ...flags,
    '--grpcLib=@grpc/grpc-js',
    '-I',
    entryDir,
    '-I',
    'protos',
    '-I',
    googleRoot,
    '-O',
    outDir,
    'presage.proto',
  ],
  { stdio: 'inherit', cwd: root },
);
fs.rmSync(entryDir, { recursive: true, force: true });

const source = fs.readFileSync(path.join(root, 'libs/proto/src/proto-files.ts'), 'utf8');
const missing = files.filter((f) => !source.includes(`'${f}'`));
if (missing.length > 0) {
  console.error(
    `proto-gen.mjs and libs/proto/src/proto-files.ts list different files: ${missing.join(', ')}`,
  );
  process.exit(1);
}

if (check) {
  try {
    execFileSync('diff', ['-r', committed, outDir], { stdio: 'inherit' });
    console.log('generated proto types are up to date');
  } catch {
    console.error(
      'libs/proto/src/generated differs from a fresh regeneration: run `npm run proto:gen` and commit',
    );
    process.exit(1);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
