// The shell at phone size (390×844): login, home, the menu drawer, a table page, logout.
import { check, login, PHONE, seeText, type JourneyContext } from '../journey.js';

export default async function phone(ctx: JourneyContext): Promise<void> {
  const page = await ctx.newPage({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await page.goto('/');
  await page.waitForURL('**/login');
  await seeText(page, '账号登录');
  await ctx.screenshot('login');

  await login(page, ctx, 'sysadmin');
  check((await page.getByTestId('side-menu').count()) === 0, 'no fixed side menu on a phone');
  const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  check(scrollWidth <= PHONE.width, `the home page fits the phone's width (scrollWidth ${scrollWidth})`);
  await ctx.screenshot('home');

  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('side-menu').waitFor();
  await page.getByTestId('side-menu').getByText('系统管理').click();
  await page.getByTestId('side-menu').getByText('用户管理').waitFor({ state: 'visible' });
  await page.waitForTimeout(400);
  await ctx.screenshot('menu-drawer');
  await page.getByTestId('side-menu').getByText('用户管理').click();
  await page.waitForURL('**/admin/users');
  await page.getByRole('heading', { name: '用户管理' }).waitFor();
  await page.locator('[data-row-key]').filter({ hasText: 'auditor' }).first().waitFor();
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});
  await page.waitForTimeout(400);
  const usersWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  check(usersWidth <= PHONE.width, `the users page scrolls its table, not the page (scrollWidth ${usersWidth})`);
  await ctx.screenshot('users');

  await page.getByTestId('user-menu').click();
  await page.getByText('退出登录').click();
  await page.waitForURL('**/login');
}
