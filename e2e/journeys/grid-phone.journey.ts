// The grid worker on a phone (390×844): the home with its two big buttons and card lists, a
// short menu, the grid map with a size, and lists as cards — none of them wider than the screen.
import type { Page } from 'playwright-core';
import { check, login, PHONE, waitForAttribute, type JourneyContext } from '../journey.js';

async function fits(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(300);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  const inner = await page.evaluate<number>('window.innerWidth');
  check(width <= inner, `${what} fits the phone's width (scrollWidth ${width} > ${inner})`);
}

export default async function gridPhone(ctx: JourneyContext): Promise<void> {
  const page = await ctx.newPage({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await page.goto('/');
  await page.waitForURL('**/login');
  await login(page, ctx, 'gridworker');
  await page.getByTestId('home-grid').waitFor();
  await page.getByTestId('home-start-inspection').waitFor();
  await page.getByTestId('home-report-hazard').waitFor();
  await page.getByTestId('home-tasks').or(page.getByTestId('home-hazards')).first().waitFor();
  await fits(page, 'the home page');
  await ctx.screenshot('home', page);

  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('side-menu').waitFor();
  const entries = await page.getByTestId('side-menu').locator('.ant-menu-item').count();
  check(entries > 0 && entries <= 7, `the grid worker's phone menu has at most 7 entries (has ${entries})`);
  await page.waitForTimeout(300);
  await ctx.screenshot('menu', page);
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});

  await page.goto('/units');
  // The page opens the worker's own area, then draws it.
  await page.waitForURL(/\/units\/\d+/, { timeout: 30_000 });
  const map = page.getByTestId('unit-map');
  await map.waitFor();
  await waitForAttribute(page, 'unit-map', 'data-view', (v) => !!v, 30_000);
  await waitForAttribute(page, 'unit-map', 'data-loading', (v) => v === 'false', 30_000);
  const box = await map.boundingBox();
  check(box && box.width > 300 && box.height > 200, `the map has a size on a phone (${box ? `${box.width}×${box.height}` : 'none'})`);
  await fits(page, 'the map page');
  await ctx.screenshot('map', page);

  for (const [path, name] of [['/hazards', 'hazards'], ['/places', 'places'], ['/my-work', 'work'], ['/inspections', 'inspections']] as const) {
    await page.goto(path);
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
    await page.waitForTimeout(500);
    await fits(page, `the ${name} list`);
    await ctx.screenshot(name, page);
  }

  // The report button opens the hazard form at once.
  await page.goto('/');
  await page.getByTestId('home-report-hazard').click();
  await page.waitForURL('**/hazards?new=1');
  await page.getByTestId('hazard-create-ok').waitFor();
  await ctx.screenshot('report-hazard', page);
}
