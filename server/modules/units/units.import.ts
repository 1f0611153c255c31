// Importing the public division lists: units with statistical code, name, level, kind, parent
// and ltree path; district polygons matched by code, an explicit mapping, or the normalized name;
// polygons repaired; the city boundary as the union of its districts. Re-running changes nothing
// unless the files changed: names are updated, new units added, vanished units retired.
import type { Actor } from '../../core/access.js';
import type { ModuleContext } from '../../core/module.js';
import { fieldError } from '../../core/errors.js';
import type { Executor } from '../../db/client.js';
import type { ImportReport, LevelCounts } from '../../../common/modules/units/units.contract.js';
import { normalizeDivisionName, type ImportLevel } from '../../../common/modules/units/units.rules.js';
import type { ParsedSource, SourcePolygon, SourceRow } from './units.source.js';
import { importRepository as repo, type StageRow } from './units.import.repository.js';
import { unitsRepository } from './units.repository.js';

export type ProgressFn = (step: string, done: number, total: number) => void;

const LEVELS: ImportLevel[] = ['province', 'city', 'district', 'street', 'community'];
const DEPTH: Record<ImportLevel, number> = { province: 1, city: 2, district: 3, street: 4, community: 5 };

function zeroCounts(): LevelCounts {
  return { province: 0, city: 0, district: 0, street: 0, community: 0 };
}

function countBy(items: Array<{ level: string }>): LevelCounts {
  const c = zeroCounts();
  for (const i of items) if (i.level in c) c[i.level as keyof LevelCounts]++;
  return c;
}

interface PolygonMatch {
  polygon: SourcePolygon;
  code: string;
  by: 'code' | 'mapping' | 'name' | 'normalized name';
}

/** Matches each polygon to a district: by code, by the mapping file, by name, by normalized name. */
export function matchPolygons(parsed: ParsedSource): { matches: PolygonMatch[]; unmatched: ImportReport['unmatchedPolygons'] } {
  const districts = parsed.rows.filter((r) => r.level === 'district');
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const byName = new Map<string, SourceRow[]>();
  const byNorm = new Map<string, SourceRow[]>();
  for (const d of districts) {
    byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
    const n = normalizeDivisionName(d.name);
    byNorm.set(n, [...(byNorm.get(n) ?? []), d]);
  }
  const others = new Set(parsed.rows.filter((r) => r.level !== 'district').map((r) => r.code));
  const matches: PolygonMatch[] = [];
  const unmatched: ImportReport['unmatchedPolygons'] = [];
  for (const p of parsed.polygons) {
    const miss = (reason: string) => unmatched.push({ file: p.file, polygonName: p.name, polygonId: p.id, reason });
    if (p.id && byCode.has(p.id)) {
      matches.push({ polygon: p, code: p.id, by: 'code' });
      continue;
    }
    const mapped = (p.name ? parsed.mapping.get(p.name) : undefined) ?? (p.id ? parsed.mapping.get(p.id) : undefined);
    if (mapped !== undefined) {
      if (byCode.has(mapped)) matches.push({ polygon: p, code: mapped, by: 'mapping' });
      else miss(`the mapping names ${mapped}, which is not a district in the imported files`);
      continue;
    }
    if (p.id && others.has(p.id)) {
      miss(`polygon of ${p.id}, which is not a district (a city's boundary is the union of its districts)`);
      continue;
    }
    if (p.name) {
      const exact = byName.get(p.name) ?? [];
      if (exact.length === 1 && exact[0]) {
        matches.push({ polygon: p, code: exact[0].code, by: 'name' });
        continue;
      }
      const cands = byNorm.get(normalizeDivisionName(p.name)) ?? [];
      if (cands.length === 1 && cands[0]) {
        matches.push({ polygon: p, code: cands[0].code, by: 'normalized name' });
        continue;
      }
      if (cands.length > 1) {
        miss(`the name matches several districts (${cands.map((c) => `${c.code} ${c.name}`).join(', ')}); add it to the mapping file`);
        continue;
      }
    }
    miss(p.id ? `no district with code ${p.id} or a matching name; add it to the mapping file` : 'no district with a matching name; add it to the mapping file');
  }
  return { matches, unmatched };
}

