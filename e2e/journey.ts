// What a browser journey receives and the helpers journeys share.
//
// A journey is a file e2e/journeys/<name>.journey.ts whose default export is
//   export default async function (ctx: JourneyContext): Promise<void>
// It throws to fail. run.ts starts a fresh server with the demo accounts, hands each journey a
// browser, and closes every context the journey opened when it returns.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

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
