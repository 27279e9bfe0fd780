// Before any test: compile what is stale (tools/scripts/build.mjs), since tests start services as
// `presage up` does, from their compiled dist/main.js; then the embedded PostgreSQL when the run tests on
// it. Here rather than in an npm script, so that `npx jest some-file` tests the current code too.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function build() {
  const script = path.join(__dirname, '../scripts/build.mjs');
  const result = spawnSync(process.execPath, [script, '--quiet'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status ?? result.signal})`);
}

// Jest transforms this module's TypeScript requires with the project's transform.
module.exports = () => {
  build();
  return require('./embedded-test-server.ts').startEmbeddedTestServer();
};