export async function runImport(ctx: ModuleContext, actor: Actor, parsed: ParsedSource, opts: { onProgress?: ProgressFn } = {}): Promise<ImportReport> {
  const t0 = Date.now();
  const now = ctx.clock.now().toISOString();
  if (parsed.cities.length === 0) throw fieldError('files', 'no city found: cities.csv must list the city (or the --city code is not in it)');
  const progress = opts.onProgress ?? (() => {});
  const totalSteps = 12;
  let step = 0;
  const tick = (label: string) => progress(label, ++step, totalSteps);

  const rows = parsed.rows;
  const stage: StageRow[] = rows.map((r) => ({ code: r.code, name: r.name, short_name: r.shortName, level: r.level, kind: r.kind, parent_code: r.parentCode, depth: DEPTH[r.level] }));
  const { matches, unmatched } = matchPolygons(parsed);
  const nameOf = new Map(rows.map((r) => [r.code, r.name]));

  const report = await ctx.db.tx(async (tx) => {
    await repo.stageUnits(tx, stage);
    tick('staged');
    const added = await repo.added(tx);
    const renamedUnits = await repo.renamed(tx);
    const reactivated = await repo.reactivated(tx);
    const manualKindsKept = await repo.manualKinds(tx);
    tick('compared');

    let written = 0;
    for (const level of LEVELS) {
      written += await repo.upsertDepth(tx, DEPTH[level], now);
      tick(`units: ${level}`);
    }
    let moved = 0;
    for (const level of [...LEVELS, 'grid']) moved += await repo.fixPaths(tx, level);
    if (moved > 0) await repo.refreshLocatedPaths(tx, (await unitsRepository.locatedTables(tx)).map((t) => t.table_name));

    const vanished = await repo.vanished(tx, parsed.cities);
    const retired = await unitsRepository.retireSubtrees(tx, vanished.map((v) => v.id), now);
    tick('retired');

    const polygons = await importPolygons(tx, matches, nameOf);
    tick('polygons');
    const changedDistricts = await unitsRepository.applyBoundaries(tx, repo.stagedGeometries(), { source: 'import', now, by: actor.userId, reason: 'division import' });
    const changedCities = await unitsRepository.applyBoundaries(tx, repo.unionOfChildren(parsed.cities), { source: 'import', now, by: actor.userId, reason: 'union of the districts' });
    const provinces = rows.filter((r) => r.level === 'province').map((r) => r.code);
    const changedProvinces = provinces.length
      ? await unitsRepository.applyBoundaries(tx, repo.unionOfChildren(provinces), { source: 'import', now, by: actor.userId, reason: 'union of the cities' })
      : [];
    tick('boundaries');

    const areaCodes = rows.filter((r) => r.level === 'district' || r.level === 'city').map((r) => r.code);
    const withoutPolygon = await repo.withoutBoundary(tx, areaCodes);
    const totalsRows = await repo.totals(tx, parsed.cities);
    const totals = zeroCounts();
    for (const t of totalsRows) if (t.level in totals) totals[t.level as keyof LevelCounts] = t.n;
    for (const p of provinces) if (p) totals.province++;

    const kindNotes = rows
      .filter((r) => (r.level === 'street' || r.level === 'community') && r.kindByName && r.kind !== r.kindByCode)
      .map((r) => ({ code: r.code, name: r.name, level: r.level, kind: r.kind, byCode: r.kindByCode ?? null }));

    const boundariesChanged = changedDistricts.length + changedCities.length + changedProvinces.length;
    const rep: ImportReport = {
      cities: parsed.cities.map((c) => ({ code: c, name: nameOf.get(c) ?? c })),
      files: parsed.files,
      counts: countBy(rows),
      totals,
      added: countBy(added),
      renamed: countBy(renamedUnits),
      retiredCount: countBy(retired),
      reactivated: reactivated.length,
      renamedUnits,
      polygonRenames: polygons.renames,
      matchedPolygons: polygons.matched,
      unmatchedPolygons: [...unmatched, ...polygons.unmatched],
      withoutPolygon,
      repaired: polygons.repaired,
      keptUserBoundaries: polygons.kept,
      kindNotes,
      manualKindsKept,
      retired: retired.map((r) => ({ code: r.code, name: r.name, level: r.level })),
      skippedRows: parsed.problems,
      boundariesChanged,
      changed: written + moved + retired.length + boundariesChanged > 0,
      durationMs: 0,
    };
    rep.durationMs = Date.now() - t0;
    await repo.recordImport(tx, { at: now, actorId: actor.userId, actorName: actor.username, cities: parsed.cities, report: rep });
    await ctx.audit.write(tx, actor, {
      action: 'unit.import', objectType: 'unit', objectId: parsed.cities.join(','),
      summary: { cities: parsed.cities, added: added.length, renamed: renamedUnits.length, retired: retired.length, reactivated: reactivated.length, boundariesChanged },
    });
    tick('recorded');
    return rep;
  });
  report.durationMs = Date.now() - t0;
  return report;
}

