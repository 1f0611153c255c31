// import divisions · grids generate · grids check
import path from 'node:path';
import { systemActor } from '../../server/core/access.js';
import { createUnitsService, DEFAULT_TOLERANCE_M2 } from '../../server/modules/units/units.service.js';
import { classifyFiles, readDivisionDir, SourceDirError } from '../../server/modules/units/units.source.js';

export { readDivisionDir };
import type { CoverageReport, CoverageTreeReport, GenerateReport, ImportReport } from '../../common/modules/units/units.contract.js';
import { flag, str, UsageError, type ParsedArgs } from '../args.js';
import { openCli } from '../context.js';
import { progress } from '../progress.js';

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number`);
  return n;
}

const m2 = (a: number) => (a >= 1e6 ? `${(a / 1e6).toFixed(2)} km²` : `${Math.round(a)} m²`);

export function formatImportReport(r: ImportReport): string {
  const out: string[] = [];
  out.push(`Imported ${r.cities.map((c) => `${c.name} (${c.code})`).join(', ')} in ${(r.durationMs / 1000).toFixed(1)} s${r.changed ? '' : ' — nothing changed'}`);
  out.push(`  files: ${r.files.map((f) => `${f.name} ${f.rows}`).join(', ')}`);
  out.push('  level        in files   added  renamed  retired   active');
  for (const lvl of ['province', 'city', 'district', 'street', 'community'] as const) {
    if (r.counts[lvl] === 0 && r.totals[lvl] === 0) continue;
    out.push(`  ${lvl.padEnd(12)} ${String(r.counts[lvl]).padStart(8)} ${String(r.added[lvl]).padStart(7)} ${String(r.renamed[lvl]).padStart(8)} ${String(r.retiredCount[lvl]).padStart(8)} ${String(r.totals[lvl]).padStart(8)}`);
  }
  const by = new Map<string, number>();
  for (const m of r.matchedPolygons) by.set(m.matchedBy, (by.get(m.matchedBy) ?? 0) + 1);
  out.push(`  polygons matched: ${r.matchedPolygons.length} (${[...by].map(([k, v]) => `${v} by ${k}`).join(', ') || 'none'})`);
  for (const p of r.polygonRenames) out.push(`  renamed since the polygon file: ${p.polygonName ?? '?'}${p.polygonId ? ` (${p.polygonId})` : ''} → ${p.unitName} (${p.code}), matched by ${p.matchedBy}`);
  for (const u of r.renamedUnits) out.push(`  renamed: ${u.code} ${u.from} → ${u.to}`);
  out.push(`  unmatched polygons: ${r.unmatchedPolygons.length === 0 ? 'none' : ''}`);
  for (const u of r.unmatchedPolygons) out.push(`    ${u.polygonName ?? '?'}${u.polygonId ? ` (${u.polygonId})` : ''}: ${u.reason}`);
  out.push(`  units without polygon: ${r.withoutPolygon.length === 0 ? 'none' : r.withoutPolygon.map((w) => `${w.code} ${w.name}`).join(', ')}`);
  out.push(`  repaired: ${r.repaired.length === 0 ? 'none' : ''}`);
  for (const x of r.repaired) out.push(`    ${x.code} ${x.name}: ${x.actions.join('; ')}`);
  if (r.keptUserBoundaries.length) out.push(`  user-drawn boundaries kept: ${r.keptUserBoundaries.map((k) => `${k.code} ${k.name}`).join(', ')}`);
  if (r.retired.length) out.push(`  retired: ${r.retired.map((k) => `${k.code} ${k.name}`).join(', ')}`);
  if (r.reactivated) out.push(`  reactivated: ${r.reactivated}`);
  if (r.kindNotes.length) out.push(`  kind read from the name against the code range: ${r.kindNotes.map((k) => `${k.code} ${k.name} → ${k.kind} (code says ${k.byCode ?? 'nothing'})`).join('; ')}`);
  if (r.manualKindsKept.length) out.push(`  corrected kinds kept: ${r.manualKindsKept.map((k) => `${k.code} ${k.kind} (file: ${k.imported})`).join(', ')}`);
  if (r.skippedRows.length) {
    out.push(`  skipped rows: ${r.skippedRows.length}`);
    for (const s of r.skippedRows.slice(0, 20)) out.push(`    ${s.file}:${s.line} ${s.reason}`);
  }
  out.push(`  boundaries changed: ${r.boundariesChanged}`);
  return out.join('\n');
}

export function formatGenerateReport(r: GenerateReport): string {
  const out = [
    `Generated below ${r.unit.name} (${r.unit.code}) with seed ${r.seed} in ${(r.durationMs / 1000).toFixed(1)} s`,
    `  streets: ${r.street.total} (${r.street.changed} changed)   communities: ${r.community.total} (${r.community.changed} changed)`,
    `  grids: ${r.grid.total} (${r.grid.created} new, ${r.grid.changed} changed, ${r.grid.retired} retired, ${r.grid.dedicated} dedicated)`,
    `  urban communities: ${r.urbanCommunities} holding ${r.urbanGrids} grids of ${r.targetMin}–${r.targetMax} households; ${r.estimatedHouseholds} household counts estimated`,
  ];
  for (const s of r.skipped) out.push(`  skipped ${s.code} ${s.name} (${s.level}): ${s.reason}; ${s.descendants} units below it have no boundary`);
  const moved = Object.entries(r.reassigned).filter(([, n]) => n > 0);
  if (moved.length) out.push(`  records re-assigned: ${moved.map(([t, n]) => `${t} ${n}`).join(', ')}`);
  return out.join('\n');
}

export function formatCoverage(c: CoverageReport, tree: CoverageTreeReport): string {
  const out = [
    `Coverage of ${c.unit.name} (${c.unit.code}), tolerance ${c.toleranceM2} m²: ${c.ok && tree.ok ? 'OK' : 'PROBLEMS'}`,
    `  ${c.children} children; area ${c.areaM2 === null ? 'no boundary' : m2(c.areaM2)}, children ${m2(c.childrenAreaM2)}`,
    `  gaps ${c.gaps.length} (${m2(c.gapAreaM2)}), overlaps ${c.overlaps.length} (${m2(c.overlapAreaM2)}), outside ${c.outside.length} (${m2(c.outsideAreaM2)}), without boundary ${c.childrenWithoutBoundary.length}`,
    `  subtree: ${tree.checked} units checked in ${(tree.durationMs / 1000).toFixed(1)} s — ${Object.entries(tree.byLevel).map(([l, v]) => `${l} ${v.checked}${v.withProblems ? ` (${v.withProblems} with problems)` : ''}`).join(', ')}`,
  ];
  for (const p of tree.problems.slice(0, 50)) {
    out.push(`    ${p.code} ${p.name}: gaps ${m2(p.gapAreaM2)}, overlaps ${m2(p.overlapAreaM2)}, outside ${m2(p.outsideAreaM2)}, ${p.childrenWithoutBoundary} of ${p.children} children without boundary`);
  }
  if (tree.problems.length > 50) out.push(`    … ${tree.problems.length - 50} more`);
  return out.join('\n');
}

export async function importDivisions(args: ParsedArgs): Promise<number> {
  const dir = str(args.options, 'dir', true);
  const city = str(args.options, 'city');
  const mapping = str(args.options, 'mapping');
  if (city !== undefined && !/^\d{4}$/.test(city)) throw new UsageError('--city takes a 4-digit city code');
  let files;
  try {
    files = readDivisionDir(dir, mapping);
  } catch (e) {
    if (e instanceof SourceDirError) throw new UsageError(e.message);
    throw e;
  }
  const source = classifyFiles(files, mapping ? `mapping:${path.basename(mapping)}` : undefined);
  const cli = await openCli('import divisions');
  try {
    const svc = createUnitsService(cli.ctx);
    const bar = progress('Importing divisions');
    const report = await svc.importDivisions(systemActor('cli'), source, { ...(city ? { city } : {}), onProgress: (label, done, total) => bar.update(done, total, label) });
    bar.done(`${report.totals.community} communities`);
    console.log(flag(args.options, 'json') ? JSON.stringify(report, null, 2) : formatImportReport(report));
    return 0;
  } finally {
    await cli.close();
  }
}

export async function gridsGenerate(args: ParsedArgs): Promise<number> {
  const unit = str(args.options, 'unit', true);
  const seed = int(str(args.options, 'seed'), 'seed');
  const targetMin = int(str(args.options, 'target-min'), 'target-min');
  const targetMax = int(str(args.options, 'target-max'), 'target-max');
  const cli = await openCli('grids generate');
  try {
    const svc = createUnitsService(cli.ctx);
    const bar = progress('Generating boundaries');
    const report = await svc.generate(systemActor('cli'), {
      unit, ...(seed !== undefined ? { seed } : {}), ...(targetMin !== undefined ? { targetMin } : {}), ...(targetMax !== undefined ? { targetMax } : {}),
      force: flag(args.options, 'force'),
    }, (label, done, total) => bar.update(done, total, label));
    bar.done(`${report.grid.total} grids`);
    console.log(flag(args.options, 'json') ? JSON.stringify(report, null, 2) : formatGenerateReport(report));
    return 0;
  } finally {
    await cli.close();
  }
}

export async function gridsCheck(args: ParsedArgs): Promise<number> {
  const unit = str(args.options, 'unit', true);
  const tolRaw = str(args.options, 'tolerance');
  const tol = tolRaw === undefined ? DEFAULT_TOLERANCE_M2 : Number(tolRaw);
  if (!Number.isFinite(tol) || tol < 0) throw new UsageError('--tolerance takes an area in m²');
  const cli = await openCli('grids check');
  try {
    const svc = createUnitsService(cli.ctx);
    const actor = systemActor('cli');
    const own = await svc.coverage(actor, unit, tol);
    const tree = await svc.coverageTree(actor, unit, tol);
    console.log(flag(args.options, 'json') ? JSON.stringify({ ok: own.ok && tree.ok, coverage: own, tree }, null, 2) : formatCoverage(own, tree));
    return own.ok && tree.ok ? 0 : 4;
  } finally {
    await cli.close();
  }
}
