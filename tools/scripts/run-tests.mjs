#!/usr/bin/env node
// Runs every Jest suite of the monorepo and ends with the plain line CI reads: `N passed, N failed`.
// Extra arguments go to Jest. PRESAGE_TEST_DB=embedded runs the integration tests on an embedded
// PostgreSQL that Jest's global setup starts (tools/jest/embedded-test-server.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'tmp', 'jest-results.json');
fs.mkdirSync(path.dirname(results), { recursive: true });
fs.rmSync(results, { force: true });

const jest = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/jest/bin/jest.js'),
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' } },
);

let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numRuntimeErrorTestSuites: 0 };
if (fs.existsSync(results)) summary = JSON.parse(fs.readFileSync(results, 'utf8'));
// A suite that fails to load has no failed tests of its own: count it, so it cannot pass unseen.
const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
const skipped = summary.numPendingTests ? `, ${summary.numPendingTests} skipped` : '';
console.log(`${summary.numPassedTests} passed, ${failed} failed${skipped}`);
process.exit(jest.status === 0 && failed === 0 && summary.numPassedTests > 0 ? 0 : 1);
