import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { systemActor, type Actor } from '../../core/access.js';
import type { StatsView } from '../../../common/modules/hazards/hazards.contract.js';
import { IN_GRID1, IN_GRID2, seedEnterprise, seedGeoTree } from '../../test/fixtures/hazards.fixtures.js';
import type { HazardsService } from './hazards.service.js';
import type { FilesService } from '../files/files.module.js';
import { sampleJpeg } from '../../test/files.fixtures.js';

let t: TestApp;
let dataDir: string;
let hazards: HazardsService;
let files: FilesService;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sg-stats-'));
  t = await createTestApp({ config: { dataDir } });
  hazards = t.modules.find((m) => typeof (m.service as Partial<HazardsService>).publicStatus === 'function')?.service as HazardsService;
  files = t.modules.find((m) => typeof (m.service as Partial<FilesService>).stripExif === 'function')?.service as FilesService;
  await seedGeoTree(t.db);
  await t.user('dist', 'district_safety_office', '630102');
  await t.user('comm', 'community_official', '630102001001');
  await t.user('ind', 'industry_department', '630102', { industry: 'C' });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The same figures counted directly over the ledger (hazards, their events and the steps of their deadline episodes). */
async function directCount(f: { unitPath: string; from: string; to: string; category?: string; grade?: string; industryPrefix?: string }) {
  const tz = 'Asia/Shanghai';
  const hf = sql`h.unit_path <@ ${f.unitPath}::ltree ${f.category ? sql`AND h.category = ${f.category}` : sql``} ${f.grade ? sql`AND h.grade = ${f.grade}` : sql``}
    ${f.industryPrefix ? sql`AND h.industry_code LIKE ${f.industryPrefix + '%'}` : sql``}`;
  const inRange = (d: ReturnType<typeof sql>) => sql`${d} BETWEEN ${f.from}::date AND ${f.to}::date`;
  const one = async (q: ReturnType<typeof sql>) => (await t.db.one<{ n: number }>(q))?.n ?? 0;
  const ev = (action: string, extra = sql``) => one(sql`SELECT count(*)::int AS n FROM hazard_events e JOIN hazards h ON h.id = e.hazard_id
    WHERE e.action = ${action} AND ${inRange(sql`(e.at AT TIME ZONE ${tz})::date`)} AND ${hf} ${extra}`);
  const esc = (level: number) => one(sql`SELECT count(*)::int AS n FROM deadline_steps x JOIN deadline_clocks c ON c.id = x.clock_id
    JOIN hazards h ON c.subject_type = 'hazard' AND h.id = c.subject_id
    WHERE x.step = ${level} AND ${inRange(sql`x.due_on`)} AND ${hf}`);
  return {
    found: await one(sql`SELECT count(*)::int AS n FROM hazards h WHERE ${inRange(sql`(h.created_at AT TIME ZONE ${tz})::date`)} AND ${hf}`),
    rejected: await ev('reject'),
    rectified: await ev('accept'),
    rectifiedOnTime: await ev('accept', sql`AND (e.data->>'onTime')::boolean`),
    overdue: await esc(0),
    escalated: await esc(1),
    reopened: await ev('reopen'),
  };
}

