import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { systemActor } from '../../core/access.js';
import type { MyWork } from '../../../common/modules/notifications/notifications.contract.js';
import { IN_GRID1, seedEnterprise, seedGeoTree } from '../../test/fixtures/hazards.fixtures.js';
import type { HazardsService } from '../hazards/hazards.module.js';
import type { NotificationsService } from './notifications.service.js';
import { smsWebhookTransport, smtpTransport } from './transports.js';

/** A tiny SMTP server on loopback that records what it is told. */
function fakeSmtp(): Promise<{ port: number; mails: Array<{ from: string; to: string[]; data: string; auth: string | null }>; close(): Promise<void> }> {
  const mails: Array<{ from: string; to: string[]; data: string; auth: string | null }> = [];
  const server = createServer((sock: Socket) => {
    let buf = '';
    let inData = false;
    let cur = { from: '', to: [] as string[], data: '', auth: null as string | null };
    sock.write('220 fake ESMTP\r\n');
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(cur);
            cur = { from: '', to: [], data: '', auth: cur.auth };
            sock.write('250 queued\r\n');
          } else cur.data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
          continue;
        }
        const cmd = line.split(' ')[0]?.toUpperCase();
        if (cmd === 'EHLO') sock.write('250-fake\r\n250 AUTH PLAIN\r\n');
        else if (cmd === 'AUTH') {
          cur.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8').split('\0').slice(1).join(':');
          sock.write('235 ok\r\n');
        } else if (cmd === 'MAIL') {
          cur.from = /<(.*)>/.exec(line)?.[1] ?? '';
          sock.write('250 ok\r\n');
        } else if (cmd === 'RCPT') {
          cur.to.push(/<(.*)>/.exec(line)?.[1] ?? '');
          sock.write('250 ok\r\n');
        } else if (cmd === 'DATA') {
          inData = true;
          sock.write('354 go\r\n');
        } else if (cmd === 'QUIT') {
          sock.write('221 bye\r\n');
          sock.end();
        } else sock.write('502 no\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: (server.address() as AddressInfo).port, mails, close: () => new Promise((r) => server.close(() => r())),
  })));
}

