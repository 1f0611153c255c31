// Type-aware linting, plus the boundaries between the four sides:
// common imports nothing outside common (no Node, no DOM libraries); web never imports server;
// server never imports web; cli may import server and common; only bench/ imports bench/.
// Inside server/modules/ a module reaches another only through its module file, and inside
// common/modules/ only through its contract (rule `safegrid/module-boundaries`).
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** { side, name, rest } of a file under server/modules/<name>/ or common/modules/<name>/. */
function moduleOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  if ((rel[0] === 'server' || rel[0] === 'common') && rel[1] === 'modules' && rel.length >= 4) return { side: rel[0], name: rel[2], rest: rel.slice(3) };
  return null;
}

const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "A module imports another module only through that module's public entry (server: <b>.module.ts, common: <b>.contract.ts)" },
    messages: {
      internal: "'{{source}}' reaches into module '{{target}}': import it from {{entry}} (export what other modules need from there)",
    },
    schema: [],
  },
  create(context) {
    const from = moduleOf(context.filename);
    if (!from) return {};
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = moduleOf(path.resolve(path.dirname(context.filename), source.value));
      if (!target || target.side !== from.side || target.name === from.name) return;
      const entry = `${target.name}.${from.side === 'server' ? 'module' : 'contract'}`;
      if (target.rest.length === 1 && target.rest[0].replace(/\.(js|ts)$/, '') === entry) return;
      // Test fixtures are not part of a module's interface (they move to test folders).
      if (/\.fixtures\.(js|ts)$/.test(target.rest[target.rest.length - 1]) || target.rest.slice(0, -1).includes('test')) return;
      context.report({ node: source, messageId: 'internal', data: { source: source.value, target: target.name, entry: `${from.side}/modules/${target.name}/${entry}.ts` } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
    };
  },
};

const noServer = { group: ['**/server/**'], message: 'web/ and common/ must not import server code' };
const noWeb = { group: ['**/web/**'], message: 'server/, cli/ and common/ must not import web code' };
const noCli = { group: ['**/cli/**'], message: 'only cli/ imports cli code' };
const noBench = { group: ['**/bench/**'], message: 'the product never imports bench/ (the bench depends on the product)' };
const noModules = { group: ['**/modules/*/*', '!**/common/modules/**'], message: 'server/core/ and server/db/ are below the modules: a module hands core what it needs at wiring time (server/app.ts)' };

export default tseslint.config(
  { ignores: ['.scratch/**', '.cache/**', 'dist/**', 'node_modules/**', 'data/**', 'e2e/screenshots/**', 'bench/results/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  { plugins: { safegrid: { rules: { 'module-boundaries': moduleBoundaries } } } },
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
      'safegrid/module-boundaries': 'error',
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [noServer, noWeb, noCli, noBench, { group: ['node:*', 'fastify', '@fastify/*', 'pg', 'drizzle-orm', 'drizzle-orm/*', 'react', 'antd'], message: 'common/ is pure: no Node, server or UI libraries' }],
      }],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServer, noCli, noBench, { group: ['node:*'], message: 'web/ runs in the browser' }] }] },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noWeb, noCli, noBench] }] },
  },
  {
    files: ['server/core/**/*.ts', 'server/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noWeb, noCli, noBench, noModules] }] },
  },
  {
    files: ['cli/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noWeb, noBench] }] },
  },
  {
    files: ['bench/**/*.ts', 'e2e/**/*.ts'],
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
