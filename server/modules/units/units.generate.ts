// Provisional boundaries: streets inside their district, communities inside their street, grids
// inside their community, by a seeded weighted partition (units.partition.ts) whose pieces are
// parent ∩ box, computed in one statement per level. Urban communities (社区) are split into grids
// of the target household size, villages get one grid, communities of parks one dedicated grid.
import type { Actor } from '../../core/access.js';
import type { ModuleContext } from '../../core/module.js';
import { AppError, fieldError } from '../../core/errors.js';
import type { GenerateReport } from '../../../common/modules/units/units.contract.js';
import { childLevel, gridCode, gridName, type UnitLevel } from '../../../common/modules/units/units.rules.js';
import { orientedRings, partition, readingOrder, type PartitionItem } from './units.partition.js';
import { rng as seededRandom } from '../../../common/random.js';
import { generateRepository as repo, type BoxRow, type GridUpsertRow, type LevelUnitRow } from './units.generate.repository.js';
import { unitsRepository, type UnitRow } from './units.repository.js';
import { reassignLocated } from './units.locate.js';
import type { ProgressFn } from './units.import.js';

export interface GenerateOptions {
  seed: number;
  targetMin: number;
  targetMax: number;
  force: boolean;
  onProgress?: ProgressFn;
}

/** Typical household figures used where a community's count is unknown (then marked estimated). */
export const HOUSEHOLD_ESTIMATES = {
  /** An urban community named …社区 (Xining: 143 communities ≈ 1037 grids of 300–500 households). */
  urbanCommunity: 2800,
  /** A residents' committee (居委会) in a town. */
  residentsCommittee: 1200,
  /** A community of an industrial park (one dedicated grid). */
  parkCommunity: 500,
  village: 250,
  /** A street or township without any community in the list. */
  emptyStreet: 1000,
} as const;

function estimateHouseholds(c: LevelUnitRow, seed: number): number {
  const rnd = seededRandom(`${seed}:households:${c.code}`)();
  const base = c.parent_kind === '园区'
    ? HOUSEHOLD_ESTIMATES.parkCommunity
    : c.kind === '村'
      ? HOUSEHOLD_ESTIMATES.village
      : c.name.includes('社区')
        ? HOUSEHOLD_ESTIMATES.urbanCommunity
        : HOUSEHOLD_ESTIMATES.residentsCommittee;
  return Math.max(10, Math.round((base * (0.75 + 0.5 * rnd)) / 10) * 10);
}

/** How many grids a community gets: one for villages and parks; for 社区 the count that keeps each grid within the target size. */
export function gridCountFor(households: number, targetMin: number, targetMax: number): number {
  const mid = (targetMin + targetMax) / 2;
  let n = Math.max(1, Math.round(households / mid));
  const lo = Math.max(1, Math.ceil(households / targetMax));
  const hi = Math.max(1, Math.floor(households / targetMin));
  if (n < lo) n = lo;
  if (n > hi) n = Math.max(lo, hi);
  return Math.min(n, 999);
}

function parseGeometry(geojson: string | null) {
  if (!geojson) return [];
  return orientedRings(JSON.parse(geojson) as { type: string; coordinates: unknown });
}

