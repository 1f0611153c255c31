// Places: registration (grid from the location, an override needs a reason), moving (the grid
// follows), the nine-small-place kind suggestion, A/B/C/D grading with its history, per-unit
// grade statistics, the map layer and exports. Reads are scoped in SQL to the actor's subtree,
// industry (through the place's enterprise) or enterprise.
import type { Actor } from '../../core/access.js';
import { can, inScope, pathWithin, require, scopeSql } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { sql, type Executor } from '../../db/client.js';
import { REGISTRY_LIMITS } from '../../../common/modules/registries/registries.contract.js';
import {
  GRADABLE_KINDS, PLACE_KINDS, type CreatePlaceBody, type GradeBody, type GradingStatsQuery, type MapQuery, type PlaceListQuery, type UpdatePlaceBody,
} from '../../../common/modules/places/places.contract.js';
import type { CalculatorsService } from '../calculators/calculators.module.js';
import type { InspectionsService } from '../inspections/inspections.service.js';
import { getEnterpriseRef } from '../enterprises/enterprises.service.js';
import {
  biFieldError, changedFields, issuesError, likePattern, listParam, pointSql, recordHistory, resolvePlacement, riskFilterSql, sealPhone, unitByCode, unitFilterSql, type FieldIssue, type Placement, type PlacementInput,
} from '../registries/registries.shared.js';
import { addDays, daysBetween, localDay } from '../../../common/time.js';
import { insertRow, ts, updateRow, type Row } from '../registries/registries.sql.js';
import { placesRepository as repo, type PlaceFilter, type PlaceRow } from './places.repository.js';

export interface PlaceRef {
  id: string;
  name: string;
  kind: string;
  unitPath: string;
  gridId: string | null;
  location: { lng: number; lat: number } | null;
  industryCode?: string;
  enterpriseId: string | null;
  grade: string | null;
  riskLevel: number | null;
}

/** A place as other modules (inspections, the hazard ledger) need it; no scope check. */
export async function getPlaceRef(db: Executor, id: string): Promise<PlaceRef | null> {
  if (!/^[0-9]{1,19}$/.test(id)) return null;
  const r = await repo.byId(db, id);
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    unitPath: r.unit_path,
    gridId: r.grid_id,
    location: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    ...(r.industry_code ? { industryCode: r.industry_code } : {}),
    enterpriseId: r.enterprise_id,
    grade: r.grade,
    riskLevel: r.risk_level,
  };
}

/** The fields of a place besides its placement, as create and import share them. */
export interface PlaceInput {
  name: string;
  kind: string;
  use: string | null;
  address: string | null;
  areaM2: number | null;
  floors: number | null;
  floor: number | null;
  topFloor: number | null;
  beds: number | null;
  seats: number | null;
  persons: number | null;
  staff: number | null;
  dormStaff: number | null;
  boarding: boolean | null;
  threeInOne: boolean;
  operatorName: string | null;
  operatorPhone: string | null;
  responsibleName: string | null;
  responsiblePhone: string | null;
  tags: string[];
  enterpriseId: string | null;
}


/** Checks that do not need the database. `uses` is the set of place uses of the small-place table. */
export function checkPlaceInput(p: PlaceInput, uses: ReadonlySet<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (p.name.trim() === '') issues.push({ field: 'name', zh: '名称不能为空', en: 'the name is empty' });
  if (p.use !== null && !uses.has(p.use)) issues.push({ field: 'use', zh: `用途“${p.use}”不在九小场所用途表中`, en: `use "${p.use}" is not in the small-place use table` });
  if (p.floor !== null && p.floor === 0) issues.push({ field: 'floor', zh: '楼层不能为 0（地下为负数）', en: 'floor cannot be 0 (basements are negative)' });
  if (p.floor !== null && p.topFloor !== null && p.topFloor < p.floor) issues.push({ field: 'topFloor', zh: '最高楼层低于最低楼层', en: 'the top floor is below the lowest floor' });
  if (p.floors !== null && p.topFloor !== null && p.topFloor > p.floors) issues.push({ field: 'topFloor', zh: '所在楼层高于建筑层数', en: 'the top floor is above the number of floors' });
  const tags = new Set(p.tags);
  if (tags.size > REGISTRY_LIMITS.tagsMax) issues.push({ field: 'tags', zh: `标签最多 ${REGISTRY_LIMITS.tagsMax} 个`, en: `at most ${REGISTRY_LIMITS.tagsMax} tags` });
  return issues;
}