async function importPolygons(tx: Executor, matches: PolygonMatch[], nameOf: Map<string, string>) {
  const renames: ImportReport['polygonRenames'] = [];
  const matched: ImportReport['matchedPolygons'] = [];
  const unmatched: ImportReport['unmatchedPolygons'] = [];
  const repaired: ImportReport['repaired'] = [];
  for (const m of matches) {
    const unitName = nameOf.get(m.code) ?? m.code;
    matched.push({ code: m.code, name: unitName, matchedBy: m.by, polygonName: m.polygon.name, polygonId: m.polygon.id });
    if ((m.polygon.name !== null && m.polygon.name !== unitName) || (m.polygon.id !== null && m.polygon.id !== m.code)) {
      renames.push({ code: m.code, polygonName: m.polygon.name, polygonId: m.polygon.id, unitName, matchedBy: m.by });
    }
  }
  const codes = [...new Set(matches.map((m) => m.code))];
  const kept = codes.length ? await repo.userBoundaries(tx, codes) : [];
  const keptCodes = new Set(kept.map((k) => k.code));
  const staged = matches.filter((m) => !keptCodes.has(m.code)).map((m, i) => ({ code: m.code, ord: i, g: JSON.stringify(m.polygon.geometry) }));
  await repo.stagePolygons(tx, staged);
  const diag = await repo.repairPolygons(tx);
  const actions = new Map<string, string[]>();
  const add = (code: string, a: string) => actions.set(code, [...(actions.get(code) ?? []), a]);
  for (const d of diag) {
    if (d.n1 < d.n0) add(d.code, `removed ${d.n0 - d.n1} repeated points`);
    if (!d.valid) add(d.code, `made valid (${d.reason ?? 'invalid'}${d.location ? ` at ${d.location}` : ''}); ${d.parts} polygonal part(s) kept`);
    if (d.dropped > 0) add(d.code, `dropped ${d.dropped} non-polygonal part(s)`);
    if (d.parts === 0) {
      add(d.code, 'nothing polygonal left after the repair: polygon not used');
      unmatched.push({ file: 'geojson', polygonName: nameOf.get(d.code) ?? null, polygonId: d.code, reason: 'empty after repair' });
    }
  }
  for (const o of await repo.stagedOverlaps(tx)) {
    try {
      await tx.tx(async (sp) => repo.subtractStaged(sp, o.a, o.b));
      add(o.b, `removed ${Math.round(o.area)} m² overlapping ${o.a} ${nameOf.get(o.a) ?? ''}`.trim());
    } catch (e) {
      add(o.b, `overlap of ${Math.round(o.area)} m² with ${o.a} could not be removed: ${(e as Error).message}`);
    }
  }
  for (const [code, list] of actions) repaired.push({ code, name: nameOf.get(code) ?? code, actions: list });
  repaired.sort((a, b) => a.code.localeCompare(b.code));
  return { renames, matched, unmatched, repaired, kept };
}
