// Every demo role walks every page of its menu in Chinese and in English; the journey fails on
// text shaped like a raw identifier (`plan.generate`, `to: D; from: null`, snake_case words)
// outside code fields. True codes (unit codes, tracking numbers, credit codes) are shown in
// code fields (`code`, `.sg-mono`, inputs) and are not read.
import type { Page } from 'playwright-core';
import { check, DESKTOP, login, type JourneyContext } from '../journey.js';

const DOTTED = /\b[a-z]+\.[a-z_]+\b/;
const CHANGE_LOG = /\bto: [^;]*; from:/;
const SNAKE = /\b[a-z]+_[a-z_]+\b/;
// Domain names and file names are text, not identifiers.
const ALLOWED = [/\b[\w-]+\.(?:png|jpe?g|pdf|xlsx|csv|zip|geojson|svg|json)\b/i, /\b(?:www|gov)\.[a-z.]+\b/i, /@[\w.-]+\.[a-z]+/i];

/** The visible text of the page body without the code fields, one entry per text node. */
async function readableTexts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const skip = (el) => !!el.closest('code, kbd, pre, .sg-mono, input, textarea, [contenteditable], script, style, .ant-typography code, [data-code]');
    const out = [];
    const root = document.querySelector('.sg-content') || document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const s = n.textContent.trim();
      if (s) out.push(s);
    }
    return out;
  })()`);
}

function rawIdentifiers(texts: string[]): string[] {
  const bad: string[] = [];
  for (const raw of texts) {
    let s = raw;
    for (const a of ALLOWED) s = s.replace(new RegExp(a.source, a.flags.includes('g') ? a.flags : `${a.flags}g`), ' ');
    if (DOTTED.test(s) || CHANGE_LOG.test(s) || SNAKE.test(s)) bad.push(raw.slice(0, 120));
  }
  return bad;
}

async function openAllGroups(page: Page): Promise<void> {
  const menu = page.getByTestId('side-menu');
  const closed = menu.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
  for (let guard = 0; guard < 20 && (await closed.count()) > 0; guard++) {
    await closed.first().click();
    await page.waitForTimeout(150);
  }
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  await page.locator('.sg-content .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(300);
}

export default async function readable(ctx: JourneyContext): Promise<void> {
  const problems: string[] = [];
  for (const username of Object.keys(ctx.accounts)) {
    const page = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await page.goto('/');
    await page.waitForURL('**/login');
    await login(page, ctx, username);
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') {
        await page.getByTestId('language-switch').getByText('EN').click();
        for (let i = 0; i < 50 && (await page.locator('html').getAttribute('lang')) !== 'en'; i++) await page.waitForTimeout(100);
      }
      await openAllGroups(page);
      const items = page.getByTestId('side-menu').locator('.ant-menu-item');
      const count = await items.count();
      for (let i = 0; i < count; i++) {
        await openAllGroups(page);
        const item = items.nth(i);
        const label = (await item.innerText()).trim();
        await item.click();
        await settle(page);
        const bad = rawIdentifiers(await readableTexts(page));
        if (bad.length > 0) problems.push(`${username} ${lang} ${label} (${new URL(page.url()).pathname}): ${[...new Set(bad)].slice(0, 5).join(' | ')}`);
      }
    }
    // Back to Chinese for the next journey that logs in as this user.
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.close();
  }
  check(problems.length === 0, `raw identifiers on screen:\n${problems.join('\n')}`);
}
