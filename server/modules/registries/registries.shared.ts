// What the registry modules share: placing a record in a grid (by location or by a chosen grid,
// an override needing a reason), personal-data columns (encrypted, hashed, masked), turning rule
// problems into field errors, list-filter parsing, local dates, and record history from the audit log.
import { sql, toIso, type Executor, type SQL } from '../../db/client.js';
import { AppError } from '../../core/errors.js';
import type { FieldCipher } from '../../core/crypto.js';
import { locatePoint } from '../units/units.locate.js';
import { maskIdNumber, maskPhone } from '../../../common/rules/id-number.js';
import type { RuleError } from '../../../common/rules/rule-types.js';
import { RISK_COLOURS } from '../../../common/modules/registries/registries.contract.js';

// ---------------------------------------------------------------------------------------------
// Placement

export interface PlacementInput {
  location?: { lng: number; lat: number } | null;
  gridCode?: string | null;
  gridOverrideReason?: string;
}

export interface Placement {
  location: { lng: number; lat: number } | null;
  gridId: string | null;
  unitPath: string;
  unitCode: string;
  unitName: string;
  override: boolean;
  reason: string | null;
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
}

export async function unitByCode(db: Executor, code: string): Promise<UnitRow | undefined> {
  return db.one<UnitRow>(sql`SELECT id, code, name, level, path::text AS path FROM units WHERE code = ${code} AND retired_at IS NULL`);
}

/**
 * Resolves where a record goes. With a location and no chosen grid: the grid covering the point
 * (none → OUTSIDE_JURISDICTION). With a chosen grid and a location: an override, which needs a
 * reason. With a chosen grid and no location: that grid. `anyUnit` lets the chosen unit be of any
 * level (organizations belong to streets and communities too).
 */