export function placeRow(ctx: Pick<ModuleContext, 'cipher'>, p: PlaceInput, where: Placement, by: string | null, at: Date): Row {
  const op = sealPhone(ctx.cipher, p.operatorPhone);
  const rp = sealPhone(ctx.cipher, p.responsiblePhone);
  return {
    name: p.name.trim(),
    kind: p.kind,
    use: p.use,
    address: p.address,
    area_m2: p.areaM2,
    floors: p.floors,
    floor: p.floor,
    top_floor: p.topFloor,
    beds: p.beds,
    seats: p.seats,
    persons: p.persons,
    staff: p.staff,
    dorm_staff: p.dormStaff,
    boarding: p.boarding,
    three_in_one: p.threeInOne || p.kind === 'three_in_one',
    operator_name: p.operatorName,
    operator_phone_enc: op.enc,
    operator_phone_hash: op.hash,
    operator_phone_masked: op.masked,
    responsible_name: p.responsibleName,
    responsible_phone_enc: rp.enc,
    responsible_phone_hash: rp.hash,
    responsible_phone_masked: rp.masked,
    tags: sql`${`{${[...new Set(p.tags)].map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`,
    enterprise_id: p.enterpriseId,
    location: pointSql(where.location),
    grid_id: where.gridId,
    unit_path: sql`${where.unitPath}::ltree`,
    grid_override: where.override,
    grid_override_reason: where.reason,
    created_by: by,
    created_at: ts(at),
    updated_at: ts(at),
  };
}


export interface PlacesDeps {
  calculators: CalculatorsService;
  /** Raises the follow-up inspection of a place graded D (the inspections module), in the grading's transaction. */
  inspections?: Pick<InspectionsService, 'raiseFollowUp'>;
}

export function createPlacesService(ctx: ModuleContext, deps: PlacesDeps) {
  const { db, audit, clock, config } = ctx;
  const { calculators } = deps;

  const scope = (actor: Actor, perm: 'place.read' | 'place.write' | 'place.grade' | 'registry.export') =>
    scopeSql(actor, perm, { path: sql`p.unit_path`, industry: sql`e.industry_code`, enterprise: sql`p.enterprise_id` });
  const target = (r: Pick<PlaceRow, 'unit_path' | 'industry_code' | 'enterprise_id'>) => ({ path: r.unit_path, industryCode: r.industry_code, enterpriseId: r.enterprise_id });

  async function uses(): Promise<Set<string>> {
    return new Set((await calculators.table('small-places')).uses.map((u) => u.id));
  }

  async function visible(actor: Actor, id: string): Promise<PlaceRow> {
    require(actor, 'place.read');
    const r = await repo.byId(db, id);
    if (!r || !inScope(actor, 'place.read', target(r))) throw notFound('place');
    return r;
  }

  async function enterpriseFor(actor: Actor, id: string | null | undefined, field: string) {
    if (id === null || id === undefined) return null;
    const e = await getEnterpriseRef(db, id);
    if (!e) throw biFieldError(field, `企业 ${id} 不存在`, `no enterprise ${id}`);
    return e;
  }

  async function filters(q: { unit?: string; kind?: string; grade?: string; risk?: string; q?: string; enterpriseId?: string; status?: string; bbox?: string }): Promise<PlaceFilter> {
    const unit = await unitFilterSql(db, sql`p.unit_path`, q.unit);
    const f: PlaceFilter = { unit: unit.sql };
    const kinds = listParam(q.kind, PLACE_KINDS, 'query/kind');
    if (kinds) f.kinds = kinds;
    const grades = listParam(q.grade, ['A', 'B', 'C', 'D'] as const, 'query/grade', ['none']);
    if (grades) f.grades = grades;
    f.risk = riskFilterSql(sql`p.risk_level`, q.risk);
    if (q.q) f.q = likePattern(q.q);
    if (q.enterpriseId) f.enterpriseId = q.enterpriseId;
    if (q.status) f.status = q.status;
    if (q.bbox) {
      const b = q.bbox.split(',').map(Number) as [number, number, number, number];
      if (b.some((x) => !Number.isFinite(x)) || b[0] > b[2] || b[1] > b[3]) throw biFieldError('query/bbox', '范围应为 最小经度,最小纬度,最大经度,最大纬度', 'minLng,minLat,maxLng,maxLat expected');
      f.bbox = b;
    }
    return f;
  }

  function inputOf(body: CreatePlaceBody): PlaceInput {
    return {
      name: body.name,
      kind: body.kind,
      use: body.use ?? null,
      address: body.address ?? null,
      areaM2: body.areaM2 ?? null,
      floors: body.floors ?? null,
      floor: body.floor ?? null,
      topFloor: body.topFloor ?? null,
      beds: body.beds ?? null,
      seats: body.seats ?? null,
      persons: body.persons ?? null,
      staff: body.staff ?? null,
      dormStaff: body.dormStaff ?? null,
      boarding: body.boarding ?? null,
      threeInOne: body.threeInOne ?? false,
      operatorName: body.operatorName ?? null,
      operatorPhone: body.operatorPhone ?? null,
      responsibleName: body.responsibleName ?? null,
      responsiblePhone: body.responsiblePhone ?? null,
      tags: body.tags ?? [],
      enterpriseId: body.enterpriseId ?? null,
    };
  }

  function inputFromRow(r: PlaceRow): PlaceInput {
    return {
      name: r.name,
      kind: r.kind,
      use: r.use,
      address: r.address,
      areaM2: r.area_m2 === null ? null : Number(r.area_m2),
      floors: r.floors,
      floor: r.floor,
      topFloor: r.top_floor,
      beds: r.beds,
      seats: r.seats,
      persons: r.persons,
      staff: r.staff,
      dormStaff: r.dorm_staff,
      boarding: r.boarding,
      threeInOne: r.three_in_one,
      operatorName: r.operator_name,
      operatorPhone: null,
      responsibleName: r.responsible_name,
      responsiblePhone: null,
      tags: r.tags ?? [],
      enterpriseId: r.enterprise_id,
    };
  }

  function checkWriteScope(actor: Actor, where: { unitPath: string }, industryCode: string | null, enterpriseId: string | null) {
    if (!inScope(actor, 'place.write', { path: where.unitPath, industryCode, enterpriseId })) {
      throw new AppError('OUT_OF_SCOPE', `The place would be in ${where.unitPath}, outside your area`);
    }
  }

  return {
    async list(actor: Actor, q: PlaceListQuery) {
      require(actor, 'place.read');
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.list(db, scope(actor, 'place.read'), await filters(q), { ...(after ? { afterId: String(after[0]) } : {}), limit: limit + 1 });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    async exportRows(actor: Actor, q: PlaceListQuery) {
      require(actor, 'registry.export');
      require(actor, 'place.read');
      const rows = await repo.list(db, scope(actor, 'place.read'), await filters(q), { limit: REGISTRY_LIMITS.exportRowsMax });
      await db.tx((tx) => audit.write(tx, actor, { action: 'place.export', objectType: 'place', summary: { rows: rows.length, filters: { ...q, cursor: undefined } } }));
      return rows;
    },

    async map(actor: Actor, q: MapQuery) {
      require(actor, 'place.read');
      const max = REGISTRY_LIMITS.mapFeaturesMax;
      const rows = await repo.mapFeatures(db, scope(actor, 'place.read'), await filters(q), max + 1);
      return { rows: rows.slice(0, max), truncated: rows.length > max };
    },

    get: visible,

    async kindSuggestion(r: PlaceRow) {
      if (!r.use || !(await uses()).has(r.use)) return null;
      const input = {
        use: r.use,
        ...(r.area_m2 !== null ? { areaM2: Number(r.area_m2) } : {}),
        ...(r.beds !== null ? { beds: r.beds } : {}),
        ...(r.seats !== null ? { seats: r.seats } : {}),
        ...(r.persons !== null ? { persons: r.persons } : {}),
        ...(r.staff !== null ? { staff: r.staff } : {}),
        ...(r.dorm_staff !== null ? { dormStaff: r.dorm_staff } : {}),
        ...(r.floor !== null ? { floor: r.floor } : {}),
        ...(r.top_floor !== null ? { topFloor: r.top_floor } : {}),
        ...(r.boarding !== null ? { boarding: r.boarding } : {}),
      };
      try {
        return await calculators.compute.smallPlace(input);
      } catch {
        return null;
      }
    },

    abilities(actor: Actor, r: PlaceRow) {
      const t = target(r);
      return {
        edit: can(actor, 'place.write') && inScope(actor, 'place.write', t),
        grade: GRADABLE_KINDS.includes(r.kind) && can(actor, 'place.grade') && inScope(actor, 'place.grade', t),
        assessRisk: can(actor, 'risk.assess') && inScope(actor, 'risk.assess', t),
        overrideGrid: can(actor, 'place.write') && inScope(actor, 'place.write', t),
      };
    },

    async create(actor: Actor, body: CreatePlaceBody) {
      require(actor, 'place.write');
      const input = inputOf(body);
      const issues = checkPlaceInput(input, await uses());
      if (issues.length > 0) throw issuesError(issues);
      const enterprise = await enterpriseFor(actor, body.enterpriseId, 'body/enterpriseId');
      const where = await resolvePlacement(db, body, { requireLocation: true });
      checkWriteScope(actor, where, enterprise?.industryCode ?? null, enterprise?.id ?? null);
      const at = clock.now();
      const id = await db.tx(async (tx) => {
        const newId = await insertRow(tx, 'places', placeRow(ctx, input, where, actor.userId, at));
        await audit.write(tx, actor, {
          action: 'place.create', objectType: 'place', objectId: newId,
          summary: { name: input.name, kind: input.kind, grid: where.unitCode, ...(where.override ? { gridOverride: { grid: where.unitCode, reason: where.reason } } : {}) },
        });
        return newId;
      });
      const row = await repo.byId(db, id);
      if (!row) throw new Error('place vanished');
      return row;
    },

    async update(actor: Actor, id: string, body: UpdatePlaceBody) {
      require(actor, 'place.write');
      const cur = await visible(actor, id);
      if (!inScope(actor, 'place.write', target(cur))) throw new AppError('OUT_OF_SCOPE');
      const before = inputFromRow(cur);
      const pick = <T,>(v: T | null | undefined, old: T | null): T | null => (v === undefined ? old : v);
      const next: PlaceInput = {
        name: body.name ?? before.name,
        kind: body.kind ?? before.kind,
        use: pick(body.use, before.use),
        address: pick(body.address, before.address),
        areaM2: pick(body.areaM2, before.areaM2),
        floors: pick(body.floors, before.floors),
        floor: pick(body.floor, before.floor),
        topFloor: pick(body.topFloor, before.topFloor),
        beds: pick(body.beds, before.beds),
        seats: pick(body.seats, before.seats),
        persons: pick(body.persons, before.persons),
        staff: pick(body.staff, before.staff),
        dormStaff: pick(body.dormStaff, before.dormStaff),
        boarding: pick(body.boarding, before.boarding),
        threeInOne: body.threeInOne ?? before.threeInOne,
        operatorName: pick(body.operatorName, before.operatorName),
        operatorPhone: body.operatorPhone ?? null,
        responsibleName: pick(body.responsibleName, before.responsibleName),
        responsiblePhone: body.responsiblePhone ?? null,
        tags: body.tags ?? before.tags,
        enterpriseId: pick(body.enterpriseId, before.enterpriseId),
      };
      const issues = checkPlaceInput(next, await uses());
      if (issues.length > 0) throw issuesError(issues);
      const enterprise = body.enterpriseId !== undefined ? await enterpriseFor(actor, body.enterpriseId, 'body/enterpriseId') : await getEnterpriseRef(db, cur.enterprise_id ?? '');

      // Placement: a new location re-locates (and ends an override unless a grid is chosen again);
      // a chosen grid overrides (with a reason); gridCode null ends an override.
      let where: Placement | null = null;
      if (body.location !== undefined || body.gridCode !== undefined) {
        const curLoc = cur.lng === null || cur.lat === null ? null : { lng: Number(cur.lng), lat: Number(cur.lat) };
        const p: PlacementInput = {
          location: body.location !== undefined ? body.location : curLoc,
          gridCode: body.gridCode ?? null,
          ...(body.gridOverrideReason !== undefined ? { gridOverrideReason: body.gridOverrideReason } : {}),
        };
        where = await resolvePlacement(db, p, { requireLocation: true });
      }
      checkWriteScope(actor, where ?? { unitPath: cur.unit_path }, enterprise?.industryCode ?? null, enterprise?.id ?? null);

      const at = clock.now();
      const row: Row = {};
      const full = placeRow(ctx, next, where ?? { location: null, gridId: cur.grid_id, unitPath: cur.unit_path, unitCode: '', unitName: '', override: cur.grid_override, reason: cur.grid_override_reason }, actor.userId, at);
      const set = (col: string) => {
        row[col] = full[col] ?? null;
      };
      const map: Record<string, string[]> = {
        name: ['name'], kind: ['kind', 'three_in_one'], use: ['use'], address: ['address'], areaM2: ['area_m2'], floors: ['floors'], floor: ['floor'],
        topFloor: ['top_floor'], beds: ['beds'], seats: ['seats'], persons: ['persons'], staff: ['staff'], dormStaff: ['dorm_staff'], boarding: ['boarding'],
        threeInOne: ['three_in_one'], operatorName: ['operator_name'], responsibleName: ['responsible_name'], tags: ['tags'], enterpriseId: ['enterprise_id'],
        operatorPhone: ['operator_phone_enc', 'operator_phone_hash', 'operator_phone_masked'],
        responsiblePhone: ['responsible_phone_enc', 'responsible_phone_hash', 'responsible_phone_masked'],
      };
      for (const [k, cols] of Object.entries(map)) if ((body as Record<string, unknown>)[k] !== undefined) cols.forEach(set);
      if (body.status !== undefined) row.status = body.status;
      if (where) Object.assign(row, { location: full.location, grid_id: where.gridId, unit_path: full.unit_path, grid_override: where.override, grid_override_reason: where.reason });
      row.updated_at = ts(at);

      const diff = changedFields(
        { ...before, operatorPhone: undefined, responsiblePhone: undefined, status: cur.status },
        { ...next, operatorPhone: undefined, responsiblePhone: undefined, status: body.status ?? cur.status },
      );
      await db.tx(async (tx) => {
        await updateRow(tx, 'places', id, row);
        await audit.write(tx, actor, {
          action: 'place.update', objectType: 'place', objectId: id,
          summary: {
            ...diff,
            ...(body.operatorPhone !== undefined ? { operatorPhone: 'changed' } : {}),
            ...(body.responsiblePhone !== undefined ? { responsiblePhone: 'changed' } : {}),
            ...(where ? { location: where.location, grid: [cur.grid_code, where.unitCode], ...(where.override ? { gridOverride: { reason: where.reason } } : {}) } : {}),
          },
        });
      });
      const updated = await repo.byId(db, id);
      if (!updated) throw new Error('place vanished');
      return updated;
    },

    async grade(actor: Actor, id: string, body: GradeBody) {
      require(actor, 'place.grade');
      const cur = await visible(actor, id);
      if (!inScope(actor, 'place.grade', target(cur))) throw new AppError('OUT_OF_SCOPE');
      if (!GRADABLE_KINDS.includes(cur.kind)) {
        throw new AppError('UNPROCESSABLE', `Only small places are graded A/B/C/D; this place is ${cur.kind}`, { fields: [{ field: 'params/id', message: 'not a small place' }] });
      }
      const result = await calculators.compute.placeGrade(body.inputs);
      const final = body.grade ?? result.grade;
      const at = clock.now();
      const on = localDay(at, config.timeZone);
      const gradeId = await db.tx(async (tx) => {
        const g = await repo.insertGrade(tx, {
          placeId: id, from: cur.grade, to: final, rubricGrade: result.grade, on, at: at.toISOString(), rubricId: result.rubric.id, rubricVersion: result.rubric.version,
          inputs: result.inputs, scores: result.criteria, total: result.total, reason: body.reason, by: actor.userId,
        });
        if (!g) throw new Error('insert failed');
        await repo.setGrade(tx, id, final, on, at.toISOString());
        await audit.write(tx, actor, {
          action: 'place.grade', objectType: 'place', objectId: id,
          summary: { from: cur.grade, to: final, rubricGrade: result.grade, total: result.total, rubric: `${result.rubric.id} v${result.rubric.version}`, reason: body.reason },
        });
        if (final === 'D' && cur.grade !== 'D' && deps.inspections) {
          const days = Math.max(1, Math.min(30, result.inspectionIntervalDays));
          await deps.inspections.raiseFollowUp(tx, actor, {
            placeId: id, name: cur.name, kind: cur.kind, enterpriseId: cur.enterprise_id, industryCode: cur.industry_code, gridId: cur.grid_id, unitPath: cur.unit_path,
            dueDate: addDays(on, days), reason: { zh: `${cur.name} 定为 D 级（${body.reason}）`, en: `${cur.name} graded D (${body.reason})` },
          });
        }
        return g.id;
      });
      const record = await repo.gradeById(db, gradeId);
      if (!record) throw new Error('grade vanished');
      return { record, result };
    },

    async grades(actor: Actor, id: string) {
      await visible(actor, id);
      return repo.gradesOf(db, id);
    },

    async history(actor: Actor, id: string) {
      await visible(actor, id);
      return recordHistory(db, 'place', id);
    },

    async stats(actor: Actor, q: GradingStatsQuery) {
      require(actor, 'place.read');
      if (q.from > q.to) throw biFieldError('query/from', '开始日期晚于结束日期', 'the period starts after it ends');
      if (daysBetween(q.from, q.to) > 3660) throw biFieldError('query/to', '统计期间超过十年', 'the period is longer than ten years');
      const unitF = await unitFilterSql(db, sql`p.unit_path`, q.unit);
      const kinds = listParam(q.kind, PLACE_KINDS, 'query/kind')?.filter((k) => GRADABLE_KINDS.includes(k)) ?? [...GRADABLE_KINDS];
      const snaps = await repo.gradeSnapshots(db, scope(actor, 'place.read'), { unit: unitF.sql, kinds, from: q.from, to: q.to, timeZone: config.timeZone });
      const empty = () => ({ A: 0, B: 0, C: 0, D: 0, none: 0 });
      const atStart = empty();
      const atEnd = empty();
      const trans = new Map<string, { from: 'A' | 'B' | 'C' | 'D' | null; to: 'A' | 'B' | 'C' | 'D'; count: number }>();
      // "下级单位": the units one level below the unit asked for — or below the actor's own unit when
      // the one asked for (by default the root) lies above it — and only those the actor may see.
      const grantPaths = actor.grants.filter((g) => g.permissions.includes('place.read')).map((g) => g.unitPath);
      const sees = (path: string) => grantPaths.some((g) => g === 'root' || pathWithin(path, g));
      let root = unitF.unit ?? (await unitByCode(db, 'root')) ?? null;
      if (root && !sees(root.path)) {
        const r = root;
        const inner = actor.grants.filter((g) => g.permissions.includes('place.read') && g.unitPath.startsWith(r.path + '.'));
        const own = new Set(inner.map((g) => g.unitCode));
        root = own.size === 1 ? (await unitByCode(db, inner[0]?.unitCode ?? '')) ?? root : root;
      }
      const children = root ? (await repo.childUnits(db, root.path)).filter((c) => sees(c.path)) : [];
      const byUnit = children.map((c) => ({ code: c.code, name: c.name, path: c.path, atEnd: empty() }));
      const remainingD: Array<{ id: string; name: string; kind: string; grid: { code: string; name: string } | null; dSince: string; daysInD: number }> = [];
      for (const s of snaps) {
        const sg = (s.start_grade ?? 'none') as keyof ReturnType<typeof empty>;
        const eg = (s.end_grade ?? 'none') as keyof ReturnType<typeof empty>;
        atStart[sg]++;
        atEnd[eg]++;
        const child = byUnit.find((c) => s.unit_path === c.path || s.unit_path.startsWith(c.path + '.'));
        if (child) child.atEnd[eg]++;
        if (s.end_grade && s.end_grade !== s.start_grade) {
          const key = `${s.start_grade ?? '-'}>${s.end_grade}`;
          const t = trans.get(key) ?? { from: s.start_grade as 'A' | null, to: s.end_grade as 'A', count: 0 };
          t.count++;
          trans.set(key, t);
        }
        if (s.end_grade === 'D') {
          const since = s.end_since ?? q.to;
          remainingD.push({ id: s.id, name: s.name, kind: s.kind, grid: s.grid_code && s.grid_name ? { code: s.grid_code, name: s.grid_name } : null, dSince: since, daysInD: daysBetween(since, q.to) });
        }
      }
      remainingD.sort((a, b) => b.daysInD - a.daysInD || Number(a.id) - Number(b.id));
      const order = (g: string | null) => (g === null ? -1 : ['A', 'B', 'C', 'D'].indexOf(g));
      return {
        unit: unitF.unit ? { code: unitF.unit.code, name: unitF.unit.name } : null,
        from: q.from,
        to: q.to,
        atStart,
        atEnd,
        transitions: [...trans.values()].sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to)),
        byUnit: byUnit.map(({ code, name, atEnd: e }) => ({ code, name, atEnd: e })),
        remainingD,
      };
    },

    today: () => localDay(clock.now(), config.timeZone),
    addDays,
    uses,
  };
}
export type PlacesService = ReturnType<typeof createPlacesService>;
