// `npm run bench:browse -- --url URL --username U --password P [--out DIR] [--city CODE]`
//
// The product as an official uses it, in a real browser (Debian's chromium), on whatever data the
// server holds — meant for a generated city (`demo --scale city`): login, the hazard list and a
// hazard, the figures page, the places list and map, and the map drilled city → district →
// street → community. Prints, per step, the time from the click or navigation until the page
// shows its content, and saves a screenshot of each step. Informative: it measures, it asserts
// only that each page shows its content (a step that shows nothing within a minute fails).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { parseArgs, str, UsageError } from '../cli/args.js';

function readOptions() {
  const opts = parseArgs(process.argv.slice(2)).options;
  try {
    return {
      url: str(opts, 'url', true), username: str(opts, 'username', true), password: str(opts, 'password', true),
      out: str(opts, 'out') ?? path.join('bench', 'results', 'browse'), city: str(opts, 'city') ?? '6301',
    };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\nUsage: npm run bench:browse -- --url URL --username U --password P [--out DIR] [--city CODE]`);
    process.exit(2);
  }
}
const { url, username, password, out, city } = readOptions();
mkdirSync(out, { recursive: true });

interface Step { step: string; ms: number; note: string }
const steps: Step[] = [];

async function timed(page: Page, step: string, go: () => Promise<unknown>, ready: () => Promise<unknown>, note: string | (() => string) = ''): Promise<void> {
  const t0 = performance.now();
  await go();
  await ready();
  const ms = performance.now() - t0;
  steps.push({ step, ms, note: typeof note === 'function' ? note() : note });
  await page.screenshot({ path: path.join(out, `${String(steps.length).padStart(2, '0')}-${step.replace(/[^a-z0-9]+/gi, '-')}.png`) });
  console.log(`${step.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${steps[steps.length - 1]?.note ?? ''}`);
}

async function mapShows(page: Page, n: (codes: string[]) => boolean): Promise<string[]> {
  const map = page.getByTestId('unit-map');
  for (let i = 0; i < 600; i++) {
    const v = await map.getAttribute('data-shown');
    const codes = v ? v.split(',') : [];
    if (n(codes)) return codes;
    await page.waitForTimeout(100);
  }
  throw new Error('the map drew nothing within a minute');
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await timed(page, 'login → home', () => page.getByTestId('login-submit').click(), () => page.getByTestId('welcome').waitFor());

    const rows = page.locator('[data-testid=hazard-table] tr.ant-table-row');
    await timed(page, 'hazard list, first page', () => page.goto('/hazards'), () => rows.first().waitFor(), 'whole area, newest first');
    const more = page.getByRole('button', { name: /加载更多|Load more/ });
    if (await more.count()) {
      const before = await rows.count();
      await timed(page, 'hazard list, next page (load more)', () => more.click(), async () => {
        for (let i = 0; i < 600 && (await rows.count()) <= before; i++) await page.waitForTimeout(100);
      }, () => `${before} → more rows`);
    }
    await timed(page, 'a hazard', () => rows.first().dblclick(), () => page.getByTestId('hazard-state').waitFor());

    await timed(page, 'figures, whole area, this year', () => page.goto('/hazards-stats'), () => page.locator('.ant-statistic-content-value').first().waitFor());
    await timed(page, 'places list, first page', () => page.goto('/places'), () => page.locator('tr.ant-table-row').first().waitFor());
    let placesShown = '';
    await timed(page, 'places map', async () => {
      const answer = page.waitForResponse((r) => r.url().includes('/api/places/map'));
      await page.goto('/places/map');
      const res = await answer;
      const body = (await res.json()) as { features: unknown[]; truncated: boolean };
      placesShown = `${body.features.length} places drawn${body.truncated ? ' (more exist: the map asks to narrow down)' : ''}`;
    }, async () => {
      await page.locator('canvas').first().waitFor();
      await page.waitForTimeout(300);
    }, () => placesShown);

    const codes = await (async () => {
      let shown: string[] = [];
      await timed(page, `map: ${city}`, () => page.goto(`/units/${city}`), async () => { shown = await mapShows(page, (c) => c.length > 0); }, () => `${shown.length} districts drawn`);
      return shown;
    })();
    let level = codes;
    for (const name of ['district', 'street', 'community']) {
      const code = level[0];
      if (!code) break;
      let shown: string[] = [];
      await timed(page, `map: ${name} ${code}`, () => page.goto(`/units/${code}`), async () => { shown = await mapShows(page, (c) => c.length > 0 && !c.includes(code)); },
        () => `${shown.length} children drawn`);
      level = shown;
    }
  } finally {
    await browser.close();
  }
  writeFileSync(path.join(out, 'browse.json'), `${JSON.stringify({ at: new Date().toISOString(), url, username, loadavg: os.loadavg(), steps }, null, 2)}\n`);
  console.log(`\nscreenshots and browse.json in ${out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