let t: TestApp;
let dataDir: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sg-notify-'));
  t = await createTestApp({ config: { dataDir } });
  await seedGeoTree(t.db);
  ids.ent = await seedEnterprise(t.db, { name: '北关机械厂', at: IN_GRID1 });
  ids.comm = await t.user('comm', 'community_official', '630102001001');
  ids.entUser = await t.user('ent', 'enterprise_user', '630102001001001', { enterpriseId: ids.ent });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('my work, inbox and outbox', () => {
  it('lists hazards to rectify for the enterprise and to confirm for the community, overdue first', async () => {
    const hazards = t.modules.find((m) => typeof (m.service as Partial<HazardsService>).publicStatus === 'function')?.service as HazardsService;
    const sys = systemActor('test');
    const late = await hazards.create(sys, { source: 'self_inspection', enterpriseId: ids.ent, ...IN_GRID1, category: 'fire', description: '早发现的隐患', rectifyDays: 1 });
    t.clock.set('2026-03-10T02:00:00Z');
    const fresh = await hazards.create(sys, { source: 'self_inspection', enterpriseId: ids.ent, ...IN_GRID1, category: 'gas', description: '新发现的隐患', rectifyDays: 10 });
    const reported = await hazards.create(sys, { source: 'report', ...IN_GRID1, category: 'gas', description: '群众反映燃气味' });
    const ent = await t.login('ent');
    const work = (await ent.get('/api/my-work')).json<MyWork>();
    expect(work.today).toBe('2026-03-10');
    expect(work.items.map((i) => [i.kind, i.id, i.overdue])).toEqual([['hazard_rectify', late.id, true], ['hazard_rectify', fresh.id, false]]);
    expect(work.items[0]?.daysOverdue).toBe(7);
    const comm = (await (await t.login('comm')).get('/api/my-work')).json<MyWork>();
    expect(comm.items.filter((i) => i.kind === 'hazard_confirm').map((i) => i.id)).toEqual([reported.id]);
  });

  it('keeps an inbox per user with read state, and contacts encrypted and masked', async () => {
    const ent = await t.login('ent');
    const inbox = (await ent.get('/api/inbox')).json<{ items: Array<{ id: string; kind: string; title: { zh: string } }>; unread: number }>();
    expect(inbox.items.map((i) => i.kind)).toEqual(['hazard.issued', 'hazard.issued']);
    expect(inbox.unread).toBe(2);
    expect((await ent.post('/api/inbox/read', { ids: [inbox.items[0]?.id] })).json()).toEqual({ marked: 1, unread: 1 });
    expect((await ent.post('/api/inbox/read', {})).statusCode).toBe(400);

    const set = await ent.put('/api/me/contacts', { email: 'anquan@example.cn', phone: '13912345678', notifyEmail: true, notifySms: true });
    expect(set.json()).toEqual({ email: 'a***@example.cn', phone: '139****5678', notifyEmail: true, notifySms: true });
    const raw = await t.db.one<{ email_enc: Buffer; phone_hash: string }>(sql`SELECT email_enc, phone_hash FROM user_contacts WHERE user_id = ${ids.entUser}::bigint`);
    expect(raw?.email_enc.toString('latin1')).not.toContain('anquan');
    expect(raw?.phone_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await ent.put('/api/me/contacts', { phone: '123' })).statusCode).toBe(400);
  });

  it('delivers e-mail over SMTP and SMS through the webhook, retrying failures', async () => {
    const smtp = await fakeSmtp();
    const sms: Array<{ to: string; text: string; auth: string | undefined }> = [];
    let smsFail = true;
    const hook = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (smsFail) {
          smsFail = false;
          res.writeHead(503).end();
          return;
        }
        sms.push({ ...(JSON.parse(body) as { to: string; text: string }), auth: req.headers.authorization });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const notifications = t.modules.find((m) => typeof (m.service as Partial<NotificationsService>).notify === 'function')?.service as NotificationsService;
    const log: string[] = [];
    notifications.setTransports({
      log: { name: 'log', send: async (m) => { log.push(m.subject); } },
      email: smtpTransport({ host: '127.0.0.1', port: smtp.port, secure: false, startTls: false, user: 'sg', password: 'pw', from: 'SafeGrid <noreply@safegrid.local>' }),
      sms: smsWebhookTransport({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/sms`, token: 'tok' }),
    });
    await t.db.rows(sql`UPDATE outbox SET status = 'sent'`);
    await t.db.tx((tx) => notifications.notify(tx, [ids.entUser ?? '', ids.comm ?? ''], {
      kind: 'test', title: { zh: '隐患逾期未整改 YH1', en: 'Hazard overdue YH1' }, body: { zh: '请尽快整改。', en: 'Please rectify.' }, dedupeKey: 'x',
    }));
    const r1 = await notifications.deliver(new Date('2026-03-10T02:01:00Z'));
    expect(r1).toEqual({ sent: 2, failed: 1 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ from: 'noreply@safegrid.local', to: ['anquan@example.cn'], auth: 'sg:pw' });
    expect(Buffer.from(smtp.mails[0]?.data.split('\n\n')[1]?.replace(/\n/g, '') ?? '', 'base64').toString('utf8')).toContain('请尽快整改。');
    expect(log).toEqual(['隐患逾期未整改 YH1 / Hazard overdue YH1']);
    expect(await notifications.deliver(new Date('2026-03-10T02:02:00Z'))).toEqual({ sent: 0, failed: 0 }); // backing off
    expect(await notifications.deliver(new Date('2026-03-10T02:10:00Z'))).toEqual({ sent: 1, failed: 0 });
    expect(sms).toEqual([{ to: '13912345678', text: '隐患逾期未整改 YH1 / Hazard overdue YH1\n请尽快整改。\n\nPlease rectify.', auth: 'Bearer tok' }]);
    const ent = await t.login('ent');
    const out = (await ent.get('/api/outbox')).json<{ items: Array<{ channel: string; recipient: string; status: string; attempts: number }> }>();
    expect(out.items.slice(0, 2).map((o) => [o.channel, o.recipient, o.status, o.attempts])).toEqual([['sms', '139****5678', 'sent', 2], ['email', 'a***@example.cn', 'sent', 1]]);
    expect((await ent.get('/api/outbox?all=true')).statusCode).toBe(403);
    await smtp.close();
    await new Promise((r) => hook.close(r));
  });
});
