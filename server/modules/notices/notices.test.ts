import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { seedUnits, SMALL_TREE } from '../../test/factories.js';
import { sampleJpeg, upload } from '../../test/files.fixtures.js';

let t: TestApp;
let district: Client;
let street: Client;

interface Detail {
  id: string;
  status: string;
  readAt: string | null;
  isRecipient: boolean;
  recipients: number;
  read: number;
  files: Array<{ id: string; url: string }>;
  units: Array<{ code: string }>;
  abilities: { publish: boolean; withdraw: boolean; receipts: boolean };
}

beforeAll(async () => {
  t = await createTestApp();
  await seedUnits(t.db, SMALL_TREE);
  await t.user('dist', 'district_safety_office', '630102');
  await t.user('dist2', 'district_safety_office', '630103');
  await t.user('street', 'street_official', '630102001');
  await t.user('comm', 'community_official', '630102001001');
  await t.user('gw1', 'grid_worker', '630102001001001');
  await t.user('gw2', 'grid_worker', '630102001001002');
  await t.user('audit', 'audit_admin', '630102');
  district = await t.login('dist');
  street = await t.login('street');
});
afterAll(async () => t.close());

describe('notices (通知公告)', () => {
  it('publishes to the issuing unit\'s subtree with an attachment; recipients read it, the issuer sees who has not, unit by unit', async () => {
    const photo = await upload(district, sampleJpeg(), 'attachment', '通知附件.jpg');
    const res = await district.post('/api/notices', {
      title: '关于开展冬季消防安全检查的通知', body: '各街道、社区：\n\n请于12月底前完成辖区九小场所消防检查。', audience: 'subtree', fileIds: [photo], publish: true,
    });
    expect(res.statusCode).toBe(201);
    const n = res.json<Detail>();
    expect(n.status).toBe('published');
    // street, community, two grid workers and the other users below 城东区; not the issuer, not the audit administrator, not 城中区.
    expect(n.recipients).toBe(4);
    expect(n.read).toBe(0);
    expect(n.files).toHaveLength(1);

    const gw1 = await t.login('gw1');
    const work = (await gw1.get('/api/my-work')).json<{ items: Array<{ kind: string; link: { type: string; id: string } }> }>();
    expect(work.items).toContainEqual(expect.objectContaining({ kind: 'notice_unread', link: { type: 'notice', id: n.id } }));
    const inbox = (await gw1.get('/api/notices?unread=true')).json<{ items: Array<{ id: string; readAt: string | null }> }>();
    expect(inbox.items.map((i) => i.id)).toEqual([n.id]);
    const messages = (await gw1.get('/api/inbox')).json<{ items: Array<{ object: { type: string; id: string } | null }> }>();
    expect(messages.items.some((m) => m.object?.type === 'notice' && m.object.id === n.id)).toBe(true);

    const opened = await gw1.get(`/api/notices/${n.id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json<Detail>().readAt).not.toBeNull();
    expect(opened.json<Detail>().abilities.receipts).toBe(false);
    const file = await gw1.get(opened.json<Detail>().files[0]?.url ?? '');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((await gw1.get('/api/my-work')).json<{ items: Array<{ kind: string }> }>().items.some((i) => i.kind === 'notice_unread')).toBe(false);

    const receipts = (await district.get(`/api/notices/${n.id}/receipts`)).json<{ recipients: number; read: number; units: Array<{ code: string; recipients: number; read: number; unread: Array<{ username: string }> }> }>();
    expect(receipts).toMatchObject({ recipients: 4, read: 1 });
    const g1 = receipts.units.find((u) => u.code === '630102001001001');
    expect(g1).toMatchObject({ recipients: 1, read: 1, unread: [] });
    expect(receipts.units.find((u) => u.code === '630102001001002')?.unread.map((u) => u.username)).toEqual(['gw2']);
    expect((await gw1.get(`/api/notices/${n.id}/receipts`)).statusCode).toBe(404);

    // Not for the other district, nor for an administrator without notice.read.
    expect((await (await t.login('dist2')).get(`/api/notices/${n.id}`)).statusCode).toBe(404);
    expect((await (await t.login('audit')).get('/api/notices')).statusCode).toBe(403);
  });

  it('sends to chosen units below the issuer only, keeps drafts from recipients, and withdraws with a reason', async () => {
    const outside = await street.post('/api/notices', { title: '越级', body: '正文', audience: 'units', units: ['630103001'] });
    expect(outside.statusCode).toBe(400);
    expect(JSON.stringify(outside.json())).toContain('body/units');
    const self = await street.post('/api/notices', { title: '本级', body: '正文', audience: 'units', units: ['630102001'] });
    expect(self.statusCode).toBe(400);

    const draft = (await street.post('/api/notices', { title: '第2网格夜查安排', body: '今晚夜查。', audience: 'units', units: ['630102001001002'] })).json<Detail>();
    expect(draft.status).toBe('draft');
    const gw2 = await t.login('gw2');
    expect((await gw2.get(`/api/notices/${draft.id}`)).statusCode).toBe(404);
    const pub = await street.post(`/api/notices/${draft.id}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json<Detail>().recipients).toBe(1);
    expect((await street.post(`/api/notices/${draft.id}/publish`)).statusCode).toBe(409);
    expect((await gw2.get(`/api/notices/${draft.id}`)).statusCode).toBe(200);
    const gw1 = await t.login('gw1');
    expect((await gw1.get(`/api/notices/${draft.id}`)).statusCode).toBe(404);
    // The district above the street sees what the street issued.
    const issued = (await district.get('/api/notices?box=issued')).json<{ items: Array<{ id: string }> }>();
    expect(issued.items.map((i) => i.id)).toContain(draft.id);

    expect((await street.post(`/api/notices/${draft.id}/withdraw`, { reason: '' })).statusCode).toBe(400);
    const w = await street.post(`/api/notices/${draft.id}/withdraw`, { reason: '安排有变' });
    expect(w.statusCode).toBe(200);
    expect(w.json<Detail>().status).toBe('withdrawn');
    expect((await gw2.get('/api/notices')).json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain(draft.id);
    expect((await gw2.post(`/api/notices/${draft.id}/withdraw`, { reason: '无权' })).statusCode).toBe(403);
  });
});