/** A 400 naming one field, with the message in both languages. */
export function biFieldError(field: string, zh: string, en: string, code = 'invalid'): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${en}`, { fields: [{ field, message: en, code }], problems: [{ field, code, zh, en }] });
}

export async function resolvePlacement(
  db: Executor,
  input: PlacementInput,
  opts: { requireLocation?: boolean; anyUnit?: boolean; prefix?: string; codeField?: string } = {},
): Promise<Placement> {
  const prefix = opts.prefix ?? 'body';
  const codeField = opts.codeField ?? 'gridCode';
  const loc = input.location ?? null;
  if (loc && (!Number.isFinite(loc.lng) || !Number.isFinite(loc.lat))) throw biFieldError(`${prefix}/location`, '经纬度必须是数字', 'longitude and latitude must be numbers');
  if (opts.requireLocation && !loc) throw biFieldError(`${prefix}/location`, '请填写位置（经纬度）', 'a location (longitude, latitude) is required', 'location.required');
  if (input.gridCode) {
    const unit = await unitByCode(db, input.gridCode);
    if (!unit || (!opts.anyUnit && unit.level !== 'grid')) {
      throw opts.anyUnit
        ? biFieldError(`${prefix}/${codeField}`, `单位编码 ${input.gridCode} 不存在`, `unknown unit ${input.gridCode}`, 'unit.unknown')
        : biFieldError(`${prefix}/${codeField}`, `${input.gridCode} 不是网格编码`, `${input.gridCode} is not a grid`, 'grid.unknown');
    }
    const reason = input.gridOverrideReason?.trim() ?? '';
    if (loc && reason.length < 2) {
      throw biFieldError(`${prefix}/gridOverrideReason`, '指定的网格与位置所在网格不同时须说明原因', 'choosing a grid other than the one the location falls in needs a reason', 'grid.reason_required');
    }
    return {
      location: loc,
      gridId: unit.level === 'grid' ? unit.id : null,
      unitPath: unit.path,
      unitCode: unit.code,
      unitName: unit.name,
      override: loc !== null,
      reason: reason === '' ? null : reason,
    };
  }
  if (!loc) throw biFieldError(`${prefix}/location`, `请填写位置或选择${opts.anyUnit ? '单位' : '网格'}`, `give a location or choose a ${opts.anyUnit ? 'unit' : 'grid'}`, 'location.required');
  const found = await locatePoint(db, loc.lng, loc.lat);
  if (!found) {
    throw new AppError('OUTSIDE_JURISDICTION', `The location ${loc.lng}, ${loc.lat} is in no grid of this jurisdiction`, {
      fields: [{ field: `${prefix}/location`, message: 'the point lies in no grid', code: 'location.outside' }],
      problems: [{ field: `${prefix}/location`, code: 'location.outside', zh: '该位置不在本辖区任何网格内', en: 'the point lies in no grid' }],
    });
  }
  return { location: loc, gridId: found.gridId, unitPath: found.path, unitCode: found.gridCode, unitName: found.gridName, override: false, reason: null };
}

export interface BatchLocated {
  gridId: string;
  code: string;
  name: string;
  path: string;
}

/** Places many points with one query (same rule as locatePoint: the smallest covering grid code). */
export async function locatePoints(db: Executor, points: Array<{ lng: number; lat: number }>): Promise<Array<BatchLocated | null>> {
  if (points.length === 0) return [];
  const lngs = `{${points.map((p) => p.lng).join(',')}}`;
  const lats = `{${points.map((p) => p.lat).join(',')}}`;
  const rows = await db.rows<{ i: string; id: string | null; code: string | null; name: string | null; path: string | null }>(sql`
    SELECT p.i::text AS i, g.id, g.code, g.name, g.path
    FROM unnest(${lngs}::float8[], ${lats}::float8[]) WITH ORDINALITY AS p(lng, lat, i)
    LEFT JOIN LATERAL (
      SELECT u.id, u.code, u.name, u.path::text AS path FROM units u
      WHERE u.level = 'grid' AND u.retired_at IS NULL AND ST_Covers(u.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))
      ORDER BY u.code LIMIT 1
    ) g ON true`);
  const out: Array<BatchLocated | null> = points.map(() => null);
  for (const r of rows) {
    const idx = Number(r.i) - 1;
    if (r.id && r.code && r.name && r.path) out[idx] = { gridId: r.id, code: r.code, name: r.name, path: r.path };
  }
  return out;
}

/** SQL for a point column value (NULL when no location). */
export function pointSql(loc: { lng: number; lat: number } | null): SQL {
  return loc ? sql`ST_SetSRID(ST_MakePoint(${loc.lng}::float8, ${loc.lat}::float8), 4326)` : sql`NULL`;
}

/** Columns every located row is read with (alias `t`, grid unit alias `g`). */
export const placementCols = (t: string) => sql.raw(
  `ST_X(${t}.location) AS lng, ST_Y(${t}.location) AS lat, ${t}.grid_id, ${t}.unit_path::text AS unit_path, ${t}.grid_override, ${t}.grid_override_reason`,
);

export interface PlacementRow {
  lng: number | null;
  lat: number | null;
  grid_id: string | null;
  grid_code: string | null;
  grid_name: string | null;
  unit_path: string;
  grid_override: boolean;
  grid_override_reason: string | null;
}

export function presentPlacement(r: PlacementRow) {
  return {
    location: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    grid: r.grid_id && r.grid_code && r.grid_name ? { id: r.grid_id, code: r.grid_code, name: r.grid_name } : null,
    gridOverride: r.grid_override,
    gridOverrideReason: r.grid_override_reason,
  };
}

// ---------------------------------------------------------------------------------------------
// Personal data

export interface SealedValue {
  enc: Buffer | null;
  hash: string | null;
  masked: string | null;
}

export function normalizePhone(p: string): string {
  return p.replace(/[\s()-]/g, '');
}

export function sealPhone(cipher: FieldCipher, phone: string | null | undefined): SealedValue {
  if (phone === null || phone === undefined || phone.trim() === '') return { enc: null, hash: null, masked: null };
  const v = phone.trim();
  return { enc: cipher.encrypt(v), hash: cipher.lookupHash(normalizePhone(v)), masked: maskPhone(v) };
}

export function sealIdNumber(cipher: FieldCipher, id: string | null | undefined): SealedValue {
  if (id === null || id === undefined || id.trim() === '') return { enc: null, hash: null, masked: null };
  const v = id.trim().toUpperCase();
  return { enc: cipher.encrypt(v), hash: cipher.lookupHash(v), masked: maskIdNumber(v) };
}

export function openSealed(cipher: FieldCipher, enc: Buffer | null): string | null {
  return enc ? cipher.decrypt(Buffer.from(enc)) : null;
}

// ---------------------------------------------------------------------------------------------
// Rule problems → field errors

export interface LocalizedProblem {
  field: string;
  code: string;
  zh: string;
  en: string;
}

/** A 400 that names the field and says, in both languages, what is wrong. */
export function ruleFieldError(field: string | ((e: RuleError) => string), errors: readonly RuleError[]): AppError {
  const problems: LocalizedProblem[] = errors.map((e) => ({ field: typeof field === 'string' ? field : field(e), code: e.code, zh: e.message.zh, en: e.message.en }));
  return new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.en}`).join('; '), {
    fields: problems.map((p) => ({ field: p.field, message: p.en, code: p.code })),
    problems: problems,
  });
}

