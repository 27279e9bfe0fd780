/** One Jest run for the whole monorepo: unit specs beside the code, integration tests in test/. */
module.exports = {
  testEnvironment: '<rootDir>/tools/jest/node-environment.cjs',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/tools/jest/esbuild-transform.cjs',
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'cjs'],
  testTimeout: 60000,
  maxWorkers: 2,
};
