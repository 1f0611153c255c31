// Browser journeys: `npm run test:e2e [name-filter]`.
// Builds the web app when it is missing or older than its sources, starts the real server on a
// free loopback port with a fresh data directory and the demo accounts, runs every
// e2e/journeys/*.journey.ts in Debian's chromium, and ends with "N passed, N failed".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DemoAccount, Journey, JourneyContext } from './journey.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIST = path.join(ROOT, 'dist', 'web');
const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');
const JOURNEYS = path.join(ROOT, 'e2e', 'journeys');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS ?? 120_000);
const JOURNEY_TIMEOUT_MS = Number(process.env.E2E_JOURNEY_TIMEOUT_MS ?? 180_000);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const log = (msg: string) => console.log(`[e2e] ${msg}`);

// ---- build -----------------------------------------------------------------------------------

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function buildWebIfStale(): void {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newestSource(path.join(ROOT, 'web')), newestSource(path.join(ROOT, 'common')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) {
    log('web app is up to date');
    return;
  }
  log('building the web app …');
  const t0 = Date.now();
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const res = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`vite build failed (exit ${res.status})`);
  log(`built in ${Date.now() - t0} ms`);
}

// ---- server ----------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const ACCOUNT_LINE = /^ {2}(\S+)\s+(\S+)\s+(\S+)\s+(.+?) \(([^()\s]+)\)\s*$/;

interface RunningServer {
  child: ChildProcess;
  baseUrl: string;
  accounts: Record<string, DemoAccount>;
  output: string[];
  dataDir: string;
}

async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'safegrid-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SAFEGRID_DATA_DIR: dataDir,
    SAFEGRID_DEMO: 'on',
    SAFEGRID_WEB_DIST: WEB_DIST,
    SAFEGRID_LOGIN_RATE_PER_MINUTE: '200',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    TZ: 'UTC',
  };
  delete env.DATABASE_URL;
  delete env.SAFEGRID_SECRETS_FILE;
  log(`starting the server on 127.0.0.1:${port} (data in ${dataDir})`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const accounts: Record<string, DemoAccount> = {};
  let inBlock = false;
  let pending = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      output.push(line);
      if (line.includes('SafeGrid demo accounts')) inBlock = true;
      else if (inBlock && /^=+\s*$/.test(line.trim())) inBlock = false;
      else if (inBlock) {
        const m = ACCOUNT_LINE.exec(line);
        if (m) {
          const [, username, password, role, unitName, unitCode] = m as unknown as [string, string, string, string, string, string];
          accounts[username] = { username, password, role, unitName, unitCode };
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => output.push(...chunk.split('\n').filter((l) => l !== '')));

  const server: RunningServer = { child, baseUrl: `http://127.0.0.1:${port}`, accounts, output, dataDir };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${output.slice(-30).join('\n')}`);
    try {
      const res = await fetch(`${server.baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (Date.now() >= deadline) throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
  if (Object.keys(accounts).length === 0) throw new Error('the server printed no demo accounts');
  log(`server ready; demo accounts: ${Object.keys(accounts).join(', ')}`);
  return server;
}

async function stopServer(server: RunningServer | null): Promise<void> {
  if (!server) return;
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

// ---- journeys --------------------------------------------------------------------------------

interface Outcome {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function runJourney(file: string, browser: Browser, server: RunningServer): Promise<Outcome> {
  const name = path.basename(file).replace(/\.journey\.ts$/, '');
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const pageErrors: string[] = [];
  const t0 = Date.now();
  for (const f of readdirSync(SCREENSHOTS)) {
    if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(path.join(SCREENSHOTS, f));
  }

  const watch = (page: Page) => {
    pages.push(page);
    page.on('pageerror', (err) => pageErrors.push(`${err.name}: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error' && msg.type() !== 'warning') return;
      const text = msg.text();
      if (text.startsWith('Failed to load resource')) return; // expected 401/4xx answers
      console.log(`  [${name}] console.${msg.type()}: ${text.slice(0, 300)}`);
    });
  };

  const ctx: JourneyContext = {
    browser,
    baseUrl: server.baseUrl,
    accounts: server.accounts,
    newPage: async (options) => {
      const c = await browser.newContext({ baseURL: server.baseUrl, ...options });
      contexts.push(c);
      c.on('page', watch);
      return c.newPage();
    },
    screenshot: async (shot, page) => {
      const target = page ?? pages[pages.length - 1];
      if (!target) throw new Error('screenshot: no page is open');
      const file2 = path.join(SCREENSHOTS, `${name}-${shot}.png`);
      await target.screenshot({ path: file2, fullPage: false });
      return file2;
    },
  };

  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: Journey };
    if (typeof mod.default !== 'function') throw new Error('the file has no default export function');
    await withTimeout(mod.default(ctx), JOURNEY_TIMEOUT_MS, `journey ${name}`);
    if (pageErrors.length > 0) throw new Error(`uncaught errors in the page:\n    ${pageErrors.join('\n    ')}`);
    return { name, ok: true, ms: Date.now() - t0 };
  } catch (err) {
    const last = pages[pages.length - 1];
    if (last && !last.isClosed()) {
      await last.screenshot({ path: path.join(SCREENSHOTS, `${name}-FAILED.png`) }).catch(() => {});
    }
    const message = err instanceof Error ? `${err.message}${err.stack && !(err.name === 'JourneyFailure') ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}` : String(err);
    return { name, ok: false, ms: Date.now() - t0, error: message };
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
  }
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = readdirSync(JOURNEYS)
    .filter((f) => f.endsWith('.journey.ts') && (filters.length === 0 || filters.some((x) => f.includes(x))))
    .sort()
    .map((f) => path.join(JOURNEYS, f));
  if (files.length === 0) {
    console.log('no journeys found');
    console.log('0 passed, 0 failed');
    return 1;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });

  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  const outcomes: Outcome[] = [];
  const onSignal = () => {
    void stopServer(server).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    buildWebIfStale();
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    for (const file of files) {
      const o = await runJourney(file, browser, server);
      outcomes.push(o);
      console.log(o.ok ? `  ✓ ${o.name} (${o.ms} ms)` : `  ✗ ${o.name} (${o.ms} ms)\n    ${o.error?.replace(/\n/g, '\n    ')}`);
    }
  } catch (err) {
    console.error(`[e2e] ${err instanceof Error ? err.message : String(err)}`);
    if (server) console.error(`[e2e] server output (last 30 lines):\n${server.output.slice(-30).join('\n')}`);
    outcomes.push({ name: 'setup', ok: false, ms: 0, error: String(err) });
  } finally {
    await browser?.close().catch(() => {});
    await stopServer(server);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0 && server) {
    console.log(`[e2e] server output (last 20 lines):\n${server.output.filter((l) => !ACCOUNT_LINE.test(l)).slice(-20).join('\n')}`);
  }
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  writeResults(outcomes.length - failed.length, failed.length);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    writeResults(0, 1);
    process.exit(1);
  },
);

/** For `npm test`'s summary: the counts as JSON when E2E_RESULTS names a file. */
function writeResults(passed: number, failed: number): void {
  const file = process.env.E2E_RESULTS;
  if (file) writeFileSync(file, JSON.stringify({ passed, failed }));
}
