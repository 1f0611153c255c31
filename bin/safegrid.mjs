#!/usr/bin/env node
// The `safegrid` command: runs cli/main.ts through tsx.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli/main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { TZ: 'UTC', ...process.env },
});
process.exit(res.status ?? 1);
