#!/usr/bin/env node
// `presage` (`npx presage …` from a clone, `presage …` in the image): runs the compiled CLI,
// apps/cli/dist/main.js. When it is missing (a fresh clone that never ran `npm start` or a test), it
// builds first with tools/scripts/build.mjs, as `npm start` does. After changing the code, `npm run build`
// (or `npm start`) brings dist up to date.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const main = path.join(root, 'apps/cli/dist/main.js');

if (!fs.existsSync(main)) {
  const build = spawnSync(process.execPath, [path.join(root, 'tools/scripts/build.mjs'), '--quiet'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    process.stderr.write(`presage: building ${main} failed; run \`npm run build\` to see why\n`);
    process.exit(1);
  }
}
require(main);
