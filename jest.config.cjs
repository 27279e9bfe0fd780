/** One Jest run for the whole monorepo: unit specs beside the code, integration tests in test/. */
module.exports = {
  testEnvironment: '<rootDir>/tools/jest/node-environment.cjs',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/tools/jest/esbuild-transform.cjs',
    '^.+\\.js$': '<rootDir>/tools/jest/esbuild-transform.cjs',
  },
  // ESM-only packages (@kubernetes/client-node and what it imports) are compiled to CommonJS for Jest,
  // which cannot require ES modules on Node 20 (Node itself can: the services load them natively).
  transformIgnorePatterns: [
    '/node_modules/(?!(@kubernetes/client-node|openid-client|jose|oauth4webapi|jsonpath-plus|@jsep-plugin|rfc4648)/)',
  ],
  // One embedded PostgreSQL for the run when it tests on the embedded server (tools/jest/embedded-test-server.ts).
  globalSetup: '<rootDir>/tools/jest/global-setup.cjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.cjs',
  moduleFileExtensions: ['ts', 'js', 'json', 'cjs'],
  testTimeout: 60000,
  maxWorkers: 2,
};
