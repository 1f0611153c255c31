// The Xining hierarchy and its provisional grids through the units module (import of the public
// division files, then grid generation), timed: the generator needs them, and the benchmark
// reports how long they take.
import { systemActor } from '../../core/access.js';
import type { ModuleContext } from '../../core/module.js';
import { sql } from '../../db/client.js';
import { DEMO_SOURCE_DIR } from '../demo.js';
import { createUnitsService } from '../../modules/units/units.service.js';
import { classifyFiles, readDivisionDir } from '../../modules/units/units.source.js';

export interface HierarchyTimings {
  importMs: number;
  generateMs: number;
  units: number;
  grids: number;
}

export async function gridCount(ctx: ModuleContext): Promise<number> {
  const r = await ctx.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE level = 'grid' AND retired_at IS NULL AND geom IS NOT NULL`);
  return r?.n ?? 0;
}

/** Imports the bundled Xining files and generates the grids of every imported city. */
export async function importXining(ctx: ModuleContext, dir = DEMO_SOURCE_DIR): Promise<HierarchyTimings> {
  const units = createUnitsService(ctx);
  const actor = systemActor('scale');
  const t0 = Date.now();
  const report = await units.importDivisions(actor, classifyFiles(readDivisionDir(dir)));
  const t1 = Date.now();
  for (const c of report.cities) await units.generate(actor, { unit: c.code });
  const t2 = Date.now();
  const n = await ctx.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE retired_at IS NULL`);
  return { importMs: t1 - t0, generateMs: t2 - t1, units: n?.n ?? 0, grids: await gridCount(ctx) };
}
