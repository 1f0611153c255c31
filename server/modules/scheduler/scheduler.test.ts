import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { systemActor } from '../../core/access.js';
import { IN_GRID1, IN_GRID2, seedEnterprise, seedGeoTree } from '../../test/fixtures/hazards.fixtures.js';
import type { HazardsService } from '../hazards/hazards.module.js';
import type { SchedulerService } from './scheduler.service.js';
import type { NotificationsService } from '../notifications/notifications.module.js';

let a: TestApp;
let b: TestApp;
let dataDir: string;
const svc = <S>(t: TestApp, probe: string) => t.modules.find((m) => typeof (m.service as Record<string, unknown>)[probe] === 'function')?.service as S;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sg-sched-'));
  a = await createTestApp({ config: { dataDir } });
  // A second app instance on the same database (and the same test clock), as two servers behind a balancer.
  b = await createTestApp({ config: { dataDir }, testDb: a.testDb, clock: a.clock });
  await seedGeoTree(a.db);
  await a.user('comm', 'community_official', '630102001001');
  await a.user('street', 'street_official', '630102001');
  await a.user('dist', 'district_safety_office', '630102');
});
afterAll(async () => {
  await b.close();
  await a.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the scheduler with two app instances on one database', () => {
  it('escalates each overdue hazard level by level, once each, and catches up after downtime', async () => {
    const ha = svc<HazardsService>(a, 'publicStatus');
    const sa = svc<SchedulerService>(a, 'runDue');
    const sb = svc<SchedulerService>(b, 'runDue');
    expect(sa.instance).not.toBe(sb.instance);
    const sys = systemActor('test');
    const ent = await seedEnterprise(a.db, { name: '厂', at: IN_GRID1 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await ha.create(sys, { source: 'inspection', enterpriseId: ent, ...(i % 2 ? IN_GRID1 : IN_GRID2), category: 'fire', description: `隐患 ${i}`, rectifyDays: 1 });
      ids.push(r.id);
    }
    // Both instances tick at the same moments, concurrently.
    const tick = async (iso: string) => {
      a.clock.set(iso);
      const [ra, rb] = await Promise.all([sa.runDue(new Date(iso)), sb.runDue(new Date(iso))]);
      return [...ra, ...rb].filter((r) => r.name === 'hazards.escalate');
    };
    const first = await tick('2026-03-02T02:00:00Z');
    expect(first).toHaveLength(1); // one instance ran it, the other skipped it
    expect(first[0]?.ok).toBe(true);
    expect(await tick('2026-03-02T02:05:00Z')).toHaveLength(0); // not due again yet
    await tick('2026-03-04T02:00:00Z'); // overdue notices (deadline 03-03)
    let rows = await a.db.rows<{ level: number; n: number }>(sql`SELECT step AS level, count(*)::int AS n FROM deadline_steps GROUP BY step ORDER BY step`);
    expect(rows).toEqual([{ level: 0, n: 12 }]);

    // Downtime of six weeks; then both instances come back at once.
    const back = await tick('2026-04-15T02:00:00Z');
    expect(back).toHaveLength(1);
    rows = await a.db.rows(sql`SELECT step AS level, count(*)::int AS n FROM deadline_steps GROUP BY step ORDER BY step`);
    expect(rows).toEqual([{ level: 0, n: 12 }, { level: 1, n: 12 }, { level: 2, n: 12 }, { level: 3, n: 12 }]);

    // Even the sweeps themselves, run directly and concurrently on both, add nothing twice.
    const hb = svc<HazardsService>(b, 'publicStatus');
    const more = await Promise.all([ha.escalateDue(new Date('2026-04-16T02:00:00Z')), hb.escalateDue(new Date('2026-04-16T02:00:00Z'))]);
    expect(more.map((m) => m.steps)).toEqual([0, 0]);
    const events = await a.db.rows<{ hazard_id: string; n: number }>(sql`SELECT hazard_id, count(*)::int AS n FROM hazard_events
      WHERE action IN ('overdue', 'escalate') GROUP BY hazard_id`);
    expect(events).toHaveLength(12);
    expect(events.every((e) => e.n === 4)).toBe(true);
    const notes = await a.db.rows<{ kind: string; user: string; n: number }>(sql`SELECT n.kind, u.username AS user, count(*)::int AS n FROM notifications n
      JOIN users u ON u.id = n.user_id WHERE n.kind = 'hazard.escalated' GROUP BY 1, 2 ORDER BY 2`);
    expect(notes).toEqual([
      { kind: 'hazard.escalated', user: 'comm', n: 12 },
      { kind: 'hazard.escalated', user: 'dist', n: 12 },
      { kind: 'hazard.escalated', user: 'street', n: 12 },
    ]);
    const stats = await a.db.one<{ overdue: number; escalated: number }>(sql`SELECT sum(overdue)::int AS overdue, sum(escalated)::int AS escalated FROM hazard_stats_daily`);
    expect(stats).toEqual({ overdue: 12, escalated: 12 });
    const job = await a.db.one<{ runs: string; locked_by: string | null }>(sql`SELECT runs::text AS runs, locked_by FROM jobs WHERE name = 'hazards.escalate'`);
    expect(job).toEqual({ runs: '3', locked_by: null });
  });

  it('delivers each outbox message once across instances', async () => {
    const sa = svc<SchedulerService>(a, 'runDue');
    const sb = svc<SchedulerService>(b, 'runDue');
    const na = svc<NotificationsService>(a, 'notify');
    const nb = svc<NotificationsService>(b, 'notify');
    const sent: string[] = [];
    const counting = { name: 'count', send: async (m: { subject: string }) => { sent.push(m.subject); } };
    na.setTransports({ log: counting, email: null, sms: null });
    nb.setTransports({ log: counting, email: null, sms: null });
    await a.db.rows(sql`UPDATE outbox SET status = 'sent' WHERE status = 'pending'`);
    const users = (await a.db.rows<{ id: string }>(sql`SELECT id FROM users ORDER BY id`)).map((u) => u.id);
    await a.db.tx((tx) => na.notify(tx, users, { kind: 'test', title: { zh: '测试', en: 'Test' }, dedupeKey: 'test-1' }));
    await a.db.rows(sql`UPDATE jobs SET next_run_at = '2026-04-16T00:00:00Z' WHERE name = 'outbox.deliver'`);
    await Promise.all([sa.runDue(new Date('2026-04-16T03:00:00Z')), sb.runDue(new Date('2026-04-16T03:00:00Z'))]);
    expect(sent).toHaveLength(users.length);
    const after = await a.db.rows<{ status: string; attempts: number; n: number }>(sql`SELECT status, attempts, count(*)::int AS n FROM outbox
      WHERE subject LIKE '测试%' GROUP BY 1, 2`);
    expect(after).toEqual([{ status: 'sent', attempts: 1, n: users.length }]);
  });
});