describe('figures from the aggregates', () => {
  it('equal a direct count over the ledger for the same filters', async () => {
    const sys: Actor = systemActor('test');
    const cats = ['fire', 'gas', 'electrical', 'evacuation'] as const;
    const entC = await seedEnterprise(t.db, { name: '机械厂', at: IN_GRID1, industry: 'C34' });
    const entH = await seedEnterprise(t.db, { name: '饭店', at: IN_GRID2, industry: 'H62' });
    let n = 0;
    // Four weeks of activity; the clock starts late in the evening UTC so that Shanghai days differ from UTC days.
    t.clock.set('2026-03-02T15:30:00Z');
    const made: string[] = [];
    for (let day = 0; day < 20; day++) {
      for (let k = 0; k < 3; k++) {
        n++;
        const major = n % 7 === 0;
        const r = await hazards.create(sys, {
          source: n % 3 === 0 ? 'report' : n % 3 === 1 ? 'inspection' : 'patrol', ...(n % 2 ? IN_GRID1 : IN_GRID2), enterpriseId: n % 2 ? entC : entH,
          category: cats[n % cats.length] ?? 'fire', grade: major ? 'major' : 'general', ...(major ? { majorBasis: '判定标准第三条' } : {}),
          description: `隐患 ${n}`, rectifyDays: n % 4,
        });
        made.push(r.id);
        const h = await hazards.get(sys, r.id);
        if (h.row.state === 'reported') {
          if (n % 5 === 0) await hazards.act(sys, r.id, 'reject', { reason: '不属于隐患' });
          else {
            await hazards.act(sys, r.id, 'confirm', { ...(n % 4 === 0 ? { category: 'gas', grade: 'general' } : {}) });
            await hazards.act(sys, r.id, 'issue', { rectifyDays: 2 });
          }
        }
      }
      // Close some of the earlier ones, some late, and reopen one in a while.
      const older = made[day * 2];
      if (older) {
        const h = await hazards.get(sys, older);
        if (h.row.state === 'rectifying') {
          const photo = await files.store(sys, { data: sampleJpeg('after'), purpose: 'photo' });
          await hazards.act({ ...sys, userId: null }, older, 'submit', { evidence: [photo.id] });
          if (h.row.grade === 'major') {
            await hazards.act(sys, older, 'set_plan', { plan: { objective: 'a', methods: 'b', funds: 'c', organization: 'd', timeLimit: 'e', safetyMeasures: 'f' } });
            // A major hazard closes only once listed for supervision (or its listing waived).
            if (!h.row.listed_at) await hazards.act(sys, older, 'list', {});
          }
          await hazards.act(sys, older, 'accept', {});
          if (day % 6 === 0) await hazards.act(sys, older, 'reopen', { reason: '复发' });
        }
      }
      await hazards.escalateDue(t.clock.now());
      t.clock.advance(24 * 3600_000);
    }
    await hazards.escalateDue(new Date('2026-04-30T02:00:00Z'));

    const dist = await t.login('dist');
    const cases: Array<{ q: string; unitPath: string; from: string; to: string; category?: string; grade?: string }> = [
      { q: 'unit=630102&from=2026-03-01&to=2026-04-30', unitPath: 'root.6301.630102', from: '2026-03-01', to: '2026-04-30' },
      { q: 'unit=630102001001001&from=2026-03-05&to=2026-03-15', unitPath: 'root.6301.630102.630102001.630102001001.630102001001001', from: '2026-03-05', to: '2026-03-15' },
      { q: 'unit=630102001001&from=2026-03-03&to=2026-03-20&category=gas', unitPath: 'root.6301.630102.630102001.630102001001', from: '2026-03-03', to: '2026-03-20', category: 'gas' },
      { q: 'unit=630102&from=2026-03-01&to=2026-04-30&grade=major', unitPath: 'root.6301.630102', from: '2026-03-01', to: '2026-04-30', grade: 'major' },
      { q: 'unit=630103&from=2026-03-01&to=2026-04-30', unitPath: 'root.6301.630103', from: '2026-03-01', to: '2026-04-30' },
    ];
    for (const c of cases) {
      const res = await dist.get(`/api/hazards/stats?${c.q}`);
      expect(res.statusCode).toBe(200);
      const s = res.json<StatsView>();
      const { onTimeRate, ...totals } = s.totals;
      expect({ q: c.q, ...totals }).toEqual({ q: c.q, ...(await directCount(c)) });
      if (totals.rectified > 0) expect(onTimeRate).toBeCloseTo(totals.rectifiedOnTime / totals.rectified, 4);
    }
    const all = await directCount(cases[0] as (typeof cases)[number]);
    expect(all.found).toBe(60);
    expect(all.rejected).toBeGreaterThan(0);
    expect(all.rectified).toBeGreaterThan(0);
    expect(all.overdue).toBeGreaterThan(0);
    expect(all.escalated).toBeGreaterThan(0);
    expect(all.reopened).toBeGreaterThan(0);

    // Grouped by category and by unit, each group equals its direct count.
    const byCat = (await dist.get('/api/hazards/stats?unit=630102&from=2026-03-01&to=2026-04-30&by=category')).json<StatsView>();
    for (const g of byCat.groups) {
      expect(g.found).toBe((await directCount({ unitPath: 'root.6301.630102', from: '2026-03-01', to: '2026-04-30', category: g.key })).found);
    }
    const byUnit = (await dist.get('/api/hazards/stats?unit=630102001001&from=2026-03-01&to=2026-04-30&by=unit')).json<StatsView>();
    expect(byUnit.groups.map((g) => g.key)).toEqual(['630102001001001', '630102001001002']);
    expect(byUnit.groups[0]?.rectified).toBe((await directCount({ unitPath: 'root.6301.630102.630102001.630102001001.630102001001001', from: '2026-03-01', to: '2026-04-30' })).rectified);

    // A district reads its roll-up (whole months and the days of partial ones): the same figures, however grouped.
    const districtCases: Array<{ q: string; from: string; to: string; category?: string; grade?: string }> = [
      { q: 'from=2026-03-05&to=2026-04-10&category=gas', from: '2026-03-05', to: '2026-04-10', category: 'gas' },
      { q: 'from=2026-02-20&to=2026-04-03', from: '2026-02-20', to: '2026-04-03' },
      { q: 'from=2026-03-01&to=2026-03-31&grade=major', from: '2026-03-01', to: '2026-03-31', grade: 'major' },
      { q: 'from=2026-03-11&to=2026-03-11', from: '2026-03-11', to: '2026-03-11' },
    ];
    for (const c of districtCases) {
      const s = (await dist.get(`/api/hazards/stats?unit=630102&${c.q}`)).json<StatsView>();
      const { onTimeRate: _o, ...totals } = s.totals;
      expect({ q: c.q, ...totals }).toEqual({ q: c.q, ...(await directCount({ ...c, unitPath: 'root.6301.630102' })) });
    }
    const byStreet = (await dist.get('/api/hazards/stats?unit=630102&from=2026-03-03&to=2026-04-30&by=unit')).json<StatsView>();
    expect(byStreet.groups.length).toBeGreaterThan(0);
    for (const g of byStreet.groups) {
      const { key: _k, label: _l, onTimeRate: _r2, ...figs } = g;
      expect(figs).toEqual(await directCount({ unitPath: `root.6301.630102.${g.key}`, from: '2026-03-03', to: '2026-04-30' }));
    }
    const byMonth = (await dist.get('/api/hazards/stats?unit=630102&from=2026-03-03&to=2026-04-30&by=month')).json<StatsView>();
    expect(byMonth.groups.length).toBeGreaterThan(0);
    const monthSpan: Record<string, { from: string; to: string }> = { '2026-03': { from: '2026-03-03', to: '2026-03-31' }, '2026-04': { from: '2026-04-01', to: '2026-04-30' } };
    for (const g of byMonth.groups) {
      const span = monthSpan[g.key];
      expect(span).toBeDefined();
      if (span) expect(g.found).toBe((await directCount({ unitPath: 'root.6301.630102', ...span })).found);
    }

    // "Open now" from the counts kept beside the ledger equals a count over it.
    const openDirect = async (unitPath: string, category?: string) => t.db.one(sql`SELECT count(*)::int AS open,
        count(*) FILTER (WHERE state IN ('confirmed', 'rectifying') AND deadline < ${hazards.today()}::date)::int AS overdue,
        count(*) FILTER (WHERE listed_at IS NOT NULL AND delisted_at IS NULL)::int AS listed
      FROM hazards WHERE state IN ('reported', 'confirmed', 'rectifying', 'submitted') AND unit_path <@ ${unitPath}::ltree
        ${category ? sql`AND category = ${category}` : sql``}`);
    const openDistrict = (await dist.get('/api/hazards/stats?unit=630102&from=2026-03-01&to=2026-04-30')).json<StatsView>().openNow;
    expect(openDistrict).toEqual(await openDirect('root.6301.630102'));
    expect(openDistrict.open).toBeGreaterThan(0);
    expect((await dist.get('/api/hazards/stats?unit=630102&from=2026-03-01&to=2026-04-30&category=gas')).json<StatsView>().openNow)
      .toEqual(await openDirect('root.6301.630102', 'gas'));

    // An industry department sees the figures of its industry only.
    const ind = await t.login('ind');
    const indStats = (await ind.get('/api/hazards/stats?unit=630102&from=2026-03-01&to=2026-04-30')).json<StatsView>();
    const { onTimeRate: _r, ...indTotals } = indStats.totals;
    expect(indTotals).toEqual(await directCount({ unitPath: 'root.6301.630102', from: '2026-03-01', to: '2026-04-30', industryPrefix: 'C' }));
    expect(indTotals.found).toBe(30);

    const bad = await dist.get('/api/hazards/stats?unit=630102&from=2026-04-01&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
  }, 300_000); // some three hundred workflow steps: give a busy machine time
});
