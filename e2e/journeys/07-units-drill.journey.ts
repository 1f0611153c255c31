// An official drills down the map from Xining to one grid by clicking the polygons — city →
// district → street → community → grid — and sees the grid's worker, its responsible persons and
// what lies in it; asks who is responsible for the point; the breadcrumb leads back up.
import { account, check, clickMapAt, DESKTOP, interiorPoint, login, seeText, waitForAttribute, type JourneyContext } from '../journey.js';

export default async function unitsDrill(ctx: JourneyContext): Promise<void> {
  const worker = account(ctx, 'gridworker');
  const gridCode = worker.unitCode;
  const chain = [gridCode.slice(0, 6), gridCode.slice(0, 9), gridCode.slice(0, 12), gridCode];

  const page = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await page.goto('/login');
  await login(page, ctx, 'sysadmin');

  // The point to click: well inside the grid worker's grid, and the locate service agrees.
  const boundary = await page.context().request.get(`/api/units/${gridCode}/boundary`);
  check(boundary.ok(), `the grid ${gridCode} has no boundary (${boundary.status()})`);
  const at = interiorPoint(((await boundary.json()) as { geometry: { type: string; coordinates: unknown } }).geometry, gridCode);
  const located = await page.context().request.get(`/api/units/locate?lng=${at.lng}&lat=${at.lat}`);
  check(located.ok() && (await located.text()).includes(gridCode), `the point ${at.lng},${at.lat} is not located in ${gridCode}`);

  const interiorOf = async (code: string) => {
    const b = await page.context().request.get(`/api/units/${code}/boundary`);
    check(b.ok(), `the unit ${code} has no boundary (${b.status()})`);
    return interiorPoint(((await b.json()) as { geometry: { type: string; coordinates: unknown } }).geometry, code);
  };

  // The units page opens on the city with its seven districts drawn.
  await page.getByTestId('side-menu').getByText('网格管理').click();
  await page.getByTestId('side-menu').getByText('网格地图').click();
  await page.waitForURL('**/units/6301');
  const map = page.getByTestId('unit-map');
  await waitForAttribute(page, 'unit-map', 'data-shown', (v) => v?.split(',').length === 7);
  await page.getByTestId('unit-detail').getByText('西宁市').first().waitFor();
  await ctx.screenshot('city');

  for (const [i, code] of chain.entries()) {
    // The level above shows its children, this one among them; click the point.
    await waitForAttribute(page, 'unit-map', 'data-shown', (v) => v?.split(',').includes(code) === true);
    const before = await map.getAttribute('data-view');
    // Click well inside the unit itself: the map draws each level's polygons simplified for its
    // zoom, so a point near a border (a grid at the edge of its district) could fall outside it.
    await clickMapAt(page, 'unit-map', code === gridCode ? at : await interiorOf(code));
    await page.waitForURL(`**/units/${code}`);
    await page.getByTestId('unit-detail').waitFor();
    if (code !== gridCode) {
      // The map moves to the clicked unit and draws its children.
      await waitForAttribute(page, 'unit-map', 'data-view', (v) => v !== before);
      await ctx.screenshot(`level-${i + 1}`);
    }
  }

  // The grid: its worker, its community's grids drawn around it, the breadcrumb up to Xining.
  const panel = page.getByTestId('unit-detail');
  await panel.getByTestId('grid-worker').getByText('张敏').waitFor();
  check((await panel.getByTestId('grid-worker').innerText()).includes('gridworker'), 'the grid panel names the worker\'s account');
  const crumbs = await page.locator('.ant-breadcrumb').innerText();
  for (const name of ['西宁市', '城东区']) check(crumbs.includes(name), `the breadcrumb lacks ${name}: ${crumbs}`);
  await seeText(page, '场所');
  await ctx.screenshot('grid');

  // Who is responsible for the point: its grid, the worker, and the persons of every level above.
  await page.getByTestId('responsible-pick').click();
  await clickMapAt(page, 'unit-map', at);
  const answer = page.getByTestId('responsible');
  await answer.getByTestId('responsible-worker').getByText('张敏').waitFor();
  const text = await answer.innerText();
  for (const name of ['北关社区第1网格', '北关社区', '城东区', '西宁市']) check(text.includes(name), `the answer lacks ${name}`);
  // The demo community's leader, with the phone masked.
  check(text.includes('王丽华') && text.includes('139****0021'), 'the answer lacks the community leader with a masked phone');
  check(!text.includes('13909710021'), 'the answer shows a phone in clear');
  check(page.url().endsWith(`/units/${gridCode}`), 'picking a point must not navigate');
  await ctx.screenshot('responsible');

  // Back up by the breadcrumb to the district.
  await page.locator('.ant-breadcrumb').getByText('城东区').click();
  await page.waitForURL(`**/units/${chain[0] ?? ''}`);
  await page.getByTestId('unit-detail').getByText('城东区').first().waitFor();

  // The same page in English.
  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByRole('heading', { name: 'Areas and grids' }).waitFor();
  await page.getByTestId('responsible-pick').getByText('Who is responsible here').waitFor();
  await ctx.screenshot('english');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/me/locale') && r.ok()),
    page.getByTestId('language-switch').getByText('中文').click(),
  ]);
  await page.getByRole('heading', { name: '辖区与网格' }).waitFor();
}
