// The scale generator gives the same records for the same seed (on two fresh databases), and
// the figures it adds to the aggregate equal a direct count over the ledger.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { seedUnits, type UnitSpec } from '../../../test/factories.js';
import { sql } from '../../../db/client.js';
import { generateScale } from '../generate.js';
import { scaleChecksums } from './checksum.js';
import { naiveFigures } from '../aggregates.js';

/** A city with two districts, four communities and eight square grids in a row. */
export async function seedWorld(app: TestApp): Promise<void> {
  const units: UnitSpec[] = [{ code: '6301', name: '西宁市', level: 'city' }];
  const grids: Array<{ code: string; x: number }> = [];
  let k = 0;
  for (const d of ['630102', '630103']) {
    units.push({ code: d, name: `区${d}`, level: 'district', parent: '6301' });
    const s = `${d}001`;
    units.push({ code: s, name: `街道${s}`, level: 'street', parent: d });
    for (const c of [`${s}001`, `${s}002`]) {
      units.push({ code: c, name: `社区${c}`, level: 'community', kind: '社区', parent: s });
      for (const g of [`${c}001`, `${c}002`]) {
        units.push({ code: g, name: `网格${g}`, level: 'grid', parent: c });
        grids.push({ code: g, x: 101.7 + 0.01 * k++ });
      }
    }
  }
  await seedUnits(app.db, units);
  for (const g of grids) {
    await app.db.rows(sql`UPDATE units SET geom = ST_Multi(ST_MakeEnvelope(${g.x}, 36.6, ${g.x + 0.01}, 36.61, 4326)), households = 400 WHERE code = ${g.code}`);
  }
  for (const level of ['community', 'street', 'district', 'city']) {
    await app.db.rows(sql`UPDATE units p SET geom = (SELECT ST_Multi(ST_Union(c.geom)) FROM units c WHERE c.parent_id = p.id) WHERE p.level = ${level}`);
  }
}

describe('scale generator', () => {
  const sums: Array<Record<string, { rows: number; md5: string }>> = [];
  let app: TestApp | null = null;
  afterAll(async () => {
    await app?.close();
  });

  async function generateOnce(): Promise<void> {
    app = await createTestApp();
    await seedWorld(app);
    const report = await generateScale(app.ctx, { scale: { residents: 2500 }, years: 1, seed: 'determinism', until: '2026-03-01' });
    expect(report.rows.hazards).toBeGreaterThan(300);
    expect(report.rows.hazard_events).toBeGreaterThan(report.rows.hazards!);
    expect(report.rows.inspections).toBeGreaterThan(0);
    expect(report.rows.public_reports).toBeGreaterThan(0);
    sums.push(await scaleChecksums(app.db));

    // The figures added to the aggregate equal the ledger's, for the whole city.
    const agg = await app.db.one<{ found: number; rectified: number; on_time: number; overdue: number; escalated: number; rejected: number }>(sql`
      SELECT sum(found)::int AS found, sum(rectified)::int AS rectified, sum(rectified_on_time)::int AS on_time, sum(overdue)::int AS overdue,
        sum(escalated)::int AS escalated, sum(rejected)::int AS rejected FROM hazard_stats_daily`);
    const naive = await naiveFigures(app.db, { tz: app.ctx.config.timeZone, unitPath: 'root', from: '2000-01-01', to: '2100-01-01', today: '2026-03-01' });
    expect(agg).toEqual({ found: naive.totals.found, rectified: naive.totals.rectified, on_time: naive.totals.rectified_on_time,
      overdue: naive.totals.overdue, escalated: naive.totals.escalated, rejected: naive.totals.rejected });
    expect(naive.totals.found).toBe(report.rows.hazards);

    // A second run on the same database is refused (usernames, codes and sequences would clash).
    await expect(generateScale(app.ctx, { scale: { residents: 100 }, years: 1, seed: 'x' })).rejects.toThrow(/generated here already/);
    await app.close();
    app = null;
  }

  it('generates records whose figures equal the ledger', generateOnce);

  it('writes the same records for the same seed on a second database', async () => {
    await generateOnce();
    expect(sums[1]).toEqual(sums[0]);
    for (const [table, s] of Object.entries(sums[0]!)) expect(s.rows, table).toBeGreaterThan(0);
  });
});
