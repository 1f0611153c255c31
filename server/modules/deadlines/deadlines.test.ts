// Deadlines that stay right, with the test app's controlled clock: the calendar across years
// without a notice (provisional), the notice entered by an administrator, the administrators'
// warning from 1 November, and escalation per deadline episode.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import type { HazardDetail } from '../../../common/modules/hazards/hazards.contract.js';
import type { CalendarYearView } from '../../../common/modules/deadlines/deadlines.contract.js';
import type { MyWork } from '../../../common/modules/notifications/notifications.contract.js';
import { sampleJpeg, upload } from '../../test/files.fixtures.js';
import { IN_GRID1, seedEnterprise, seedGeoTree } from '../../test/fixtures/hazards.fixtures.js';
import type { HazardsService } from '../hazards/hazards.module.js';

let t: TestApp;
let dataDir: string;
let hazards: HazardsService;
let enterpriseId: string;
const ids: Record<string, string> = {};

const err = (res: { json: <T>() => T }) => res.json<{ error: { code: string; details?: { fields?: Array<{ field: string }> } } }>().error;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sg-deadlines-'));
  t = await createTestApp({ config: { dataDir } });
  hazards = t.modules.find((m) => typeof (m.service as Partial<HazardsService>).publicStatus === 'function')?.service as HazardsService;
  await seedGeoTree(t.db);
  enterpriseId = await seedEnterprise(t.db, { name: '城北化工', at: IN_GRID1, industry: 'C26' });
  ids.community = await t.user('comm', 'community_official', '630102001001');
  ids.street = await t.user('street', 'street_official', '630102001');
  ids.district = await t.user('dist', 'district_safety_office', '630102');
  ids.ent = await t.user('ent', 'enterprise_user', '630102001001001', { enterpriseId });
  ids.sys = await t.user('sys', 'system_admin', 'root');
}, 240_000);
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createIssued(c: Client, rectifyDays: number, description: string): Promise<HazardDetail> {
  const res = await c.post('/api/hazards', { source: 'manual', enterpriseId, ...IN_GRID1, category: 'fire', description });
  if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: string }>().id;
  await c.post(`/api/hazards/${id}/confirm`, { rectifyDays });
  const issued = await c.post(`/api/hazards/${id}/issue`, {});
  if (issued.statusCode !== 200) throw new Error(`issue failed ${issued.statusCode} ${issued.body}`);
  return issued.json<HazardDetail>();
}

const show = async (c: Client, id: string) => (await c.get(`/api/hazards/${id}`)).json<HazardDetail>();

