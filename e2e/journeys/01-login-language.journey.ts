// Issue 2: open the app → login page in Chinese → log in as the district account → switch to
// English (the menu follows) → log out.
import { account, check, DESKTOP, login, menuTexts, seeText, type JourneyContext } from '../journey.js';

export default async function loginAndLanguage(ctx: JourneyContext): Promise<void> {
  const page = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await page.goto('/');
  await page.waitForURL('**/login');
  await seeText(page, '账号登录');
  check((await page.locator('html').getAttribute('lang')) === 'zh-CN', 'the page language is zh-CN');
  await seeText(page, '密码要求：至少 8 个字符');
  await ctx.screenshot('login-zh');

  await login(page, ctx, 'district');
  const district = account(ctx, 'district');
  await seeText(page, '您好，');
  check((await page.getByTestId('user-unit').innerText()).includes(district.unitName), 'the header shows the unit');
  const zhMenu = await menuTexts(page);
  check(zhMenu.includes('工作台'), `the Chinese menu has 工作台: ${zhMenu.join(', ')}`);
  for (const hidden of ['系统管理', '安全管理', '审计日志', '用户管理']) {
    check(!zhMenu.includes(hidden), `the district official does not see ${hidden}`);
  }
  await ctx.screenshot('home-zh');

  await page.getByTestId('language-switch').getByText('EN').click();
  await seeText(page, 'Hello,');
  const enMenu = await menuTexts(page);
  check(enMenu.includes('Home') && !enMenu.includes('工作台'), `the menu switched to English: ${enMenu.join(', ')}`);
  check((await page.getByTestId('logout').innerText()).includes('Log out'), 'the logout button is in English');
  check((await page.locator('html').getAttribute('lang')) === 'en', 'the page language is en');
  await ctx.screenshot('home-en');

  // The choice is kept on the account: a fresh browser logging in as the same user gets English.
  await page.waitForTimeout(300);
  const other = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await other.goto('/login');
  await login(other, ctx, 'district');
  await seeText(other, 'Hello,');
  await other.getByTestId('logout').click();
  await other.waitForURL('**/login');

  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
  await seeText(page, 'Log in');
  await ctx.screenshot('logged-out-en', page);
  // After logout the app answers with the login page again.
  await page.goto('/');
  await page.waitForURL('**/login');

  // Back to Chinese, kept on the account for the journeys after this one.
  await login(page, ctx, 'district');
  await seeText(page, 'Hello,');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/me/locale') && r.ok()),
    page.getByTestId('language-switch').getByText('中文').click(),
  ]);
  await seeText(page, '您好，');
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
}
