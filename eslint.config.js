// Flat config: typescript-eslint with type information (needed for no-floating-promises), plus
// the rules that keep workflow code (programs/*/workflow/) deterministic and bundleable by Temporal's sandbox.
const { builtinModules } = require('node:module');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

module.exports = tseslint.config(
  {
    ignores: ['node_modules/', '.data/', '.tools/', '.test-data/', '.bench-data/', 'dist/', 'coverage/', 'console/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    rules: {
      // An unawaited promise loses its error and, in a workflow, its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // `_` marks an argument that is deliberately unused (interfaces, callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Migrations, kysely helpers and test doubles need `any` now and then; keep it visible, not fatal.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O
    // libraries, and activities only as types (proxyActivities<typeof activities>).
    files: ['programs/*/workflow/**/*.ts', 'programs/workflows.ts', 'programs/event-journal.ts', 'programs/drained.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Node built-ins cannot run in workflow code.' })),
            { name: 'pg', message: 'Database access belongs in activities.' },
            { name: 'kysely', message: 'Database access belongs in activities.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'Node built-ins cannot run in workflow code.' },
            { group: ['kysely/*', 'pg/*', 'pg-*'], message: 'Database access belongs in activities.' },
            { group: ['**/store', '**/store/*', '**/store/**'], message: 'Database access belongs in activities.' },
            {
              group: ['**/activities', '**/activities/*', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows may import activities only as types (`import type`); call them through proxyActivities.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
