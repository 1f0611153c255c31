#!/usr/bin/env node
// `npm start`: everything a fresh checkout needs, then the server on the embedded database.
// Installs dependencies when missing or stale, builds the web app when its sources changed,
// then runs server/main.ts (first start on an empty ./data loads the Xining demo city with a year
// of generated records).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`SafeGrid needs Node.js 20.19 or newer (this is ${process.versions.node}).`);
  process.exit(1);
}

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`"${cmd} ${args.join(' ')}" failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

function newest(dir, skip = new Set(['node_modules', 'dist', 'data'])) {
  let t = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(e.name) || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs);
  }
  return t;
}

const stamp = 'node_modules/.package-lock.json';
if (!existsSync(stamp) || statSync('package-lock.json').mtimeMs > statSync(stamp).mtimeMs + 1000) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const index = 'dist/web/index.html';
const built = existsSync(index) ? statSync(index).mtimeMs : 0;
if (built < Math.max(newest('web'), newest('common'))) run('npm', ['run', 'build']);

// First start of the embedded demo: the city, its grids and the demo accounts, plus a year of
// generated records (places, enterprises, people at risk, inspections, hazards in every state,
// residents' reports) for SAFEGRID_DEMO_SCALE residents (default 20,000; 0 for none), so every
// page has something to show. The server then starts on it.
const dataDir = path.resolve(process.env.SAFEGRID_DATA_DIR ?? process.env.DATA_DIR ?? 'data');
const demo = process.env.SAFEGRID_DEMO ?? 'auto';
const scale = process.env.SAFEGRID_DEMO_SCALE ?? '20000';
let fresh = false;
if (!process.env.DATABASE_URL && demo !== 'off' && !existsSync(path.join(dataDir, 'pg')) && /^[1-9][0-9]*$/.test(scale)) {
  console.log(`First start: loading the Xining demo city with a year of records for ${Number(scale).toLocaleString('en')} residents …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'demo', '--scale', scale, '--years', '1'], {
    stdio: 'inherit', env: { ...process.env, TZ: 'UTC' },
  });
  if (r.status !== 0) console.error('Generating the demo records failed; the server starts with the demo city and accounts only.');
  else fresh = true;
}

// The server prints the demo accounts after its ready line when they were just made.
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...(fresh ? { SAFEGRID_SHOW_CREDENTIALS: '1' } : {}) },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