/** Whether the PDF shows the text: by pdftotext, or (for a writer that keeps text as UTF-16BE hex strings without an embedded font) in its content. */
function pdfHasText(bytes: Buffer, needle: string): boolean {
  const file = path.join(dataDir, `doc-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  try {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (text.replace(/\s+/g, ' ').includes(needle)) return true;
  } catch {
    /* not readable by pdftotext: look at the content */
  }
  const hex = Buffer.from(needle, 'utf16le').swap16().toString('hex');
  const raw = bytes.toString('latin1');
  const parts = [raw];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      parts.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      /* not a deflated stream */
    }
  }
  return parts.some((p) => p.toLowerCase().includes(hex));
}

describe('the administrators\' warning', () => {
  it('asks for next year\'s holiday notice from 1 November, not on 31 October', async () => {
    t.clock.set('2026-10-31T15:59:00Z'); // 23:59 on 31 October in Shanghai
    const sys = await t.login('sys');
    let work = (await sys.get('/api/my-work')).json<MyWork>();
    expect(work.today).toBe('2026-10-31');
    expect(work.items.filter((i) => i.kind === 'calendar_notice')).toEqual([]);
    t.clock.set('2026-10-31T16:00:00Z'); // 00:00 on 1 November in Shanghai
    work = (await sys.get('/api/my-work')).json<MyWork>();
    expect(work.today).toBe('2026-11-01');
    expect(work.items.filter((i) => i.kind === 'calendar_notice').map((i) => [i.id, i.dueDate, i.link])).toEqual([['2027', '2027-01-01', { type: 'calendar', id: '2027' }]]);
    // Only administrators of the configuration see it.
    const comm = (await (await t.login('comm')).get('/api/my-work')).json<MyWork>();
    expect(comm.items.some((i) => i.kind === 'calendar_notice')).toBe(false);
  });
});

describe('deadlines across years whose notice is not entered', () => {
  it('counts New Year 2027 and the 2027 Spring Festival, flags both provisional on the hazard and its PDF, and recomputes them when the notice is entered', async () => {
    // Issued Mon 2026-12-28 with 5 working days: Tue 12-29 (1), Wed 12-30 (2), Thu 12-31 (3); Fri 2027-01-01 is
    // New Year's Day (statutory), Sat/Sun 01-02/03; Mon 01-04 (4), Tue 01-05 (5). Provisional: 2027's notice is not entered.
    t.clock.set('2026-12-28T02:00:00Z');
    let comm = await t.login('comm');
    const newYear = await createIssued(comm, 5, '仓库消防栓无水');
    expect([newYear.deadline, newYear.deadlineProvisional]).toEqual(['2027-01-05', true]);
    expect(newYear.deadlineHistory.map((e) => [e.episode, e.provisional, e.provisionalYears])).toEqual([[1, true, [2027]]]);
    const notice = await comm.get(`/api/hazards/${newYear.id}/notice.pdf`);
    expect(notice.statusCode).toBe(200);
    expect(pdfHasText(notice.rawPayload, 'Provisional')).toBe(true);

    // Issued Mon 2027-02-01 with 10: Tue 02-02 … Thu 02-04 (3); Fri 02-05 除夕, Sat 初一, Sun 初二, Mon 02-08 初三 off;
    // 初一 and 初二 fell on the weekend, so Tue 02-09 and Wed 02-10 are off (放假办法 Art. 6); Thu 02-11 (4), Fri 02-12 (5),
    // Mon 02-15 (6) … Fri 02-19 (10).
    t.clock.set('2027-02-01T02:00:00Z');
    comm = await t.login('comm');
    const spring = await createIssued(comm, 10, '配电室堆放杂物');
    expect([spring.deadline, spring.deadlineProvisional]).toEqual(['2027-02-19', true]);

    // The administrator enters the 2027 notice: 02-05 … 02-12 off, Sun 01-31 and Sat 02-20 worked.
    const sys = await t.login('sys');
    const text = [
      '# 国务院办公厅关于2027年部分节假日安排的通知',
      '2027-01-01 休 元旦',
      '2027-02-05..2027-02-12 休 春节',
      '2027-01-31 班 春节',
      '2027-02-20 班 春节',
    ].join('\n');
    expect((await comm.put('/api/calendar/years/2027/notice', { ref: '国办发明电〔2026〕1号', text })).statusCode).toBe(403);
    const bad = await sys.put('/api/calendar/years/2027/notice', { ref: 'x', text: '2027-02-18 班 春节' }); // a Thursday
    expect(bad.statusCode).toBe(400);
    expect(err(bad).details?.fields?.[0]?.field).toBe('body/text');
    const imported = await sys.put('/api/calendar/years/2027/notice', { ref: '国办发明电〔2026〕1号', text });
    expect(imported.statusCode).toBe(200);
    const r = imported.json<{ year: CalendarYearView; recomputed: number; moved: number }>();
    expect(r.year.provisional).toBe(false);
    expect(r.year.notice).toMatchObject({ origin: 'import', ref: '国办发明电〔2026〕1号', by: 'sys' });
    expect(r.recomputed).toBe(2);
    expect(r.moved).toBe(1);

    // New Year's deadline stays, now final; the Spring Festival one moves: 02-02 … 02-04 (3), off to Fri 02-12,
    // Mon 02-15 (4) … Fri 02-19 (8), Sat 02-20 worked (9), Mon 02-22 (10).
    const ny = await show(comm, newYear.id);
    expect([ny.deadline, ny.deadlineProvisional]).toEqual(['2027-01-05', false]);
    const sp = await show(comm, spring.id);
    expect([sp.deadline, sp.deadlineProvisional]).toEqual(['2027-02-22', false]);
    expect(sp.timeline.filter((e) => e.action === 'deadline_moved').map((e) => (e.data as { deadline: string[] }).deadline)).toEqual([['2027-02-19', '2027-02-22']]);
    expect(pdfHasText((await comm.get(`/api/hazards/${spring.id}/notice.pdf`)).rawPayload, 'Provisional')).toBe(false);

    // A deadline issued now counts the notice's make-up Saturday: Mon 02-15 + 5 → Tue 16 … Fri 19 (4), Sat 20 (5).
    t.clock.set('2027-02-15T02:00:00Z');
    comm = await t.login('comm');
    const makeUp = await createIssued(comm, 5, '楼道电动车充电');
    expect([makeUp.deadline, makeUp.deadlineProvisional]).toEqual(['2027-02-20', false]);

    // The warning is gone once the notice is in (seen on 1 November 2026).
    t.clock.set('2026-11-02T02:00:00Z');
    expect((await (await t.login('sys')).get('/api/my-work')).json<MyWork>().items.some((i) => i.kind === 'calendar_notice')).toBe(false);
    const audit = await t.db.one<{ actor_id: string; summary: { recomputed: number; ref: string } }>(sql`SELECT actor_id, summary FROM audit_log WHERE action = 'calendar.import_notice'`);
    expect(audit?.actor_id).toBe(ids.sys);
    expect(audit?.summary).toMatchObject({ ref: '国办发明电〔2026〕1号', recomputed: 2, moved: 1 });
  });

  it('shows a year month by month with each day\'s source: the library\'s notice, an import, the statute, an edit', async () => {
    const sys = await t.login('sys');
    const y2026 = (await sys.get('/api/calendar/years/2026')).json<CalendarYearView>();
    expect(y2026.provisional).toBe(false);
    expect(y2026.notice?.origin).toBe('library');
    expect(y2026.days.find((d) => d.date === '2026-10-10')).toMatchObject({ kind: 'workday', source: 'notice', name: 'national_day' });
    const y2028 = (await sys.get('/api/calendar/years/2028')).json<CalendarYearView>();
    expect(y2028.provisional).toBe(true);
    expect(y2028.notice).toBeNull();
    expect(y2028.days.find((d) => d.date === '2028-01-01')).toMatchObject({ kind: 'holiday', source: 'statute', basis: 'festival' });
    const y2027 = (await sys.get('/api/calendar/years/2027')).json<CalendarYearView>();
    // Qingming was not in the imported text: the statute keeps it a day off.
    expect(y2027.days.find((d) => d.date === '2027-04-05')).toMatchObject({ source: 'statute', name: 'qingming' });
    const edited = await sys.put('/api/calendar/days/2027-04-06', { kind: 'holiday', note: '本市清明祭扫交通管制' });
    expect(edited.json<CalendarYearView>().days.find((d) => d.date === '2027-04-06')).toMatchObject({ kind: 'holiday', source: 'manual' });
    expect(edited.json<CalendarYearView>().edits).toEqual([expect.objectContaining({ date: '2027-04-06', kind: 'holiday', note: '本市清明祭扫交通管制', by: 'sys' })]);
    expect((await sys.put('/api/calendar/days/2027-04-07', { kind: 'clear', note: 'none' })).statusCode).toBe(404);
    expect((await sys.put('/api/calendar/days/2027-04-06', { kind: 'clear', note: '撤销' })).json<CalendarYearView>().edits).toEqual([]);
    const audit = await t.db.rows<{ object_id: string }>(sql`SELECT object_id FROM audit_log WHERE action = 'calendar.edit_day' ORDER BY id`);
    expect(audit.map((a) => a.object_id)).toEqual(['2027-04-06', '2027-04-06']);
  });
});

describe('escalation per deadline episode', () => {
  it('a hazard escalated to the district, closed and reopened with a new deadline goes overdue and escalates again from the first level, once each', async () => {
    t.clock.set('2026-03-02T02:00:00Z'); // Monday
    let comm = await t.login('comm');
    const h0 = await createIssued(comm, 1, '外墙瓷砖脱落');
    expect(h0.deadline).toBe('2026-03-03');
    const id = h0.id;
    // Every level of the first deadline: overdue Wed 03-04, then every 3 working days: 03-06, 03-11, 03-16.
    await hazards.escalateDue(new Date('2026-03-16T02:00:00Z'));
    let h = await show(comm, id);
    expect(h.escalations.map((e) => [e.level, e.dueOn])).toEqual([[0, '2026-03-04'], [1, '2026-03-06'], [2, '2026-03-11'], [3, '2026-03-16']]);
    expect([h.escalationLevel, h.overdueSince]).toEqual([3, '2026-03-04']);

    t.clock.set('2026-03-16T03:00:00Z');
    comm = await t.login('comm');
    const ent = await t.login('ent');
    await ent.post(`/api/hazards/${id}/submit`, { evidence: [await upload(ent, sampleJpeg('after'))] });
    expect((await comm.post(`/api/hazards/${id}/accept`, {})).statusCode).toBe(200);
    t.clock.set('2026-03-17T02:00:00Z'); // Tuesday: reopened with 2 working days → Thu 03-19
    comm = await t.login('comm');
    const reopened = await comm.post(`/api/hazards/${id}/reopen`, { reason: '复查发现瓷砖再次松动', rectifyDays: 2 });
    h = reopened.json<HazardDetail>();
    expect([h.deadline, h.escalationLevel, h.overdueSince, h.escalations]).toEqual(['2026-03-19', 0, null, []]);
    expect(h.deadlineHistory.map((e) => [e.episode, e.reason, e.dueOn, e.level, e.closedReason])).toEqual([
      [1, 'issue', '2026-03-03', 3, 'closed'], [2, 'reopen', '2026-03-19', -1, null],
    ]);

    const sweep = async (iso: string) => (await hazards.escalateDue(new Date(iso))).steps;
    expect(await sweep('2026-03-19T02:00:00Z')).toBe(0); // due today: not overdue yet
    expect(await sweep('2026-03-20T02:00:00Z')).toBe(1); // Fri: the overdue notice of the new deadline
    expect(await sweep('2026-03-20T08:00:00Z')).toBe(0); // a rerun adds nothing
    h = await show(comm, id);
    expect([h.escalationLevel, h.overdueSince, h.escalations.map((e) => [e.level, e.dueOn])]).toEqual([0, '2026-03-20', [[0, '2026-03-20']]]);
    expect(await sweep('2026-03-23T02:00:00Z')).toBe(0); // Mon: 2 working days after the deadline
    expect(await sweep('2026-03-24T02:00:00Z')).toBe(1); // Tue: 3 working days → the community, level 1 again
    expect(await sweep('2026-03-24T09:00:00Z')).toBe(0);
    h = await show(comm, id);
    expect(h.escalations.map((e) => [e.level, e.unit?.code, e.dueOn])).toEqual([[0, '630102001001001', '2026-03-20'], [1, '630102001001', '2026-03-24']]);
    expect(h.escalationLevel).toBe(1);
    expect(h.deadlineHistory[0]?.steps).toHaveLength(4); // history keeps the first episode's steps
    expect(h.timeline.filter((e) => e.action === 'overdue').map((e) => (e.data as { episode: number }).episode)).toEqual([1, 2]);
    const notes = await t.db.rows<{ kind: string; n: number }>(sql`SELECT kind, count(*)::int AS n FROM notifications
      WHERE object_type = 'hazard' AND object_id = ${id} AND user_id = ${ids.ent}::bigint AND kind IN ('hazard.overdue', 'hazard.escalated') GROUP BY kind ORDER BY kind`);
    expect(notes).toEqual([{ kind: 'hazard.escalated', n: 4 }, { kind: 'hazard.overdue', n: 2 }]);
  });

  it('an extension granted after the overdue notice gives a fresh notice when the new deadline passes', async () => {
    t.clock.set('2026-04-13T02:00:00Z'); // Monday
    let comm = await t.login('comm');
    const h0 = await createIssued(comm, 1, '灭火器压力不足');
    expect(h0.deadline).toBe('2026-04-14');
    const stepsOf = async () => (await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM deadline_steps s JOIN deadline_clocks c ON c.id = s.clock_id
      WHERE c.subject_type = 'hazard' AND c.subject_id = ${h0.id}::bigint`))?.n ?? 0;
    await hazards.escalateDue(new Date('2026-04-15T02:00:00Z'));
    expect(await stepsOf()).toBe(1);
    t.clock.set('2026-04-15T03:00:00Z');
    comm = await t.login('comm');
    const ent = await t.login('ent');
    await ent.post(`/api/hazards/${h0.id}/request-extension`, { extensionDays: 3, reason: '等待灭火器充装' });
    const approved = (await comm.post(`/api/hazards/${h0.id}/approve-extension`, {})).json<HazardDetail>();
    // Three working days after the old deadline (Tue 04-14): Wed 15, Thu 16, Fri 17.
    expect([approved.deadline, approved.overdueSince, approved.escalations]).toEqual(['2026-04-17', null, []]);
    await hazards.escalateDue(new Date('2026-04-17T02:00:00Z'));
    expect(await stepsOf()).toBe(1);
    await hazards.escalateDue(new Date('2026-04-18T02:00:00Z')); // Sat: the fresh overdue notice
    expect(await stepsOf()).toBe(2);
    await hazards.escalateDue(new Date('2026-04-18T03:00:00Z'));
    expect(await stepsOf()).toBe(2);
    const h = await show(comm, h0.id);
    expect([h.overdueSince, h.escalations.map((e) => e.dueOn)]).toEqual(['2026-04-18', ['2026-04-18']]);
    expect(h.deadlineHistory.map((e) => [e.reason, e.dueOn, e.steps.map((s) => s.dueOn)])).toEqual([
      ['issue', '2026-04-14', ['2026-04-15']], ['extension', '2026-04-17', ['2026-04-18']],
    ]);
    const overdueNotes = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications
      WHERE object_type = 'hazard' AND object_id = ${h0.id} AND user_id = ${ids.ent}::bigint AND kind = 'hazard.overdue'`);
    expect(overdueNotes?.n).toBe(2);
  });
});
