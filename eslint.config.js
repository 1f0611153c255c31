// Type-aware linting, plus the boundaries between the four sides:
// common imports nothing outside common (no Node, no DOM libraries); web never imports server;
// server never imports web; cli may import server and common.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noServer = { group: ['**/server/**'], message: 'web/ and common/ must not import server code' };
const noWeb = { group: ['**/web/**'], message: 'server/, cli/ and common/ must not import web code' };
const noCli = { group: ['**/cli/**'], message: 'only cli/ imports cli code' };

export default tseslint.config(
  { ignores: ['.scratch/**', '.cache/**', 'dist/**', 'node_modules/**', 'data/**', 'e2e/screenshots/**', 'bench/results/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [noServer, noWeb, noCli, { group: ['node:*', 'fastify', '@fastify/*', 'pg', 'drizzle-orm', 'drizzle-orm/*', 'react', 'antd'], message: 'common/ is pure: no Node, server or UI libraries' }],
      }],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServer, noCli, { group: ['node:*'], message: 'web/ runs in the browser' }] }] },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noWeb, noCli] }] },
  },
  {
    files: ['cli/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noWeb] }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
