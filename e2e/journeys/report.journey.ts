// A resident reports a hazard on a phone: photo, code, status; a neighbour is offered the report
// as a duplicate and adds to it; a third report is merged by the grid worker, who confirms the
// hazard; after the hazard's closure the status page says so. The stored photo carries no EXIF
// location, no public page or Open311 answer shows a personal detail, an Open311 client goes
// through discovery → services → definition → POST → GET in JSON and XML, and a burst from one
// address is slowed and refused while the staff pages keep answering from the same address.
import type { Page } from 'playwright-core';
import { readPhotoMeta } from '../../server/modules/files/image-meta.js';
import { sampleJpeg, withExif } from '../../server/test/files.fixtures.js';
import { account, check, DESKTOP, interiorPoint, login, PHONE, seeText, type JourneyContext } from '../journey.js';

interface GridFeature { properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown } }

/** A logged-in API session for the steps a journey does not click through. */
async function session(ctx: JourneyContext, username: string) {
  const a = account(ctx, username);
  const res = await fetch(`${ctx.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: a.username, password: a.password }) });
  check(res.ok, `login of ${username} failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${ctx.baseUrl}${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrf, ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
    });
    return r;
  };
  return {
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await call(method, path, body);
      const text = await r.text();
      check(r.ok, `${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
    raw: call,
  };
}

async function chooseCategory(page: Page, name: string) {
  await page.getByTestId('report-category').click();
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
}

const PHONE_NO = '13912340000';
const NAME = '陈晓梅';

export default async function reportJourney(ctx: JourneyContext): Promise<void> {
  // ---- the area: a grid on the public map and a point in it ----
  const map = (await (await fetch(`${ctx.baseUrl}/api/public/map?level=grid`)).json()) as { features: GridFeature[] };
  check(map.features.length > 0, 'the public map has no grid boundaries: the demo city must have grids with geometry to place reports');
  const gw = account(ctx, 'gridworker');
  const grid = map.features.find((f) => f.properties.code === gw.unitCode) ?? map.features[0]!;
  const at = interiorPoint(grid.geometry, grid.properties.code);
  const phoneAt = { viewport: PHONE, isMobile: true, hasTouch: true, geolocation: { latitude: at.lat, longitude: at.lng }, permissions: ['geolocation'] };

  // ---- resident A reports with a photo on a phone ----
  const a = await ctx.newPage(phoneAt);
  await a.goto('/report');
  await a.getByTestId('report-map').waitFor();
  await chooseCategory(a, '消防安全');
  await a.getByTestId('report-description').fill('小区3号楼楼道堆满纸箱和旧家具，堵住了安全出口，晚上还有电动车在楼道里充电。');
  await a.getByText('当前位置').click();
  await seeText(a, '已选位置');
  const photo = withExif(sampleJpeg(), { lat: at.lat, lng: at.lng, dateTimeOriginal: '2026:03:01 10:00:00', make: 'PhoneCo' });
  check(readPhotoMeta(photo, 'Asia/Shanghai').gps !== null, 'the test photo should carry a GPS position');
  await a.locator('input[type=file]').first().setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
  await a.locator('#name').fill(NAME);
  await a.locator('#phone').fill(PHONE_NO);
  await a.getByTestId('report-privacy').check();
  await ctx.screenshot('form', a);
  await a.getByTestId('report-submit').click();
  await a.getByTestId('tracking-code').waitFor({ timeout: 30_000 });
  const codeA = (await a.getByTestId('tracking-code').innerText()).trim();
  check(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/.test(codeA), `unexpected tracking code ${codeA}`);
  await ctx.screenshot('code', a);
  await a.getByTestId('report-view-status').click();
  await a.getByTestId('status-card').waitFor();
  check((await a.getByTestId('status-stage').innerText()).includes('待核实'), 'the new report should be waiting for a check');
  const statusHtml = await a.content();
  check(!statusHtml.includes(PHONE_NO) && !statusHtml.includes(NAME), 'the status page shows a personal detail in clear');
  check(statusHtml.includes('139****0000'), 'the status page should show the masked phone');
  await ctx.screenshot('status-received', a);

  // ---- resident B is offered A's report as a duplicate and adds to it ----
  const b = await ctx.newPage(phoneAt);
  await b.goto('/report');
  await b.getByTestId('report-map').waitFor();
  await chooseCategory(b, '消防安全');
  await b.getByText('当前位置').click();
  await b.getByTestId('report-duplicates').waitFor({ timeout: 15_000 });
  check((await b.getByTestId('report-duplicates').innerText()).includes('堵住了安全出口'), 'the duplicate suggestion should show A\'s report');
  check(!(await b.content()).includes(codeA.replace('-', '')), 'the suggestion must not reveal A\'s tracking code');
  await ctx.screenshot('duplicate', b);
  await b.getByTestId('report-dup-support').first().click();
  const dialog = b.getByRole('dialog');
  await dialog.locator('input[type=checkbox]').check();
  await dialog.getByRole('button', { name: '确认补充' }).click();
  await b.getByTestId('tracking-code').waitFor({ timeout: 30_000 });

  // ---- resident C files the same hazard anyway ----
  const c = await ctx.newPage(phoneAt);
  await c.goto('/report');
  await c.getByTestId('report-map').waitFor();
  await chooseCategory(c, '消防安全');
  await c.getByTestId('report-description').fill('3号楼的安全出口被杂物堵死了，楼道里还有人给电瓶车充电，很危险。');
  await c.getByText('当前位置').click();
  await seeText(c, '已选位置');
  await c.getByTestId('report-privacy').check();
  await c.getByTestId('report-submit').click();
  await c.getByTestId('tracking-code').waitFor({ timeout: 60_000 });
  const codeC = (await c.getByTestId('tracking-code').innerText()).trim().replace('-', '');

  // ---- the grid worker's triage list; the district office merges C into A; the grid worker confirms A ----
  const staff = await ctx.newPage({ viewport: DESKTOP });
  await staff.goto('/login');
  await login(staff, ctx, 'gridworker');
  await staff.goto('/my-work');
  await staff.getByRole('link', { name: /小区3号楼楼道堆满纸箱/ }).first().waitFor({ timeout: 15_000 });
  await seeText(staff, '群众举报待核实');
  await ctx.screenshot('my-work', staff);
  await staff.goto('/reports/triage');
  const row = staff.locator('[data-testid=triage-table] tr.ant-table-row', { hasText: codeA.replace('-', '') });
  await row.waitFor({ timeout: 15_000 });
  await ctx.screenshot('triage', staff);
  await row.click();
  await staff.getByTestId('report-text').waitFor();
  const idA = staff.url().split('/').pop() ?? '';

  const office = await ctx.newPage({ viewport: DESKTOP });
  await office.goto('/login');
  await login(office, ctx, 'district');
  await office.goto(`/reports/${idA}`);
  await office.getByTestId('report-text').waitFor();
  await office.locator('tr.ant-table-row', { hasText: codeC }).locator('input[type=checkbox]').check();
  await office.getByTestId('report-merge').click();
  await seeText(office, '关联举报');
  await ctx.screenshot('merged', office);

  await staff.reload();
  await staff.getByTestId('report-text').waitFor();
  await staff.getByTestId('report-confirm').click();
  await staff.getByRole('dialog').getByRole('button', { name: '确认为隐患' }).click();
  await seeText(staff, '隐患台账');
  await ctx.screenshot('confirmed', staff);

  const gwApi = await session(ctx, 'gridworker');
  const detail = await gwApi.json<{ hazardId: string | null; linked: Array<{ code: string; state: string }>; photoList: Array<{ id: string }> }>('GET', `/api/reports/${idA}`);
  check(detail.hazardId !== null, 'the confirmed report should be linked to a hazard');
  check(detail.linked.some((l) => l.code === codeC && l.state === 'merged'), 'the merged report should stay linked');
  const idC = (await gwApi.json<{ items: Array<{ id: string }> }>('GET', `/api/reports?q=${codeC}`)).items[0]?.id;
  const detailC = await gwApi.json<{ hazardId: string | null }>('GET', `/api/reports/${idC ?? ''}`);
  check(detailC.hazardId === detail.hazardId, 'both reports should point at the one hazard');

  // ---- the stored photo carries no EXIF location ----
  const photoId = detail.photoList[0]?.id;
  check(photoId !== undefined, 'the report should have its photo');
  const bytes = Buffer.from(await (await gwApi.raw('GET', `/api/files/${photoId}/content`)).arrayBuffer());
  check(bytes.length > 100 && readPhotoMeta(bytes, 'Asia/Shanghai').gps === null, 'the stored photo still carries a GPS position');
  check(!bytes.includes(Buffer.from('PhoneCo', 'latin1')), 'the stored photo still carries EXIF data');

  // ---- the hazard goes through its workflow to closure ----
  const officer = await session(ctx, 'district');
  const hz = detail.hazardId;
  await officer.json('POST', `/api/hazards/${hz}/confirm`, {});
  await officer.json('POST', `/api/hazards/${hz}/issue`, {});
  const form = new FormData();
  form.append('file', new Blob([sampleJpeg('after')], { type: 'image/jpeg' }), 'after.jpg');
  const evidence = await gwApi.json<{ id: string }>('POST', '/api/files?purpose=evidence', form);
  await gwApi.json('POST', `/api/hazards/${hz}/submit`, { evidence: [evidence.id] });
  await officer.json('POST', `/api/hazards/${hz}/accept`, {});

  await a.reload();
  await a.getByTestId('status-card').waitFor();
  check((await a.getByTestId('status-stage').innerText()).includes('已办结'), 'after the hazard\'s closure the status page should say so');
  await seeText(a, '隐患已整改完毕并销号');
  const closedHtml = await a.content();
  check(!closedHtml.includes(PHONE_NO) && !closedHtml.includes(NAME), 'the closed status page shows a personal detail in clear');
  await ctx.screenshot('status-closed', a);

  // ---- an Open311 client ----
  const sys = await session(ctx, 'sysadmin');
  const { key } = await sys.json<{ key: string }>('POST', '/api/open311/keys', { name: 'e2e client' });
  const o311 = (p: string, init?: RequestInit) => fetch(`${ctx.baseUrl}/open311/v2/${p}`, init);
  const disc = (await (await o311('discovery.json')).json()) as { endpoints: Array<{ url: string; formats: string[] }> };
  check(disc.endpoints[0]?.formats.includes('text/xml') === true, 'discovery should offer XML');
  check((await (await o311('discovery.xml')).text()).includes('<discovery>'), 'discovery.xml should be XML');
  const services = (await (await o311('services.json')).json()) as Array<{ service_code: string }>;
  check(services.some((s) => s.service_code === 'fire'), 'services should list fire');
  const def = (await (await o311('services/fire.json')).json()) as { attributes: Array<{ code: string }> };
  check(def.attributes.length > 0, 'the service definition should have attributes');
  const posted = await o311('requests.json', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: key, service_code: 'fire', lat: String(at.lat), long: String(at.lng), description: '地下车库消防栓没有水，灭火器也过期了。', email: 'hotline@example.com', phone: PHONE_NO, first_name: '晓梅', last_name: '陈' }),
  });
  check(posted.status === 201, `Open311 POST answered ${posted.status}`);
  const srid = ((await posted.json()) as Array<{ service_request_id: string }>)[0]?.service_request_id ?? '';
  const back = await (await o311(`requests/${srid}.json`)).text();
  const backXml = await (await o311(`requests/${srid}.xml`)).text();
  const list = await (await o311('requests.json')).text();
  check(back.includes(srid) && backXml.includes(`<service_request_id>${srid}</service_request_id>`), 'the posted request should read back in JSON and XML');
  for (const text of [back, backXml, list]) {
    check(!text.includes(PHONE_NO) && !text.includes('hotline@example.com') && !text.includes(NAME) && !text.includes('晓梅'), 'an Open311 answer shows a personal detail');
  }

  // ---- a burst from one address: slowed (challenge), then refused; staff pages unaffected ----
  const statuses: number[] = [];
  for (let i = 0; i < 15; i++) {
    const r = await fetch(`${ctx.baseUrl}/api/public/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'fire', description: `第${i}次：楼道里堆满杂物，安全出口被堵住了。`, locationSource: 'map', lng: at.lng, lat: at.lat, privacyAck: true }),
    });
    statuses.push(r.status);
    if (r.status === 429) break;
  }
  check(statuses.includes(428), `the burst should be asked for the check (got ${statuses.join(',')})`);
  check(statuses[statuses.length - 1] === 429, `the burst should end refused (got ${statuses.join(',')})`);
  // The same address still reaches the staff pages and API (the portal's limits are the portal's),
  // while the portal keeps refusing it.
  await staff.goto('/reports/triage');
  await staff.getByTestId('triage-table').waitFor();
  await ctx.screenshot('triage-during-burst', staff);
  const staffRes = await gwApi.raw('GET', '/api/reports/triage');
  check(staffRes.status === 200, `the staff API answered ${staffRes.status} during the burst`);
  const again = await fetch(`${ctx.baseUrl}/api/public/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'fire', description: '再试一次：楼道里堆满杂物，安全出口被堵住了。', locationSource: 'map', lng: at.lng, lat: at.lat, privacyAck: true }),
  });
  check(again.status === 429, `the portal should still refuse the address (got ${again.status})`);
}