export interface FieldIssue {
  /** Field name without the `body/` prefix. */
  field: string;
  zh: string;
  en: string;
  code?: string;
}

/** A 400 for problems found by the service's own checks, in both languages. */
export function issuesError(issues: readonly FieldIssue[], prefix = 'body'): AppError {
  const problems: LocalizedProblem[] = issues.map((i) => ({ field: `${prefix}/${i.field}`, code: i.code ?? 'invalid', zh: i.zh, en: i.en }));
  return new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.en}`).join('; '), {
    fields: problems.map((p) => ({ field: p.field, message: p.en, code: p.code })),
    problems: problems,
  });
}

// ---------------------------------------------------------------------------------------------
// Filters

/** "a,b , c" → ['a','b','c'] limited to allowed values (unknown → 400 naming the parameter). */
export function listParam<T extends string>(raw: string | undefined, allowed: readonly T[], field: string, extra: readonly string[] = []): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = parts.filter((p) => !(allowed as readonly string[]).includes(p) && !extra.includes(p));
  if (bad.length > 0) throw biFieldError(field, `无效的取值：${bad.join('、')}`, `unknown value(s) ${bad.join(', ')}; allowed: ${[...allowed, ...extra].join(', ')}`);
  return parts;
}

/** risk=red,orange,none → SQL over a risk_level column. */
export function riskFilterSql(col: SQL, raw: string | undefined, field = 'query/risk'): SQL {
  const parts = listParam(raw, RISK_COLOURS, field, ['none']);
  if (!parts) return sql``;
  const levels = parts.filter((p) => p !== 'none').map((p) => (RISK_COLOURS as readonly string[]).indexOf(p) + 1);
  const conds: SQL[] = [];
  if (levels.length > 0) conds.push(sql`${col} = ANY(${`{${levels.join(',')}}`}::smallint[])`);
  if (parts.includes('none')) conds.push(sql`${col} IS NULL`);
  return sql`AND (${sql.join(conds, sql` OR `)})`;
}

export async function unitFilterSql(db: Executor, col: SQL, code: string | undefined, field = 'query/unit'): Promise<{ sql: SQL; unit: UnitRow | null }> {
  if (!code) return { sql: sql``, unit: null };
  const u = await unitByCode(db, code);
  if (!u) throw biFieldError(field, `单位编码 ${code} 不存在`, `unknown unit ${code}`, 'unit.unknown');
  return { sql: sql`AND ${col} <@ ${u.path}::ltree`, unit: u };
}

export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** ILIKE pattern for a user's "contains" search with % and _ taken literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A `date` column value as 'YYYY-MM-DD' (PGlite and pg return text; pg may give a Date). */
export function dateText(v: string | Date | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v.slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// History

export async function recordHistory(db: Executor, objectType: string, objectId: string, limit = 200) {
  const rows = await db.rows<{ at: string; action: string; actor_name: string | null; summary: Record<string, unknown> }>(sql`
    SELECT at, action, actor_name, summary FROM audit_log
    WHERE object_type = ${objectType} AND object_id = ${objectId} ORDER BY id DESC LIMIT ${limit}`);
  return rows.map((r) => ({ at: toIso(r.at) ?? '', action: r.action, actor: r.actor_name, summary: r.summary ?? {} }));
}

/** Old → new of the named non-personal fields that changed. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(after)) {
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = [a, b];
  }
  return out;
}

export function numOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Batch placement (imports)

export interface BatchPlacementInput {
  location: { lng: number; lat: number } | null;
  gridCode: string | null;
  reason: string | null;
}

export type BatchPlacement = { ok: true; where: Placement } | { ok: false; field: string; zh: string; en: string };

/** resolvePlacement for many rows with two queries (grid codes, then points). */
export async function resolvePlacements(db: Executor, inputs: BatchPlacementInput[], opts: { requireLocation?: boolean } = {}): Promise<BatchPlacement[]> {
  const codes = [...new Set(inputs.map((i) => i.gridCode).filter((c): c is string => c !== null))];
  const units = new Map<string, UnitRow>();
  if (codes.length > 0) {
    const rows = await db.rows<UnitRow>(sql`SELECT id, code, name, level, path::text AS path FROM units
      WHERE code = ANY(${textArray(codes)}::text[]) AND retired_at IS NULL`);
    for (const u of rows) units.set(u.code, u);
  }
  const toLocate = inputs.map((i, idx) => ({ i, idx })).filter((x) => x.i.gridCode === null && x.i.location !== null);
  const located = await locatePoints(db, toLocate.map((x) => x.i.location as { lng: number; lat: number }));
  const byIdx = new Map<number, BatchLocated | null>();
  toLocate.forEach((x, k) => byIdx.set(x.idx, located[k] ?? null));
  return inputs.map((i, idx): BatchPlacement => {
    if (opts.requireLocation && !i.location) return { ok: false, field: 'lng', zh: '缺少经纬度', en: 'longitude and latitude are required' };
    if (i.gridCode !== null) {
      const u = units.get(i.gridCode);
      if (!u || u.level !== 'grid') return { ok: false, field: 'gridCode', zh: `“${i.gridCode}”不是网格编码`, en: `${i.gridCode} is not a grid code` };
      if (i.location && (i.reason ?? '').trim().length < 2) {
        return { ok: false, field: 'gridOverrideReason', zh: '指定的网格与经纬度所在网格不同时需填写原因', en: 'choosing a grid other than the located one needs a reason' };
      }
      return { ok: true, where: { location: i.location, gridId: u.id, unitPath: u.path, unitCode: u.code, unitName: u.name, override: i.location !== null, reason: i.reason } };
    }
    if (!i.location) return { ok: false, field: 'lng', zh: '请填写经纬度或网格编码', en: 'give longitude and latitude or a grid code' };
    const g = byIdx.get(idx) ?? null;
    if (!g) return { ok: false, field: 'lng', zh: `经纬度 ${i.location.lng}, ${i.location.lat} 不在本辖区任何网格内`, en: `${i.location.lng}, ${i.location.lat} is in no grid of this jurisdiction` };
    return { ok: true, where: { location: i.location, gridId: g.gridId, unitPath: g.path, unitCode: g.code, unitName: g.name, override: false, reason: null } };
  });
}

export const PHONE_RE = /^[0-9+()\s-]{3,32}$/;
