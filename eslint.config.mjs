// Lint for the whole monorepo. Module boundaries: services reach each other only through protos;
// apps never import apps; only tests import @presage/testing.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Generated proto code is reached only through @presage/proto's index (its descriptors and types). */
const GENERATED_PROTO_IMPORTS = {
  group: ['@presage/proto/src/**', '@presage/*/src/**', '**/libs/proto/src/generated/**'],
  message:
    'Import a lib through its index: services and message types from @presage/proto, not its generated files.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'libs/proto/src/generated/**',
      '.presage/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:util',
                'type:proto',
                'type:data',
                'type:domain',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:util', 'type:proto', 'type:domain'],
            },
            // Data libs' own specs use the testing lib (no-restricted-imports keeps it out of their sources).
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
            // Util libs' own specs use testing libs; no-restricted-imports keeps them out of sources.
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:proto', 'type:testing'] },
            { sourceTag: 'type:proto', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:proto', 'type:data'] },
            {
              sourceTag: 'type:tools',
              onlyDependOnLibsWithTags: [
                'type:util',
                'type:proto',
                'type:data',
                'type:domain',
                'type:testing',
              ],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry'] },
            { sourceTag: 'scope:deployer', onlyDependOnLibsWithTags: ['scope:shared', 'scope:deployer'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'] },
            { sourceTag: 'scope:predictor', onlyDependOnLibsWithTags: ['scope:shared', 'scope:predictor'] },
            { sourceTag: 'scope:batch', onlyDependOnLibsWithTags: ['scope:shared', 'scope:batch'] },
            { sourceTag: 'scope:autoscaler', onlyDependOnLibsWithTags: ['scope:shared', 'scope:autoscaler'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:shared', 'scope:cli'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Re-export names explicitly (no `export *`).' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['libs/proto/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [GENERATED_PROTO_IMPORTS] }],
    },
  },
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['libs/testing/**', '**/*.spec.ts', 'libs/proto/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [GENERATED_PROTO_IMPORTS],
          paths: [
            { name: '@presage/testing', message: 'Only tests import @presage/testing.' },
            {
              name: '@presage/model-fixtures',
              message: 'Only tests and tools import @presage/model-fixtures.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      'no-console': 'off',
    },
  },
  {
    // The web console's browser modules (served as they are): plain JavaScript, outside the TypeScript project.
    files: ['apps/gateway/src/console/static/**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
