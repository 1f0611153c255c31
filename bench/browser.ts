// Is the product still usable on a large dataset? Starts the server on it (as deployed, with the
// built web app), logs in through the login page in headless Chromium, opens the pages a person
// uses every day, and records how long each takes to show its content, with a screenshot each.
//   node --import tsx bench/browser.ts (--data-dir DIR | --database-url URL [--secrets FILE])
//        --user NAME --password PW [--out DIR] [--pages /hazards,/hazards-stats,...]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { parseArgs } from '../cli/args.js';
import { ROOT, startServer } from './lib/proc.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];
const DEFAULT_PAGES = ['/hazards', '/hazards-stats', '/places/map', '/units', '/places', '/inspections', '/reports', '/my-work'];

interface PageResult {
  path: string;
  finalUrl: string;
  ms: number;
  apiCalls: number;
  slowestApi: { url: string; ms: number } | null;
  failed: string[];
  consoleErrors: string[];
  screenshot: string;
}

async function visit(page: Page, baseUrl: string, p: string, out: string): Promise<PageResult> {
  const started = new Map<string, number>();
  const api: Array<{ url: string; ms: number }> = [];
  const failed: string[] = [];
  const consoleErrors: string[] = [];
  page.removeAllListeners('request');
  page.removeAllListeners('response');
  page.removeAllListeners('console');
  page.on('request', (r) => started.set(r.url() + r.method(), performance.now()));
  page.on('response', (r) => {
    const key = r.url() + r.request().method();
    if (r.url().includes('/api/')) api.push({ url: r.url().replace(baseUrl, ''), ms: performance.now() - (started.get(key) ?? performance.now()) });
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url().replace(baseUrl, '')}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 200));
  });
  const t0 = performance.now();
  await page.goto(baseUrl + p, { waitUntil: 'domcontentloaded' });
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
  // Spinners gone (antd), or give up after a minute.
  await page.waitForFunction("document.querySelectorAll('.ant-spin-spinning').length === 0", undefined, { timeout: 60_000 }).catch(() => undefined);
  const ms = performance.now() - t0;
  const file = path.join(out, `${p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}.png`);
  await page.screenshot({ path: file, fullPage: false });
  const slowest = api.sort((a, b) => b.ms - a.ms)[0] ?? null;
  return { path: p, finalUrl: page.url().replace(baseUrl, ''), ms, apiCalls: api.length, slowestApi: slowest, failed, consoleErrors, screenshot: file };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2)).options;
  const s = (k: string): string | undefined => (typeof a[k] === 'string' ? String(a[k]) : undefined);
  const env: Record<string, string> = { SAFEGRID_DEMO: 'off' };
  if (s('data-dir')) env.SAFEGRID_DATA_DIR = path.resolve(s('data-dir')!);
  if (s('database-url')) env.DATABASE_URL = s('database-url')!;
  if (s('secrets')) env.SAFEGRID_SECRETS_FILE = path.resolve(s('secrets')!);
  const user = s('user');
  const password = s('password');
  if (!user || !password || (!env.SAFEGRID_DATA_DIR && !env.DATABASE_URL)) {
    throw new Error('usage: bench/browser.ts (--data-dir DIR | --database-url URL [--secrets FILE]) --user NAME --password PW [--out DIR] [--pages a,b]');
  }
  const out = path.resolve(s('out') ?? path.join(ROOT, 'data', 'bench', 'screenshots'));
  mkdirSync(out, { recursive: true });
  const pages = (s('pages') ?? DEFAULT_PAGES.join(',')).split(',');

  const server = await startServer(env);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const t0 = performance.now();
    await page.goto(server.baseUrl + '/', { waitUntil: 'domcontentloaded' });
    await page.locator('#username').fill(user);
    await page.locator('#password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('welcome').waitFor({ state: 'visible', timeout: 60_000 });
    const loginMs = performance.now() - t0;
    await page.screenshot({ path: path.join(out, 'home.png') });
    const results: PageResult[] = [];
    for (const p of pages) results.push(await visit(page, server.baseUrl, p, out));
    const summary = { server: { engine: env.DATABASE_URL ? 'pg' : 'pglite', startMs: server.startMs }, loginMs, pages: results };
    writeFileSync(path.join(out, 'browser.json'), JSON.stringify(summary, null, 2));
    for (const r of results) {
      console.log(`${r.path.padEnd(18)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${String(r.apiCalls).padStart(3)} API calls, slowest ${r.slowestApi ? `${(r.slowestApi.ms / 1000).toFixed(2)} s ${r.slowestApi.url.slice(0, 90)}` : '-'}${r.failed.length ? `  FAILED: ${r.failed.join(', ').slice(0, 200)}` : ''}${r.finalUrl !== r.path ? `  → ${r.finalUrl}` : ''}`);
    }
    console.log(`server start ${(server.startMs / 1000).toFixed(1)} s, login → home ${(loginMs / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, out)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