export async function runGenerate(ctx: ModuleContext, actor: Actor, unit: UnitRow, opts: GenerateOptions): Promise<GenerateReport> {
  const t0 = Date.now();
  const now = ctx.clock.now().toISOString();
  const progress = opts.onProgress ?? (() => {});
  if (unit.level === 'grid' || unit.level === 'root') throw fieldError('body/unit', 'choose a province, city, district, street or community');
  if (opts.targetMin > opts.targetMax) throw fieldError('body/targetMin', 'must not exceed targetMax');
  if (unit.retired_at) throw fieldError('body/unit', 'the unit is retired');
  if (!opts.force) {
    const edited = await repo.userBoundariesBelow(ctx.db, unit.path);
    if (edited.length > 0) {
      throw new AppError('CONFLICT', `${edited.length} unit(s) below ${unit.code} have boundaries drawn by users; generate with force to replace them`, {
        units: edited.slice(0, 50).map((e) => ({ code: e.code, name: e.name, level: e.level, source: e.boundary_source })),
      });
    }
  }

  // District boundaries come from the import; streets and communities are generated.
  const levels: UnitLevel[] = [];
  for (let l = childLevel(unit.level); l && l !== 'grid'; l = childLevel(l)) if (l === 'street' || l === 'community') levels.push(l);
  const steps = levels.length + 3;
  let step = 0;

  const report: GenerateReport = {
    unit: { code: unit.code, name: unit.name, shortName: unit.short_name, level: unit.level },
    seed: opts.seed, targetMin: opts.targetMin, targetMax: opts.targetMax,
    street: { total: 0, changed: 0 }, community: { total: 0, changed: 0 },
    grid: { total: 0, changed: 0, created: 0, retired: 0, dedicated: 0 },
    urbanCommunities: 0, urbanGrids: 0, estimatedHouseholds: 0, skipped: [], reassigned: {}, durationMs: 0,
  };

  await ctx.db.tx(async (tx) => {
    // 1. Household figures: estimate unknown ones (seeded), then sum them up the tree.
    const communities = await repo.unitsAtLevel(tx, unit.path, 'community', false);
    const estimates: Array<{ id: string; households: number }> = [];
    for (const c of communities) {
      if (c.households === null || c.households_estimated) {
        const h = estimateHouseholds(c, opts.seed);
        report.estimatedHouseholds++;
        if (h !== c.households) estimates.push({ id: c.id, households: h });
        c.households = h;
        c.households_estimated = true;
      }
    }
    await repo.setHouseholds(tx, estimates);
    for (const [lvl, child] of [['street', 'community'], ['district', 'street'], ['city', 'district'], ['province', 'city']] as const) {
      await repo.aggregateHouseholds(tx, unit.path, lvl, child);
    }
    progress('households', ++step, steps);

    const skippedPaths: string[] = [];
    const skip = async (p: LevelUnitRow, reason: string) => {
      const row = await unitsRepository.refByCode(tx, p.code);
      if (!row || skippedPaths.some((s) => row.path.startsWith(s + '.') || row.path === s)) return;
      skippedPaths.push(row.path);
      const n = await repo.countDescendants(tx, row.path);
      report.skipped.push({ code: p.code, name: p.name, level: p.level, reason, descendants: n?.n ?? 0 });
    };

    // 2. Streets and communities, level by level: each parent split among its children.
    for (const level of levels) {
      const parentLevel = level === 'street' ? 'district' : 'street';
      const parents = await repo.unitsAtLevel(tx, unit.path, parentLevel, true);
      const children = await repo.unitsAtLevel(tx, unit.path, level, false);
      const byParent = new Map<string, LevelUnitRow[]>();
      for (const c of children) if (c.parent_id) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c]);
      const boxes: BoxRow[] = [];
      for (const p of parents) {
        const kids = byParent.get(p.id) ?? [];
        if (kids.length === 0) continue;
        const rings = parseGeometry(p.geojson);
        if (rings.length === 0) {
          await skip(p, 'no boundary: nothing generated below it');
          continue;
        }
        const items: PartitionItem[] = kids.map((k) => ({ key: k.code, weight: Math.max(1, k.households ?? HOUSEHOLD_ESTIMATES.emptyStreet) }));
        for (const piece of partition(rings, items, { rng: seededRandom(`${opts.seed}:${p.code}`) })) boxes.push({ code: piece.key, ...piece.box });
      }
      const changed = boxes.length
        ? await unitsRepository.applyBoundaries(tx, repo.piecesOfParents(boxes), { source: 'generated', now, by: actor.userId, reason: `generated (seed ${opts.seed})` })
        : [];
      report[level === 'street' ? 'street' : 'community'] = { total: boxes.length, changed: changed.length };
      progress(`${level} boundaries`, ++step, steps);
    }

    // 3. Grids inside each community.
    const comms = await repo.unitsAtLevel(tx, unit.path, 'community', true);
    const gridRows: GridUpsertRow[] = [];
    const gridBoxes: BoxRow[] = [];
    const processed: string[] = [];
    for (const c of comms) {
      const rings = parseGeometry(c.geojson);
      if (rings.length === 0) {
        await skip(c, 'no boundary: no grids generated');
        continue;
      }
      const households = c.households ?? HOUSEHOLD_ESTIMATES.village;
      const dedicated = c.parent_kind === '园区';
      const urban = c.kind === '社区' && !dedicated;
      const n = urban ? gridCountFor(households, opts.targetMin, opts.targetMax) : 1;
      const items: PartitionItem[] = Array.from({ length: n }, (_, i) => ({ key: String(i), weight: 1 }));
      const pieces = partition(rings, items, { rng: seededRandom(`${opts.seed}:${c.code}`) });
      const area = pieces.reduce((s, p) => s + p.area, 0);
      const cosLat = Math.cos(((pieces[0]?.centroid[1] ?? 0) * Math.PI) / 180);
      const order = readingOrder(pieces.map((p) => p.centroid), Math.sqrt((area * cosLat) / Math.max(1, n)));
      order.forEach((pieceIndex, i) => {
        const piece = pieces[pieceIndex];
        if (!piece) return;
        const seq = i + 1;
        const code = gridCode(c.code, seq);
        gridRows.push({
          code, name: gridName(c.short_name, seq, n, dedicated), kind: dedicated ? '专属网格' : '综合网格', grid_type: dedicated ? 'dedicated' : 'general',
          parent_id: c.id, seq, households: Math.round(households / n), est: c.households_estimated,
        });
        gridBoxes.push({ code, ...piece.box });
      });
      processed.push(c.id);
      if (dedicated) report.grid.dedicated += n;
      if (urban) {
        report.urbanCommunities++;
        report.urbanGrids += n;
      }
    }
    const upserted = await repo.upsertGrids(tx, gridRows, now);
    report.grid.created = upserted.filter((u) => u.inserted).length;
    const extra = processed.length ? await repo.extraGrids(tx, processed, gridRows.map((g) => g.code)) : [];
    const retired = await unitsRepository.retireSubtrees(tx, extra.map((e) => e.id), now);
    report.grid.retired = retired.length;
    const changedGrids = gridBoxes.length
      ? await unitsRepository.applyBoundaries(tx, repo.piecesOfParents(gridBoxes), { source: 'generated', now, by: actor.userId, reason: `generated (seed ${opts.seed})` })
      : [];
    report.grid.total = gridRows.length;
    report.grid.changed = changedGrids.length;
    progress('grids', ++step, steps);

    // 4. Records inside changed or retired grids go to the grid now covering them.
    const affected = [...changedGrids, ...retired.map((r) => r.id)];
    report.reassigned = affected.length ? await reassignLocated(tx, affected) : {};
    report.durationMs = Date.now() - t0;
    await repo.recordGeneration(tx, { unitId: unit.id, at: now, actorId: actor.userId, actorName: actor.username, params: { seed: opts.seed, targetMin: opts.targetMin, targetMax: opts.targetMax, force: opts.force }, report });
    await ctx.audit.write(tx, actor, {
      action: 'grid.generate', objectType: 'unit', objectId: unit.code,
      summary: { seed: opts.seed, streets: report.street.changed, communities: report.community.changed, grids: report.grid.total, created: report.grid.created, changed: report.grid.changed, retired: report.grid.retired },
    });
    progress('recorded', ++step, steps);
  });
  report.durationMs = Date.now() - t0;
  return report;
}
