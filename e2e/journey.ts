// What a browser journey receives and the helpers journeys share.
//
// A journey is a file e2e/journeys/<name>.journey.ts whose default export is
//   export default async function (ctx: JourneyContext): Promise<void>
// It throws to fail. run.ts starts a fresh server with the demo accounts, hands each journey a
// browser, and closes every context the journey opened when it returns.
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  unitName: string;
  unitCode: string;
}

export interface JourneyContext {
  browser: Browser;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The demo accounts the server printed, by username (sysadmin, secadmin, auditor, district, …). */
  accounts: Record<string, DemoAccount>;
  /** Saves e2e/screenshots/<journey>-<name>.png of the given page (default: the last page opened). */
  screenshot: (name: string, page?: Page) => Promise<string>;
  /** A page in a new browser context (own cookies), watched for uncaught errors. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
}

export type Journey = (ctx: JourneyContext) => Promise<void>;

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

export class JourneyFailure extends Error {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new JourneyFailure(message);
}

export function account(ctx: JourneyContext, username: string): DemoAccount {
  const a = ctx.accounts[username];
  if (!a) throw new JourneyFailure(`the server printed no demo account '${username}' (got: ${Object.keys(ctx.accounts).join(', ')})`);
  return a;
}

/** Waits until the text is visible somewhere on the page. */
export async function seeText(page: Page, text: string, timeout = 15_000): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout });
}

/** Fills the login form and waits for the home page. The labels are matched in either language. */
export async function login(page: Page, ctx: JourneyContext, username: string): Promise<void> {
  const a = account(ctx, username);
  await page.locator('#username').fill(a.username);
  await page.locator('#password').fill(a.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome').waitFor({ state: 'visible', timeout: 20_000 });
}

/** The visible texts of the side menu, group labels included. */
export async function menuTexts(page: Page): Promise<string[]> {
  const menu = page.getByTestId('side-menu');
  await menu.waitFor({ state: 'visible' });
  const texts = await menu.locator('.ant-menu-title-content').allInnerTexts();
  return texts.map((s) => s.trim()).filter((s) => s !== '');
}

type Ring = number[][];

function inside(ring: Ring, x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function edgeDistance(ring: Ring, x: number, y: number): number {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax = 0, ay = 0] = ring[j] ?? [];
    const [bx = 0, by = 0] = ring[i] ?? [];
    const dx = bx - ax;
    const dy = by - ay;
    const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/**
 * A point well inside a polygon's first part (GeoJSON Polygon or MultiPolygon, WGS 84): of a
 * 24 × 24 lattice over its outer ring, the inside point farthest from the ring.
 */
export function interiorPoint(geometry: { type: string; coordinates: unknown }, label: string): { lng: number; lat: number } {
  const polys = (geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates]) as Ring[][];
  const ring = polys[0]?.[0] ?? [];
  const xs = ring.map((p) => p[0] ?? 0);
  const ys = ring.map((p) => p[1] ?? 0);
  const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: { x: number; y: number; d: number } | null = null;
  const n = 24;
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < n; j++) {
      const x = x1 + ((x2 - x1) * i) / n;
      const y = y1 + ((y2 - y1) * j) / n;
      if (!inside(ring, x, y)) continue;
      const d = edgeDistance(ring, x, y);
      if (!best || d > best.d) best = { x, y, d };
    }
  }
  if (!best) throw new JourneyFailure(`no point found inside ${label}`);
  return { lng: Math.round(best.x * 1e6) / 1e6, lat: Math.round(best.y * 1e6) / 1e6 };
}

/**
 * Clicks a map drawn by the units module (UnitMap) at a WGS 84 position: the map publishes its
 * view (EPSG:3857 centre, metres per pixel) on its element as data-view.
 */
export async function clickMapAt(page: Page, testId: string, at: { lng: number; lat: number }): Promise<void> {
  const map = page.getByTestId(testId);
  const view = await map.getAttribute('data-view');
  check(view, `the map ${testId} has not drawn yet`);
  const [cx = 0, cy = 0, res = 1, sw, sh] = view.split(',').map(Number);
  const R = 6378137;
  const X = (R * at.lng * Math.PI) / 180;
  const Y = R * Math.log(Math.tan(Math.PI / 4 + (at.lat * Math.PI) / 360));
  const box = await map.boundingBox();
  check(box, `the map ${testId} is not on screen`);
  // The map's own pixels (its size as it last measured itself) are scaled to the element's box.
  const w = sw || box.width;
  const h = sh || box.height;
  const x = ((X - cx) / res + w / 2) * (box.width / w);
  const y = ((cy - Y) / res + h / 2) * (box.height / h);
  check(x > 0 && y > 0 && x < box.width && y < box.height, `${at.lng},${at.lat} is outside the visible map`);
  await map.click({ position: { x, y } });
}

/** Waits until an attribute of the element with the test id satisfies the predicate; returns its value. */
export async function waitForAttribute(page: Page, testId: string, attribute: string, ok: (value: string | null) => boolean, timeout = 15_000): Promise<string | null> {
  const el = page.getByTestId(testId);
  const until = Date.now() + timeout;
  for (;;) {
    const value = await el.getAttribute(attribute, { timeout });
    if (ok(value)) return value;
    if (Date.now() > until) throw new JourneyFailure(`${testId} ${attribute}="${String(value)}" never became as expected`);
    await page.waitForTimeout(100);
  }
}

/**
 * Chooses a unit in a unit picker (the tree select behind a form field or filter): types the
 * search into it and clicks the unit whose code is shown beside its name.
 */
export async function pickUnit(page: Page, field: Locator, search: string, code = search): Promise<void> {
  await field.click();
  await field.fill(search);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: code }).first();
  await option.waitFor({ timeout: 20_000 });
  await option.click();
}
